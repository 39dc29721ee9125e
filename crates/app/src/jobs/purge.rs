//! The hourly retention purge (SPEC R8.3): whatever has expired is deleted (sessions, links,
//! old security events, codes, messages, finished check-ins, closed alarms) and the keys of
//! past days are shredded. Idempotent: see the runner's note in `jobs`.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tessera_store::purge::PurgeReport;
use tessera_store::{Store, StoreError};

use super::Job;

pub struct Purge {
    /// Session idle and absolute timeouts in seconds (R2.7): sessions past either are deleted.
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
}

impl Purge {
    /// One round, for the runner and for `tessera purge`.
    pub async fn once(&self, store: &Store, now: i64) -> Result<PurgeReport, StoreError> {
        let report = store
            .purge(now, self.session_idle_secs, self.session_absolute_secs)
            .await?;
        crate::metrics::purge(report.total());
        Ok(report)
    }

    async fn logged(&self, store: &Store, now: i64) {
        match self.once(store, now).await {
            // Counts only, never whose (R8.4); every kind, taken apart so none is forgotten.
            Ok(PurgeReport {
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
            }) => tracing::info!(
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
                checkins,
                alarms,
                alerts,
                approvals,
                abuse_flags,
                "purge"
            ),
            Err(e) => tracing::error!(error = %e, "purge failed"),
        }
    }
}

impl Job for Purge {
    fn name(&self) -> &'static str {
        "purge"
    }

    fn every(&self) -> Duration {
        Duration::from_secs(3600)
    }

    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(self.logged(store, now))
    }
}
