-- Accounts, sessions, invitations, recovery and security events (SPEC §2).
-- Every column here is one the charter allows (9.3): no contact data, no IP, no device data.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    -- canonical pseudonym (R2.2); after deletion a tombstone id that no pseudonym can equal (R2.11)
    pseudonym TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    account_type TEXT NOT NULL CHECK (account_type IN ('seller', 'buyer')),
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_on TEXT NOT NULL,
    password_hash TEXT,
    totp_secret BLOB,
    totp_last_step BIGINT,
    recovery_email_hash TEXT,
    language TEXT,
    min_trust REAL,
    min_ratings BIGINT,
    unknown_is_below BOOLEAN NOT NULL DEFAULT FALSE,
    message_expiry_days BIGINT NOT NULL DEFAULT 30
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE invitations (
    token_hash BLOB PRIMARY KEY,
    created_by INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invitations_creator ON invitations (created_by);

CREATE TABLE recovery_codes (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE recovery_tokens (
    token_hash BLOB PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);

-- Login failures, sign-ups and the like: counted here so that restarts and several server
-- processes share the count (R9.3). `subject` is a keyed hash, never a pseudonym or address.
CREATE TABLE security_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject BLOB NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX security_events_lookup ON security_events (kind, subject, at);
