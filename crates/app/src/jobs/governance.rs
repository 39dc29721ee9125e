//! Votes opening and closing on the application's clock (SPEC R7.2), every 20 seconds, so a
//! phase change is made "within a minute" (API.md); each step is claimed by one conditional
//! update, so several processes make it once (R9.2). See [`crate::governance::job`].

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tessera_store::Store;

use super::Job;

pub struct Governance;

impl Job for Governance {
    fn name(&self) -> &'static str {
        "governance"
    }

    fn every(&self) -> Duration {
        Duration::from_secs(20)
    }

    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            if let Err(e) = crate::governance::job::tick(store, now).await {
                // No proposal text, no voter (R8.4).
                tracing::error!(error = %e, "governance round failed");
            }
        })
    }
}
