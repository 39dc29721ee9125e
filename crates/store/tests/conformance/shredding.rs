//! The crypto-shredding proof (issue 12 §3; SPEC R8.2, R8.3, R6.6): someone holding the key
//! file reads everything the database keeps — every row of every table and, below the rows,
//! every page: on SQLite every page of the database file and every frame of its WAL decrypted
//! with the key (free pages and old frames included), on PostgreSQL every page of every table,
//! index and TOAST table through `pageinspect` (dead row versions included). There is none of
//! the test's message, note or buyer texts in any of it; with the key file she can unwrap the day
//! keys and read the texts until they expire (the control); after the expiry and a purge no page
//! holds a day key she can unwrap, and every sealed value she copied before opens to nothing.
//!
//! What `day_keys.rs` and `messages.rs` show through the store's own API (a shredded key opens
//! nothing; no row holds a body), this shows from the attacker's side, from the bytes.
//!
//! Not covered: PostgreSQL's own WAL (`pg_wal`) and its archives, which the server keeps outside
//! the store's reach (docs/operator.md, "Keys").

use tessera_core::alert::{AlertFlags, DisputeReason};
use tessera_core::{AccountId, AccountType, Day};
use tessera_store::alarms::CLOSED_RETENTION_SECS;
use tessera_store::alerts::NewAlert;
use tessera_store::checkins::{Ending, NewCheckin, MAX_EXTENSIONS};
use tessera_store::network::messages::NewThread;
use tessera_store::network::notes::note_until;
use tessera_store::{Crypto, Location, MasterKey, Store};

use crate::common::{account, database_url, drop_database, postgres};
use crate::pages::{all_pages, pg_pages, wal_len};

const DAY: i64 = 86_400;
/// 2026-12-03 12:00 UTC.
const NOW: i64 = 1_796_299_200;
const KEY_HEX: &str = "4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d";
const KEY: [u8; 32] = [0x4d; 32];

const MESSAGE: &str = "shredtest message: the blue door on Quay Street";
const NOTE: &str = "shredtest note: Hotel Meridian, room 412";
const BUYER: &str = "shredtest_buyer";
/// The note of a check-in ended with "I'm safe" (R6.6: destroyed).
const SAFE_NOTE: &str = "shredtest note: Linden Road 9, ended safe";
/// Stored in the clear (a pseudonym): the search must find it, or it proves nothing.
const CONTROL: &str = "shredprobe_ann";
/// The contexts the store seals these texts under (`BODY` in messages.rs, `NOTE` and `BUYER`
/// in notes.rs): what an attacker would learn from the source code.
const CONTEXTS: [&str; 5] = [
    "message body",
    "checkin note",
    "checkin buyer",
    "alert text",
    "alert dispute context",
];

const ALERT: &str = "shredtest alert: took the money at the Bridge Inn";
const DISPUTE: &str = "shredtest dispute: we argued about the flat on Elm Row";

/// A collective alert with a text, live for one day, and a dispute with context (R6.4, R6.5):
/// both sealed under the alert's last live day.
async fn post_alerts(s: &Store, poster: AccountId, disputer: AccountId) -> Vec<&'static str> {
    let today = Day::from_unix(NOW);
    s.create_alert(&NewAlert {
        id: "shredalert",
        coop: None,
        poster: poster.as_seller(),
        flags: &AlertFlags::parse(&["scam"]).unwrap(),
        buyer: None,
        text: Some(ALERT),
        anonymous: false,
        posted_on: today,
        expires_on: today.plus_days(1),
    })
    .await
    .unwrap();
    let a = s.alert("shredalert", disputer, NOW).await.unwrap().unwrap();
    assert_eq!(a.text.as_deref(), Some(ALERT));
    assert!(s
        .dispute_alert(
            a.key,
            disputer.as_seller(),
            DisputeReason::Revenge,
            Some(DISPUTE),
            today,
            a.expires_on
        )
        .await
        .unwrap());
    vec![ALERT, DISPUTE]
}

/// Everything a test of one backend reads: (where, bytes).
type Chunks = Vec<(String, Vec<u8>)>;

