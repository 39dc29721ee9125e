//! Bulk import (SPEC R4.10): each file in one transaction, rows in multi-row inserts, counters
//! computed once at the end. The caller parses and validates; a row error rolls the whole file
//! back, so nothing of a bad file is committed.

use std::collections::HashMap;

use sqlx::QueryBuilder;
use tessera_core::{AccountType, Day, Pseudonym};

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
    /// Bits: 0 safe set, 1 safe value, 2 reliable set, 3 reliable value.
    flags: u8,
}

impl Packed {
    fn new(r: &RatingRow) -> Packed {
        let bit = |v: Option<bool>, set: u8, val: u8| match v {
            Some(true) => set | val,
            Some(false) => set,
            None => 0,
        };
        Packed {
            seller: r.seller_id,
            buyer: r.buyer_id,
            day: r.day.0.to_julian_day() - EPOCH_JULIAN,
            flags: bit(r.safe, 1, 2) | bit(r.reliable, 4, 8),
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
}

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
        let mut all: Vec<Packed> = Vec::new();
        for r in rows {
            let r = r.map_err(ImportError::Row)?;
            all.push(Packed::new(&r));
        }
        let read = all.len() as u64;
        all.sort_by_key(|p| p.key());
        // Keep the last row of each key: reverse, dedup keeps the first of a run, reverse back.
        all.reverse();
        all.dedup_by_key(|p| p.key());
        all.reverse();
        self.bulk_session(true).await?;
        let result: Result<u64, ImportError<E>> = on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("DROP INDEX IF EXISTS ratings_buyer")
                .execute(&mut *tx)
                .await?;
            let mut done = 0u64;
            for batch in all.chunks(BATCH) {
                let days: Vec<String> = batch.iter().map(|p| p.day().to_string()).collect();
                let mut qb = QueryBuilder::new("INSERT INTO ratings (seller_id, buyer_id, day, safe, reliable, verified, recorded_on) ");
                qb.push_values(batch.iter().zip(&days), |mut b, (r, day)| {
                    b.push_bind(r.seller)
                        .push_bind(r.buyer)
                        .push_bind(day)
                        .push_bind(r.safe())
                        .push_bind(r.reliable())
                        .push_bind(false)
                        .push_bind(&rec);
                });
                qb.push(
                    " ON CONFLICT (seller_id, buyer_id, day) DO UPDATE SET safe = excluded.safe, \
                     reliable = excluded.reliable, recorded_on = excluded.recorded_on",
                );
                qb.build().execute(&mut *tx).await?;
                done += batch.len() as u64;
                progress(done);
            }
            sqlx::query("CREATE INDEX ratings_buyer ON ratings (buyer_id, recorded_on)")
                .execute(&mut *tx)
                .await?;
            recompute_stats!(&mut *tx);
            tx.commit().await?;
            Ok(read)
        });
        self.bulk_session(false).await?;
        result
    }

    /// SQLite settings for a bulk load on the writer connection: a large page cache, no fsync
    /// until the end (the import is one transaction; a crash leaves nothing committed), and no
    /// per-row foreign-key lookups (every id was resolved from the accounts table just before).
    async fn bulk_session(&self, on: bool) -> Result<()> {
        if let crate::Db::Sqlite { write, .. } = &self.db {
            let (cache, sync, fk) = if on {
                ("-262144", "OFF", "OFF")
            } else {
                ("-32768", "NORMAL", "ON")
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
        }
        Ok(())
    }

    pub async fn import_buyer_ratings<E, I>(
        &self,
        rows: I,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, ImportError<E>>
    where
        E: std::fmt::Display + std::fmt::Debug,
        I: Iterator<Item = std::result::Result<BuyerRatingRow, E>>,
    {
        let mut rows = rows;
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM buyer_ratings")
                .fetch_one(&mut *tx)
                .await?;
            let mut n = 0;
            loop {
                let mut batch = Vec::with_capacity(BATCH);
                for r in rows.by_ref().take(BATCH) {
                    batch.push(r.map_err(ImportError::Row)?);
                }
                if batch.is_empty() {
                    break;
                }
                let days: Vec<String> = batch
                    .iter()
                    .map(|r: &BuyerRatingRow| r.day.to_string())
                    .collect();
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
                qb.build().execute(&mut *tx).await?;
                n += batch.len() as u64;
                progress(n);
            }
            // A row repeating a buyer/seller/day replaces the earlier one of this import.
            sqlx::query(
                "DELETE FROM buyer_ratings WHERE id > $1 AND id NOT IN (SELECT MAX(id) FROM buyer_ratings \
                 WHERE id > $1 GROUP BY buyer_id, seller_id, day)",
            )
            .bind(first)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(n)
        })
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

/// Recomputes every buyer's counters from the ratings table (import only).
macro_rules! recompute_stats {
    ($tx:expr) => {{
        sqlx::query("DELETE FROM buyer_stats").execute($tx).await?;
        sqlx::query(
            "INSERT INTO buyer_stats (buyer_id, safe_n, safe_zeros, reliable_n, reliable_zeros, interactions, sellers, verified) \
             SELECT buyer_id, \
             SUM(CASE WHEN safe IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN safe = FALSE THEN 1 ELSE 0 END), \
             SUM(CASE WHEN reliable IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN reliable = FALSE THEN 1 ELSE 0 END), \
             SUM(CASE WHEN safe IS NULL AND reliable IS NULL THEN 0 ELSE 1 END), COUNT(DISTINCT seller_id), \
             SUM(CASE WHEN verified AND (safe IS NOT NULL OR reliable IS NOT NULL) THEN 1 ELSE 0 END) \
             FROM ratings GROUP BY buyer_id",
        )
        .execute($tx)
        .await?;
    }};
}
use recompute_stats;
