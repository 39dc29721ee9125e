//! Direct reads on SQLite for the two queries every request makes: the session and, for a
//! lookup, the buyer's counters (and, for a buyer with live alerts, those alerts) (issue 4; the counters come in batches from [`super::lookups`]).
//! The features give the SQL and the row mapping ([`super::Cols`]). sqlx hands each SQLite query
//! to a worker thread and the rows back, two context switches per query; on two cores that switching dominated the lookup profile. These
//! point reads take microseconds, so they run on the calling task over one plain connection
//! (query-only). Same SQL, same row mapping, same results: the conformance suite runs
//! `session` and `buyer_record` through this path on SQLite.
//!
//! One connection with one large page cache, not several: each SQLite connection has its own
//! cache, and with four of 16 MiB a lookup at a million buyers missed the cache on most pages
//! and paid SQLCipher's page decryption (HMAC-SHA512 was the top symbol of the profile). One
//! cache holds the hot pages once. Measured at the large preset: four connections of 16 MiB
//! 33k lookups/s; one of 128 MiB 45k/s at 120 MB peak RSS; two of 64 MiB 46k/s at 202 MB.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, Row, ToSql};

use crate::Result;

pub(crate) struct FastReads {
    conn: Mutex<Connection>,
}

/// The page cache of the direct read connection, in KiB (SQLite's negative `cache_size`). It
/// grows only as pages are read, up to this.
const CACHE_KIB: u32 = 128 * 1024;

impl FastReads {
    pub(crate) fn open(path: &Path, key_pragma: &str) -> Result<FastReads> {
        let c = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        c.execute_batch(&format!(
            "PRAGMA key = {key_pragma}; PRAGMA query_only = ON; PRAGMA cache_size = -{CACHE_KIB}; PRAGMA busy_timeout = 10000;"
        ))?;
        Ok(FastReads {
            conn: Mutex::new(c),
        })
    }

    /// Runs `f` on the connection. A read holds it for microseconds (the hot pages are cached),
    /// so the other worker thread waits at most that long.
    fn with<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let c = self
            .conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&c)
    }

    /// The first row of `sql` with one parameter, mapped.
    pub(crate) fn optional<T>(
        &self,
        sql: &str,
        param: &dyn ToSql,
        map: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(sql)?;
            let mut rows = stmt.query([param])?;
            rows.next()?.map(map).transpose()
        })
    }

    /// Every row of `sql` with named parameters (`$1`, `$2`, … as the shared SQL writes them),
    /// mapped: for the few small reads a lookup adds, such as the alerts naming a buyer
    /// (issue 12 §4).
    pub(crate) fn all<T>(
        &self,
        sql: &str,
        params: &[(&str, &dyn ToSql)],
        map: impl Fn(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(sql)?;
            let mut rows = stmt.query(params)?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(map(r)?);
            }
            Ok(out)
        })
    }

    /// The first row of `sql` for each key, in order, in one read transaction: SQLite locks the
    /// WAL index (`fcntl`) at the start and end of every read transaction, and that was a third
    /// of SQLite's share of the lookup profile (issue 4).
    pub(crate) fn each<T>(
        &self,
        sql: &str,
        keys: &[&str],
        map: impl Fn(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<Option<T>>> {
        self.with(|c| {
            let one = keys.len() == 1;
            if !one {
                c.prepare_cached("BEGIN")?.execute([])?;
            }
            let read = (|| {
                let mut stmt = c.prepare_cached(sql)?;
                keys.iter()
                    .map(|k| stmt.query([k])?.next()?.map(&map).transpose())
                    .collect::<Result<Vec<_>>>()
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
