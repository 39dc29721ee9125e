//! tessera-store: one `Store` over the embedded SQLCipher database and PostgreSQL (SPEC R8.2,
//! R9.2). Every operation is written once, in portable SQL (`$1` placeholders, `RETURNING`,
//! `ON CONFLICT`), and runs on both backends through [`on_db!`]; the conformance suite in
//! `tests/` runs each of them against both.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, PgPool, SqlitePool};

pub mod accounts;
pub mod codes;
pub mod crypto;
pub mod error;
pub mod events;
mod fast;
pub mod import;
mod inspect;
pub mod invitations;
mod lookups;
pub mod params;
mod pg_bulk;
pub mod purge;
mod rating_writes;
pub mod ratings;
pub mod received;
pub mod recovery;
pub mod sessions;
mod sqlite_alloc;

pub use crypto::{Crypto, MasterKey};
pub use error::StoreError;
pub use inspect::Consistency;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The two backends. SQLite keeps one writer connection so that writes never interleave (and
/// never meet `SQLITE_BUSY`); readers run in parallel under WAL.
#[derive(Clone)]
pub(crate) enum Db {
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        fast: std::sync::Arc<fast::FastReads>,
    },
    Postgres(PgPool),
}

/// Runs the same code against whichever pool the store holds. `read` or `write` picks the
/// SQLite pool; PostgreSQL has one pool for both.
macro_rules! on_db {
    ($store:expr, $role:ident, |$pool:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite { $role: $pool, .. } => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Executes one statement with its bind values on the write pool; evaluates to rows affected.
macro_rules! exec {
    ($store:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::on_db!($store, write, |pool| {
            sqlx::query($sql)$(.bind($arg))*.execute(pool).await?.rows_affected()
        })
    };
}
pub(crate) use exec;

#[derive(Clone)]
pub struct Store {
    pub(crate) db: Db,
    crypto: Crypto,
    ratings: rating_writes::RatingQueue,
    lookups: lookups::Lookups,
}

/// Where the data lives: a SQLite file in `data_dir`, or a PostgreSQL URL.
#[derive(Clone, Debug)]
pub enum Location {
    Sqlite { data_dir: PathBuf },
    Postgres { url: String },
}

/// PostgreSQL connections: four per core. More only adds server processes competing for the
/// same cores (issue 4, 2-core machine, small preset, 32 lookup connections: 16 connections
/// 15.7k lookups/s, 8 connections 18.3k/s, 4 connections 17.9k/s).
fn pg_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 4).unwrap_or(u32::MAX).clamp(4, 64)
}

impl Location {
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
        let db = match location {
            Location::Sqlite { data_dir } => {
                sqlite_alloc::configure();
                std::fs::create_dir_all(data_dir).map_err(StoreError::Io)?;
                let path = data_dir.join(SQLITE_FILE);
                // The key pragma must come first (SQLCipher); sqlx keeps pragmas in insertion
                // order and reserves the first slot for `key`. A raw 256-bit key skips SQLCipher's
                // per-connection PBKDF2.
                let opts = SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(true)
                    .pragma("key", key.sqlcipher_pragma())
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .pragma("secure_delete", "ON")
                    .pragma("cache_size", "-32768")
                    // sqlx would log the `PRAGMA key` statement (and every other) at debug level:
                    // the key must never reach a log (R8.2), nor request data (R8.4).
                    .disable_statement_logging();
                let write = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(opts.clone())
                    .await?;
                sqlx::migrate!("migrations/sqlite").run(&write).await?;
                let read = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(opts)
                    .await?;
                let fast =
                    std::sync::Arc::new(fast::FastReads::open(&path, &key.sqlcipher_pragma())?);
                Db::Sqlite { read, write, fast }
            }
            Location::Postgres { url } => {
                let opts = PgConnectOptions::from_str(url)?.disable_statement_logging();
                let pool = PgPoolOptions::new()
                    .max_connections(pg_pool_size())
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?;
                sqlx::migrate!("migrations/postgres").run(&pool).await?;
                Db::Postgres(pool)
            }
        };
        let store = Store {
            ratings: rating_writes::RatingQueue::start(db.clone())?,
            lookups: lookups::Lookups::start(db.clone())?,
            db,
            crypto: Crypto::new(key),
        };
        store
            .ensure_baseline_params(tessera_core::Day(time::OffsetDateTime::now_utc().date()))
            .await?;
        Ok(store)
    }

    pub fn crypto(&self) -> &Crypto {
        &self.crypto
    }

    pub fn backend(&self) -> &'static str {
        match self.db {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}
