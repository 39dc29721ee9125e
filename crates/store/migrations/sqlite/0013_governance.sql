-- Governance (SPEC §7; API.md "Governance"): members' standing (R7.1), proposals and their
-- comments (R7.2), the frozen voter roll and the ballot box (R7.3), recall petitions and
-- election candidacies (R7.7).

-- The Governance committee's record per member (R7.1): "paid through YYYY-MM" or "waived", and
-- a suspension after a vote. No amount and no payment data.
CREATE TABLE member_standing (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    paid_through TEXT,
    waived BOOLEAN NOT NULL DEFAULT FALSE,
    suspended BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_on TEXT NOT NULL
);

CREATE TABLE proposals (
    seq INTEGER PRIMARY KEY,
    -- The API's opaque id (a random token).
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('operational', 'structural', 'algorithm',
        'constitutional', 'election', 'recall', 'rollback')),
    title TEXT NOT NULL,
    specification TEXT NOT NULL,
    rationale TEXT NOT NULL,
    risks TEXT NOT NULL,
    alternatives TEXT NOT NULL,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- algorithm: the complete new parameter set (JSON); rollback: the version restored.
    params TEXT,
    restore_version BIGINT,
    -- election: the committee and its seats; recall: the member recalled.
    committee TEXT CHECK (committee IN ('security', 'disputes', 'governance')),
    seats BIGINT,
    member_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- The emergency change this vote confirms or reverts (R7.5), if any.
    emergency_of BIGINT,
    opened_on TEXT NOT NULL,
    vote_from TEXT NOT NULL,
    vote_until TEXT NOT NULL,
    -- The first second of the vote and the first second after it (application clock).
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('comment', 'voting', 'closed')),
    electorate BIGINT,
    roll_fingerprint TEXT,
    -- The impact preview of an algorithm proposal (JSON), recomputed when the vote opens.
    impact TEXT,
    -- The published result (JSON) once closed.
    result TEXT
);
CREATE INDEX proposals_due ON proposals (phase, opens_at, closes_at);

CREATE TABLE proposal_comments (
    seq INTEGER PRIMARY KEY,
    proposal_seq BIGINT NOT NULL REFERENCES proposals (seq) ON DELETE CASCADE,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    on_day TEXT NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_seq, seq);

-- Election candidacies and recall signatures (R7.7). Who signed a petition is never shown.
CREATE TABLE proposal_candidates (
    proposal_seq BIGINT NOT NULL REFERENCES proposals (seq) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (proposal_seq, account_id)
) WITHOUT ROWID;
CREATE TABLE proposal_signatures (
    proposal_seq BIGINT NOT NULL REFERENCES proposals (seq) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (proposal_seq, account_id)
) WITHOUT ROWID;

-- The roll frozen when the vote opens (R7.2, R7.3): one random token per member in good
-- standing, written at once in token order, never changed while the vote runs. `voted` is set
-- for the whole roll at once when the vote closes (from the ballots' voter tags).
CREATE TABLE voter_roll (
    proposal_seq BIGINT NOT NULL REFERENCES proposals (seq) ON DELETE CASCADE,
    token TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    voted BOOLEAN,
    PRIMARY KEY (proposal_seq, token)
) WITHOUT ROWID;
CREATE INDEX voter_roll_account ON voter_roll (account_id, proposal_seq);

-- The ballot box (R7.3), apart from the roll: a random receipt, the choice, and a voter tag
-- (HMAC of the voter under the vote's own key) that refuses a second ballot. No timestamp, no
-- serial. The vote's key is shredded at the close, so no tag can be linked to a voter after it;
-- the close rewrites the box in receipt order (PostgreSQL: VACUUM FULL), so no page layout
-- keeps the order of casting.
CREATE TABLE ballots (
    proposal_seq BIGINT NOT NULL REFERENCES proposals (seq) ON DELETE CASCADE,
    receipt TEXT NOT NULL,
    voter_tag BLOB,
    choice TEXT NOT NULL,
    PRIMARY KEY (proposal_seq, receipt)
) WITHOUT ROWID;
CREATE UNIQUE INDEX ballots_voter ON ballots (proposal_seq, voter_tag);

-- One key per open vote, wrapped by the master key; deleted at the close.
CREATE TABLE ballot_keys (
    proposal_seq BIGINT PRIMARY KEY REFERENCES proposals (seq) ON DELETE CASCADE,
    wrapped BLOB NOT NULL
);

-- A passed proposal enacts one parameter version, once, whichever process closes it (R7.4).
CREATE UNIQUE INDEX param_versions_proposal ON param_versions (source)
    WHERE source LIKE 'proposal:%';
