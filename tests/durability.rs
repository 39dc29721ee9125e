//! Durability under `kill -9` (issue 14 §2; SPEC R9.4, R3.2, R4.4): several clients stream
//! rating writes, code redemptions, messages, alerts and ballots over HTTP; the server is killed
//! with SIGKILL at a random moment, started again, and every write that was answered 2xx must be
//! in the database, with every buyer's counters equal to a recount of his ratings. Twenty rounds
//! on SQLite (synchronous = FULL, docs/performance.md) and twenty on PostgreSQL.

// A test's unwrap is its assertion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tessera_store::{Consistency, Location, MasterKey, Store};

const BIN: &str = env!("CARGO_BIN_EXE_tessera");
const KEY: &str = "7e1d5a0c9b3f4e2d8a6c1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
const PW: &str = "copper meadow lantern sail";
const ROUNDS: usize = 20;
const SELLERS: [&str; 3] = ["dura_ana", "dura_bea", "dura_cai"];
const BUYERS: [&str; 4] = ["dura.b1", "dura.b2", "dura.b3", "dura.b4"];
const PROPOSALS: usize = ROUNDS + 1;

/// Where the database lives: the server's arguments and the test's own view of it.
struct Db {
    args: Vec<String>,
    location: Location,
    _dir: tempfile::TempDir,
}

