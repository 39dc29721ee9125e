-- Coops (SPEC R6.2) and the committee roster (R7.8; API.md "Seller network").

-- A coop. `public_id` is the opaque id of the API (a random token): the integer key never
-- leaves the store, so ids say nothing about how many coops exist (no catalogue, R6.2).
CREATE TABLE coops (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regional', 'agency', 'vertical', 'private')),
    scope TEXT,
    anonymous_alerts BOOLEAN NOT NULL,
    min_member_days BIGINT NOT NULL CHECK (min_member_days BETWEEN 0 AND 90),
    created_on TEXT NOT NULL
);

-- One row per seller and coop: her state in it. The primary key is what keeps two processes
-- from inviting the same seller twice; every change of state is one conditional statement.
-- `since` is the day she entered her state (for a member: the day she became one, which
-- suspension and reinstatement keep, so `min_member_days` counts from it).
CREATE TABLE coop_members (
    coop_id INTEGER NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('invited', 'pending', 'member', 'suspended', 'left')),
    moderator BOOLEAN NOT NULL DEFAULT FALSE,
    since TEXT NOT NULL,
    -- She left while suspended: only a moderator may invite her back, so leaving does not
    -- undo a suspension (R6.2).
    left_suspended BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (coop_id, account_id)
);
CREATE INDEX coop_members_account ON coop_members (account_id, state);

-- A moderator's request link: only the token's hash is stored.
CREATE TABLE coop_links (
    token_hash BLOB PRIMARY KEY,
    coop_id INTEGER NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX coop_links_expiry ON coop_links (expires_at);
CREATE INDEX coop_links_creator ON coop_links (created_by);

-- The committees' members, named by the operator until governance elects them.
CREATE TABLE committee_members (
    committee TEXT NOT NULL CHECK (committee IN ('security', 'disputes', 'governance')),
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    since TEXT NOT NULL,
    PRIMARY KEY (committee, account_id)
);

-- Every change of the roster, append-only: who acted (the operator's command line), what, on
-- whom (the account's key, not its pseudonym: a deleted account's name is gone, R2.11), when.
-- No address is recorded.
CREATE TABLE committee_audit (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    committee TEXT NOT NULL CHECK (committee IN ('security', 'disputes', 'governance')),
    account_id INTEGER NOT NULL
);

CREATE TRIGGER committee_audit_no_update BEFORE UPDATE ON committee_audit
BEGIN
    SELECT RAISE(ABORT, 'committee_audit is append-only');
END;

CREATE TRIGGER committee_audit_no_delete BEFORE DELETE ON committee_audit
BEGIN
    SELECT RAISE(ABORT, 'committee_audit is append-only');
END;
