//! tessera-store: one `Store` over the embedded SQLCipher database and PostgreSQL (SPEC R8.2,
//! R9.2). Every operation is written once, in portable SQL (`$1` placeholders, `RETURNING`,
//! `ON CONFLICT`), and runs on both backends through [`db::exec`]; the conformance suite in
//! `tests/conformance` runs each of them against both.
//!
//! One room per area: [`db`] is the machinery (backends, pools, batching, row reading),
//! [`accounts`] and [`screening`] the features, [`crypto`] the keys (R8.2), [`purge`] retention
//! (R8.3). The features' modules are also re-exported at the crate root, where callers have
//! always found them (`tessera_store::ratings::NewRating`, ...).

use std::path::{Path, PathBuf};

pub mod abuse;
pub mod accounts;
pub mod backup;
pub mod crypto;
mod day_key_cache;
mod day_keys;
pub(crate) mod db;
pub mod error;
pub mod governance;
mod inspect;
pub mod network;
pub mod purge;
pub mod screening;
pub mod seizure;

pub use accounts::{events, invitations, recovery, sessions};
pub use crypto::{Crypto, MasterKey};
pub use db::link::{DatabaseLink, InsecureDatabaseLink};
pub use error::StoreError;
pub use inspect::{known_schema_version, Backend, Consistency, SchemaVersion};
pub use network::{alarms, alerts, buddies, checkins};
pub use network::{committees, coops};
pub use screening::{codes, import, links, params, ratings, received};

use db::group_commit::GroupCommit;
use db::lookups::Lookups;
use db::Db;
use screening::ratings::batch::RatingWrite;
use screening::ratings::lookup::BuyerLookup;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Clone)]
pub struct Store {
    pub(crate) db: Db,
    crypto: Crypto,
    ratings: GroupCommit<RatingWrite>,
    lookups: Lookups<BuyerLookup>,
    sessions: std::sync::Arc<accounts::session_cache::SessionCache>,
    day_keys: std::sync::Arc<day_key_cache::DayKeyCache>,
}

/// Where the data lives: a SQLite file in `data_dir`, or a PostgreSQL URL.
#[derive(Clone, Debug)]
pub enum Location {
    Sqlite { data_dir: PathBuf },
    Postgres { url: String },
}

impl Location {
    pub fn backend(&self) -> Backend {
        match self {
            Location::Sqlite { .. } => Backend::Sqlite,
            Location::Postgres { .. } => Backend::Postgres,
        }
    }

    pub fn from_args(data_dir: &Path, database_url: Option<&str>) -> Location {
        match database_url {
            Some(url) if !url.is_empty() => Location::Postgres {
                url: url.to_owned(),
            },
            _ => Location::Sqlite {
                data_dir: data_dir.to_owned(),
            },
        }
    }
}

pub const SQLITE_FILE: &str = "tessera.db";

impl Store {
    /// Opens (creating if needed) and migrates the database.
    pub async fn open(location: &Location, key: &MasterKey) -> Result<Store> {
        keep_openssl_until_exit();
        let db = Db::open(location, key).await?;
        let store = Store {
            ratings: GroupCommit::start(db.clone(), "tessera-ratings")?,
            lookups: Lookups::start(db.clone())?,
            sessions: Default::default(),
            day_keys: Default::default(),
            db,
            crypto: Crypto::new(key),
        };
        store
            .ensure_baseline_params(tessera_core::Day(time::OffsetDateTime::now_utc().date()))
            .await?;
        // Rows older than migration 0006 get their look-alike skeleton (R2.2).
        store.backfill_skeletons().await?;
        // Recovery codes older than migration 0007 get their salt (R2.6, ASVS 6.5.2).
        store.salt_old_recovery_codes().await?;
        Ok(store)
    }

    pub fn crypto(&self) -> &Crypto {
        &self.crypto
    }

    pub fn backend(&self) -> &'static str {
        self.db.backend()
    }

    /// Checkpoints the SQLite WAL into the database file and truncates it (R2.11; a no-op on
    /// PostgreSQL). `false` when a reader kept it from finishing within the busy timeout.
    pub async fn checkpoint(&self) -> Result<bool> {
        self.db.checkpoint_truncate().await
    }

    /// After data was deleted: no old WAL frame may keep it (R2.11). A checkpoint that a
    /// reader held up is not an error of the deletion, which is committed; the next deletion,
    /// purge or shutdown checkpoints again.
    pub(crate) async fn wipe_wal(&self) {
        match self.db.checkpoint_truncate().await {
            Ok(true) => {}
            Ok(false) => tracing::warn!("WAL checkpoint after a deletion was held up by a reader"),
            Err(e) => tracing::warn!(error = %e, "WAL checkpoint after a deletion failed"),
        }
    }

    /// Stops the store: the rating writer thread finishes what is queued and lets go of the
    /// database, the WAL is checkpointed and truncated (a clean stop leaves no WAL behind),
    /// then the pools close.
    pub async fn close(&self) {
        self.ratings.stop().await;
        self.wipe_wal().await;
        self.db.close().await;
    }
}

/// SQLCipher encrypts with OpenSSL, which by default registers an exit handler that frees its
/// global state. A process that exits while one of the store's threads (the rating writer,
/// sqlx's SQLite workers) still holds a connection then frees memory that thread is using:
/// seen as "double free or corruption" aborts at exit, after all the work was done (a CLI
/// command, a test binary). `openssl_sys::init` initialises OpenSSL once with
/// `OPENSSL_INIT_NO_ATEXIT`, leaving that state to the operating system at exit.
fn keep_openssl_until_exit() {
    openssl_sys::init();
}
