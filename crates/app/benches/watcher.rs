//! The check-in watcher under a burst (issue 12 §5; SPEC R6.6, R9.2): N open check-ins (100,000
//! by default), each with a sealed note, whose deadlines all pass within one minute. The
//! server's own job runner (`tessera_app::jobs::spawn`) drives the watcher on the system clock
//! with its configured period, as `tessera serve` does, in one or more "processes" (stores with
//! their own pools and runners on one database). Reported: how late the last alarm is committed
//! after its deadline (goal ≤ 30 s), the time of a round with work and of an idle round (the
//! median), and that exactly N alarms were raised. A benchmark, not a timed test: run it on a
//! release build (`cargo bench` builds one), see `bench/watcher` and docs/performance.md.
//!
//! `cargo bench -p tessera-app --bench watcher -- [--database-url URL] [--checkins N]
//! [--spread SECS] [--processes P] [--repeat R]`; without `--database-url`, an encrypted SQLite
//! database in a temporary folder. The PostgreSQL database must exist and be empty.

// A benchmark's setup failing is the benchmark failing: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tessera_app::jobs::{Job, Watcher};
use tessera_core::{AccountType, Clock, Day, Pseudonym, SystemClock};
use tessera_store::checkins::NewCheckin;
use tessera_store::import::UserRow;
use tessera_store::{Location, MasterKey, Store};

/// A note of a realistic length: the claim copies it into the alarm.
const NOTE: &str = "Meeting at the Grand Hotel, room 412, until about eleven; he calls himself M.";
/// Idle rounds before the first deadline, with every check-in open.
const LEAD_SECS: i64 = 16;

struct Args {
    database_url: Option<String>,
    checkins: usize,
    spread: i64,
    processes: usize,
    repeat: usize,
}

