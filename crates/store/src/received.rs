//! What sellers and buyers see of ratings about themselves, with reporter protection
//! (SPEC R3.5, R4.7, R4.8): a seller's received ratings with each buyer's current counters, the
//! seller's release point, and the buyer's delayed snapshot.

use sqlx::Row;
use tessera_core::reputation::FlagCounts;
use tessera_core::Day;

use crate::{exec, on_db, Result, Store, StoreError};

/// A buyer's rating of a seller, without the buyer's identity, and his current counters (his
/// current weight, R3.5).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRating {
    pub id: i64,
    pub day: Day,
    pub listing_accuracy: String,
    pub punctuality: String,
    pub professionalism: String,
    pub x: f64,
    pub buyer_safe: FlagCounts,
    pub buyer_reliable: FlagCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Release {
    pub through_id: i64,
    pub released_on: Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub cutoff: Day,
    pub safe: FlagCounts,
    pub reliable: FlagCounts,
    pub as_of: Day,
}

/// Ratings recorded in a window: counts and distinct sellers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub ratings: i64,
    pub sellers: i64,
    pub safe: FlagCounts,
    pub reliable: FlagCounts,
}

fn fc(n: i64, z: i64) -> FlagCounts {
    FlagCounts {
        n: n.max(0) as u64,
        zeros: z.max(0) as u64,
    }
}

fn day(s: &str) -> Result<Day> {
    Day::parse(s).ok_or(StoreError::Corrupt("day"))
}

