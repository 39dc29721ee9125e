//! How features run SQL on either backend: one statement text and one bind list, four calls
//! (`execute`, `fetch_one`, `fetch_optional`, `fetch_all`), on a pool ([`Pool`], from
//! [`Db::read`](super::Db::read) or [`Db::write`](super::Db::write)) or in a transaction
//! ([`Tx`]). Rows come back through [`Cols`], so each row mapping is written once for both
//! drivers. This replaces the `on_db!` macro, which pasted its body once per backend (so a `?`
//! or `return` in it left the enclosing function, and everything in it compiled twice): here
//! each call is an ordinary function, and the only per-backend code is the `match` in [`Conn`].
//!
//! Where the SQL itself differs per backend (COPY, `unnest`, pragmas), the feature branches on
//! [`Tx::is_sqlite`] or on [`Db`](super::Db) in one named place.

use sqlx::pool::PoolConnection;
use sqlx::query::Query;
use sqlx::{Database, Encode, PgConnection, Postgres, Sqlite, SqliteConnection, Type};

use super::Cols;
use crate::Result;

/// One bind value. Owned text is for values formatted on the spot (days).
#[derive(Debug, Clone)]
pub(crate) enum Arg<'a> {
    I64(Option<i64>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Text(Option<&'a str>),
    String(String),
    Bytes(Option<&'a [u8]>),
}

macro_rules! arg_from {
    ($($t:ty => $v:ident($e:expr)),* $(,)?) => {$(
        impl<'a> From<$t> for Arg<'a> {
            fn from(x: $t) -> Arg<'a> {
                #[allow(clippy::redundant_closure_call)]
                Arg::$v(($e)(x))
            }
        }
    )*};
}

arg_from! {
    tessera_core::AccountId => I64(|x: tessera_core::AccountId| Some(x.get())),
    tessera_core::SellerId => I64(|x: tessera_core::SellerId| Some(x.get())),
    tessera_core::BuyerId => I64(|x: tessera_core::BuyerId| Some(x.get())),
    tessera_core::CodeId => I64(|x: tessera_core::CodeId| Some(x.get())),
    Option<tessera_core::BuyerId> => I64(|x: Option<tessera_core::BuyerId>| x.map(tessera_core::BuyerId::get)),
    Option<tessera_core::SellerId> => I64(|x: Option<tessera_core::SellerId>| x.map(tessera_core::SellerId::get)),
    i64 => I64(Some),
    Option<i64> => I64(|x| x),
    f64 => F64(Some),
    Option<f64> => F64(|x| x),
    bool => Bool(Some),
    Option<bool> => Bool(|x| x),
    &'a str => Text(Some),
    Option<&'a str> => Text(|x| x),
    &'a String => Text(|x: &'a String| Some(x.as_str())),
    &'a Option<String> => Text(|x: &'a Option<String>| x.as_deref()),
    String => String(|x| x),
    &'a [u8] => Bytes(Some),
    &'a Vec<u8> => Bytes(|x: &'a Vec<u8>| Some(x.as_slice())),
    Option<&'a [u8]> => Bytes(|x| x),
    &'a Option<Vec<u8>> => Bytes(|x: &'a Option<Vec<u8>>| x.as_deref()),
}

/// Binds `args` in order, for either driver.
fn bind<'q, DB>(sql: &'q str, args: &'q [Arg<'q>]) -> Query<'q, DB, <DB as Database>::Arguments<'q>>
where
    DB: Database,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<f64>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
    &'q str: Encode<'q, DB> + Type<DB>,
    Option<&'q [u8]>: Encode<'q, DB> + Type<DB>,
{
    args.iter().fold(sqlx::query(sql), |q, a| match a {
        Arg::I64(v) => q.bind(*v),
        Arg::F64(v) => q.bind(*v),
        Arg::Bool(v) => q.bind(*v),
        Arg::Text(v) => q.bind(*v),
        Arg::String(v) => q.bind(v.as_str()),
        Arg::Bytes(v) => q.bind(*v),
    })
}

