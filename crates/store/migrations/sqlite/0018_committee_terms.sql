-- Committee terms (SPEC R7.7): an elected member's seat ends on its own day (one year after it
-- began); interim members named by the operator have none (NULL) and serve until an election of
-- their committee closes. Every elected term is kept, so a fourth consecutive candidacy can be
-- refused.
ALTER TABLE committee_members ADD COLUMN term_ends TEXT;

CREATE TABLE committee_terms (
    committee TEXT NOT NULL CHECK (committee IN ('security', 'disputes', 'governance')),
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (committee, account_id, starts_on)
);

CREATE INDEX committee_members_term_ends ON committee_members (term_ends);
