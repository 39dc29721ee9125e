//! Bulk import (SPEC R4.10): each file in one transaction, rows in multi-row inserts, counters
//! computed once at the end. The caller parses and validates; a row error rolls the whole file
//! back, so nothing of a bad file is committed.

use std::collections::HashMap;
use std::fmt::Write as _;

use sqlx::QueryBuilder;
use tessera_core::{AccountType, Day, Pseudonym};

use crate::ratings::Delta;
use crate::{on_db, Result, Store};

/// Rows per INSERT statement: well under both backends' bind-parameter limits.
const BATCH: usize = 500;

pub struct UserRow {
    pub pseudonym: Pseudonym,
    pub account_type: AccountType,
}

pub struct RatingRow {
    pub seller_id: i64,
    pub buyer_id: i64,
    pub day: Day,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
}

/// A rating row packed for sorting millions in memory (24 bytes).
#[derive(Clone, Copy)]
struct Packed {
    seller: i64,
    buyer: i64,
    /// Days since 1970-01-01.
    day: i32,
    /// Bits: 0 safe set, 1 safe value, 2 reliable set, 3 reliable value, 4 verified.
    flags: u8,
}

const VERIFIED: u8 = 16;

impl Packed {
    fn new(r: &RatingRow) -> Packed {
        Packed::of(r.seller_id, r.buyer_id, r.day, r.safe, r.reliable, false)
    }

    fn of(
        seller: i64,
        buyer: i64,
        day: Day,
        safe: Option<bool>,
        reliable: Option<bool>,
        verified: bool,
    ) -> Packed {
        let bit = |v: Option<bool>, set: u8, val: u8| match v {
            Some(true) => set | val,
            Some(false) => set,
            None => 0,
        };
        Packed {
            seller,
            buyer,
            day: day.0.to_julian_day() - EPOCH_JULIAN,
            flags: bit(safe, 1, 2) | bit(reliable, 4, 8) | if verified { VERIFIED } else { 0 },
        }
    }

    fn key(&self) -> (i64, i64, i32) {
        (self.seller, self.buyer, self.day)
    }

    fn day(&self) -> Day {
        Day(time::Date::from_julian_day(self.day + EPOCH_JULIAN).unwrap_or(time::Date::MIN))
    }

    fn safe(&self) -> Option<bool> {
        (self.flags & 1 != 0).then_some(self.flags & 2 != 0)
    }

    fn reliable(&self) -> Option<bool> {
        (self.flags & 4 != 0).then_some(self.flags & 8 != 0)
    }

    fn verified(&self) -> bool {
        self.flags & VERIFIED != 0
    }
}

/// A ratings row as read back: seller, buyer, day, safe, reliable, verified.
type StoredRating = (i64, i64, String, Option<bool>, Option<bool>, bool);

/// Julian day number of 1970-01-01.
const EPOCH_JULIAN: i32 = 2_440_588;

pub struct BuyerRatingRow {
    pub buyer_id: i64,
    pub seller_id: i64,
    pub day: Day,
    pub listing_accuracy: &'static str,
    pub punctuality: &'static str,
    pub professionalism: &'static str,
    pub x: f64,
}

/// An import failure: the caller's validation error, or the store's.
#[derive(Debug, thiserror::Error)]
pub enum ImportError<E: std::fmt::Display + std::fmt::Debug> {
    #[error("{0}")]
    Row(E),
    #[error("{0}")]
    Store(#[from] crate::StoreError),
}

impl<E: std::fmt::Display + std::fmt::Debug> From<sqlx::Error> for ImportError<E> {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(e.into())
    }
}

impl Store {
    /// Every account's canonical pseudonym, id and type (for resolving imported rows).
    pub async fn account_index(&self) -> Result<HashMap<String, (i64, AccountType)>> {
        let rows: Vec<(String, i64, String)> = on_db!(self, read, |pool| {
            sqlx::query_as("SELECT pseudonym, id, account_type FROM accounts WHERE NOT deleted")
                .fetch_all(pool)
                .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(p, id, t)| AccountType::parse(&t).map(|t| (p, (id, t))))
            .collect())
    }

