//! Bulk import (SPEC R4.10): each file in one transaction, rows in multi-row inserts (SQLite)
//! or COPY (PostgreSQL, [`load`]), counters computed once at the end ([`packed`]). The caller
//! parses and validates; a row error rolls the whole file back, so nothing of a bad file is
//! committed. Imported accounts have no password until claimed (`accounts::claims`).

use std::collections::HashMap;

use tessera_core::{AccountType, Day, Pseudonym};

use crate::db::exec::values;
use crate::db::{Db, Tx};
use crate::{Result, Store};

mod load;
mod packed;

use load::Load;
use packed::{buyer_counters, packed_from, Packed};

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

/// Logs how long an import has taken at each phase.
fn phases(what: &'static str) -> impl Fn(&str) {
    let t = std::time::Instant::now();
    move |phase: &str| tracing::info!(phase, secs = t.elapsed().as_secs_f64(), "{what}")
}

impl Store {
    /// Every account's canonical pseudonym, id and type (for resolving imported rows).
    pub async fn account_index(&self) -> Result<HashMap<String, (i64, AccountType)>> {
        let rows = self
            .db
            .read()
            .fetch_all(
                "SELECT pseudonym, id, account_type FROM accounts WHERE NOT deleted",
                &[],
                |r| Ok((r.text(0)?, r.i64(1)?, r.text(2)?)),
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(p, id, t)| AccountType::parse(&t).map(|t| (p, (id, t))))
            .collect())
    }

    /// Creates accounts without a password (they cannot log in until claimed). Pseudonyms that
    /// already exist are skipped. Returns how many were created.
    pub async fn import_users<E, I>(&self, mut rows: I, today: Day) -> Result<u64, ImportError<E>>
    where
        E: std::fmt::Display + std::fmt::Debug,
        I: Iterator<Item = std::result::Result<UserRow, E>>,
    {
        let day = today.to_string();
        let mut tx = self.db.write().begin().await?;
        let mut created = 0;
        loop {
            let mut batch = Vec::with_capacity(BATCH);
            for r in rows.by_ref().take(BATCH) {
                batch.push(r.map_err(ImportError::Row)?);
            }
            if batch.is_empty() {
                break;
            }
            let sql = format!(
                "INSERT INTO accounts \
                 (pseudonym, display_name, account_type, created_on, skeleton){} \
                 ON CONFLICT (pseudonym) DO NOTHING",
                values(tx.is_sqlite(), batch.len(), 5)
            );
            // Look-alikes are not refused here: a coop's records come as they are, and both
            // accounts keep working; the lookup page warns about them (R2.2).
            let skeletons: Vec<String> = batch.iter().map(|r| r.pseudonym.skeleton()).collect();
            let args: Vec<_> = batch
                .iter()
                .zip(&skeletons)
                .flat_map(|(r, sk)| {
                    [
                        r.pseudonym.canonical().into(),
                        r.pseudonym.display().into(),
                        r.account_type.as_str().into(),
                        day.as_str().into(),
                        sk.into(),
                    ]
                })
                .collect();
            created += tx.execute(&sql, &args).await?;
        }
        tx.commit().await?;
        Ok(created)
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
        let phase = phases("import");
        let mut all: Vec<Packed> = Vec::new();
        for r in rows {
            all.push(Packed::new(&r.map_err(ImportError::Row)?));
        }
        let read = all.len() as u64;
        phase("rows read");
        all.sort_by_key(packed::Packed::key);
        // Keep the last row of each key: reverse, dedup keeps the first of a run, reverse back.
        all.reverse();
        all.dedup_by_key(|p| p.key());
        all.reverse();
        phase("rows sorted");
        self.bulk_session(true).await?;
        let loaded = self
            .load_ratings(&all, &recorded_on.to_string(), &mut progress, &phase)
            .await;
        // The settings go back whether or not the load succeeded.
        self.bulk_session(false).await?;
        phase("settings restored");
        loaded?;
        Ok(read)
    }

    /// The ratings' transaction of [`Store::import_ratings`].
    async fn load_ratings(
        &self,
        all: &[Packed],
        recorded_on: &str,
        progress: &mut impl FnMut(u64),
        phase: &impl Fn(&str),
    ) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        let had_ratings = tx
            .fetch_one("SELECT EXISTS (SELECT 1 FROM ratings)", &[], |r| r.bool(0))
            .await?;
        tx.execute("DROP INDEX IF EXISTS ratings_buyer", &[])
            .await?;
        tx.load_ratings(all, recorded_on, !had_ratings, progress)
            .await?;
        phase("ratings inserted");
        tx.execute(
            "CREATE INDEX ratings_buyer ON ratings (buyer_id, recorded_on)",
            &[],
        )
        .await?;
        // The counters from the table's final contents, computed here rather than by a GROUP BY
        // over 20M rows (issue 4: that query fetched every row through the buyer index and took
        // a fifth of the import). Into an empty table those contents are exactly the imported
        // rows; otherwise they are read back.
        let table = if had_ratings {
            tx.fetch_all(
                "SELECT seller_id, buyer_id, day, safe, reliable, verified FROM ratings \
                 ORDER BY seller_id, buyer_id, day",
                &[],
                packed_from,
            )
            .await?
        } else {
            Vec::new()
        };
        phase("index built");
        write_counters(
            &mut tx,
            &buyer_counters(if had_ratings { &table } else { all }),
        )
        .await?;
        phase("counters written");
        tx.commit().await?;
        phase("committed");
        Ok(())
    }

    /// SQLite settings for a bulk load on the writer connection: a large page cache, no fsync
    /// until the end (the import is one transaction; a crash leaves nothing committed), and no
    /// per-row foreign-key lookups (every id was resolved from the accounts table just before).
    async fn bulk_session(&self, on: bool) -> Result<()> {
        if let Db::Sqlite { .. } = &self.db {
            // The index rebuild sorts 20M entries: in memory (SQLCipher would encrypt every
            // temporary page) and with a helper thread. Alone this was within the noise (index
            // phase 18-20 s either way at the large preset); it is the measured configuration.
            let (cache, sync, fk, temp, threads) = if on {
                ("-262144", "OFF", "OFF", "MEMORY", "2")
            } else {
                ("-32768", "NORMAL", "ON", "DEFAULT", "0")
            };
            let write = self.db.write();
            for (pragma, value) in [
                ("cache_size", cache),
                ("synchronous", sync),
                ("foreign_keys", fk),
                ("temp_store", temp),
                ("threads", threads),
            ] {
                write
                    .execute(&format!("PRAGMA {pragma} = {value}"), &[])
                    .await?;
            }
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
        let phase = phases("import buyer ratings");
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
        phase("rows de-duplicated");
        self.bulk_session(true).await?;
        let loaded = async {
            let mut tx = self.db.write().begin().await?;
            tx.load_buyer_ratings(&keep, &mut progress).await?;
            phase("rows inserted");
            tx.commit().await
        }
        .await;
        self.bulk_session(false).await?;
        loaded?;
        phase("committed");
        Ok(read)
    }

    /// After a bulk load on PostgreSQL: fresh planner statistics, and the visibility map of the
    /// tables a lookup reads, so that its covering index is read without visiting the table
    /// (autovacuum would get there, later). SQLite needs neither.
    pub async fn after_bulk_load(&self) -> Result<()> {
        if let Db::Postgres(_) = &self.db {
            let db = self.db.write();
            db.execute("VACUUM (ANALYZE) accounts, buyer_stats", &[])
                .await?;
            db.execute("ANALYZE ratings, buyer_ratings", &[]).await?;
        }
        Ok(())
    }
}

/// Replaces every buyer's counters (buyer, deltas, distinct sellers).
async fn write_counters(tx: &mut Tx, counters: &[(i64, crate::ratings::Delta, i64)]) -> Result<()> {
    tx.execute("DELETE FROM buyer_stats", &[]).await?;
    for batch in counters.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO buyer_stats (buyer_id, safe_n, safe_zeros, reliable_n, \
             reliable_zeros, interactions, sellers, verified){}",
            values(tx.is_sqlite(), batch.len(), 8)
        );
        let args: Vec<_> = batch
            .iter()
            .flat_map(|(buyer, d, sellers)| {
                [
                    (*buyer).into(),
                    d.safe_n.into(),
                    d.safe_zeros.into(),
                    d.reliable_n.into(),
                    d.reliable_zeros.into(),
                    d.interactions.into(),
                    (*sellers).into(),
                    d.verified.into(),
                ]
            })
            .collect();
        tx.execute(&sql, &args).await?;
    }
    Ok(())
}
