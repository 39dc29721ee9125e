//! The check-in watcher (SPEC R6.6): every few seconds, every open check-in whose deadline has
//! passed on the application's clock raises its `missed_checkin` alarm. The claim is one
//! conditional update in the store, so with several server processes each alarm is raised
//! exactly once; the runner's first round at start fires the deadlines that passed while the
//! server was down. A period of [`PERIOD`] keeps every alarm within 30 seconds of its deadline
//! (API.md) with room for a slow round.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tessera_store::{Store, StoreError};

use super::Job;

/// How often the watcher looks.
pub const PERIOD: Duration = Duration::from_secs(5);

pub struct Watcher;

impl Watcher {
    /// One round at `now` (the application's clock): the number of alarms raised. The runner's
    /// round is this and a log line; the watcher benchmark times exactly this.
    pub async fn round(&self, store: &Store, now: i64) -> Result<u64, StoreError> {
        store.claim_missed_checkins(now).await
    }

    async fn logged(&self, store: &Store, now: i64) {
        match self.round(store, now).await {
            // Counts only: never whose check-in (R8.4).
            Ok(0) => {}
            Ok(n) => tracing::info!(alarms = n, "missed check-ins"),
            Err(e) => tracing::error!(error = %e, "check-in watcher failed"),
        }
    }
}

impl Job for Watcher {
    fn name(&self) -> &'static str {
        "checkin-watcher"
    }

    fn every(&self) -> Duration {
        PERIOD
    }

    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(self.logged(store, now))
    }
}
