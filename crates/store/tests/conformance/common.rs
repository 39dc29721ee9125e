//! Runs a test body against SQLite (always) and PostgreSQL (when `TEST_DATABASE_URL` is set),
//! each with a fresh database.

use std::future::Future;
use std::io::Write;
use std::sync::Once;

use tessera_core::{AccountType, Day, Pseudonym};
use tessera_store::accounts::NewAccount;
use tessera_store::ratings::NewRating;
use tessera_store::{Location, MasterKey, Store};

/// A day from `YYYY-MM-DD`.
pub fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// An account created on 2026-01-15 with a placeholder password hash; returns its id.
pub async fn account(store: &Store, name: &str, t: AccountType) -> tessera_core::AccountId {
    let p = Pseudonym::parse(name).unwrap();
    store
        .create_account(&NewAccount {
            pseudonym: &p,
            account_type: t,
            password_hash: "h".into(),
            recovery_email_hash: None,
            created_on: d("2026-01-15"),
            language: None,
        })
        .await
        .unwrap()
}

/// A seller's rating of a buyer, recorded on its own day.
pub fn rating(
    seller: tessera_core::AccountId,
    buyer: tessera_core::AccountId,
    day: Day,
    safe: Option<bool>,
    reliable: Option<bool>,
) -> NewRating {
    NewRating {
        seller_id: seller.as_seller(),
        buyer_id: buyer.as_buyer(),
        day,
        safe,
        reliable,
        recorded_on: day,
    }
}

static SKIP_NOTE: Once = Once::new();

pub struct Backend {
    pub store: Store,
    pub name: &'static str,
    /// Keeps the SQLite folder alive for the test's duration.
    pub dir: Option<tempfile::TempDir>,
    /// For PostgreSQL: the server URL and the test database to drop afterwards.
    pub drop: Option<(String, String)>,
}

pub async fn sqlite() -> Backend {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .expect("open sqlite");
    Backend {
        store,
        name: "sqlite",
        dir: Some(dir),
        drop: None,
    }
}

/// A new, empty PostgreSQL database on the server of `TEST_DATABASE_URL`.
pub async fn postgres() -> Option<Backend> {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        SKIP_NOTE.call_once(|| {
            // Written past the test harness's capture on purpose, so the skip is seen.
            let _ = writeln!(
                std::io::stderr(),
                "NOTE: TEST_DATABASE_URL is not set: the PostgreSQL half of the store conformance suite was skipped."
            );
        });
        return None;
    };
    let name = format!("tessera_test_{}", tessera_store::crypto::random_token(8));
    let admin = sqlx::PgPool::connect(&url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("create test database");
    admin.close().await;
    let store = Store::open(
        &Location::Postgres {
            url: database_url(&url, &name),
        },
        &MasterKey::generate(),
    )
    .await
    .expect("open postgres");
    Some(Backend {
        store,
        name: "postgres",
        dir: None,
        drop: Some((url, name)),
    })
}

/// The URL of database `name` on the server of `server`.
pub fn database_url(server: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(server).expect("TEST_DATABASE_URL is a URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

/// Drops a test database made by [`postgres`].
pub async fn drop_database(server: &str, name: &str) {
    let admin = sqlx::PgPool::connect(server).await.expect("reconnect");
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&admin)
        .await;
    admin.close().await;
}

/// Runs `f` on each backend with two stores open on one database, as two `tessera serve`
/// processes have (R9.2): each store has its own pools, rating writer and lookup batcher.
pub async fn each_backend_twice<F, Fut>(f: F)
where
    F: Fn(Store, Store, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    let key = "5a".repeat(32);
    let dir = tempfile::tempdir().expect("tempdir");
    let at = Location::Sqlite {
        data_dir: dir.path().to_owned(),
    };
    let one = Store::open(&at, &MasterKey::from_hex(&key).unwrap())
        .await
        .expect("open sqlite");
    let two = Store::open(&at, &MasterKey::from_hex(&key).unwrap())
        .await
        .expect("open sqlite twice");
    f(one.clone(), two.clone(), "sqlite").await;
    one.close().await;
    two.close().await;
    drop(dir);
    if let Some(pg) = postgres().await {
        let Some((server, name)) = pg.drop else {
            return;
        };
        let second = Location::Postgres {
            url: database_url(&server, &name),
        };
        // Both with the one key, as two processes share TESSERA_DB_KEY (day keys are wrapped
        // by it).
        pg.store.close().await;
        let one = Store::open(&second, &MasterKey::from_hex(&key).unwrap())
            .await
            .expect("open postgres");
        let two = Store::open(&second, &MasterKey::from_hex(&key).unwrap())
            .await
            .expect("open postgres twice");
        f(one.clone(), two.clone(), "postgres").await;
        one.close().await;
        two.close().await;
        drop_database(&server, &name).await;
    }
}

/// Runs `f` on each backend. The backend (and its temporary folder) lives here, not in the
/// test's future, so the folder cannot vanish while the test still opens connections.
pub async fn each_backend<F, Fut>(f: F)
where
    F: Fn(Store, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    let b = sqlite().await;
    f(b.store.clone(), b.name).await;
    b.store.close().await;
    drop(b);
    if let Some(pg) = postgres().await {
        f(pg.store.clone(), pg.name).await;
        pg.store.close().await;
        if let Some((server, name)) = pg.drop {
            drop_database(&server, &name).await;
        }
    }
}