impl Store {
    /// The seller's received ratings with id ≤ `through_id` (all when `None`), oldest first.
    pub async fn received_ratings(
        &self,
        seller_id: i64,
        through_id: Option<i64>,
    ) -> Result<Vec<ReceivedRating>> {
        let through = through_id.unwrap_or(i64::MAX);
        on_db!(self, read, |pool| {
            let rows = sqlx::query(
                "SELECT r.id, r.day, r.listing_accuracy, r.punctuality, r.professionalism, r.x, \
                 COALESCE(s.safe_n, 0) AS safe_n, COALESCE(s.safe_zeros, 0) AS safe_zeros, \
                 COALESCE(s.reliable_n, 0) AS reliable_n, COALESCE(s.reliable_zeros, 0) AS reliable_zeros \
                 FROM buyer_ratings r LEFT JOIN buyer_stats s ON s.buyer_id = r.buyer_id \
                 WHERE r.seller_id = $1 AND r.id <= $2 ORDER BY r.id",
            )
            .bind(seller_id)
            .bind(through)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    let d: String = r.try_get("day")?;
                    Ok(ReceivedRating {
                        id: r.try_get("id")?,
                        day: day(&d)?,
                        listing_accuracy: r.try_get("listing_accuracy")?,
                        punctuality: r.try_get("punctuality")?,
                        professionalism: r.try_get("professionalism")?,
                        x: r.try_get("x")?,
                        buyer_safe: fc(r.try_get("safe_n")?, r.try_get("safe_zeros")?),
                        buyer_reliable: fc(r.try_get("reliable_n")?, r.try_get("reliable_zeros")?),
                    })
                })
                .collect()
        })
    }

    /// Ratings received after `after_id`: how many, the newest id and the oldest day.
    pub async fn unreleased(
        &self,
        seller_id: i64,
        after_id: i64,
    ) -> Result<(i64, Option<i64>, Option<Day>)> {
        let (n, max_id, min_day): (i64, Option<i64>, Option<String>) = on_db!(self, read, |pool| {
            sqlx::query_as("SELECT COUNT(*), MAX(id), MIN(day) FROM buyer_ratings WHERE seller_id = $1 AND id > $2")
                .bind(seller_id)
                .bind(after_id)
                .fetch_one(pool)
                .await?
        });
        Ok((n, max_id, min_day.as_deref().map(day).transpose()?))
    }

    pub async fn seller_release(&self, seller_id: i64) -> Result<Option<Release>> {
        let row: Option<(i64, String)> = on_db!(self, read, |pool| {
            sqlx::query_as(
                "SELECT through_id, released_on FROM seller_releases WHERE seller_id = $1",
            )
            .bind(seller_id)
            .fetch_optional(pool)
            .await?
        });
        row.map(|(through_id, d)| {
            Ok(Release {
                through_id,
                released_on: day(&d)?,
            })
        })
        .transpose()
    }

    pub async fn set_seller_release(&self, seller_id: i64, r: Release) -> Result<()> {
        exec!(
            self,
            "INSERT INTO seller_releases (seller_id, through_id, released_on) VALUES ($1, $2, $3) \
             ON CONFLICT (seller_id) DO UPDATE SET through_id = excluded.through_id, released_on = excluded.released_on",
            seller_id,
            r.through_id,
            r.released_on.to_string()
        );
        Ok(())
    }

    pub async fn buyer_snapshot(&self, buyer_id: i64) -> Result<Option<Snapshot>> {
        on_db!(self, read, |pool| {
            let row = sqlx::query(
                "SELECT cutoff, safe_n, safe_zeros, reliable_n, reliable_zeros, as_of FROM buyer_snapshots WHERE buyer_id = $1",
            )
            .bind(buyer_id)
            .fetch_optional(pool)
            .await?;
            let Some(r) = row else { return Ok(None) };
            let cutoff: String = r.try_get("cutoff")?;
            let as_of: String = r.try_get("as_of")?;
            Ok(Some(Snapshot {
                cutoff: day(&cutoff)?,
                safe: fc(r.try_get("safe_n")?, r.try_get("safe_zeros")?),
                reliable: fc(r.try_get("reliable_n")?, r.try_get("reliable_zeros")?),
                as_of: day(&as_of)?,
            }))
        })
    }

    /// The buyer's ratings recorded after `after` (exclusive) and up to `through` (inclusive).
    pub async fn rating_window(
        &self,
        buyer_id: i64,
        after: Option<Day>,
        through: Day,
    ) -> Result<Window> {
        let after = after.map(|d| d.to_string()).unwrap_or_default();
        let (ratings, sellers, sn, sz, rn, rz): (
            i64,
            i64,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        ) = on_db!(self, read, |pool| {
            sqlx::query_as(
                    "SELECT COUNT(*), COUNT(DISTINCT seller_id), \
                     SUM(CASE WHEN safe IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN safe = FALSE THEN 1 ELSE 0 END), \
                     SUM(CASE WHEN reliable IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN reliable = FALSE THEN 1 ELSE 0 END) \
                     FROM ratings WHERE buyer_id = $1 AND recorded_on > $2 AND recorded_on <= $3",
                )
                .bind(buyer_id)
                .bind(after)
                .bind(through.to_string())
                .fetch_one(pool)
                .await?
        });
        Ok(Window {
            ratings,
            sellers,
            safe: fc(sn.unwrap_or(0), sz.unwrap_or(0)),
            reliable: fc(rn.unwrap_or(0), rz.unwrap_or(0)),
        })
    }

    pub async fn save_buyer_snapshot(&self, buyer_id: i64, s: &Snapshot) -> Result<()> {
        exec!(
            self,
            "INSERT INTO buyer_snapshots (buyer_id, cutoff, safe_n, safe_zeros, reliable_n, reliable_zeros, as_of) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (buyer_id) DO UPDATE SET cutoff = excluded.cutoff, \
             safe_n = excluded.safe_n, safe_zeros = excluded.safe_zeros, reliable_n = excluded.reliable_n, \
             reliable_zeros = excluded.reliable_zeros, as_of = excluded.as_of",
            buyer_id,
            s.cutoff.to_string(),
            s.safe.n as i64,
            s.safe.zeros as i64,
            s.reliable.n as i64,
            s.reliable.zeros as i64,
            s.as_of.to_string()
        );
        Ok(())
    }
}
