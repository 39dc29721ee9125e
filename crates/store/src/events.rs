//! Security events counted in the database so that restarts and several processes share the
//! count (SPEC R2.9, R9.3): login failures, buyer sign-ups. The subject is a keyed hash (never a
//! pseudonym or an address); events are purged after 30 days (R8.3).

use crate::{exec, on_db, Result, Store};

pub const LOGIN_FAILURE: &str = "login_failure";
pub const SIGNUP: &str = "signup";
pub const POW_SOLVED: &str = "pow_solved";

impl Store {
    pub async fn record_event(&self, kind: &str, subject: &[u8], at: i64) -> Result<()> {
        exec!(
            self,
            "INSERT INTO security_events (kind, subject, at) VALUES ($1, $2, $3)",
            kind,
            subject,
            at
        );
        Ok(())
    }

    /// Number of events of `kind` for `subject` at or after `since`, and the latest one's time.
    pub async fn count_events(
        &self,
        kind: &str,
        subject: &[u8],
        since: i64,
    ) -> Result<(i64, Option<i64>)> {
        on_db!(self, read, |pool| {
            Ok(sqlx::query_as(
                "SELECT COUNT(*), MAX(at) FROM security_events \
                 WHERE kind = $1 AND subject = $2 AND at >= $3",
            )
            .bind(kind)
            .bind(subject)
            .bind(since)
            .fetch_one(pool)
            .await?)
        })
    }

    pub async fn clear_events(&self, kind: &str, subject: &[u8]) -> Result<()> {
        exec!(
            self,
            "DELETE FROM security_events WHERE kind = $1 AND subject = $2",
            kind,
            subject
        );
        Ok(())
    }

    /// Records an event only if none with this kind and subject exists: `false` when one did
    /// (used to accept each proof-of-work solution once).
    pub async fn record_event_once(&self, kind: &str, subject: &[u8], at: i64) -> Result<bool> {
        let n = exec!(
            self,
            "INSERT INTO security_events (kind, subject, at) SELECT $1, $2, $3 \
             WHERE NOT EXISTS (SELECT 1 FROM security_events WHERE kind = $1 AND subject = $2)",
            kind,
            subject,
            at
        );
        Ok(n == 1)
    }
}
