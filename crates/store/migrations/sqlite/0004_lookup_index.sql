-- A lookup reads everything it needs of the account from this index (issue 4, R3.2): one
-- B-tree instead of the pseudonym index plus the table, fewer pages in the hot set at a
-- million buyers.
CREATE INDEX accounts_lookup ON accounts (pseudonym, account_type, deleted, id, display_name, created_on);
