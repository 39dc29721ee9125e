-- Safety alerts and their disputes (SPEC R6.4, R6.5; API.md "Safety alerts").
--
-- An alert's text is sealed under the key of its last live day (day_keys, issue 12 §3), so the
-- purge's shredding of that key makes it unreadable the moment the alert stops being live; a
-- dispute's context under the same day. `poster_id` is kept for anonymous alerts too: the
-- coop's moderators (or the Dispute Resolution Committee) still see who posted (R6.4).
CREATE TABLE alerts (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The API's opaque id (a random token).
    id TEXT NOT NULL UNIQUE,
    -- NULL: the whole collective.
    coop_id BIGINT REFERENCES coops (id) ON DELETE CASCADE,
    poster_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    flags TEXT NOT NULL,
    buyer_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    text BYTEA,
    anonymous BOOLEAN NOT NULL,
    posted_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    -- The first moment the alert is no longer live: the start (UTC) of `expires_on`.
    expires_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('live', 'withdrawn')),
    disputed BOOLEAN NOT NULL DEFAULT FALSE,
    -- The last decision; NULL while none was made since the last dispute.
    outcome TEXT CHECK (outcome IN ('upheld', 'withdrawn', 'poster_suspended', 'escalated')),
    decided_at BIGINT,
    -- Escalated to the Dispute Resolution Committee (R6.5, R7.8): its queue keeps it.
    escalated BOOLEAN NOT NULL DEFAULT FALSE
);
-- The lookup's probe (R6.4): the live alerts naming one buyer, one index read.
CREATE INDEX alerts_buyer ON alerts (buyer_id, state, expires_at);
CREATE INDEX alerts_coop ON alerts (coop_id, expires_at);
CREATE INDEX alerts_poster ON alerts (poster_id);
CREATE INDEX alerts_expiry ON alerts (expires_at);

-- One dispute per member and alert.
CREATE TABLE alert_disputes (
    alert_seq BIGINT NOT NULL REFERENCES alerts (seq) ON DELETE CASCADE,
    disputer_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('inaccurate', 'personal_dispute',
        'competitive_suppression', 'revenge', 'personal_data', 'other')),
    context BYTEA,
    filed_on TEXT NOT NULL,
    PRIMARY KEY (alert_seq, disputer_id)
);
CREATE INDEX alert_disputes_disputer ON alert_disputes (disputer_id);

-- Sellers the Dispute Resolution Committee suspended from posting collective alerts (R6.5); in
-- a coop, suspension is the coop's own state `suspended`.
CREATE TABLE alert_posting_bans (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    since TEXT NOT NULL
);
