-- Buddies, check-ins, PINs and alarms (SPEC R6.6, R6.7). Every time is Unix seconds from the
-- application's clock, never the database server's.
-- (SQLite: AUTOINCREMENT, so that an id of a deleted check-in is never reused by another.)

-- One-way: `buddy_id` watches over `seller_id` once she accepts (state 'active').
CREATE TABLE buddies (
    seller_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    buddy_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'active')),
    PRIMARY KEY (seller_id, buddy_id),
    CHECK (seller_id <> buddy_id)
);
CREATE INDEX buddies_buddy ON buddies (buddy_id, state);

-- "On watch" until a time (R6.7).
CREATE TABLE buddy_watch (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    until_at BIGINT NOT NULL
);

-- The check-in and duress PINs: two Argon2id hashes in random order; which is which (and
-- whether each is set) is sealed in `roles`, so a copy of the database cannot tell (R6.6).
CREATE TABLE checkin_pins (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    slot_a TEXT NOT NULL,
    slot_b TEXT NOT NULL,
    roles BLOB NOT NULL
);

-- An open check-in (one per seller); deleted when it ends, with its sealed note (R6.6).
-- `missed` is set by the watcher's claim, exactly once; `claim` names that claim.
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    due_at BIGINT NOT NULL,
    extensions_left BIGINT NOT NULL,
    note BLOB,
    buyer BLOB,
    missed BOOLEAN NOT NULL DEFAULT FALSE,
    claim BIGINT,
    -- Wrong PINs given for it: past a few, only the duress PIN still ends it (R6.6).
    pin_failures BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX checkins_due ON checkins (due_at) WHERE NOT missed;
CREATE INDEX checkins_claim ON checkins (claim);

-- Alarms to the seller's buddies: a missed check-in, panic, or the duress PIN. The note and
-- buyer are the sealed ones of the check-in that was open.
CREATE TABLE alarms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('missed_checkin', 'panic', 'duress')),
    checkin_id BIGINT,
    note BLOB,
    buyer BLOB,
    raised_at BIGINT NOT NULL,
    checked_in_late_at BIGINT,
    acknowledged_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    closed_at BIGINT
);
CREATE INDEX alarms_seller ON alarms (seller_id, closed_at);
CREATE INDEX alarms_checkin ON alarms (checkin_id);
CREATE INDEX alarms_closed ON alarms (closed_at);