    /// Creates accounts without a password (they cannot log in until claimed). Pseudonyms that
    /// already exist are skipped. Returns how many were created.
    pub async fn import_users<E, I>(&self, rows: I, today: Day) -> Result<u64, ImportError<E>>
    where
        E: std::fmt::Display + std::fmt::Debug,
        I: Iterator<Item = std::result::Result<UserRow, E>>,
    {
        let day = today.to_string();
        let mut rows = rows;
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let mut created = 0;
            loop {
                let mut batch = Vec::with_capacity(BATCH);
                for r in rows.by_ref().take(BATCH) {
                    batch.push(r.map_err(ImportError::Row)?);
                }
                if batch.is_empty() {
                    break;
                }
                let mut qb = QueryBuilder::new(
                    "INSERT INTO accounts (pseudonym, display_name, account_type, created_on) ",
                );
                qb.push_values(&batch, |mut b, r| {
                    b.push_bind(r.pseudonym.canonical())
                        .push_bind(r.pseudonym.display())
                        .push_bind(r.account_type.as_str())
                        .push_bind(&day);
                });
                qb.push(" ON CONFLICT (pseudonym) DO NOTHING");
                created += qb.build().execute(&mut *tx).await?.rows_affected();
            }
            tx.commit().await?;
            Ok(created)
        })
    }

    /// Inserts ratings; a row repeating a seller/buyer/day replaces the earlier one. Then
    /// recomputes every buyer's counters from the ratings, once. Returns the rows read.
    ///
    /// For speed the rows are read whole (they have been validated one by one), sorted by the
    /// primary key so B-tree inserts append instead of scattering, and de-duplicated in memory
    /// (a stable sort keeps file order within a key, the last one wins). The secondary index is
    /// rebuilt once at the end.
    pub async fn import_ratings<E, I>(
        &self,
        rows: I,
        recorded_on: Day,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, ImportError<E>>
    where
        E: std::fmt::Display + std::fmt::Debug,
        I: Iterator<Item = std::result::Result<RatingRow, E>>,
    {
        let rec = recorded_on.to_string();
        let t = std::time::Instant::now();
        let phase =
            |what: &str| tracing::info!(phase = what, secs = t.elapsed().as_secs_f64(), "import");
        let mut all: Vec<Packed> = Vec::new();
        for r in rows {
            let r = r.map_err(ImportError::Row)?;
            all.push(Packed::new(&r));
        }
        let read = all.len() as u64;
        phase("rows read");
        all.sort_by_key(|p| p.key());
        // Keep the last row of each key: reverse, dedup keeps the first of a run, reverse back.
        all.reverse();
        all.dedup_by_key(|p| p.key());
        all.reverse();
        phase("rows sorted");
        self.bulk_session(true).await?;
        let result: Result<u64, ImportError<E>> = on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let had_ratings: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM ratings)")
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("DROP INDEX IF EXISTS ratings_buyer")
                .execute(&mut *tx)
                .await?;
            tx.load_ratings(&all, &rec, !had_ratings, &mut progress)
                .await?;
            phase("ratings inserted");
            sqlx::query("CREATE INDEX ratings_buyer ON ratings (buyer_id, recorded_on)")
                .execute(&mut *tx)
                .await?;
            // The counters from the table's final contents, computed here rather than by a
            // GROUP BY over 20M rows (issue 4: that query fetched every row through the buyer
            // index and took a fifth of the import). Into an empty table those contents are
            // exactly the imported rows; otherwise they are read back.
            let table = if had_ratings {
                let rows: Vec<StoredRating> = sqlx::query_as(
                    "SELECT seller_id, buyer_id, day, safe, reliable, verified FROM ratings \
                     ORDER BY seller_id, buyer_id, day",
                )
                .fetch_all(&mut *tx)
                .await?;
                rows.into_iter()
                    .map(|(seller, buyer, day, safe, reliable, verified)| {
                        let day = Day::parse(&day).ok_or(crate::StoreError::Corrupt("day"))?;
                        Ok(Packed::of(seller, buyer, day, safe, reliable, verified))
                    })
                    .collect::<Result<Vec<_>>>()?
            } else {
                Vec::new()
            };
            phase("index built");
            sqlx::query("DELETE FROM buyer_stats")
                .execute(&mut *tx)
                .await?;
            let counters = buyer_counters(if had_ratings { &table } else { &all });
            for batch in counters.chunks(BATCH) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO buyer_stats (buyer_id, safe_n, safe_zeros, reliable_n, \
                     reliable_zeros, interactions, sellers, verified) ",
                );
                qb.push_values(batch, |mut b, (buyer, d, sellers)| {
                    b.push_bind(*buyer)
                        .push_bind(d.safe_n)
                        .push_bind(d.safe_zeros)
                        .push_bind(d.reliable_n)
                        .push_bind(d.reliable_zeros)
                        .push_bind(d.interactions)
                        .push_bind(*sellers)
                        .push_bind(d.verified);
                });
                qb.build().execute(&mut *tx).await?;
            }
            phase("counters written");
            tx.commit().await?;
            phase("committed");
            Ok(read)
        });
        self.bulk_session(false).await?;
        phase("settings restored");
        result
    }

    /// SQLite settings for a bulk load on the writer connection: a large page cache, no fsync
    /// until the end (the import is one transaction; a crash leaves nothing committed), and no
    /// per-row foreign-key lookups (every id was resolved from the accounts table just before).
    async fn bulk_session(&self, on: bool) -> Result<()> {
        if let crate::Db::Sqlite { write, .. } = &self.db {
            // The index rebuild sorts 20M entries: in memory (SQLCipher would encrypt every
            // temporary page) and with a helper thread. Alone this was within the noise (index
            // phase 18-20 s either way at the large preset); it is the measured configuration.
            let (cache, sync, fk, temp, threads) = if on {
                ("-262144", "OFF", "OFF", "MEMORY", "2")
            } else {
                ("-32768", "NORMAL", "ON", "DEFAULT", "0")
            };
            sqlx::query(&format!("PRAGMA cache_size = {cache}"))
                .execute(write)
                .await?;
            sqlx::query(&format!("PRAGMA synchronous = {sync}"))
                .execute(write)
                .await?;
            sqlx::query(&format!("PRAGMA foreign_keys = {fk}"))
                .execute(write)
                .await?;
            sqlx::query(&format!("PRAGMA temp_store = {temp}"))
                .execute(write)
                .await?;
            sqlx::query(&format!("PRAGMA threads = {threads}"))
                .execute(write)
                .await?;
        }
        Ok(())
    }

    /// Inserts buyers' ratings of sellers in file order (their ids are the order in which a
    /// seller's ratings are released, R4.8). A row repeating a buyer/seller/day replaces the
    /// earlier one of this import: the earlier rows are dropped in memory before inserting.
    pub async fn import_buyer_ratings<E, I>(
        &self,
        rows: I,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, ImportError<E>>
    where
        E: std::fmt::Display + std::fmt::Debug,
        I: Iterator<Item = std::result::Result<BuyerRatingRow, E>>,
    {
        let t = std::time::Instant::now();
        let phase = |what: &str| {
            tracing::info!(
                phase = what,
                secs = t.elapsed().as_secs_f64(),
                "import buyer ratings"
            )
        };
        let mut all = Vec::new();
        for r in rows {
            all.push(r.map_err(ImportError::Row)?);
        }
        let read = all.len() as u64;
        phase("rows read");
        let mut last: HashMap<(i64, i64, Day), usize> = HashMap::with_capacity(all.len());
        for (i, r) in all.iter().enumerate() {
            last.insert((r.buyer_id, r.seller_id, r.day), i);
        }
        let keep: Vec<&BuyerRatingRow> = all
            .iter()
            .enumerate()
            .filter(|(i, r)| last.get(&(r.buyer_id, r.seller_id, r.day)) == Some(i))
            .map(|(_, r)| r)
            .collect();
        drop(last);
        self.bulk_session(true).await?;
        let result: Result<u64, ImportError<E>> = on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            phase("rows de-duplicated");
            tx.load_buyer_ratings(&keep, &mut progress).await?;
            phase("rows inserted");
            tx.commit().await?;
            phase("committed");
            Ok(read)
        });
        self.bulk_session(false).await?;
        result
    }

    /// After a bulk load on PostgreSQL: fresh planner statistics, and the visibility map of the
    /// tables a lookup reads, so that its covering index is read without visiting the table
    /// (autovacuum would get there, later). SQLite needs neither.
    pub async fn after_bulk_load(&self) -> Result<()> {
        if let crate::Db::Postgres(pool) = &self.db {
            sqlx::query("VACUUM (ANALYZE) accounts, buyer_stats")
                .execute(pool)
                .await?;
            sqlx::query("ANALYZE ratings, buyer_ratings")
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// Stores single-use claim tokens (hashes) for imported accounts.
    pub async fn create_claim_tokens(
        &self,
        tokens: &[(Vec<u8>, i64)],
        expires_at: i64,
    ) -> Result<()> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            for chunk in tokens.chunks(BATCH) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO claim_tokens (token_hash, account_id, expires_at) ",
                );
                qb.push_values(chunk, |mut b, (h, id)| {
                    b.push_bind(h).push_bind(*id).push_bind(expires_at);
                });
                qb.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// The account a valid claim token belongs to, if it has no password yet.
    pub async fn claim_account(&self, token_hash: &[u8], now: i64) -> Result<Option<i64>> {
        on_db!(self, read, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT c.account_id FROM claim_tokens c JOIN accounts a ON a.id = c.account_id \
                 WHERE c.token_hash = $1 AND c.expires_at > $2 AND a.password_hash IS NULL AND NOT a.deleted",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?)
        })
    }

    /// Uses a claim token: sets the password in the same transaction. `false` if the token was
    /// no longer valid.
    pub async fn complete_claim(
        &self,
        token_hash: &[u8],
        now: i64,
        password_hash: &str,
    ) -> Result<Option<i64>> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar(
                "DELETE FROM claim_tokens WHERE token_hash = $1 AND expires_at > $2 RETURNING account_id",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else { return Ok(None) };
            let r = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND password_hash IS NULL AND NOT deleted")
                .bind(password_hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if r.rows_affected() != 1 {
                return Ok(None);
            }
            sqlx::query("DELETE FROM claim_tokens WHERE account_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }
}

/// How each backend loads rows into a table. SQLite takes multi-row INSERTs on its in-process
/// connection; PostgreSQL takes COPY, an order of magnitude faster than INSERTs over the wire.
trait Load {
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

const UPSERT_RATINGS: &str = " ON CONFLICT (seller_id, buyer_id, day) DO UPDATE SET \
    safe = excluded.safe, reliable = excluded.reliable, recorded_on = excluded.recorded_on";

impl Load for sqlx::SqliteConnection {
    async fn load_ratings(
        &mut self,
        rows: &[Packed],
        recorded_on: &str,
        _into_empty: bool,
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        let mut done = 0u64;
        for batch in rows.chunks(BATCH) {
            let days: Vec<String> = batch.iter().map(|p| p.day().to_string()).collect();
            let mut qb = QueryBuilder::new(
                "INSERT INTO ratings (seller_id, buyer_id, day, safe, reliable, verified, recorded_on) ",
            );
            qb.push_values(batch.iter().zip(&days), |mut b, (r, day)| {
                b.push_bind(r.seller)
                    .push_bind(r.buyer)
                    .push_bind(day)
                    .push_bind(r.safe())
                    .push_bind(r.reliable())
                    .push_bind(false)
                    .push_bind(recorded_on);
            });
            qb.push(UPSERT_RATINGS);
            qb.build().execute(&mut *self).await?;
            done += batch.len() as u64;
            progress(done);
        }
        Ok(())
    }

    async fn load_buyer_ratings(
        &mut self,
        rows: &[&BuyerRatingRow],
        progress: &mut impl FnMut(u64),
    ) -> Result<()> {
        let mut done = 0u64;
        for batch in rows.chunks(BATCH) {
            let days: Vec<String> = batch.iter().map(|r| r.day.to_string()).collect();
            let mut qb = QueryBuilder::new(
                "INSERT INTO buyer_ratings (seller_id, buyer_id, day, listing_accuracy, punctuality, professionalism, x) ",
            );
            qb.push_values(batch.iter().zip(&days), |mut b, (r, day)| {
                b.push_bind(r.seller_id)
                    .push_bind(r.buyer_id)
                    .push_bind(day)
                    .push_bind(r.listing_accuracy)
                    .push_bind(r.punctuality)
                    .push_bind(r.professionalism)
                    .push_bind(r.x);
            });
            qb.build().execute(&mut *self).await?;
            done += batch.len() as u64;
            progress(done);
        }
        Ok(())
    }
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
        let aside = crate::pg_bulk::set_aside(self, "ratings", into_empty).await?;
        let cols = "seller_id, buyer_id, day, safe, reliable, verified, recorded_on";
        let sql = format!("COPY {target} ({cols}) FROM STDIN WITH (FORMAT csv)");
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
            sqlx::query(&format!(
                "INSERT INTO ratings ({cols}) SELECT {cols} FROM import_ratings{UPSERT_RATINGS}"
            ))
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
        let aside = crate::pg_bulk::set_aside(self, "buyer_ratings", false).await?;
        let sql = "COPY buyer_ratings (seller_id, buyer_id, day, listing_accuracy, punctuality, \
                   professionalism, x) FROM STDIN WITH (FORMAT csv)";
        copy_rows(self, sql, rows, progress, |buf, r| {
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

/// Each rated buyer's counters (as `Delta` sums) and distinct sellers, by buyer id, from rows
/// sorted by (seller, buyer, day).
fn buyer_counters(rows: &[Packed]) -> Vec<(i64, Delta, i64)> {
    let mut by_buyer: HashMap<i64, (Delta, i64)> = HashMap::new();
    let mut pair = None;
    for p in rows {
        let e = by_buyer.entry(p.buyer).or_default();
        e.0 = e.0.plus(Delta::of(p.safe(), p.reliable(), p.verified()));
        if pair != Some((p.seller, p.buyer)) {
            e.1 += 1;
            pair = Some((p.seller, p.buyer));
        }
    }
    let mut out: Vec<(i64, Delta, i64)> = by_buyer
        .into_iter()
        .map(|(buyer, (d, sellers))| (buyer, d, sellers))
        .collect();
    out.sort_unstable_by_key(|(buyer, _, _)| *buyer);
    out
}
