//! Background jobs and the one runner that drives them (SPEC R8.3 retention; later the
//! check-in watcher, vote closing and emergency rollback of DESIGN.md).
//!
//! Several server processes may share one PostgreSQL database (R9.2), and each runs this
//! runner. That is safe because every job is idempotent and decides from the database, not
//! from memory: the purge deletes rows that are expired *as of now*, so two processes purging
//! at once delete the same rows once between them, and a process that missed a tick catches up
//! at the next one. A job that could not be written that way would need a lease row in the
//! store before it may be added here.

use std::sync::Arc;
use std::time::Duration;

use tessera_core::Clock;
use tessera_store::Store;

mod purge;

pub use purge::Purge;

/// A job the runner can drive: it says how often, and does one idempotent round of work.
pub trait Job: Send + Sync + 'static {
    fn name(&self) -> &'static str;
    fn every(&self) -> Duration;
    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>>;
}

/// How often the runner looks for due jobs; a job's period is a multiple of it in practice.
const TICK: Duration = Duration::from_secs(60);

/// Starts the runner on the current tokio runtime: one task that, every minute, runs each job
/// whose period has passed since its last round, one job at a time (a slow round delays the
/// others rather than overlapping itself). A job's first round comes one period after start:
/// the server has only just started. Returns the task, so a caller may abort it.
pub fn spawn(
    store: Store,
    clock: Arc<dyn Clock>,
    jobs: Vec<Box<dyn Job>>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        let mut last: Vec<tokio::time::Instant> = jobs.iter().map(|_| start).collect();
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            for (job, last) in jobs.iter().zip(last.iter_mut()) {
                if last.elapsed() >= job.every() {
                    *last = tokio::time::Instant::now();
                    tracing::debug!(job = job.name(), "job round");
                    job.run(&store, clock.unix()).await;
                }
            }
        }
    })
}
