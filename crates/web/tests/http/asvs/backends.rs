//! The real application on each backend (SPEC R9.2): a fresh SQLite file always, and a fresh
//! PostgreSQL database on the server of `TEST_DATABASE_URL` when it is set. Sessions, login
//! tickets' accounts and CSRF tokens live in the database, so the ASVS V7 checks that depend on
//! the store run on both. The same harness as `common::spawn_app` (port 0, a clock the test
//! moves), with a backend chosen by the caller.

use std::future::Future;
use std::sync::{Arc, Once};

use serde_json::json;
use tessera_core::FixedClock;
use tessera_store::{Location, MasterKey, Store};
use tessera_web::{AppState, Application, WebConfig};

use crate::common::{logs, Client, PASSWORD};

pub struct Backend {
    pub name: &'static str,
    pub base: String,
    pub state: AppState,
    pub store: Store,
    pub clock: Arc<FixedClock>,
    _dir: Option<tempfile::TempDir>,
}

impl Backend {
    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// An invitation as `tessera invite` makes it.
    pub async fn invitation(&self) -> String {
        let (token, _) =
            tessera_app::accounts::create_invitation_in(&self.store, self.state.now(), None)
                .await
                .unwrap();
        token
    }

    /// A logged-in seller client (through the API, keeping the session's CSRF token).
    pub async fn seller(&self, name: &str) -> Client {
        let inv = self.invitation().await;
        let c = self.client();
        let r = c
            .post_json("/api/accounts", json!({"pseudonym": name, "password": PASSWORD, "account_type": "seller", "invitation": inv}))
            .await;
        assert_eq!(r.status(), 201, "seller sign-up on {}", self.name);
        c.login(name, PASSWORD).await;
        c
    }

    /// A logged-in buyer client.
    pub async fn buyer(&self, name: &str) -> Client {
        let c = self.client();
        let r = c
            .post_json(
                "/api/accounts",
                json!({"pseudonym": name, "password": PASSWORD, "account_type": "buyer"}),
            )
            .await;
        assert_eq!(r.status(), 201, "buyer sign-up on {}", self.name);
        c.login(name, PASSWORD).await;
        c
    }

    /// The stored password hash of an account, to see that a refused change changed nothing.
    pub async fn password_hash(&self, pseudonym: &str) -> String {
        self.store
            .account_by_pseudonym(pseudonym)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .unwrap()
    }
}

async fn serve(
    name: &'static str,
    store: Store,
    dir: Option<tempfile::TempDir>,
    configure: &dyn Fn(&mut WebConfig),
) -> Backend {
    // The shared log capture (R8.4 checks read it) is installed by the first call to `logs`.
    let _ = logs();
    let clock = Arc::new(FixedClock::new(time::OffsetDateTime::now_utc()));
    let mut cfg = WebConfig {
        pow_bits: 8,
        ..WebConfig::default()
    };
    configure(&mut cfg);
    let state = AppState::new(store.clone(), clock.clone(), cfg);
    let app = Application::bind(state.clone(), "127.0.0.1:0".parse().unwrap(), None)
        .await
        .unwrap();
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run());
    Backend {
        name,
        base: format!("http://{addr}"),
        state,
        store,
        clock,
        _dir: dir,
    }
}

pub async fn sqlite_with(configure: &dyn Fn(&mut WebConfig)) -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .unwrap();
    serve("sqlite", store, Some(dir), configure).await
}

pub async fn sqlite() -> Backend {
    sqlite_with(&|_| {}).await
}

static SKIP_NOTE: Once = Once::new();

/// A fresh database on the PostgreSQL server of `TEST_DATABASE_URL`, as (server URL, name).
fn postgres_database() -> Option<(String, String)> {
    let Ok(server) = std::env::var("TEST_DATABASE_URL") else {
        SKIP_NOTE.call_once(|| {
            // Past the harness's capture on purpose, so that the skip is seen.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"NOTE: TEST_DATABASE_URL is not set: the ASVS HTTP tests ran on SQLite only.\n",
            );
        });
        return None;
    };
    let name = format!("tessera_asvs_{}", tessera_store::crypto::random_token(8));
    psql(&server, &format!("CREATE DATABASE {name}"));
    Some((server, name))
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

fn database_url(server: &str, name: &str) -> String {
    let mut u = url::Url::parse(server).expect("TEST_DATABASE_URL is a URL");
    u.set_path(&format!("/{name}"));
    u.to_string()
}

/// Runs `body` against SQLite, then against a fresh PostgreSQL database when
/// `TEST_DATABASE_URL` is set; a check that holds on one backend only fails (R9.2).
pub async fn each_backend<F, Fut>(body: F)
where
    F: Fn(Backend) -> Fut,
    Fut: Future<Output = ()>,
{
    body(sqlite().await).await;
    let Some((server, name)) = postgres_database() else {
        return;
    };
    let store = Store::open(
        &Location::Postgres {
            url: database_url(&server, &name),
        },
        &MasterKey::generate(),
    )
    .await
    .expect("open the PostgreSQL test database");
    let keep = store.clone();
    body(serve("postgres", store, None, &|_| {}).await).await;
    keep.close().await;
    psql(
        &server,
        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    );
}
