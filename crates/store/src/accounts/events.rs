//! Security events counted in the database so that restarts and several processes share the
//! count (SPEC R2.9, R9.3): login failures, code failures, buyer sign-ups. The subject is a keyed
//! hash or an id (never a pseudonym or an address); events are purged after 30 days (R8.3).
//!
//! Secret checks go through [`Store::begin_attempt`], the one attempt guard (ASVS 6.3.1,
//! issue 11): the attempt is recorded first, under a lock on its subject, and only then may the
//! secret be evaluated. So of any number of parallel attempts, in one process or many, at most
//! as many are evaluated as the throttle allows; an attempt that turns out right is forgotten
//! again ([`Store::forget_attempt`] or [`Store::clear_events`]), a wrong one stays as the
//! failure it was.

use sha2::{Digest, Sha256};

use crate::db::Tx;
use crate::{Result, Store};

pub const LOGIN_FAILURE: &str = "login_failure";
pub const SIGNUP: &str = "signup";
pub const POW_SOLVED: &str = "pow_solved";
/// A page login's ticket that opened its session (R2.5, ASVS 2.3.1): each opens one.
pub const LOGIN_TICKET_USED: &str = "login_ticket_used";
/// Wrong TOTP codes on one recovery link (R2.6): the link is revoked after a few.
pub const RECOVERY_LINK_FAILURE: &str = "recovery_link_failure";

/// One recorded attempt, to forget when the secret was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptId(i64);

/// What the guard decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Recorded: the secret may be evaluated now.
    Granted(AttemptId),
    /// Not recorded and not to be evaluated: wait this many seconds (at least 1).
    Refused(u64),
}

/// The events of one kind and subject in the window: how many, and the latest one's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recent {
    pub count: i64,
    pub last: Option<i64>,
}

/// Locks `kind` and `subject` for this transaction: a PostgreSQL advisory lock on a hash of
/// both (two subjects that hash alike only wait for each other), or SQLite's one write lock,
/// taken by a first statement that writes (so the count that follows reads the newest data).
async fn lock_subject(tx: &mut Tx, kind: &str, subject: &[u8]) -> Result<()> {
    if tx.is_sqlite() {
        tx.execute("UPDATE security_events SET at = at WHERE id = 0", &[])
            .await?;
    } else {
        let mut h = Sha256::new();
        h.update(kind.as_bytes());
        h.update([0]);
        h.update(subject);
        let digest = h.finalize();
        let mut key = [0u8; 8];
        key.copy_from_slice(&digest[..8]);
        tx.execute(
            "SELECT pg_advisory_xact_lock($1)",
            &[i64::from_be_bytes(key).into()],
        )
        .await?;
    }
    Ok(())
}

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

    /// The attempt guard (see the module comment): under a lock on `kind` and `subject`,
    /// `wait` sees the attempts since `since`; when it answers `None` the attempt is recorded
    /// at `now` and granted, otherwise refused with its answer.
    pub async fn begin_attempt(
        &self,
        kind: &str,
        subject: &[u8],
        since: i64,
        now: i64,
        wait: impl FnOnce(Recent) -> Option<u64>,
    ) -> Result<Attempt> {
        let mut tx = self.db.write().begin().await?;
        lock_subject(&mut tx, kind, subject).await?;
        let recent = tx
            .fetch_one(
                "SELECT COUNT(*), MAX(at) FROM security_events \
                 WHERE kind = $1 AND subject = $2 AND at >= $3",
                &[kind.into(), subject.into(), since.into()],
                |r| {
                    Ok(Recent {
                        count: r.i64(0)?,
                        last: r.opt_i64(1)?,
                    })
                },
            )
            .await?;
        if let Some(w) = wait(recent) {
            return Ok(Attempt::Refused(w.max(1)));
        }
        let id = tx
            .fetch_one(
                "INSERT INTO security_events (kind, subject, at) VALUES ($1, $2, $3) RETURNING id",
                &[kind.into(), subject.into(), now.into()],
                |r| r.i64(0),
            )
            .await?;
        tx.commit().await?;
        Ok(Attempt::Granted(AttemptId(id)))
    }

    /// Forgets one granted attempt: the secret was right, so it was no failure.
    pub async fn forget_attempt(&self, id: AttemptId) -> Result<()> {
        self.db
            .write()
            .execute("DELETE FROM security_events WHERE id = $1", &[id.0.into()])
            .await?;
        Ok(())
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
