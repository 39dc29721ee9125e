//! Backup and restore (SPEC R9.5) through the store's logical export and import: a collective
//! filled through the API (`everything::fill_everything`) goes from SQLite into PostgreSQL under a
//! new master key and back into SQLite, every durable row equal on the way, nothing ephemeral
//! and no deleted pseudonym carried over; the restored server keeps working (logins, TOTP,
//! profile links, invitations, sealed titles). A restore refuses a database that holds data, and
//! a cut or malformed stream leaves nothing behind.
//!
//! PostgreSQL when `TEST_DATABASE_URL` is set (a new database on that server, dropped at the
//! end); otherwise the "other backend" is a second SQLite store and a note says so.

use std::collections::BTreeMap;
use std::io;

use serde_json::{json, Value};
use tessera_store::backup::{self, ephemeral_tables, planned_tables, ImportError, Item};
use tessera_store::{Location, MasterKey, Store};

use crate::common::*;
use crate::everything::{everything_app, fill_everything, Everything};

/// An export kept in memory.
struct Collect(Vec<Item>);

impl backup::Sink for Collect {
    fn put(&mut self, item: Item) -> io::Result<()> {
        self.0.push(item);
        Ok(())
    }
}

/// An export read back, failing with a read error once `cut_at` items were given (a file that
/// ends early).
struct Replay {
    items: std::vec::IntoIter<Item>,
    given: usize,
    cut_at: Option<usize>,
}

impl Replay {
    fn new(items: Vec<Item>, cut_at: Option<usize>) -> Replay {
        Replay {
            items: items.into_iter(),
            given: 0,
            cut_at,
        }
    }
}

impl backup::Source for Replay {
    fn next_item(&mut self) -> io::Result<Option<Item>> {
        if self.cut_at == Some(self.given) {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the backup ends in the middle",
            ));
        }
        self.given += 1;
        Ok(self.items.next())
    }
}

/// Every item of `store`'s export, in order.
pub async fn export(store: &Store) -> Vec<Item> {
    let mut sink = Collect(Vec::new());
    store.export(&mut sink).await.unwrap();
    sink.0
}

async fn import(store: &Store, items: &[Item]) {
    let moved = store
        .import(&mut Replay::new(items.to_vec(), None))
        .await
        .unwrap();
    assert!(moved.rows > 0);
}

/// A new, empty database on the PostgreSQL server of `TEST_DATABASE_URL` (as the conformance
/// suite's `postgres()` and the ASVS suite make theirs), dropped when this goes out of scope,
/// also after a failed assertion.
struct Scratch {
    server: String,
    name: String,
}

impl Scratch {
    fn create() -> Option<Scratch> {
        let server = std::env::var("TEST_DATABASE_URL").ok()?;
        let name = format!("tessera_backup_{}", tessera_store::crypto::random_token(8));
        psql(&server, &format!("CREATE DATABASE {name}"));
        Some(Scratch { server, name })
    }

    fn url(&self) -> String {
        let mut u = url::Url::parse(&self.server).expect("TEST_DATABASE_URL is a URL");
        u.set_path(&format!("/{}", self.name));
        u.to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // No assertion here: a panic while a failed test unwinds would abort the binary.
        let _ = std::process::Command::new("psql")
            .arg(&self.server)
            .args([
                "-q",
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .output();
    }
}

fn psql(server: &str, sql: &str) {
    let out = std::process::Command::new("psql")
        .arg(server)
        .args(["-q", "-c", sql])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One table of an export.
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<backup::Value>>,
}

/// An export's tables by name.
pub fn tables(items: &[Item]) -> BTreeMap<String, Table> {
    let mut out = BTreeMap::new();
    let mut current = None;
    for item in items {
        match item {
            Item::Table { name, columns } => {
                out.insert(
                    name.clone(),
                    Table {
                        columns: columns.clone(),
                        rows: Vec::new(),
                    },
                );
                current = Some(name.clone());
            }
            Item::Row(values) => {
                let name = current.as_ref().expect("a row after its table");
                out.get_mut(name).unwrap().rows.push(values.clone());
            }
            Item::Sequence { .. } => {}
        }
    }
    out
}

fn sequences(items: &[Item]) -> BTreeMap<String, i64> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Sequence { table, next } => Some((table.clone(), *next)),
            _ => None,
        })
        .collect()
}

/// A table's rows as comparable lines: columns by name in `order`, booleans as integers
/// (SQLite stores them so), sorted.
fn canonical(t: &Table, order: &[String]) -> Vec<String> {
    let at: Vec<usize> = order
        .iter()
        .map(|c| t.columns.iter().position(|x| x == c).unwrap())
        .collect();
    let mut lines: Vec<String> = t
        .rows
        .iter()
        .map(|row| {
            let values: Vec<backup::Value> = at
                .iter()
                .map(|&i| match &row[i] {
                    backup::Value::Bool(b) => backup::Value::Int(i64::from(*b)),
                    v => v.clone(),
                })
                .collect();
            format!("{values:?}")
        })
        .collect();
    lines.sort();
    lines
}

