//! Security events counted in the database so that restarts and several processes share the
//! count (SPEC R2.9, R9.3): login failures, buyer sign-ups. The subject is a keyed hash (never a
//! pseudonym or an address); events are purged after 30 days (R8.3).

use crate::{Result, Store};

pub const LOGIN_FAILURE: &str = "login_failure";
pub const SIGNUP: &str = "signup";
pub const POW_SOLVED: &str = "pow_solved";

impl Store {
    pub async fn record_event(&self, kind: &str, subject: &[u8], at: i64) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO security_events (kind, subject, at) VALUES ($1, $2, $3)",
                &[kind.into(), subject.into(), at.into()],
            )
            .await?;
        Ok(())
    }

    /// Number of events of `kind` for `subject` at or after `since`, and the latest one's time.
    pub async fn count_events(
        &self,
        kind: &str,
        subject: &[u8],
        since: i64,
    ) -> Result<(i64, Option<i64>)> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*), MAX(at) FROM security_events \
                 WHERE kind = $1 AND subject = $2 AND at >= $3",
                &[kind.into(), subject.into(), since.into()],
                |r| Ok((r.i64(0)?, r.opt_i64(1)?)),
            )
            .await
    }

    pub async fn clear_events(&self, kind: &str, subject: &[u8]) -> Result<()> {
        self.db
            .write()
            .execute(
                "DELETE FROM security_events WHERE kind = $1 AND subject = $2",
                &[kind.into(), subject.into()],
            )
            .await?;
        Ok(())
    }

    /// Records an event only if none with this kind and subject exists: `false` when one did
    /// (used to accept each proof-of-work solution once).
    pub async fn record_event_once(&self, kind: &str, subject: &[u8], at: i64) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "INSERT INTO security_events (kind, subject, at) SELECT $1, $2, $3 \
                 WHERE NOT EXISTS \
                 (SELECT 1 FROM security_events WHERE kind = $1 AND subject = $2)",
                &[kind.into(), subject.into(), at.into()],
            )
            .await?;
        Ok(n == 1)
    }
}
