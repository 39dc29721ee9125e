-- Look-alike pseudonyms (SPEC R2.2): the UTS #39 confusable skeleton of each account's
-- canonical pseudonym. SQL cannot compute it, so rows that existed before this migration are
-- filled in from Rust when the store opens (`accounts::skeletons`); a deleted account's is its
-- tombstone id, which no pseudonym can equal (R2.11).
ALTER TABLE accounts ADD COLUMN skeleton TEXT;
-- Not unique: an import may bring two accounts that look alike, and both keep working. A new
-- account is checked against it under a lock (`accounts::insert_account`).
CREATE INDEX accounts_skeleton ON accounts (skeleton);