/// One connection of either backend: the one place that says how each call runs on each.
pub(crate) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Conn<'_> {
    pub(crate) async fn execute(self, sql: &str, args: &[Arg<'_>]) -> Result<u64> {
        Ok(match self {
            Conn::Sqlite(c) => bind(sql, args).execute(c).await?.rows_affected(),
            Conn::Postgres(c) => bind(sql, args).execute(c).await?.rows_affected(),
        })
    }

    pub(crate) async fn fetch_all<T>(
        self,
        sql: &str,
        args: &[Arg<'_>],
        mut map: impl FnMut(&dyn Cols) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self {
            Conn::Sqlite(c) => bind(sql, args)
                .fetch_all(c)
                .await?
                .iter()
                .map(|r| map(r))
                .collect(),
            Conn::Postgres(c) => bind(sql, args)
                .fetch_all(c)
                .await?
                .iter()
                .map(|r| map(r))
                .collect(),
        }
    }

    pub(crate) async fn fetch_optional<T>(
        self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Cols) -> Result<T>,
    ) -> Result<Option<T>> {
        match self {
            Conn::Sqlite(c) => bind(sql, args)
                .fetch_optional(c)
                .await?
                .as_ref()
                .map(|r| map(r))
                .transpose(),
            Conn::Postgres(c) => bind(sql, args)
                .fetch_optional(c)
                .await?
                .as_ref()
                .map(|r| map(r))
                .transpose(),
        }
    }
}

/// A pool of either backend; each call takes a connection for its one statement.
#[derive(Clone, Copy)]
pub(crate) enum Pool<'p> {
    Sqlite(&'p sqlx::SqlitePool),
    Postgres(&'p sqlx::PgPool),
}

/// A pooled connection of either backend.
pub(crate) enum Pooled {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Pooled {
    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Pool<'_> {
    pub(crate) async fn acquire(self) -> Result<Pooled> {
        Ok(match self {
            Pool::Sqlite(p) => Pooled::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Pooled::Postgres(p.acquire().await?),
        })
    }

    pub(crate) async fn begin(self) -> Result<Tx> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Runs one statement; rows affected.
    pub(crate) async fn execute(self, sql: &str, args: &[Arg<'_>]) -> Result<u64> {
        self.acquire().await?.conn().execute(sql, args).await
    }

    pub(crate) async fn fetch_all<T>(
        self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnMut(&dyn Cols) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.acquire().await?.conn().fetch_all(sql, args, map).await
    }

    pub(crate) async fn fetch_optional<T>(
        self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Cols) -> Result<T>,
    ) -> Result<Option<T>> {
        self.acquire()
            .await?
            .conn()
            .fetch_optional(sql, args, map)
            .await
    }

    /// The one row a statement must return (an aggregate).
    pub(crate) async fn fetch_one<T>(
        self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Cols) -> Result<T>,
    ) -> Result<T> {
        self.fetch_optional(sql, args, map)
            .await?
            .ok_or(sqlx::Error::RowNotFound.into())
    }
}

/// A transaction of either backend, with the same calls as [`Pool`]. Dropped without
/// [`Tx::commit`], it rolls back.
pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// Whether this is a SQLite transaction (for [`values`]).
    pub(crate) fn is_sqlite(&self) -> bool {
        matches!(self, Tx::Sqlite(_))
    }

    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }

    pub(crate) async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64> {
        self.conn().execute(sql, args).await
    }

    pub(crate) async fn fetch_all<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnMut(&dyn Cols) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.conn().fetch_all(sql, args, map).await
    }

    pub(crate) async fn fetch_optional<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Cols) -> Result<T>,
    ) -> Result<Option<T>> {
        self.conn().fetch_optional(sql, args, map).await
    }

    pub(crate) async fn fetch_one<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        map: impl FnOnce(&dyn Cols) -> Result<T>,
    ) -> Result<T> {
        self.fetch_optional(sql, args, map)
            .await?
            .ok_or(sqlx::Error::RowNotFound.into())
    }

    pub(crate) async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// `VALUES (...), (...), ...` for `rows` rows of `cols` placeholders: a multi-row insert.
///
/// PostgreSQL needs numbered `$n`. SQLite gets anonymous `?`: it keeps named and numbered
/// parameters in a list it scans linearly, when it parses the statement and again for every
/// bind, so a 500-row insert with 3,500 `$n` cost O(n²) per batch (the import ran ten times
/// slower with `$n` than with `?`, measured on the small preset; docs/performance.md).
pub(crate) fn values(sqlite: bool, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(8 + rows * cols * 6);
    s.push_str(" VALUES ");
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            if sqlite {
                s.push('?');
            } else {
                s.push('$');
                s.push_str(&(r * cols + c + 1).to_string());
            }
        }
        s.push(')');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::values;

    #[test]
    fn placeholders_follow_the_backend() {
        assert_eq!(values(true, 2, 2), " VALUES (?, ?), (?, ?)");
        assert_eq!(values(false, 2, 2), " VALUES ($1, $2), ($3, $4)");
    }
}
