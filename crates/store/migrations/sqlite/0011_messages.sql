-- Messages (SPEC R6.3, issue 12 §2): direct, group and coop threads. Bodies are sealed under the
-- key of the day they expire (day_keys, issue 12 §3); titles under the field key (R8.2). Every
-- message carries its own expiry, fixed when it is sent (its own, else the thread's, else the
-- author's default); nothing expired is served, and the purge deletes it.
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'group', 'coop')),
    title BLOB,
    coop_id TEXT,
    expiry_days BIGINT,
    created_at BIGINT NOT NULL,
    last_at BIGINT
);
CREATE INDEX threads_coop ON threads (coop_id);

CREATE TABLE thread_members (
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('invited', 'active')),
    -- Messages sent before this moment count as read.
    read_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (thread_id, account_id)
);
CREATE INDEX thread_members_account ON thread_members (account_id);

CREATE TABLE messages (
    -- The order of sending (two messages may share a second); \`id\` is the public one.
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    body BLOB NOT NULL,
    sent_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, sent_at);
CREATE INDEX messages_expiry ON messages (expires_at);