fn args() -> Args {
    let mut a = Args {
        database_url: None,
        checkins: 100_000,
        spread: 60,
        processes: 1,
        repeat: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().expect("a value after the flag");
        match flag.as_str() {
            "--database-url" => a.database_url = Some(value()),
            "--checkins" => a.checkins = value().parse().expect("--checkins N"),
            "--spread" => a.spread = value().parse().expect("--spread SECS"),
            "--processes" => a.processes = value().parse().expect("--processes P"),
            "--repeat" => a.repeat = value().parse().expect("--repeat R"),
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn wall() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// One round of one runner.
#[derive(Clone, Copy)]
struct Round {
    /// The application clock's `now` the runner gave it.
    now: i64,
    /// Wall-clock seconds when it committed.
    end: f64,
    secs: f64,
    claimed: u64,
}

/// The server's watcher, timed: the same period, the same round.
struct Timed {
    rounds: Arc<Mutex<Vec<Round>>>,
}

impl Job for Timed {
    fn name(&self) -> &'static str {
        "checkin-watcher"
    }

    fn every(&self) -> Duration {
        Watcher.every()
    }

    fn run<'a>(
        &'a self,
        store: &'a Store,
        now: i64,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            let t = Instant::now();
            let claimed = Watcher.round(store, now).await.expect("a watcher round");
            let secs = t.elapsed().as_secs_f64();
            self.rounds.lock().unwrap().push(Round {
                now,
                end: wall(),
                secs,
                claimed,
            });
        })
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The sellers, created once: (id of each).
async fn sellers(store: &Store, n: usize) -> Vec<tessera_core::SellerId> {
    let rows = (0..n).map(|i| {
        Ok::<_, std::convert::Infallible>(UserRow {
            pseudonym: Pseudonym::parse(&format!("watched_{i:06}")).unwrap(),
            account_type: AccountType::Seller,
        })
    });
    store
        .import_users(rows, Day::from_unix(SystemClock.unix()))
        .await
        .unwrap();
    let mut ids: Vec<i64> = store
        .account_index()
        .await
        .unwrap()
        .into_iter()
        .filter(|(p, _)| p.starts_with("watched_"))
        .map(|(_, (id, _))| id)
        .collect();
    ids.sort_unstable();
    ids.into_iter()
        .map(|id| tessera_core::AccountId::new(id).as_seller())
        .collect()
}

/// Opens every seller's check-in a day ahead, through the store's API, which seals each note
/// under its day key.
async fn open_checkins(store: &Store, sellers: &[tessera_core::SellerId]) {
    let far = SystemClock.unix() + 86_400;
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in sellers.chunks(sellers.len().div_ceil(16).max(1)) {
        let (store, chunk) = (store.clone(), chunk.to_vec());
        tasks.spawn(async move {
            for seller in chunk {
                store
                    .create_checkin(&NewCheckin {
                        seller,
                        due_at: far,
                        note: Some(NOTE),
                        buyer: None,
                    })
                    .await
                    .unwrap();
            }
        });
    }
    tasks.join_all().await;
}

struct Outcome {
    load_secs: f64,
    last_late: f64,
    worst_late: f64,
    busy_median_ms: f64,
    busy_max_ms: f64,
    busy_rounds: usize,
    idle_median_ms: f64,
    alarms: i64,
}

async fn once(stores: &[Store], sellers: &[tessera_core::SellerId], a: &Args) -> Outcome {
    let first = &stores[0];
    first.execute_for_tests("DELETE FROM alarms").await.unwrap();
    first
        .execute_for_tests("DELETE FROM checkins")
        .await
        .unwrap();
    let load = Instant::now();
    open_checkins(first, sellers).await;
    let load_secs = load.elapsed().as_secs_f64();
    // The deadlines, from LEAD_SECS after the load over `spread` seconds, in one statement
    // (known only once the load is done).
    let t0 = SystemClock.unix() + LEAD_SECS;
    first
        .execute_for_tests(&format!(
            "UPDATE checkins SET due_at = {t0} + (id % {})",
            a.spread
        ))
        .await
        .unwrap();
    let last_deadline = t0 + a.spread - 1;

    let rounds = Arc::new(Mutex::new(Vec::new()));
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let runners: Vec<_> = stores
        .iter()
        .map(|s| {
            tessera_app::jobs::spawn(
                s.clone(),
                clock.clone(),
                vec![Box::new(Timed {
                    rounds: rounds.clone(),
                })],
            )
        })
        .collect();
    let n = sellers.len() as u64;
    let give_up = Instant::now() + Duration::from_secs((LEAD_SECS + a.spread + 120) as u64);
    loop {
        let total: u64 = rounds.lock().unwrap().iter().map(|r| r.claimed).sum();
        if total >= n || Instant::now() > give_up {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for r in runners {
        r.stop().await;
    }
    let mut rounds = rounds.lock().unwrap().clone();
    rounds.sort_by(|x, y| x.end.total_cmp(&y.end));

    // The last alarm is committed by the round that brings the total to N; it was due at the
    // last deadline. An alarm is late by (its round's commit − its deadline); a round claims
    // deadlines after the previous round's `now`, so that bounds the worst of them.
    let (mut total, mut last_late, mut worst_late, mut prev_now) = (0, f64::NAN, 0.0_f64, t0 - 1);
    for r in rounds.iter().filter(|r| r.claimed > 0) {
        total += r.claimed;
        let earliest_due = (prev_now + 1).max(t0);
        worst_late = worst_late.max(r.end - earliest_due as f64);
        prev_now = prev_now.max(r.now);
        if total == n && last_late.is_nan() {
            last_late = r.end - last_deadline as f64;
        }
    }
    let busy: Vec<f64> = rounds
        .iter()
        .filter(|r| r.claimed > 0)
        .map(|r| r.secs * 1e3)
        .collect();
    let idle: Vec<f64> = rounds
        .iter()
        .filter(|r| r.claimed == 0 && r.now < t0)
        .map(|r| r.secs * 1e3)
        .collect();
    Outcome {
        load_secs,
        last_late,
        worst_late,
        busy_median_ms: median(busy.clone()),
        busy_max_ms: busy.iter().copied().fold(0.0, f64::max),
        busy_rounds: busy.len(),
        idle_median_ms: median(idle),
        alarms: first.count_rows("alarms").await.unwrap(),
    }
}

async fn run(a: Args) {
    let dir = tempfile::tempdir().unwrap();
    let location = match &a.database_url {
        Some(url) => Location::Postgres { url: url.clone() },
        None => Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
    };
    let key = "a7".repeat(32);
    let mut stores = Vec::new();
    for _ in 0..a.processes.max(1) {
        stores.push(
            Store::open(&location, &MasterKey::from_hex(&key).unwrap())
                .await
                .unwrap(),
        );
    }
    let backend = stores[0].backend();
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    println!(
        "watcher benchmark: {backend}, {} check-ins due within {} s, period {:?}, {} process(es), {cores} cores",
        a.checkins,
        a.spread,
        Watcher.every(),
        stores.len()
    );
    let sellers = sellers(&stores[0], a.checkins).await;
    assert_eq!(sellers.len(), a.checkins);
    let mut outcomes = Vec::new();
    for i in 1..=a.repeat.max(1) {
        let o = once(&stores, &sellers, &a).await;
        println!(
            "run {i}: load {:.1} s | last alarm {:.2} s after its deadline (worst alarm ≤ {:.2} s) | \
             round with work: median {:.1} ms, max {:.1} ms over {} rounds | idle round \
             (all open, none due): median {:.2} ms | alarms {} (exactly {}: {})",
            o.load_secs,
            o.last_late,
            o.worst_late,
            o.busy_median_ms,
            o.busy_max_ms,
            o.busy_rounds,
            o.idle_median_ms,
            o.alarms,
            a.checkins,
            o.alarms == a.checkins as i64
        );
        assert_eq!(
            o.alarms, a.checkins as i64,
            "exactly one alarm per check-in"
        );
        outcomes.push(o);
    }
    if outcomes.len() > 1 {
        println!(
            "median of {} runs: last alarm {:.2} s late, worst ≤ {:.2} s, round with work {:.1} ms, idle round {:.2} ms",
            outcomes.len(),
            median(outcomes.iter().map(|o| o.last_late).collect()),
            median(outcomes.iter().map(|o| o.worst_late).collect()),
            median(outcomes.iter().map(|o| o.busy_median_ms).collect()),
            median(outcomes.iter().map(|o| o.idle_median_ms).collect()),
        );
    }
    for s in stores {
        s.close().await;
    }
}

fn main() {
    let a = args();
    // As `tessera serve`: tokio's multi-threaded runtime, one worker per core.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(run(a));
}
