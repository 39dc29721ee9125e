//! The abuse rules' job (SPEC R9.7): every ten minutes, each rule counts and raises its new
//! flags in one statement (so several processes raise each flag once). Flags only: nothing
//! here changes an account.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use tessera_store::Store;

use super::Job;

pub struct Abuse;

impl Abuse {
    /// One round under the current parameter set; the new flags per rule.
    pub async fn once(
        &self,
        store: &Store,
        now: i64,
    ) -> Result<Vec<(tessera_core::screening::abuse::Rule, u64)>, tessera_store::StoreError> {
        let params = store.current_params().await?;
        let raised = store.raise_abuse_flags(&params.params.abuse, now).await?;
        for (rule, n) in &raised {
            if *n > 0 {
                crate::metrics::abuse_flags(rule.as_str(), *n);
            }
        }
        Ok(raised)
    }

    async fn logged(&self, store: &Store, now: i64) {
        match self.once(store, now).await {
            // Counts per rule only, never whom (R8.4).
            Ok(raised) => {
                let total: u64 = raised.iter().map(|(_, n)| n).sum();
                if total > 0 {
                    tracing::info!(
                        flags = total,
                        "abuse rules raised new flags for the Security Committee"
                    );
                }
            }
            Err(e) => tracing::error!(error = %e, "abuse rules failed"),
        }
    }
}

impl Job for Abuse {
    fn name(&self) -> &'static str {
        "abuse"
    }

    fn every(&self) -> Duration {
        Duration::from_secs(600)
    }

    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(self.logged(store, now))
    }
}
