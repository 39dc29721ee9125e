//! Retention (SPEC R8.3): what has expired is deleted, not hidden. Safe to run from several
//! processes at once: each statement is an idempotent delete.

use crate::codes::COARSEN_CODE_TIMES;
use crate::{Result, Store};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PurgeReport {
    pub sessions: u64,
    pub invitations: u64,
    pub recovery_tokens: u64,
    pub security_events: u64,
    pub codes: u64,
    /// Screening links: expired unused, and used ones past their retention (R4.11).
    pub screening_links: u64,
}

/// Security events are kept 30 days (R8.3).
pub const SECURITY_EVENT_DAYS: i64 = 30;

impl Store {
    /// Deletes expired data. Sessions expire by the idle and absolute timeouts given in seconds.
    pub async fn purge(&self, now: i64, idle_secs: i64, absolute_secs: i64) -> Result<PurgeReport> {
        let db = self.db.write();
        let sessions = db
            .execute(
                "DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2",
                &[(now - idle_secs).into(), (now - absolute_secs).into()],
            )
            .await?;
        let expired = |table: &'static str| async move {
            let sql = format!("DELETE FROM {table} WHERE expires_at <= $1");
            db.execute(&sql, &[now.into()]).await
        };
        let invitations = expired("invitations").await?;
        let recovery_tokens = expired("recovery_tokens").await?;
        let claim_tokens = expired("claim_tokens").await?;
        let security_events = db
            .execute(
                "DELETE FROM security_events WHERE at <= $1",
                &[(now - SECURITY_EVENT_DAYS * 86_400).into()],
            )
            .await?;
        // Codes that expired unused since the last run leave the active state now, and with
        // it their exact times (R8.1); so do any used or ended codes not yet coarsened.
        let coarsened = db
            .execute(
                &format!(
                "UPDATE rating_codes SET {COARSEN_CODE_TIMES}, \
                 status = CASE WHEN status = 'unused' THEN 'expired' ELSE status END \
                 WHERE (status = 'unused' AND expires_at <= $1) \
                 OR (status <> 'unused' AND (generated_at % 86400 <> 0 OR expires_at % 86400 <> 0))"
            ),
                &[now.into()],
            )
            .await?;
        // Used or expired codes go 90 days after expiry (R8.3).
        let codes = db
            .execute(
                "DELETE FROM rating_codes WHERE expires_at <= $1",
                &[(now - crate::codes::CODE_RETENTION_SECS).into()],
            )
            .await?;
        let links = self
            .purge_screening_links(now, tessera_core::Day::from_unix(now))
            .await?;
        let report = PurgeReport {
            screening_links: links.expired + links.used,
            sessions,
            invitations,
            recovery_tokens,
            security_events,
            codes,
        };
        // What was deleted (or coarsened, R8.1) must not survive in old WAL frames (R2.11).
        if report != PurgeReport::default() || coarsened + claim_tokens > 0 {
            self.wipe_wal().await;
        }
        Ok(report)
    }
}
