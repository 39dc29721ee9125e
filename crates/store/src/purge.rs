//! Retention (SPEC R8.3): what has expired is deleted, not hidden. Safe to run from several
//! processes at once: each statement is an idempotent delete.

use crate::codes::COARSEN_CODE_TIMES;
use crate::{Result, Store};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PurgeReport {
    pub sessions: u64,
    pub invitations: u64,
    pub recovery_tokens: u64,
    /// Links to claim an imported account, past their expiry (R4.10).
    pub claim_tokens: u64,
    pub security_events: u64,
    pub codes: u64,
    /// Screening links: expired unused, and used ones past their retention (R4.11).
    pub screening_links: u64,
    /// Messages past their expiry (R6.3).
    pub messages: u64,
    /// Day keys of days that have ended (issue 12 §3): what they sealed is unreadable now.
    pub day_keys: u64,
    /// Coops' request links past their expiry (R6.2).
    pub coop_links: u64,
    /// Alarms closed more than 7 days ago (R6.6, R8.3).
    pub alarms: u64,
    /// Alerts no longer live, with their disputes (R6.4, R8.3).
    pub alerts: u64,
    /// Check-ins missed and never ended, once their note's lifetime is over (R6.6, R8.3;
    /// ended ones are deleted when they end).
    pub checkins: u64,
    /// Two-person requests nobody approved within [`APPROVAL_DAYS`] (R7.9, R8.3).
    pub approvals: u64,
    /// Abuse flags older than 90 days (R9.7, R8.3).
    pub abuse_flags: u64,
}

impl PurgeReport {
    /// Rows deleted, all kinds together (the purge's metric, R9.6). Taken apart field by field,
    /// so a kind added to the report does not compile until it is counted here too.
    pub fn total(&self) -> u64 {
        let PurgeReport {
            sessions,
            invitations,
            recovery_tokens,
            claim_tokens,
            security_events,
            codes,
            screening_links,
            messages,
            day_keys,
            coop_links,
            alarms,
            alerts,
            checkins,
            approvals,
            abuse_flags,
        } = self;
        sessions
            + invitations
            + recovery_tokens
            + claim_tokens
            + security_events
            + codes
            + screening_links
            + messages
            + day_keys
            + coop_links
            + alarms
            + alerts
            + checkins
            + approvals
            + abuse_flags
    }
}

/// A two-person request lapses when no second member approved it within 30 days: what it
/// names (a restore's tombstone and new account, a reason) is not kept for ever (R7.9, R8.3).
pub const APPROVAL_DAYS: i64 = 30;

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
        let messages = self.purge_messages(now).await?;
        let checkins = self.purge_abandoned_checkins(now).await?;
        // Before any key goes: the notes of alarms still open move to a later key, so that
        // an alarm keeps its note for as long as it is seen (R6.6, `network::notes`).
        self.carry_open_alarm_notes(now).await?;
        let day_keys = self.shred_day_keys(now).await?;
        let coop_links = self.purge_coop_links(now).await?;
        let alarms = self.purge_alarms(now).await?;
        let alerts = self.purge_alerts(now).await?;
        let approvals = db
            .execute(
                "DELETE FROM approvals WHERE state = 'awaiting_second' AND requested_at <= $1",
                &[(now - APPROVAL_DAYS * 86_400).into()],
            )
            .await?;
        let abuse_flags = db
            .execute(
                "DELETE FROM abuse_flags WHERE raised_on < $1",
                &[tessera_core::Day::from_unix(now)
                    .plus_days(-crate::abuse::FLAG_DAYS)
                    .to_string()
                    .into()],
            )
            .await?;
        let report = PurgeReport {
            abuse_flags,
            approvals,
            alarms,
            alerts,
            checkins,
            claim_tokens,
            day_keys,
            messages,
            screening_links: links.expired + links.used,
            coop_links,
            sessions,
            invitations,
            recovery_tokens,
            security_events,
            codes,
        };
        // What was deleted (or coarsened, R8.1) must not survive in old WAL frames (R2.11).
        if report != PurgeReport::default() || coarsened > 0 {
            self.wipe_wal().await;
        }
        Ok(report)
    }
}
