//! What sellers and buyers see of ratings about themselves, with reporter protection
//! (SPEC R3.5, R4.7, R4.8): a seller's received ratings with each buyer's current counters, the
//! seller's release point, and the buyer's delayed snapshot.

use tessera_core::reputation::FlagCounts;
use tessera_core::{BuyerId, Day, SellerId};

use crate::db::rows::counts;
use crate::{Result, Store};

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

impl Store {
    /// The seller's received ratings with id ≤ `through_id` (all when `None`), oldest first.
    pub async fn received_ratings(
        &self,
        seller_id: SellerId,
        through_id: Option<i64>,
    ) -> Result<Vec<ReceivedRating>> {
        let through = through_id.unwrap_or(i64::MAX);
        self.db
            .read()
            .fetch_all(
                "SELECT r.id, r.day, r.listing_accuracy, r.punctuality, r.professionalism, r.x, \
                 COALESCE(s.safe_n, 0), COALESCE(s.safe_zeros, 0), \
                 COALESCE(s.reliable_n, 0), COALESCE(s.reliable_zeros, 0) \
                 FROM buyer_ratings r LEFT JOIN buyer_stats s ON s.buyer_id = r.buyer_id \
                 WHERE r.seller_id = $1 AND r.id <= $2 ORDER BY r.id",
                &[seller_id.into(), through.into()],
                |r| {
                    Ok(ReceivedRating {
                        id: r.i64(0)?,
                        day: r.day(1)?,
                        listing_accuracy: r.text(2)?,
                        punctuality: r.text(3)?,
                        professionalism: r.text(4)?,
                        x: r.f64(5)?,
                        buyer_safe: r.counts(6, 7)?,
                        buyer_reliable: r.counts(8, 9)?,
                    })
                },
            )
            .await
    }

    /// Ratings received after `after_id`: how many, the newest id and the oldest day.
    pub async fn unreleased(
        &self,
        seller_id: SellerId,
        after_id: i64,
    ) -> Result<(i64, Option<i64>, Option<Day>)> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*), MAX(id), MIN(day) FROM buyer_ratings \
                 WHERE seller_id = $1 AND id > $2",
                &[seller_id.into(), after_id.into()],
                |r| Ok((r.i64(0)?, r.opt_i64(1)?, r.opt_day(2)?)),
            )
            .await
    }

    pub async fn seller_release(&self, seller_id: SellerId) -> Result<Option<Release>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT through_id, released_on FROM seller_releases WHERE seller_id = $1",
                &[seller_id.into()],
                |r| {
                    Ok(Release {
                        through_id: r.i64(0)?,
                        released_on: r.day(1)?,
                    })
                },
            )
            .await
    }

    pub async fn set_seller_release(&self, seller_id: SellerId, r: Release) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO seller_releases (seller_id, through_id, released_on) \
                 VALUES ($1, $2, $3) ON CONFLICT (seller_id) DO UPDATE SET \
                 through_id = excluded.through_id, released_on = excluded.released_on",
                &[
                    seller_id.into(),
                    r.through_id.into(),
                    r.released_on.to_string().into(),
                ],
            )
            .await?;
        Ok(())
    }

    pub async fn buyer_snapshot(&self, buyer_id: BuyerId) -> Result<Option<Snapshot>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT cutoff, safe_n, safe_zeros, reliable_n, reliable_zeros, as_of \
                 FROM buyer_snapshots WHERE buyer_id = $1",
                &[buyer_id.into()],
                |r| {
                    Ok(Snapshot {
                        cutoff: r.day(0)?,
                        safe: r.counts(1, 2)?,
                        reliable: r.counts(3, 4)?,
                        as_of: r.day(5)?,
                    })
                },
            )
            .await
    }

    /// The buyer's ratings recorded after `after` (exclusive) and up to `through` (inclusive).
    pub async fn rating_window(
        &self,
        buyer_id: BuyerId,
        after: Option<Day>,
        through: Day,
    ) -> Result<Window> {
        let after = after.map(|d| d.to_string()).unwrap_or_default();
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*), COUNT(DISTINCT seller_id), \
                 SUM(CASE WHEN safe IS NULL THEN 0 ELSE 1 END), \
                 SUM(CASE WHEN safe = FALSE THEN 1 ELSE 0 END), \
                 SUM(CASE WHEN reliable IS NULL THEN 0 ELSE 1 END), \
                 SUM(CASE WHEN reliable = FALSE THEN 1 ELSE 0 END) \
                 FROM ratings WHERE buyer_id = $1 AND recorded_on > $2 AND recorded_on <= $3",
                &[buyer_id.into(), after.into(), through.to_string().into()],
                |r| {
                    let sum = |i| Ok::<_, crate::StoreError>(r.opt_i64(i)?.unwrap_or(0));
                    Ok(Window {
                        ratings: r.i64(0)?,
                        sellers: r.i64(1)?,
                        safe: counts(sum(2)?, sum(3)?),
                        reliable: counts(sum(4)?, sum(5)?),
                    })
                },
            )
            .await
    }

    pub async fn save_buyer_snapshot(&self, buyer_id: BuyerId, s: &Snapshot) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO buyer_snapshots \
                 (buyer_id, cutoff, safe_n, safe_zeros, reliable_n, reliable_zeros, as_of) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (buyer_id) DO UPDATE SET \
                 cutoff = excluded.cutoff, safe_n = excluded.safe_n, \
                 safe_zeros = excluded.safe_zeros, reliable_n = excluded.reliable_n, \
                 reliable_zeros = excluded.reliable_zeros, as_of = excluded.as_of",
                &[
                    buyer_id.into(),
                    s.cutoff.to_string().into(),
                    (s.safe.n as i64).into(),
                    (s.safe.zeros as i64).into(),
                    (s.reliable.n as i64).into(),
                    (s.reliable.zeros as i64).into(),
                    s.as_of.to_string().into(),
                ],
            )
            .await?;
        Ok(())
    }
}
