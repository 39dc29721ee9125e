-- Disputes (SPEC R7.8; API.md "Disputes and the two-person rule"): cases, their panels, and
-- the ratings a case excluded from every score.
--
-- A party's context is sealed with the store's key ("dispute-context"): the operator reading
-- the database does not read it. Deleting an account clears the contexts she gave (R2.11).
CREATE TABLE disputes (
    seq INTEGER PRIMARY KEY,
    -- The API's opaque id (a random token).
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('appeal', 'report', 'alert')),
    opened_by BIGINT NOT NULL REFERENCES accounts (id),
    -- The buyer concerned (an appeal: himself; a report: the buyer; an alert: the one named).
    buyer_id BIGINT REFERENCES accounts (id),
    alert_seq BIGINT REFERENCES alerts (seq) ON DELETE SET NULL,
    context BLOB,
    stage TEXT NOT NULL CHECK (stage IN ('mediation', 'arbitration', 'membership_vote', 'closed')),
    -- The day the current stage began: its deadline is counted from it.
    stage_since TEXT NOT NULL,
    outcome TEXT CHECK (outcome IN ('no_change', 'ratings_excluded')),
    opened_on TEXT NOT NULL
);
CREATE INDEX disputes_buyer ON disputes (buyer_id);
-- One case per alert: a second escalation of the same alert is a conflict.
CREATE UNIQUE INDEX disputes_alert ON disputes (alert_seq) WHERE kind = 'alert';

-- The arbitration panel: three members of the Dispute Resolution Committee, none a party.
CREATE TABLE dispute_panel (
    dispute_seq BIGINT NOT NULL REFERENCES disputes (seq) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (dispute_seq, member_id)
);
CREATE INDEX dispute_panel_member ON dispute_panel (member_id);

-- Ratings a case excluded from all scores (R7.8, two-person rule R7.9): moved here out of
-- `ratings` in the transaction that took them off the buyer's counters, so no score, count or
-- lookup reads them, and the same seller, buyer and day cannot be rated again.
CREATE TABLE excluded_ratings (
    seller_id BIGINT NOT NULL REFERENCES accounts (id),
    buyer_id BIGINT NOT NULL REFERENCES accounts (id),
    day TEXT NOT NULL,
    safe BOOLEAN,
    reliable BOOLEAN,
    verified BOOLEAN NOT NULL,
    dispute_seq BIGINT NOT NULL REFERENCES disputes (seq),
    excluded_on TEXT NOT NULL,
    PRIMARY KEY (seller_id, buyer_id, day)
);
CREATE INDEX excluded_ratings_buyer ON excluded_ratings (buyer_id);

-- The petition that takes a case from arbitration to a membership vote (R7.8: 10 members).
-- Who signed is never shown; one signature per member and case.
CREATE TABLE dispute_signatures (
    dispute_seq BIGINT NOT NULL REFERENCES disputes (seq) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (dispute_seq, account_id)
);
