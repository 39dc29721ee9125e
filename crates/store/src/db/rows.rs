//! Reading a result row's columns by position, the same way from sqlx's PostgreSQL and SQLite
//! rows and from rusqlite's rows (the direct SQLite path, [`super::fast`]), so that each feature
//! writes one mapping per type (`account_from`, `buyer_record_from`, ...) for every driver.
//! By position, not by name: looking columns up by name was a measurable part of the lookup
//! profile (issue 4). Mappings take `&R` with `R: Cols + ?Sized`, so the hot paths call them
//! without dynamic dispatch and the general paths with `&dyn Cols`.

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use tessera_core::reputation::FlagCounts;
use tessera_core::Day;

use crate::{Result, StoreError};

pub(crate) trait Cols {
    fn i64(&self, i: usize) -> Result<i64>;
    fn opt_i64(&self, i: usize) -> Result<Option<i64>>;
    fn f64(&self, i: usize) -> Result<f64>;
    fn opt_f64(&self, i: usize) -> Result<Option<f64>>;
    fn bool(&self, i: usize) -> Result<bool>;
    fn opt_bool(&self, i: usize) -> Result<Option<bool>>;
    fn text(&self, i: usize) -> Result<String>;
    fn opt_text(&self, i: usize) -> Result<Option<String>>;
    fn opt_bytes(&self, i: usize) -> Result<Option<Vec<u8>>>;

    /// A day stored as `YYYY-MM-DD` text.
    fn day(&self, i: usize) -> Result<Day> {
        parse_day(&self.text(i)?)
    }

    fn opt_day(&self, i: usize) -> Result<Option<Day>> {
        self.opt_text(i)?.as_deref().map(parse_day).transpose()
    }

    /// A flag's counters from two count columns (negative counts read as zero).
    fn counts(&self, n: usize, zeros: usize) -> Result<FlagCounts> {
        Ok(counts(self.i64(n)?, self.i64(zeros)?))
    }
}

pub(crate) fn parse_day(s: &str) -> Result<Day> {
    Day::parse(s).ok_or(StoreError::Corrupt("day"))
}

pub(crate) fn counts(n: i64, zeros: i64) -> FlagCounts {
    FlagCounts {
        n: n.max(0) as u64,
        zeros: zeros.max(0) as u64,
    }
}

/// The three row types differ only in their getter; one implementation, three instances.
macro_rules! cols {
    ($row:ty, $get:path) => {
        impl Cols for $row {
            fn i64(&self, i: usize) -> Result<i64> {
                Ok($get(self, i)?)
            }
            fn opt_i64(&self, i: usize) -> Result<Option<i64>> {
                Ok($get(self, i)?)
            }
            fn f64(&self, i: usize) -> Result<f64> {
                Ok($get(self, i)?)
            }
            fn opt_f64(&self, i: usize) -> Result<Option<f64>> {
                Ok($get(self, i)?)
            }
            fn bool(&self, i: usize) -> Result<bool> {
                Ok($get(self, i)?)
            }
            fn opt_bool(&self, i: usize) -> Result<Option<bool>> {
                Ok($get(self, i)?)
            }
            fn text(&self, i: usize) -> Result<String> {
                Ok($get(self, i)?)
            }
            fn opt_text(&self, i: usize) -> Result<Option<String>> {
                Ok($get(self, i)?)
            }
            fn opt_bytes(&self, i: usize) -> Result<Option<Vec<u8>>> {
                Ok($get(self, i)?)
            }
        }
    };
}

cols!(PgRow, sqlx::Row::try_get);
cols!(SqliteRow, sqlx::Row::try_get);
cols!(rusqlite::Row<'_>, rusqlite::Row::get);
