//! Direct reads for the two queries every lookup makes on SQLite: the session and the buyer's
//! counters (issue 4). sqlx hands each SQLite query to a worker thread and the rows back, two
//! context switches per query; on two cores that switching dominated the lookup profile. These
//! point reads take microseconds, so they run on the calling task over a few plain connections
//! (query-only). Same SQL, same results: the conformance suite runs `session` and
//! `buyer_record` through this path on SQLite.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use tessera_core::{AccountType, Day};

use crate::accounts::{Account, Settings};
use crate::ratings::BuyerRecord;
use crate::sessions::Session;
use crate::StoreError;

pub(crate) struct FastReads {
    conns: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

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
    pub(crate) fn open(path: &Path, key_pragma: &str, n: usize) -> Result<FastReads, StoreError> {
        let mut conns = Vec::with_capacity(n);
        for _ in 0..n {
            let c = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(err)?;
            c.execute_batch(&format!(
                "PRAGMA key = {key_pragma}; PRAGMA query_only = ON; PRAGMA cache_size = -16384; PRAGMA busy_timeout = 10000;"
            ))
            .map_err(err)?;
            conns.push(Mutex::new(c));
        }
        Ok(FastReads {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` on a free connection (or waits for one; there are more than worker threads).
    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let n = self.conns.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(c) = self.conns[(start + i) % n].try_lock() {
                return f(&c).map_err(err);
            }
        }
        let c = self.conns[start % n]
            .lock()
            .unwrap_or_else(|e| e.into_inner());
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

    pub(crate) fn buyer_record(
        &self,
        sql: &str,
        canonical: &str,
    ) -> Result<Option<BuyerRecord>, StoreError> {
        self.with(|c| {
            c.prepare_cached(sql)?
                .query_row([canonical], |row| {
                    let created: String = row.get("created_on")?;
                    let counts = |n: i64, z: i64| tessera_core::reputation::FlagCounts {
                        n: n.max(0) as u64,
                        zeros: z.max(0) as u64,
                    };
                    Ok(BuyerRecord {
                        id: row.get("id")?,
                        display_name: row.get("display_name")?,
                        created_on: day(&created)?,
                        safe: counts(row.get("safe_n")?, row.get("safe_zeros")?),
                        reliable: counts(row.get("reliable_n")?, row.get("reliable_zeros")?),
                        interactions: row.get("interactions")?,
                        sellers: row.get("sellers")?,
                        verified: row.get("verified")?,
                    })
                })
                .optional()
        })
    }
}