fn server(db: &Db) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(&db.args)
        .env("TESSERA_DB_KEY", KEY)
        // Writes come faster than any person's; the per-address limit would answer 429.
        .env("TESSERA_LIMITS_IP_PER_MINUTE", "0")
        .env("TESSERA_LIMITS_SIGNUPS_PER_HOUR", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tessera serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("server exited early").unwrap();
        if let Some(addr) = line.strip_prefix("Tessera is listening on ") {
            break addr.trim().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    (child, base)
}

fn invitation(db: &Db) -> String {
    let out = Command::new(BIN)
        .arg("invite")
        .args(&db.args)
        .env("TESSERA_DB_KEY", KEY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned()
}

/// A logged-in client: its cookie and CSRF token.
#[derive(Clone)]
struct Session {
    cookie: String,
    csrf: String,
}

async fn login(http: &reqwest::Client, base: &str, who: &str) -> Session {
    let r = http
        .post(format!("{base}/api/session"))
        .json(&json!({"pseudonym": who, "password": PW}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "login {who}");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let v: Value = r.json().await.unwrap();
    Session {
        cookie,
        csrf: v["csrf_token"].as_str().unwrap().to_owned(),
    }
}

async fn post(
    http: &reqwest::Client,
    base: &str,
    s: &Session,
    path: &str,
    body: Value,
) -> Option<(u16, Value)> {
    let r = http
        .post(format!("{base}{path}"))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .json(&body)
        .send()
        .await
        .ok()?;
    let status = r.status().as_u16();
    // A killed server may answer the status and die before the body: an answer without its
    // body was not received, so it does not count as acknowledged.
    let v = r.json::<Value>().await.ok()?;
    Some((status, v))
}

/// What the clients were told was stored.
#[derive(Default)]
struct Acked {
    ratings: BTreeSet<String>,
    codes: BTreeSet<String>,
    messages: BTreeSet<String>,
    alerts: BTreeSet<String>,
    receipts: BTreeSet<String>,
}

/// A small, dependency-free random source for the kill moments.
fn random_ms(round: usize) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    300 + u64::from(nanos.wrapping_mul(2_654_435_761).wrapping_add(round as u32) % 1_500)
}

async fn setup(db: &Db) -> (String, Vec<String>) {
    let (mut child, base) = server(db);
    let http = reqwest::Client::new();
    for (i, s) in SELLERS.iter().enumerate() {
        let inv = invitation(db);
        let r = http
            .post(format!("{base}/api/accounts"))
            .json(&json!({"pseudonym": s, "password": PW, "account_type": "seller", "invitation": inv}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "seller {i}");
    }
    for b in BUYERS {
        let r = http
            .post(format!("{base}/api/accounts"))
            .json(&json!({"pseudonym": b, "password": PW, "account_type": "buyer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "buyer {b}");
    }
    let ana = login(&http, &base, SELLERS[0]).await;
    let bea = login(&http, &base, SELLERS[1]).await;
    let (st, thread) = post(
        &http,
        &base,
        &ana,
        "/api/threads",
        json!({"kind": "direct", "members": [SELLERS[1]]}),
    )
    .await
    .unwrap();
    assert_eq!(st, 201, "{thread}");
    let (st, coop) = post(
        &http,
        &base,
        &bea,
        "/api/coops",
        json!({"name": "Durable coop", "kind": "private", "min_member_days": 0}),
    )
    .await
    .unwrap();
    assert_eq!(st, 201, "{coop}");
    let mut proposals = Vec::new();
    for i in 0..PROPOSALS {
        let (st, p) = post(
            &http,
            &base,
            &ana,
            "/api/proposals",
            json!({"title": format!("Durability {i}"), "kind": "operational", "specification": "s",
                   "rationale": "r", "risks": "r", "alternatives": "a"}),
        )
        .await
        .unwrap();
        assert_eq!(st, 201, "{p}");
        proposals.push(p["id"].as_str().unwrap().to_owned());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // Every vote opens now and closes in a day (the proposal's own dates are weeks away).
    let store = open(db).await;
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap();
    let today = tessera_core::Day::from_unix(now).to_string();
    store
        .execute_for_tests(&format!(
            "UPDATE proposals SET opens_at = {}, closes_at = {}, vote_from = '{today}'",
            now - 60,
            now + 86_400
        ))
        .await
        .unwrap();
    store.close().await;
    (
        format!(
            "{}|{}",
            thread["id"].as_str().unwrap(),
            coop["id"].as_str().unwrap()
        ),
        proposals,
    )
}

async fn open(db: &Db) -> Store {
    Store::open(&db.location, &MasterKey::from_hex(KEY).unwrap())
        .await
        .unwrap()
}

/// One round: writers until SIGKILL; what was acknowledged goes into `acked`.
async fn round(db: &Db, round: usize, ids: &str, proposals: &[String], acked: &Arc<Mutex<Acked>>) {
    let (thread, coop) = ids.split_once('|').unwrap();
    let (mut child, base) = server(db);
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut sellers = Vec::new();
    for s in SELLERS {
        sellers.push(login(&http, &base, s).await);
    }
    let mut buyers = Vec::new();
    for b in BUYERS {
        buyers.push(login(&http, &base, b).await);
    }
    // Codes for this round's redemptions, generated before the writers start.
    let mut codes = Vec::new();
    for (i, s) in sellers.iter().enumerate() {
        // The last round's unused codes go; then more than a round can use before the kill, so
        // redemptions are in flight when it comes.
        let (st, _) = post(&http, &base, s, "/api/codes/invalidate", json!({}))
            .await
            .unwrap();
        assert_eq!(st, 200);
        for _ in 0..30 {
            let (st, v) = post(&http, &base, s, "/api/codes/generate", json!({}))
                .await
                .unwrap();
            assert_eq!(st, 201, "{v}");
            codes.push((SELLERS[i], v["code"].as_str().unwrap().to_owned()));
        }
    }
    let mut tasks = Vec::new();
    // Ratings: each seller rates every buyer on a rolling day.
    for (i, s) in sellers.iter().enumerate() {
        let (http, base, s, acked) = (http.clone(), base.clone(), s.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0usize.. {
                let buyer = BUYERS[n % BUYERS.len()];
                let day = tessera_core::Day::from_unix(
                    i64::try_from(
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .unwrap()
                            .as_secs(),
                    )
                    .unwrap(),
                )
                .plus_days(-i64::try_from((n / BUYERS.len() + round * 3) % 80).unwrap())
                .to_string();
                let body =
                    json!({"buyer": buyer, "safe": n % 5 != 0, "reliable": n % 7 != 0, "day": day});
                match post(&http, &base, &s, "/api/ratings/submit", body).await {
                    Some((st, _)) if (200..300).contains(&st) => {
                        acked
                            .lock()
                            .unwrap()
                            .ratings
                            .insert(format!("{}|{buyer}|{day}", SELLERS[i]));
                    }
                    Some(_) => {}
                    None => return,
                }
            }
        }));
    }
    // Redemptions: each buyer uses the codes in turn.
    for (j, b) in buyers.iter().enumerate() {
        let mine: Vec<_> = codes
            .iter()
            .skip(j)
            .step_by(BUYERS.len())
            .cloned()
            .collect();
        let (http, base, b, acked) = (http.clone(), base.clone(), b.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            for (seller, code) in mine {
                let body = json!({"seller": seller, "code": code, "listing_accuracy": "accurate",
                                  "punctuality": "on_time", "professionalism": "professional"});
                match post(&http, &base, &b, "/api/ratings/submit_rating", body).await {
                    Some((st, _)) if (200..300).contains(&st) => {
                        acked
                            .lock()
                            .unwrap()
                            .codes
                            .insert(format!("{seller}|{code}"));
                    }
                    Some(_) => {}
                    None => return,
                }
            }
        }));
    }
    // Messages and alerts.
    {
        let (h, b, s, a) = (
            http.clone(),
            base.clone(),
            sellers[0].clone(),
            acked.clone(),
        );
        let path = format!("/api/threads/{thread}/messages");
        tasks.push(tokio::spawn(async move {
            for n in 0.. {
                match post(
                    &h,
                    &b,
                    &s,
                    &path,
                    json!({"body": format!("round {round} message {n}")}),
                )
                .await
                {
                    Some((201, v)) => {
                        a.lock()
                            .unwrap()
                            .messages
                            .insert(v["id"].as_str().unwrap().to_owned());
                    }
                    Some(_) => {}
                    None => return,
                }
            }
        }));
        let (http, base, s, acked) = (
            http.clone(),
            base.clone(),
            sellers[1].clone(),
            acked.clone(),
        );
        let coop = coop.to_owned();
        tasks.push(tokio::spawn(async move {
            for n in 0.. {
                let body = json!({"coop": coop, "flags": ["time_waster"], "text": format!("round {round} alert {n}"), "days": 14});
                match post(&http, &base, &s, "/api/alerts", body).await {
                    Some((201, v)) => {
                        acked.lock().unwrap().alerts.insert(v["id"].as_str().unwrap().to_owned());
                    }
                    Some(_) => {}
                    None => return,
                }
            }
        }));
    }
    // Ballots: each seller votes on this round's proposal.
    for s in &sellers {
        let (http, base, s, acked) = (http.clone(), base.clone(), s.clone(), acked.clone());
        let path = format!("/api/proposals/{}/ballot", proposals[round]);
        tasks.push(tokio::spawn(async move {
            if let Some((201, v)) = post(&http, &base, &s, &path, json!({"choice": "yes"})).await {
                acked
                    .lock()
                    .unwrap()
                    .receipts
                    .insert(v["receipt"].as_str().unwrap().to_owned());
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(random_ms(round))).await;
    // SIGKILL: no shutdown, no checkpoint.
    child.kill().unwrap();
    child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
}

/// Every acknowledged write is in the database, and the counters equal a recount.
async fn verify(db: &Db, acked: &Acked, name: &str, round: usize) {
    let store = open(db).await;
    let set = |sql: &'static str| {
        let store = store.clone();
        async move {
            store
                .query_text_for_tests(sql)
                .await
                .unwrap()
                .into_iter()
                .collect::<BTreeSet<String>>()
        }
    };
    let ratings = set(
        "SELECT s.pseudonym || '|' || b.pseudonym || '|' || r.day FROM ratings r \
         JOIN accounts s ON s.id = r.seller_id JOIN accounts b ON b.id = r.buyer_id",
    )
    .await;
    let codes = set("SELECT s.pseudonym || '|' || c.code FROM rating_codes c \
         JOIN accounts s ON s.id = c.seller_id WHERE c.status = 'used'")
    .await;
    let messages = set("SELECT id FROM messages").await;
    let alerts = set("SELECT id FROM alerts").await;
    let receipts = set("SELECT receipt FROM ballots").await;
    for (what, want, have) in [
        ("rating", &acked.ratings, &ratings),
        ("redemption", &acked.codes, &codes),
        ("message", &acked.messages, &messages),
        ("alert", &acked.alerts, &alerts),
        ("ballot", &acked.receipts, &receipts),
    ] {
        let lost: Vec<_> = want.difference(have).collect();
        assert!(
            lost.is_empty(),
            "{name} round {round}: acknowledged {what}s lost: {lost:?}"
        );
    }
    assert_eq!(
        store.consistency().await.unwrap(),
        Consistency::default(),
        "{name} round {round}: counters differ from a recount"
    );
    store.close().await;
}

async fn rounds(db: Db, name: &str) {
    let (ids, proposals) = setup(&db).await;
    let acked = Arc::new(Mutex::new(Acked::default()));
    for r in 0..ROUNDS {
        round(&db, r, &ids, &proposals, &acked).await;
        let snapshot = {
            let a = acked.lock().unwrap();
            Acked {
                ratings: a.ratings.clone(),
                codes: a.codes.clone(),
                messages: a.messages.clone(),
                alerts: a.alerts.clone(),
                receipts: a.receipts.clone(),
            }
        };
        verify(&db, &snapshot, name, r).await;
    }
    let a = acked.lock().unwrap();
    // The rounds did write: a test that acknowledged nothing would prove nothing.
    assert!(
        a.ratings.len() > ROUNDS
            && !a.codes.is_empty()
            && !a.messages.is_empty()
            && !a.alerts.is_empty()
            && !a.receipts.is_empty(),
        "{name}: {} ratings, {} redemptions, {} messages, {} alerts, {} ballots acknowledged",
        a.ratings.len(),
        a.codes.len(),
        a.messages.len(),
        a.alerts.len(),
        a.receipts.len()
    );
    eprintln!(
        "{name}: {ROUNDS} kills; acknowledged and found again: {} ratings, {} redemptions, {} messages, {} alerts, {} ballots",
        a.ratings.len(),
        a.codes.len(),
        a.messages.len(),
        a.alerts.len(),
        a.receipts.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r9_4_issue14_no_acknowledged_write_is_lost_to_sigkill_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = Db {
        args: vec!["--data-dir".into(), data.display().to_string()],
        location: Location::Sqlite { data_dir: data },
        _dir: dir,
    };
    rounds(db, "sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r9_4_r9_2_issue14_no_acknowledged_write_is_lost_to_sigkill_on_postgres() {
    let Ok(server) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("NOTE: TEST_DATABASE_URL is not set: the PostgreSQL half of the durability test was skipped.");
        return;
    };
    let name = format!("tessera_durability_{}", std::process::id());
    let admin = Command::new("psql")
        .arg(&server)
        .args([
            "-q",
            "-c",
            &format!("DROP DATABASE IF EXISTS {name}"),
            "-c",
            &format!("CREATE DATABASE {name}"),
        ])
        .status()
        .unwrap();
    assert!(admin.success());
    let mut url = reqwest::Url::parse(&server).unwrap();
    url.set_path(&format!("/{name}"));
    let dir = tempfile::tempdir().unwrap();
    let db = Db {
        args: vec![
            "--database-url".into(),
            url.to_string(),
            "--data-dir".into(),
            dir.path().display().to_string(),
        ],
        location: Location::Postgres {
            url: url.to_string(),
        },
        _dir: dir,
    };
    rounds(db, "postgres").await;
    let _ = Command::new("psql")
        .arg(&server)
        .args(["-q", "-c", &format!("DROP DATABASE IF EXISTS {name}")])
        .status();
}
