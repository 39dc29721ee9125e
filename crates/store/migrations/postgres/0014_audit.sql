-- The audit log of privileged actions (SPEC R7.10; API.md `GET /api/audit`): who (an account
-- key, shown as its pseudonym while the account exists; none for the operator's command line
-- and the server's jobs), in which role, what, on what kind of object, when. Never a rating
-- value or a message text. Append-only: the database itself refuses updates and deletes.
-- No foreign key: a deleted account's rows stay as they are (its pseudonym is not shown).
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    role TEXT NOT NULL CHECK (role IN ('member', 'security', 'disputes', 'governance',
        'moderator', 'operator')),
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