/// What the scenario left for the attacker to look for.
struct Made {
    texts: Vec<&'static str>,
    /// The days of the keys in use.
    days: Vec<i64>,
    /// Every sealed value in the rows before the purge: a copy she took then.
    copied: Vec<Vec<u8>>,
    /// The ciphertext of the note that "I'm safe" destroyed.
    ended_note: Vec<u8>,
    /// A moment after every expiry: a purge then removes it all.
    purge_at: i64,
}

/// Every blob of at least `min` bytes in the dump's rows of `tables` (all tables when empty):
/// SQLite writes a blob `X'0a1b…'`, PostgreSQL's JSON a bytea `"\\x0a1b…"`.
fn blobs_in(dump: &str, tables: &[&str], min: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for line in dump.lines() {
        if !tables.is_empty() && !tables.iter().any(|t| line.starts_with(&format!("{t}: "))) {
            continue;
        }
        for start in ["X'", "\"\\\\x"] {
            for (at, _) in line.match_indices(start) {
                let hex: String = line[at + start.len()..]
                    .chars()
                    .take_while(char::is_ascii_hexdigit)
                    .collect();
                if hex.len() >= 2 * min {
                    out.push(
                        data_encoding::HEXLOWER_PERMISSIVE
                            .decode(hex.as_bytes())
                            .unwrap(),
                    );
                }
            }
        }
    }
    out
}

/// The sealed values (day, nonce, tag: 48 bytes at least) of the rows of `tables`.
fn sealed_in(dump: &str, tables: &[&str]) -> Vec<Vec<u8>> {
    blobs_in(dump, tables, 8 + 24 + 16)
}

/// Where `needle` occurs.
fn holding(chunks: &Chunks, needle: &[u8]) -> Vec<String> {
    chunks
        .iter()
        .filter(|(_, b)| b.windows(needle.len()).any(|w| w == needle))
        .map(|(w, _)| w.clone())
        .collect()
}

