//! The store's machinery, apart from any feature (SPEC R8.2, R9.2; issue 4): the two backends
//! and their pools and pragmas ([`Db`]), the one way features run SQL on either ([`exec`]), the
//! row reading both drivers share ([`rows`]), and the speed-ups of issue 4 — direct SQLite
//! reads ([`fast`]), lookup batching ([`lookups`]), group commit ([`group_commit`]), PostgreSQL
//! bulk loading ([`pg_bulk`]) and SQLite's allocator ([`sqlite_alloc`]). Nothing here knows a
//! feature's tables: features hand the machinery their SQL and row mappings.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, PgPool, SqlitePool};

use crate::{Location, MasterKey, Result, StoreError, SQLITE_FILE};

pub(crate) mod exec;
pub(crate) mod fast;
// Borrows sqlx's open SQLite handle for rusqlite (`Connection::from_handle`): the one writer
// stays the one writer (R9.2). The SAFETY comment at the call says why it holds.
#[allow(unsafe_code)]
pub(crate) mod group_commit;
pub(crate) mod link;
pub(crate) mod lookups;
pub(crate) mod pg_bulk;
pub(crate) mod rows;
// Hands SQLite's C allocator hooks to mimalloc: C callbacks are unsafe by nature.
#[allow(unsafe_code)]
mod sqlite_alloc;

pub(crate) use exec::{Arg, Pool, Tx};
pub(crate) use rows::Cols;

/// The two backends. SQLite keeps one writer connection so that writes never interleave (and
/// never meet `SQLITE_BUSY`); readers run in parallel under WAL.
#[derive(Clone)]
pub(crate) enum Db {
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        fast: Arc<fast::FastReads>,
    },
    Postgres(PgPool),
}

/// SQLite's page cache per connection, in KiB (32 MiB).
pub(crate) const SQLITE_CACHE_KIB: i64 = 32_768;

/// SQLite creates the database file by the process's umask (often readable by everyone); it
/// is tightened to the owner only (0600). SQLite gives its `-wal` and `-shm` files the main
/// file's mode. Encrypted or not, nobody else needs to read it (R8.2, `tessera doctor`).
fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(StoreError::Io)?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(StoreError::Io)?;
        }
    }
    Ok(())
}

/// PostgreSQL connections: four per core. More only adds server processes competing for the
/// same cores (issue 4, 2-core machine, small preset, 32 lookup connections: 16 connections
/// 15.7k lookups/s, 8 connections 18.3k/s, 4 connections 17.9k/s).
fn pg_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    u32::try_from(cores * 4).unwrap_or(u32::MAX).clamp(4, 64)
}

impl Db {
    /// Opens (creating if needed) and migrates the database. Every command that uses the
    /// database comes through here, so a PostgreSQL URL that breaks the link rule of [`link`]
    /// (ASVS 12.3.1) is refused here, before anything connects.
    pub(crate) async fn open(location: &Location, key: &MasterKey) -> Result<Db> {
        match location {
            Location::Sqlite { data_dir } => Db::open_sqlite(data_dir, key).await,
            Location::Postgres { url } => {
                let opts = PgConnectOptions::from_str(url)?.disable_statement_logging();
                link::check(&opts)?;
                let pool = PgPoolOptions::new()
                    .max_connections(pg_pool_size())
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?;
                sqlx::migrate!("migrations/postgres").run(&pool).await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    async fn open_sqlite(data_dir: &Path, key: &MasterKey) -> Result<Db> {
        sqlite_alloc::configure();
        crate::crypto::create_private_dir(data_dir)?;
        let path = data_dir.join(SQLITE_FILE);
        // The key pragma must come first (SQLCipher); sqlx keeps pragmas in insertion order and
        // reserves the first slot for `key`. A raw 256-bit key skips SQLCipher's per-connection
        // PBKDF2.
        let opts = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .pragma("key", key.sqlcipher_pragma())
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk before the client hears 2xx, so an acknowledged
            // rating survives a power cut, not only a killed process (WAL with NORMAL loses the
            // last commits on power loss). The cost, measured: docs/performance.md (issue 14).
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("secure_delete", "ON")
            .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"))
            // sqlx would log the `PRAGMA key` statement (and every other) at debug level: the
            // key must never reach a log (R8.2), nor request data (R8.4).
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
        let fast = Arc::new(fast::FastReads::open(&path, &key.sqlcipher_pragma())?);
        owner_only(&path)?;
        Ok(Db::Sqlite { read, write, fast })
    }

    /// Where reads go: SQLite's reader pool, or PostgreSQL's one pool.
    pub(crate) fn read(&self) -> Pool<'_> {
        match self {
            Db::Sqlite { read, .. } => Pool::Sqlite(read),
            Db::Postgres(p) => Pool::Postgres(p),
        }
    }

    /// Where writes go: SQLite's one writer connection, or PostgreSQL's one pool.
    pub(crate) fn write(&self) -> Pool<'_> {
        match self {
            Db::Sqlite { write, .. } => Pool::Sqlite(write),
            Db::Postgres(p) => Pool::Postgres(p),
        }
    }

    pub(crate) fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// SQLite: copies the WAL into the database file and truncates the WAL to nothing, so no
    /// old frame keeps data that was deleted (R2.11: `secure_delete` reaches the database file,
    /// not the WAL's history). Waits for readers up to the busy timeout; `false` when some
    /// reader still held an old snapshot then (the next checkpoint finishes the job).
    /// PostgreSQL: nothing to do (its WAL is the server's, outside this store).
    pub(crate) async fn checkpoint_truncate(&self) -> Result<bool> {
        match self {
            Db::Sqlite { write, .. } => {
                let (busy,): (i64,) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                    .fetch_one(write)
                    .await?;
                Ok(busy == 0)
            }
            Db::Postgres(_) => Ok(true),
        }
    }

    pub(crate) async fn close(&self) {
        match self {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}