fn short(s: &str) -> String {
    s.chars().take(400).collect()
}

/// Every table, every row the same in both exports (columns matched by name); every id
/// sequence of `from` at least as far on in `to`, so that no id is handed out twice.
fn assert_same(from: &[Item], to: &[Item], what: &str) {
    let a = tables(from);
    let b = tables(to);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: the same tables"
    );
    let mut differ = Vec::new();
    for (name, ta) in &a {
        let tb = &b[name];
        let mut order = ta.columns.clone();
        order.sort();
        let mut other = tb.columns.clone();
        other.sort();
        assert_eq!(order, other, "{what}: the columns of {name}");
        let (ra, rb) = (canonical(ta, &order), canonical(tb, &order));
        if ra != rb {
            let lost = ra.iter().find(|r| !rb.contains(r));
            let new = rb.iter().find(|r| !ra.contains(r));
            differ.push(format!(
                "{name}: {} rows became {}; e.g. {} became {}",
                ra.len(),
                rb.len(),
                short(lost.map_or("-", String::as_str)),
                short(new.map_or("-", String::as_str)),
            ));
        }
    }
    assert!(differ.is_empty(), "{what}:\n{}", differ.join("\n"));
    let (sa, sb) = (sequences(from), sequences(to));
    for (table, next) in &sa {
        if let Some(got) = sb.get(table) {
            assert!(got >= next, "{what}: {table}'s next id {got} < {next}");
        }
    }
}

/// The backup holds at least one row of every durable table, and no ephemeral table.
fn assert_every_durable_table_has_rows(items: &[Item]) {
    let t = tables(items);
    let ephemeral = ephemeral_tables();
    let empty: Vec<&str> = planned_tables()
        .into_iter()
        .filter(|n| !ephemeral.contains(n))
        .filter(|n| t.get(*n).is_none_or(|t| t.rows.is_empty()))
        .collect();
    assert!(
        empty.is_empty(),
        "durable tables without a row in the backup: {empty:?}"
    );
    let carried: Vec<&String> = t
        .keys()
        .filter(|n| ephemeral.contains(&n.as_str()))
        .collect();
    assert!(
        carried.is_empty(),
        "ephemeral tables in the backup: {carried:?}"
    );
}

/// A restored store holds nothing ephemeral and no deleted pseudonym (R9.5, R2.11).
async fn assert_restored_cleanly(store: &Store, e: &Everything, what: &str) {
    for t in ephemeral_tables() {
        assert_eq!(
            store.count_rows(t).await.unwrap(),
            0,
            "{what}: ephemeral table {t}"
        );
    }
    let dump = store.dump_all_rows().await.unwrap().to_lowercase();
    for gone in e.deleted() {
        assert!(
            !dump.contains(&gone.to_lowercase()),
            "{what}: the deleted pseudonym {gone} is in a row"
        );
    }
    // The control: the search finds what is there.
    assert!(dump.contains(&e.login_seller.to_lowercase()), "{what}");
}

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// The restored server works: passwords, TOTP, a printed profile link, an invitation made
/// before the backup, a title sealed under the old key, ratings.
async fn assert_it_keeps_working(served: &TestApp, e: &Everything) {
    let rosa = served.client();
    rosa.login(&e.login_seller, e.password).await;
    let look = body(
        rosa.get(&format!("/api/buyer/{}/reputation", e.rated_buyer))
            .await,
    )
    .await;
    assert!(look["interactions"].as_i64().unwrap() >= 1, "{look}");

    // The TOTP seller's password is right: the answer asks for her code (R2.5); a wrong
    // password does not.
    let anon = served.client();
    let first_factor = |password: &str| json!({"pseudonym": e.totp_seller, "password": password});
    let r = anon
        .post_json("/api/session", first_factor(e.password))
        .await;
    assert_eq!(r.status(), 401);
    let v = body(r).await;
    assert!(
        v["message"].as_str().unwrap().contains("authenticator app"),
        "asks for the code: {v}"
    );
    let r = anon
        .post_json("/api/session", first_factor("not her password at all"))
        .await;
    assert_eq!(r.status(), 401);
    assert!(!body(r).await["message"]
        .as_str()
        .unwrap()
        .contains("authenticator app"));

    // The suspension came along (R7.9): in force until its last day.
    let r = anon
        .post_json(
            "/api/session",
            json!({"pseudonym": e.suspended_seller, "password": e.password}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "suspended");

    let r = anon.get(&e.profile_path).await;
    assert_eq!(r.status(), 200, "{}", e.profile_path);
    assert!(r.text().await.unwrap().contains(&e.profile_seller));
    // R4.9: the profile the API shows after the restore is still the link she handed out,
    // although the new key would give another slug.
    let shown = body(
        anon.get(&format!("/api/seller/{}/profile", e.profile_seller))
            .await,
    )
    .await;
    assert_eq!(shown["profile_url"], e.profile_path.as_str(), "{shown}");

    let r = anon
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "restored_rhea", "password": e.password,
                   "account_type": "seller", "invitation": e.unused_invitation}),
        )
        .await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    served.client().login("restored_rhea", e.password).await;

    // A title sealed under the old master key, opened and sealed again under the new one.
    let member = served.client();
    member.login(&e.thread_member, e.password).await;
    let threads = body(member.get("/api/threads").await).await;
    assert!(
        threads
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == e.thread_title.as_str()),
        "{threads}"
    );
}

