//! The hourly retention purge (SPEC R8.3): expired sessions, invitations, recovery links and
//! old security events are deleted. Idempotent: see the runner's note in `jobs`.

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
        store
            .purge(now, self.session_idle_secs, self.session_absolute_secs)
            .await
    }

    async fn logged(&self, store: &Store, now: i64) {
        match self.once(store, now).await {
            Ok(r) => tracing::info!(
                sessions = r.sessions,
                invitations = r.invitations,
                recovery_tokens = r.recovery_tokens,
                security_events = r.security_events,
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
