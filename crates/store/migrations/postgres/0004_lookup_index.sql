-- A lookup reads everything it needs of the account from this index (issue 4, R3.2): an
-- index-only scan where the visibility map allows.
CREATE INDEX accounts_lookup ON accounts (pseudonym, account_type, deleted) INCLUDE (id, display_name, created_on);
