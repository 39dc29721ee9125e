-- The audit log of privileged actions (SPEC R7.10; API.md `GET /api/audit`): who (an account
-- key, shown as its pseudonym while the account exists; none for the operator's command line
-- and the server's jobs), in which role, what, on what kind of object, when. Never a rating
-- value or a message text. Append-only: triggers refuse updates and deletes.
-- No foreign key: a deleted account's rows stay as they are (its pseudonym is not shown).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    role TEXT NOT NULL CHECK (role IN ('member', 'security', 'disputes', 'governance',
        'moderator', 'operator')),
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
