//! How each backend loads an import's rows into a table (SPEC R4.10): SQLite takes multi-row
//! INSERTs on its in-process connection; PostgreSQL takes COPY, an order of magnitude faster
//! than INSERTs over the wire, with the table's constraints set aside ([`crate::db::pg_bulk`]).
//! Ratings go through the one ratings upsert ([`upsert_ratings`]) on both, PostgreSQL's from a
//! temporary table.

use std::fmt::Write as _;

use super::packed::Packed;
use super::{BuyerRatingRow, BATCH};
use crate::db::exec::{values, Conn};
use crate::db::pg_bulk::set_aside;
use crate::db::{Arg, Tx};
use crate::ratings::{upsert_ratings, RATING_COLUMNS};
use crate::Result;

/// The buyers' ratings' columns, in the order both loaders write them.
const BUYER_RATING_COLUMNS: &str =
    "seller_id, buyer_id, day, listing_accuracy, punctuality, professionalism, x";

/// How a backend loads rows into a table.
pub(super) trait Load {
    /// Rows sorted by key, one per key; an existing row of a key is updated (its `verified`
    /// kept). `into_empty`: the table held no ratings, so there is nothing to update.
    async fn load_ratings(
        &mut self,
        rows: &[Packed],
        recorded_on: &str,
        into_empty: bool,
        progress: &mut impl FnMut(u64),
    ) -> Result<()>;

    async fn load_buyer_ratings(
        &mut self,
        rows: &[&BuyerRatingRow],
        progress: &mut impl FnMut(u64),
    ) -> Result<()>;
}

impl Load for Tx {
    async fn load_ratings(
        &mut self,
        rows: &[Packed],
        recorded_on: &str,
        into_empty: bool,
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        match self.conn() {
            Conn::Sqlite(c) => {
                insert_rows(c, &rating_insert, rows, progress, |r| {
                    vec![
                        r.seller.into(),
                        r.buyer.into(),
                        r.day().to_string().into(),
                        r.safe().into(),
                        r.reliable().into(),
                        false.into(),
                        recorded_on.into(),
                    ]
                })
                .await
            }
            Conn::Postgres(c) => {
                c.load_ratings(rows, recorded_on, into_empty, progress)
                    .await
            }
        }
    }

    async fn load_buyer_ratings(
        &mut self,
        rows: &[&BuyerRatingRow],
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        match self.conn() {
            Conn::Sqlite(c) => {
                insert_rows(c, &buyer_rating_insert, rows, progress, |r| {
                    vec![
                        r.seller_id.into(),
                        r.buyer_id.into(),
                        r.day.to_string().into(),
                        r.listing_accuracy.into(),
                        r.punctuality.into(),
                        r.professionalism.into(),
                        r.x.into(),
                    ]
                })
                .await
            }
            Conn::Postgres(c) => c.load_buyer_ratings(rows, progress).await,
        }
    }
}

/// SQLite's statements (PostgreSQL loads by COPY).
fn rating_insert(rows: usize) -> String {
    upsert_ratings(&values(true, rows, 7))
}

fn buyer_rating_insert(rows: usize) -> String {
    format!(
        "INSERT INTO buyer_ratings ({BUYER_RATING_COLUMNS}){}",
        values(true, rows, 7)
    )
}

/// SQLite: `rows` in multi-row INSERTs of [`BATCH`] rows, `sql(n)` the statement for `n`.
async fn insert_rows<'a, T>(
    c: &mut sqlx::SqliteConnection,
    sql: &dyn Fn(usize) -> String,
    rows: &'a [T],
    progress: &mut impl FnMut(u64),
    args: impl Fn(&'a T) -> Vec<Arg<'a>>,
) -> Result<()> {
    let mut done = 0u64;
    for batch in rows.chunks(BATCH) {
        let bind: Vec<Arg<'_>> = batch.iter().flat_map(&args).collect();
        Conn::Sqlite(&mut *c)
            .execute(&sql(batch.len()), &bind)
            .await?;
        done += batch.len() as u64;
        progress(done);
    }
    Ok(())
}

/// Rows per COPY message.
const COPY_CHUNK: usize = 20_000;

fn csv_bool(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "t",
        Some(false) => "f",
        None => "",
    }
}

/// Sends `rows` to a `COPY ... FROM STDIN` in messages of `COPY_CHUNK` rows, each row written
/// as a CSV line by `line`.
async fn copy_rows<T>(
    conn: &mut sqlx::PgConnection,
    sql: &str,
    rows: &[T],
    progress: &mut impl FnMut(u64),
    line: impl Fn(&mut String, &T) -> std::fmt::Result,
) -> Result<()> {
    let mut copy = conn.copy_in_raw(sql).await?;
    let mut buf = String::new();
    let mut done = 0u64;
    for chunk in rows.chunks(COPY_CHUNK) {
        buf.clear();
        for r in chunk {
            // Writing into a String cannot fail.
            let _ = line(&mut buf, r);
        }
        copy.send(buf.as_bytes()).await?;
        done += chunk.len() as u64;
        progress(done);
    }
    copy.finish().await?;
    Ok(())
}

impl Load for sqlx::PgConnection {
    async fn load_ratings(
        &mut self,
        rows: &[Packed],
        recorded_on: &str,
        into_empty: bool,
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        // For the index rebuild that follows in this transaction.
        sqlx::query("SET LOCAL maintenance_work_mem = '512MB'")
            .execute(&mut *self)
            .await?;
        let target = if into_empty {
            "ratings"
        } else {
            sqlx::query(
                "CREATE TEMP TABLE import_ratings (LIKE ratings INCLUDING DEFAULTS) ON COMMIT DROP",
            )
            .execute(&mut *self)
            .await?;
            "import_ratings"
        };
        // Into an empty table the key goes too (rebuilt by one sort); an upsert needs it.
        let aside = set_aside(self, "ratings", into_empty).await?;
        // COPY cannot upsert: into an empty table it is the load itself; otherwise it fills a
        // temporary table that the one ratings upsert then merges.
        let sql = format!("COPY {target} ({RATING_COLUMNS}) FROM STDIN WITH (FORMAT csv)");
        copy_rows(self, &sql, rows, progress, |buf, r| {
            writeln!(
                buf,
                "{},{},{},{},{},f,{recorded_on}",
                r.seller,
                r.buyer,
                r.day(),
                csv_bool(r.safe()),
                csv_bool(r.reliable())
            )
        })
        .await?;
        if !into_empty {
            let from = format!("SELECT {RATING_COLUMNS} FROM import_ratings");
            sqlx::query(&upsert_ratings(&from))
                .execute(&mut *self)
                .await?;
        }
        aside.restore(self).await
    }

    async fn load_buyer_ratings(
        &mut self,
        rows: &[&BuyerRatingRow],
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        let aside = set_aside(self, "buyer_ratings", false).await?;
        let sql =
            format!("COPY buyer_ratings ({BUYER_RATING_COLUMNS}) FROM STDIN WITH (FORMAT csv)");
        copy_rows(self, &sql, rows, progress, |buf, r| {
            // The vocabulary words are fixed identifiers without commas or quotes; `x` is
            // written with Rust's shortest round-trip form.
            writeln!(
                buf,
                "{},{},{},{},{},{},{:?}",
                r.seller_id,
                r.buyer_id,
                r.day,
                r.listing_accuracy,
                r.punctuality,
                r.professionalism,
                r.x
            )
        })
        .await?;
        aside.restore(self).await
    }
}