/// Where a day key of one of `days` can be unwrapped with the key file: every 72-byte window
/// (nonce 24, key 32, tag 16) of every chunk is tried as the wrapped key of each day; `first`
/// stops at the first found. Windows holding four zero bytes in a row are skipped: a wrapped
/// key is random, and holds such a run with a chance of about 2⁻²⁶, while most of a page's free
/// space is zeros (the test would take minutes without this). The chunks are shared out over
/// the cores.
fn unwrappable(chunks: &Chunks, days: &[i64], first: bool) -> Vec<String> {
    const WRAPPED: usize = 24 + 32 + 16;
    let crypto = Crypto::new(&MasterKey::from_hex(KEY_HEX).unwrap());
    let contexts: Vec<String> = days.iter().map(|d| format!("day-key {d}")).collect();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let scan = |(place, bytes): &(String, Vec<u8>)| {
        let mut found = Vec::new();
        // zero_runs[i]: how many runs of four zero bytes start before i.
        let mut zero_runs = vec![0_u32; bytes.len() + 1];
        for i in 0..bytes.len() {
            let run = bytes[i..].len() >= 4 && bytes[i..i + 4] == [0; 4];
            zero_runs[i + 1] = zero_runs[i] + u32::from(run);
        }
        for (at, w) in bytes.windows(WRAPPED).enumerate() {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                break;
            }
            if zero_runs[at + WRAPPED - 3] > zero_runs[at] {
                continue;
            }
            if let Some(c) = contexts.iter().find(|c| crypto.open(c, w).is_ok()) {
                found.push(format!("{place} at {at}: {c}"));
                if first {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
        found
    };
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let per = chunks.len().div_ceil(threads).max(1);
    std::thread::scope(|sc| {
        let handles: Vec<_> = chunks
            .chunks(per)
            .map(|part| sc.spawn(|| part.iter().flat_map(scan).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

/// The days of the keys the database holds (from the dump, as `notes.rs` reads them).
async fn key_days(s: &Store) -> Vec<i64> {
    s.dump_all_rows()
        .await
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("day_keys: "))
        .map(|row| {
            let digits: String = row
                .trim_start_matches("{\"day\":")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().unwrap()
        })
        .collect()
}

/// A message, a check-in missed with its note and buyer, its alarm closed by a buddy, and a
/// check-in ended with "I'm safe" (each sealed value expiring within the next eight days).
async fn scenario(s: &Store) -> Made {
    let ann = account(s, "Shredprobe_Ann", AccountType::Seller).await;
    let bea = account(s, "shredprobe_bea", AccountType::Seller).await;
    let cleo = account(s, "shredprobe_cleo", AccountType::Seller).await;

    // Cleo's check-in, ended safe: its ciphertext, copied first, must be gone from the rows.
    let c = s
        .create_checkin(&NewCheckin {
            seller: cleo.as_seller(),
            due_at: NOW + 900,
            note: Some(SAFE_NOTE),
            buyer: None,
        })
        .await
        .unwrap();
    let ended_note = sealed_in(&s.dump_all_rows().await.unwrap(), &["checkins"]);
    assert_eq!(ended_note.len(), 1, "{}", s.backend());
    let ended_note = ended_note.into_iter().next().unwrap();
    assert!(s
        .end_checkin(cleo.as_seller(), c.id, NOW + 60, Ending::Safe)
        .await
        .unwrap());

    let thread = s
        .create_thread(&NewThread {
            kind: "direct",
            title: None,
            coop_id: None,
            expiry_days: None,
            creator: ann,
            others: &[bea],
            now: NOW,
        })
        .await
        .unwrap();
    s.post_message(&thread, ann, MESSAGE, NOW, NOW + 3_600)
        .await
        .unwrap();

    s.ask_buddy(ann.as_seller(), bea.as_seller()).await.unwrap();
    assert!(s
        .accept_buddy(ann.as_seller(), bea.as_seller())
        .await
        .unwrap());
    s.create_checkin(&NewCheckin {
        seller: ann.as_seller(),
        due_at: NOW + 900,
        note: Some(NOTE),
        buyer: Some(BUYER),
    })
    .await
    .unwrap();
    assert_eq!(s.claim_missed_checkins(NOW + 900).await.unwrap(), 1);
    let alarm = s.alarms_for(bea.as_seller()).await.unwrap().remove(0);
    assert_eq!(
        alarm.note.as_deref(),
        Some(NOTE),
        "the buddy reads the note"
    );
    s.close_alarm(bea.as_seller(), alarm.id, NOW + 1_000)
        .await
        .unwrap();

    let mut texts = vec![MESSAGE, NOTE, BUYER, SAFE_NOTE];
    texts.extend(post_alerts(s, ann, bea).await);
    let copied = sealed_in(
        &s.dump_all_rows().await.unwrap(),
        &["messages", "checkins", "alarms", "alerts", "alert_disputes"],
    );
    // The message, the check-in's note and buyer, the alarm's, the alert's text and context.
    assert_eq!(copied.len(), 7, "{}", s.backend());
    let last = (NOW + 1_000 + CLOSED_RETENTION_SECS).max(note_until(NOW + 900, MAX_EXTENSIONS));
    Made {
        texts,
        days: key_days(s).await,
        copied,
        ended_note,
        purge_at: (last / DAY + 1) * DAY,
    }
}

/// The checks on what the attacker reads before the purge.
async fn before_purge(s: &Store, made: &Made, chunks: &Chunks) {
    let name = s.backend();
    assert!(
        !holding(chunks, CONTROL.as_bytes()).is_empty(),
        "{name}: the search reads the rows"
    );
    for t in &made.texts {
        assert_eq!(
            holding(chunks, t.as_bytes()),
            Vec::<String>::new(),
            "{name}: {t}"
        );
    }
    // With the key file she can unwrap the keys and read the texts while they live.
    assert!(
        !unwrappable(chunks, &made.days, true).is_empty(),
        "{name}: the key search finds the day keys"
    );
    let mut read = Vec::new();
    for sealed in &made.copied {
        for c in CONTEXTS {
            if let Ok(Some(p)) = s.open_sealed(c, sealed).await {
                read.push(String::from_utf8(p).unwrap());
            }
        }
    }
    read.sort();
    let mut want = vec![MESSAGE, NOTE, NOTE, BUYER, BUYER, ALERT, DISPUTE];
    want.sort_unstable();
    assert_eq!(read, want, "{name}");
}

/// The checks after the expiry and the purge: no text, no key, nothing decrypts.
async fn after_purge(s: &Store, made: &Made, chunks: &Chunks, when: &str) {
    let name = s.backend();
    for t in &made.texts {
        assert_eq!(
            holding(chunks, t.as_bytes()),
            Vec::<String>::new(),
            "{name} {when}: {t}"
        );
    }
    assert_eq!(
        unwrappable(chunks, &made.days, false),
        Vec::<String>::new(),
        "{name} {when}: a shredded day key can still be unwrapped"
    );
    for sealed in made.copied.iter().chain([&made.ended_note]) {
        for c in CONTEXTS {
            assert!(
                matches!(s.open_sealed(c, sealed).await, Ok(None)),
                "{name} {when}: a copied value still decrypts"
            );
        }
    }
}

async fn purge(s: &Store, made: &Made) {
    let r = s.purge(made.purge_at, 1_800, 43_200).await.unwrap();
    let name = s.backend();
    assert_eq!(
        (r.messages, r.checkins, r.alarms, r.alerts),
        (1, 1, 1, 1),
        "{name}: the message, the abandoned check-in, the closed alarm and the alert"
    );
    assert_eq!(r.day_keys, made.days.len() as u64, "{name}");
}

#[tokio::test]
async fn r8_2_r8_3_r6_6_issue12_sqlite_pages_and_wal_hold_no_text_and_no_key_after_the_purge() {
    let dir = tempfile::tempdir().unwrap();
    let at = Location::Sqlite {
        data_dir: dir.path().to_owned(),
    };
    let s = Store::open(&at, &MasterKey::from_hex(KEY_HEX).unwrap())
        .await
        .unwrap();
    let made = scenario(&s).await;
    let pages = all_pages(dir.path(), &KEY);
    assert!(wal_len(dir.path()) > 0, "the WAL is part of the search");
    before_purge(&s, &made, &pages).await;
    // "I'm safe" destroyed the note: not even its ciphertext is left in a page or a frame.
    assert_eq!(
        holding(&pages, &made.ended_note),
        Vec::<String>::new(),
        "R6.6"
    );

    purge(&s, &made).await;
    after_purge(&s, &made, &all_pages(dir.path(), &KEY), "running").await;
    // Stopped (the WAL checkpointed into the file) and opened again: every page is one that
    // was searched above, as a page or a WAL frame, or one written since.
    s.close().await;
    let s = Store::open(&at, &MasterKey::from_hex(KEY_HEX).unwrap())
        .await
        .unwrap();
    after_purge(&s, &made, &all_pages(dir.path(), &KEY), "reopened").await;
    s.close().await;
}

/// The dump of every row with each bytea decoded, and every page of the database (below the
/// rows: dead versions and free space too).
async fn pg_chunks(s: &Store, pool: &sqlx::PgPool) -> Chunks {
    let dump = s.dump_all_rows().await.unwrap();
    let mut chunks: Chunks = vec![("rows".into(), dump.clone().into_bytes())];
    for (i, b) in blobs_in(&dump, &[], 1).into_iter().enumerate() {
        chunks.push((format!("bytea {i}"), b));
    }
    chunks.extend(pg_pages(pool).await);
    chunks
}

#[tokio::test]
async fn r8_2_r8_3_issue12_postgres_rows_and_pages_hold_no_text_and_no_key_after_the_purge() {
    let Some(pg) = postgres().await else {
        return;
    };
    let Some((server, name)) = pg.drop else {
        return;
    };
    pg.store.close().await;
    let url = database_url(&server, &name);
    let s = Store::open(
        &Location::Postgres { url: url.clone() },
        &MasterKey::from_hex(KEY_HEX).unwrap(),
    )
    .await
    .unwrap();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS pageinspect")
        .execute(&pool)
        .await
        .expect("this test reads raw pages with pageinspect (PostgreSQL's contrib)");

    let made = scenario(&s).await;
    let chunks = pg_chunks(&s, &pool).await;
    before_purge(&s, &made, &chunks).await;
    // "I'm safe" deleted the row; its dead version stays in the table's page until vacuum
    // reuses the space, and its day key until that day ends: no row shows it now.
    let rows: Chunks = chunks
        .into_iter()
        .filter(|(w, _)| w == "rows" || w.starts_with("bytea "))
        .collect();
    assert_eq!(holding(&rows, &made.ended_note), Vec::<String>::new());

    purge(&s, &made).await;
    after_purge(&s, &made, &pg_chunks(&s, &pool).await, "after the purge").await;
    pool.close().await;
    s.close().await;
    drop_database(&server, &name).await;
}
