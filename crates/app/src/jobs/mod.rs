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

mod abuse;
mod governance;
mod purge;
mod watcher;

pub use abuse::Abuse;
pub use governance::Governance;
pub use purge::Purge;
pub use watcher::Watcher;

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

/// How often the runner looks for due jobs, at most; a job with a shorter period (the check-in
/// watcher's seconds) shortens it to its own.
const TICK: Duration = Duration::from_secs(60);

/// The runner's tick for these jobs: [`TICK`], or the shortest period if that is shorter.
fn tick_for(jobs: &[Box<dyn Job>]) -> Duration {
    jobs.iter()
        .map(|j| j.every())
        .filter(|d| !d.is_zero())
        .fold(TICK, Duration::min)
}

/// The running job runner; [`Running::stop`] ends it between rounds.
pub struct Running {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops the runner (graceful shutdown): a round in progress finishes first, so no job is
    /// cut off inside a transaction; returns when the runner has ended.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Starts the runner on the current tokio runtime: one task that, every tick (a minute, or the
/// shortest period of a job if shorter), runs each job
/// whose period has passed since its last round, one job at a time (a slow round delays the
/// others rather than overlapping itself). Every job also runs once at start, as the hourly
/// purge always did, so a server restarted often still purges.
pub fn spawn(store: Store, clock: Arc<dyn Clock>, jobs: Vec<Box<dyn Job>>) -> Running {
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(async move {
        let mut last: Vec<Option<tokio::time::Instant>> = jobs.iter().map(|_| None).collect();
        let period = tick_for(&jobs);
        // A job is due on the tick nearest to its period, not only once a full period has
        // passed since it last started: that start comes a little after its tick (the timer's
        // wake-up, the jobs before it in the round), so the next tick finds a hair less than
        // the period gone, and a job whose period is the tick ran only every other tick (the
        // watcher every 10 s instead of 5; issue 12 §5, measured by benches/watcher.rs).
        let slack = period / 2;
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            // The first tick is immediate: every job's first round runs at start.
            tokio::select! {
                _ = tick.tick() => {}
                _ = stopped.changed() => return,
            }
            for (job, last) in jobs.iter().zip(last.iter_mut()) {
                if *stopped.borrow() {
                    return;
                }
                if last.is_none_or(|at| at.elapsed() + slack >= job.every()) {
                    if let Some(at) = *last {
                        crate::metrics::job_lag(
                            at.elapsed().saturating_sub(job.every()).as_secs_f64(),
                        );
                    }
                    *last = Some(tokio::time::Instant::now());
                    tracing::debug!(job = job.name(), "job round");
                    job.run(&store, clock.unix()).await;
                }
            }
        }
    });
    Running { stop, task }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use super::*;

    struct Count(Arc<AtomicU32>);

    impl Job for Count {
        fn name(&self) -> &'static str {
            "count"
        }
        fn every(&self) -> Duration {
            Duration::from_secs(3600)
        }
        fn run<'a>(
            &'a self,
            _: &'a Store,
            _: i64,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async {})
        }
    }

    /// A job with the watcher's short period.
    struct Often(Arc<AtomicU32>);

    impl Job for Often {
        fn name(&self) -> &'static str {
            "often"
        }
        fn every(&self) -> Duration {
            watcher::PERIOD
        }
        fn run<'a>(
            &'a self,
            _: &'a Store,
            _: i64,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async {})
        }
    }

    /// A job with the watcher's period that takes a while on every other round, run before
    /// another.
    struct Slow(Arc<AtomicU32>);

    impl Job for Slow {
        fn name(&self) -> &'static str {
            "slow"
        }
        fn every(&self) -> Duration {
            watcher::PERIOD
        }
        fn run<'a>(
            &'a self,
            _: &'a Store,
            _: i64,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>> {
            // 300 ms on every other round: the job after it starts later after one tick than
            // after the next, as timer wake-ups and slow rounds vary in a server.
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            let ms = if n.is_multiple_of(2) { 300 } else { 0 };
            Box::pin(tokio::time::sleep(Duration::from_millis(ms)))
        }
    }

    /// R6.6: the watcher runs on every tick of its period even when it starts later after one
    /// tick than after the next (here because a job before it takes 300 ms every other round;
    /// in a server the timer's wake-up alone does it), not on every other tick.
    #[tokio::test]
    async fn r6_6_a_job_runs_on_every_tick_of_its_period_when_it_starts_late() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &tessera_store::Location::Sqlite {
                data_dir: dir.path().to_owned(),
            },
            &tessera_store::MasterKey::generate(),
        )
        .await
        .unwrap();
        tokio::time::pause();
        let (slow, often) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
        let clock: Arc<dyn Clock> = Arc::new(tessera_core::SystemClock);
        let h = spawn(
            store,
            clock,
            vec![Box::new(Slow(slow.clone())), Box::new(Often(often.clone()))],
        );
        tokio::time::sleep(Duration::from_secs(61)).await;
        let n = often.load(Ordering::SeqCst);
        assert!((12..=14).contains(&n), "every 5 s: {n}");
        assert_eq!(slow.load(Ordering::SeqCst), n);
        h.stop().await;
    }

    /// R8.3: the purge runs at start and then once an hour, not once a minute.
    #[tokio::test]
    async fn r8_3_jobs_run_at_start_and_then_each_period() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &tessera_store::Location::Sqlite {
                data_dir: dir.path().to_owned(),
            },
            &tessera_store::MasterKey::generate(),
        )
        .await
        .unwrap();
        // The clock stands still from here and jumps to each timer: an hour takes no time.
        tokio::time::pause();
        let n = Arc::new(AtomicU32::new(0));
        let clock: Arc<dyn Clock> = Arc::new(tessera_core::SystemClock);
        let h = spawn(store, clock, vec![Box::new(Count(n.clone()))]);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(n.load(Ordering::SeqCst), 1);
        tokio::time::sleep(Duration::from_secs(3000)).await;
        assert_eq!(n.load(Ordering::SeqCst), 1);
        tokio::time::sleep(Duration::from_secs(700)).await;
        assert_eq!(n.load(Ordering::SeqCst), 2);
        // Stopped, it runs no further round (graceful shutdown).
        h.stop().await;
        tokio::time::sleep(Duration::from_secs(7200)).await;
        assert_eq!(n.load(Ordering::SeqCst), 2);
    }

    /// R6.6: a job may ask for a period shorter than the minute tick (the check-in watcher,
    /// whose alarms must come within 30 seconds); the hourly purge beside it stays hourly.
    #[tokio::test]
    async fn r6_6_a_short_period_job_runs_every_few_seconds_beside_an_hourly_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &tessera_store::Location::Sqlite {
                data_dir: dir.path().to_owned(),
            },
            &tessera_store::MasterKey::generate(),
        )
        .await
        .unwrap();
        tokio::time::pause();
        let (hourly, often) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
        let clock: Arc<dyn Clock> = Arc::new(tessera_core::SystemClock);
        let h = spawn(
            store,
            clock,
            vec![
                Box::new(Count(hourly.clone())),
                Box::new(Often(often.clone())),
            ],
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(often.load(Ordering::SeqCst), 1, "at start");
        tokio::time::sleep(Duration::from_secs(60)).await;
        let n = often.load(Ordering::SeqCst);
        assert!((12..=14).contains(&n), "every 5 s: {n}");
        assert_eq!(hourly.load(Ordering::SeqCst), 1);
        h.stop().await;
    }
}
