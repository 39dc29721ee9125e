//! Direct reads for the two queries every lookup makes on SQLite: the session and the buyer's
//! counters (issue 4; the counters come in batches from `lookups`). sqlx hands each SQLite query to a worker thread and the rows back, two
//! context switches per query; on two cores that switching dominated the lookup profile. These
//! point reads take microseconds, so they run on the calling task over one plain connection
//! (query-only). Same SQL, same results: the conformance suite runs `session` and
//! `buyer_record` through this path on SQLite.
//!
//! One connection with one large page cache, not several: each SQLite connection has its own
//! cache, and with four of 16 MiB a lookup at a million buyers missed the cache on most pages
//! and paid SQLCipher's page decryption (HMAC-SHA512 was the top symbol of the profile). One
//! cache holds the hot pages once. Measured at the large preset: four connections of 16 MiB
//! 33k lookups/s; one of 128 MiB 45k/s at 120 MB peak RSS; two of 64 MiB 46k/s at 202 MB.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use tessera_core::{AccountType, Day};

use crate::accounts::{Account, Settings};
use crate::ratings::BuyerRecord;
use crate::sessions::Session;
use crate::StoreError;

pub(crate) struct FastReads {
    conn: Mutex<Connection>,
}

/// The page cache of the direct read connection, in KiB (SQLite's negative `cache_size`). It
/// grows only as pages are read, up to this.
const CACHE_KIB: u32 = 128 * 1024;

pub(crate) fn err(e: rusqlite::Error) -> StoreError {
    StoreError::Direct(e.to_string())
}

fn day(s: &str) -> rusqlite::Result<Day> {
    Day::parse(s).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(0, "day".into(), rusqlite::types::Type::Text)
    })
}

fn account(row: &Row<'_>) -> rusqlite::Result<Account> {
    let t: String = row.get("account_type")?;
    let created: String = row.get("created_on")?;
    Ok(Account {
        id: row.get("id")?,
        pseudonym: row.get("pseudonym")?,
        display_name: row.get("display_name")?,
        account_type: AccountType::parse(&t).ok_or_else(|| {
            rusqlite::Error::InvalidColumnType(
                0,
                "account_type".into(),
                rusqlite::types::Type::Text,
            )
        })?,
        created_on: day(&created)?,
        password_hash: row.get("password_hash")?,
        totp_enabled: row.get("totp_enabled")?,
        recovery_email_hash: row.get("recovery_email_hash")?,
        settings: Settings {
            language: row.get("language")?,
            min_trust: row.get("min_trust")?,
            min_ratings: row.get("min_ratings")?,
            unknown_is_below: row.get("unknown_is_below")?,
            message_expiry_days: row.get("message_expiry_days")?,
        },
    })
}

impl FastReads {
    pub(crate) fn open(path: &Path, key_pragma: &str) -> Result<FastReads, StoreError> {
        let c = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        c.execute_batch(&format!(
            "PRAGMA key = {key_pragma}; PRAGMA query_only = ON; PRAGMA cache_size = -{CACHE_KIB}; PRAGMA busy_timeout = 10000;"
        ))
        .map_err(err)?;
        Ok(FastReads {
            conn: Mutex::new(c),
        })
    }

    /// Runs `f` on the connection. A read holds it for microseconds (the hot pages are cached),
    /// so the other worker thread waits at most that long.
    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let c = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&c).map_err(err)
    }

    pub(crate) fn session(
        &self,
        sql: &str,
        token_hash: &[u8],
    ) -> Result<Option<(Session, Account)>, StoreError> {
        self.with(|c| {
            c.prepare_cached(sql)?
                .query_row([token_hash], |row| {
                    let account = account(row)?;
                    let session = Session {
                        handle: row.get("handle")?,
                        account_id: account.id,
                        csrf_token: row.get("csrf_token")?,
                        created_at: row.get("created_at")?,
                        last_seen_at: row.get("last_seen_at")?,
                    };
                    Ok((session, account))
                })
                .optional()
        })
    }

    /// Buyers by canonical pseudonym, in order, in one read transaction: SQLite locks the WAL
    /// index (`fcntl`) at the start and end of every read transaction, and that was a third of
    /// SQLite's share of the lookup profile (issue 4).
    pub(crate) fn buyer_records(
        &self,
        canonical: &[&str],
    ) -> Result<Vec<Option<BuyerRecord>>, StoreError> {
        self.with(|c| {
            let one = canonical.len() == 1;
            if !one {
                c.prepare_cached("BEGIN")?.execute([])?;
            }
            let read = (|| {
                let mut stmt = c.prepare_cached(crate::ratings::BUYER_RECORD_SQL)?;
                canonical
                    .iter()
                    .map(|name| stmt.query_row([name], buyer_record).optional())
                    .collect::<rusqlite::Result<Vec<_>>>()
            })();
            if !one {
                // A read transaction: ending it cannot lose anything, and it must end even when
                // a read failed, or the connection would hold its snapshot.
                let end = c.prepare_cached("COMMIT").and_then(|mut s| s.execute([]));
                if read.is_ok() {
                    end?;
                }
            }
            read
        })
    }
}

/// A row of `BUYER_RECORD_SQL`, by position: looking columns up by name was a measurable part
/// of the lookup profile.
fn buyer_record(row: &Row<'_>) -> rusqlite::Result<BuyerRecord> {
    let created: String = row.get(2)?;
    let counts = |n: i64, z: i64| tessera_core::reputation::FlagCounts {
        n: n.max(0) as u64,
        zeros: z.max(0) as u64,
    };
    Ok(BuyerRecord {
        id: row.get(0)?,
        display_name: row.get(1)?,
        created_on: day(&created)?,
        safe: counts(row.get(3)?, row.get(4)?),
        reliable: counts(row.get(5)?, row.get(6)?),
        interactions: row.get(7)?,
        sellers: row.get(8)?,
        verified: row.get(9)?,
    })
}
