-- The two-person actions beside exclusions and emergency changes (SPEC R7.9).

-- A suspension after a membership vote (R7.8; charter 9.5: rare, seller-voted, temporary with a
-- review date): the account cannot sign in, and a member is not in good standing, through
-- `until_day`. The vote that decided it is kept as its proposal.
CREATE TABLE account_suspensions (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    until_day TEXT NOT NULL,
    proposal_seq BIGINT REFERENCES proposals (seq) ON DELETE SET NULL
);

-- A reputation restore (charter 18.6): a deleted account's holder asked for a restore code when
-- she deleted it; only its SHA-256 is kept (128 random bits: no salt needed against guessing),
-- with the tombstone it leads to. Used once, by two Dispute Resolution Committee members.
CREATE TABLE restore_codes (
    code_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE
);

-- The membership vote a petition took a dispute to (R7.8): the proposal opened with it.
ALTER TABLE disputes ADD COLUMN vote_proposal TEXT;

-- Every kind of request the two-person rule covers (R7.9).
ALTER TABLE approvals DROP CONSTRAINT approvals_kind_check;
ALTER TABLE approvals ADD CONSTRAINT approvals_kind_check CHECK (kind IN ('emergency',
    'exclusion', 'suspension', 'restore', 'dissolution'));