#[tokio::test]
async fn r9_5_a_backup_restores_every_durable_row_into_the_other_backend() {
    let app = everything_app().await;
    let e = fill_everything(&app).await;
    let items = export(&app.store).await;
    assert_every_durable_table_has_rows(&items);

    // Into the other backend, under a new master key.
    let scratch = Scratch::create();
    let (restored, _sqlite_dir, there) = match &scratch {
        Some(db) => {
            let store = Store::open(
                &Location::Postgres { url: db.url() },
                &MasterKey::generate(),
            )
            .await
            .unwrap();
            (store, None, "PostgreSQL")
        }
        None => {
            // Past the harness's capture on purpose, so that the skip is seen.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"NOTE: TEST_DATABASE_URL is not set: the backup round trip ran SQLite to SQLite.\n",
            );
            let (store, dir) = new_sqlite().await;
            (store, Some(dir), "SQLite")
        }
    };
    import(&restored, &items).await;
    let there_items = export(&restored).await;
    assert_same(&items, &there_items, &format!("SQLite -> {there}"));
    assert_restored_cleanly(&restored, &e, there).await;

    // And back into SQLite, under yet another key.
    let (back, _back_dir) = new_sqlite().await;
    import(&back, &there_items).await;
    let back_items = export(&back).await;
    assert_same(&there_items, &back_items, &format!("{there} -> SQLite"));
    assert_restored_cleanly(&back, &e, "SQLite, the way back").await;
    back.close().await;

    // The restored server works, on the clock where the backup's server left off.
    let served = spawn_app_on(restored.clone()).await;
    served.clock.advance(time::Duration::seconds(
        app.state.now() - served.state.now(),
    ));
    assert_it_keeps_working(&served, &e).await;
    restored.close().await;
    drop(scratch);
}

/// A small collective: a seller, a buyer, a rating.
async fn a_little_data(app: &TestApp) {
    let kim = app.seller("keep_kim").await;
    app.buyer("keep_ken").await;
    let r = kim
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "keep_ken", "safe": true, "reliable": false}),
        )
        .await;
    assert_eq!(r.status(), 201);
}

async fn counts(store: &Store) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for t in planned_tables() {
        out.push((t, store.count_rows(t).await.unwrap()));
    }
    out
}

#[tokio::test]
async fn r9_5_restore_refuses_a_database_that_is_not_empty() {
    let app = spawn_app().await;
    a_little_data(&app).await;
    let items = export(&app.store).await;
    let before = counts(&app.store).await;
    let r = app.store.import(&mut Replay::new(items, None)).await;
    assert!(matches!(r, Err(ImportError::NotEmpty(_))), "{r:?}");
    assert_eq!(counts(&app.store).await, before, "nothing was written");
}

#[tokio::test]
async fn r9_5_a_cut_or_bad_stream_rolls_the_whole_restore_back() {
    let app = spawn_app().await;
    a_little_data(&app).await;
    let items = export(&app.store).await;
    let half = items.len() / 2;
    // The first half holds the accounts' rows and the header of a later table, so the accounts
    // were written before the stream fails: only the rollback can take them away again.
    let accounts = items
        .iter()
        .position(|i| matches!(i, Item::Table { name, .. } if name == "accounts"))
        .unwrap();
    let next_table = items[accounts + 1..]
        .iter()
        .position(|i| matches!(i, Item::Table { .. }))
        .unwrap()
        + accounts
        + 1;
    assert!(next_table > accounts + 1, "accounts has rows");
    assert!(
        half > next_table,
        "{half} items, the cut after the accounts"
    );

    let mut bad = items.clone();
    bad.insert(half, Item::Row(vec![backup::Value::Null]));
    let (fresh, _dir) = new_sqlite().await;
    let cut = fresh
        .import(&mut Replay::new(items.clone(), Some(half)))
        .await;
    assert!(matches!(cut, Err(ImportError::Read(_))), "{cut:?}");
    let malformed = fresh.import(&mut Replay::new(bad, None)).await;
    assert!(
        matches!(malformed, Err(ImportError::Malformed(_))),
        "{malformed:?}"
    );
    for (table, n) in counts(&fresh).await {
        let baseline = i64::from(table == "param_versions");
        assert_eq!(n, baseline, "{table} after the failed restores");
    }
    // Nothing half-done stands in the way of the whole backup.
    import(&fresh, &items).await;
    assert_eq!(
        fresh.count_rows("accounts").await.unwrap(),
        app.store.count_rows("accounts").await.unwrap()
    );
    fresh.close().await;
}
