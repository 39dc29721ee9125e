//! Sellers' ratings of buyers (SPEC R4.2) and the per-buyer counters that make a lookup one
//! indexed read (R3.2, R4.1). The counters change in the same transaction as the rating. The
//! writes go through group commit ([`batch`]), the lookups through lookup batching
//! ([`lookup`]).

use std::sync::LazyLock;

use tessera_core::reputation::FlagCounts;
use tessera_core::{BuyerId, Day, SellerId};

use crate::{Result, Store};

pub(crate) mod batch;
pub(crate) mod lookup;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewRating {
    pub seller_id: SellerId,
    pub buyer_id: BuyerId,
    pub day: Day,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub recorded_on: Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingSaved {
    /// `false` when it replaced the same seller/buyer/day rating.
    pub created: bool,
    pub verified: bool,
    /// A dispute excluded this seller's rating of him for this day (R7.8): nothing was
    /// written, and this day cannot be rated again.
    pub excluded: bool,
}

/// One rating as its author sees it ("My history with this buyer").
#[derive(Debug, Clone, PartialEq)]
pub struct OwnRating {
    pub day: Day,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub verified: bool,
}

/// A buyer as a lookup sees him: display name, age and counters.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerRecord {
    pub id: BuyerId,
    pub display_name: String,
    pub created_on: Day,
    pub safe: FlagCounts,
    pub reliable: FlagCounts,
    pub interactions: i64,
    pub sellers: i64,
    pub verified: i64,
    /// When the last of the live alerts naming him stops being live, if any is (R6.4): the
    /// lookup reads his alerts only then.
    pub alerts_until: Option<i64>,
    /// How many distinct sellers flagged him unsafe (R3.8), counted in the same read (0
    /// without a flag), so a lookup makes no second query for its warning.
    pub unsafe_sellers: i64,
}

/// How one rating contributes to the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Delta {
    pub safe_n: i64,
    pub safe_zeros: i64,
    pub reliable_n: i64,
    pub reliable_zeros: i64,
    pub interactions: i64,
    pub verified: i64,
}

impl Delta {
    pub(crate) fn of(safe: Option<bool>, reliable: Option<bool>, verified: bool) -> Delta {
        let flagged = safe.is_some() || reliable.is_some();
        Delta {
            safe_n: safe.is_some() as i64,
            safe_zeros: (safe == Some(false)) as i64,
            reliable_n: reliable.is_some() as i64,
            reliable_zeros: (reliable == Some(false)) as i64,
            interactions: flagged as i64,
            verified: (flagged && verified) as i64,
        }
    }

    pub(crate) fn plus(self, o: Delta) -> Delta {
        self.minus(Delta::default().minus(o))
    }

    pub(crate) fn minus(self, o: Delta) -> Delta {
        Delta {
            safe_n: self.safe_n - o.safe_n,
            safe_zeros: self.safe_zeros - o.safe_zeros,
            reliable_n: self.reliable_n - o.reliable_n,
            reliable_zeros: self.reliable_zeros - o.reliable_zeros,
            interactions: self.interactions - o.interactions,
            verified: self.verified - o.verified,
        }
    }
}

/// Adds a row of deltas to a buyer's counters (the row's `sellers` is added too). Shared by the
/// single-row statement below and the PostgreSQL batch (`rating_writes`).
macro_rules! add_to_stats_on_conflict {
    () => {
        " ON CONFLICT (buyer_id) DO UPDATE SET \
        safe_n = buyer_stats.safe_n + excluded.safe_n, \
        safe_zeros = buyer_stats.safe_zeros + excluded.safe_zeros, \
        reliable_n = buyer_stats.reliable_n + excluded.reliable_n, \
        reliable_zeros = buyer_stats.reliable_zeros + excluded.reliable_zeros, \
        interactions = buyer_stats.interactions + excluded.interactions, \
        sellers = buyer_stats.sellers + excluded.sellers, \
        verified = buyer_stats.verified + excluded.verified"
    };
}
pub(crate) use add_to_stats_on_conflict;

pub(crate) const ADD_TO_STATS: &str = concat!(
    "INSERT INTO buyer_stats \
    (buyer_id, safe_n, safe_zeros, reliable_n, reliable_zeros, interactions, sellers, verified) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    add_to_stats_on_conflict!()
);

/// Takes the row lock on one buyer's counters, creating the row if he has none yet. Every
/// transaction that reads a buyer's ratings to change his counters (a rating write, a code
/// redemption) takes it first, so two server processes can never both plan from the same old
/// state (R9.2): the second waits for the first to commit, then reads what it wrote. On SQLite
/// the statement also takes the database's write lock at once. $1 buyer.
pub(crate) const LOCK_BUYER_STATS_SQL: &str = "INSERT INTO buyer_stats (buyer_id) VALUES ($1) \
    ON CONFLICT (buyer_id) DO UPDATE SET verified = buyer_stats.verified";

/// The same for several buyers (PostgreSQL), in ascending id order so that two batches lock
/// their common buyers in the same order and cannot deadlock. $1 the buyers, sorted.
pub(crate) const LOCK_BUYERS_STATS_SQL: &str = "INSERT INTO buyer_stats (buyer_id) \
    SELECT b FROM unnest($1::bigint[]) AS b ORDER BY b \
    ON CONFLICT (buyer_id) DO UPDATE SET verified = buyer_stats.verified";

/// Everything one rating write reads, in one query: the rating it may replace, whether a code
/// of this seller for that day was redeemed by this buyer (R4.4), whether the seller rated
/// him before (distinct sellers), and whether a dispute excluded her rating of that day
/// (R7.8). $1 seller, $2 buyer, $3 day.
pub(crate) const RATING_STATE_SQL: &str = "SELECT r.safe, r.reliable, r.verified, \
    EXISTS (SELECT 1 FROM rating_codes c WHERE c.seller_id = $1 AND c.used_by = $2 \
            AND c.generated_on = $3 AND c.status = 'used'), \
    EXISTS (SELECT 1 FROM ratings o WHERE o.seller_id = $1 AND o.buyer_id = $2), \
    EXISTS (SELECT 1 FROM excluded_ratings x WHERE x.seller_id = $1 AND x.buyer_id = $2 \
            AND x.day = $3) \
    FROM (SELECT 1 AS one) AS x \
    LEFT JOIN ratings r ON r.seller_id = $1 AND r.buyer_id = $2 AND r.day = $3";

/// The ratings upsert, the one statement that writes ratings: the single write, both batches
/// and the import give it their rows (`source`: a `VALUES` list, an `unnest`, a `SELECT`) in
/// the order of [`RATING_COLUMNS`]. A row replaces the same seller/buyer/day rating; `verified`
/// never goes back to false (a write plans it from the old row, and the import, which does not
/// plan, leaves it as it was).
pub(crate) fn upsert_ratings(source: &str) -> String {
    format!(
        "INSERT INTO ratings ({RATING_COLUMNS}) {source} \
         ON CONFLICT (seller_id, buyer_id, day) DO UPDATE SET \
         safe = excluded.safe, reliable = excluded.reliable, \
         verified = ratings.verified OR excluded.verified, recorded_on = excluded.recorded_on"
    )
}

pub(crate) const RATING_COLUMNS: &str =
    "seller_id, buyer_id, day, safe, reliable, verified, recorded_on";

/// One rating. $1 seller, $2 buyer, $3 day, $4 safe, $5 reliable, $6 verified, $7 recorded on.
pub(crate) static UPSERT_RATING_SQL: LazyLock<String> =
    LazyLock::new(|| upsert_ratings("VALUES ($1, $2, $3, $4, $5, $6, $7)"));

/// What [`RATING_STATE_SQL`] found.
pub(crate) struct RatingState {
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    /// `verified` is NOT NULL in the table: `None` here means there is no old rating.
    pub was_verified: Option<bool>,
    pub code_used: bool,
    pub rated_before: bool,
    /// Excluded by a dispute: the write is refused (R7.8).
    pub excluded: bool,
}

/// What one rating write changes, decided from what it read (both backends use this).
pub(crate) struct RatingPlan {
    pub verified: bool,
    /// Added to the buyer's counters; `sellers` is separate because it is not a flag count.
    pub delta: Delta,
    pub new_seller: bool,
    pub saved: RatingSaved,
}

impl RatingPlan {
    pub(crate) fn of(r: &NewRating, st: &RatingState) -> RatingPlan {
        if st.excluded {
            return RatingPlan {
                verified: false,
                delta: Delta::default(),
                new_seller: false,
                saved: RatingSaved {
                    created: false,
                    verified: false,
                    excluded: true,
                },
            };
        }
        let old = st.was_verified.map(|v| Delta::of(st.safe, st.reliable, v));
        let verified = st.code_used || st.was_verified == Some(true);
        RatingPlan {
            verified,
            delta: Delta::of(r.safe, r.reliable, verified).minus(old.unwrap_or_default()),
            new_seller: !st.rated_before,
            saved: RatingSaved {
                created: old.is_none(),
                verified,
                excluded: false,
            },
        }
    }
}

impl Store {
    /// Records or replaces (same seller, buyer and day) a rating, and updates the buyer's
    /// counters in the same transaction. A rating is verified when a code this seller generated
    /// that day was redeemed by this buyer (R4.4), whichever came first. Written with other
    /// ratings waiting at the same moment in one transaction ([`batch`]).
    pub async fn save_rating(&self, r: &NewRating) -> Result<RatingSaved> {
        self.ratings.write(*r).await
    }

    /// A buyer by canonical pseudonym with his counters: one indexed read, never a rating list
    /// (R3.2). `None` for unknown pseudonyms, deleted accounts and sellers. Lookups arriving
    /// together are read together ([`lookup`]).
    pub async fn buyer_record(&self, canonical: &str) -> Result<Option<BuyerRecord>> {
        self.lookups.get(canonical).await
    }

    /// The ratings one seller gave one buyer, newest first.
    pub async fn own_ratings(
        &self,
        seller_id: SellerId,
        buyer_id: BuyerId,
    ) -> Result<Vec<OwnRating>> {
        self.db
            .read()
            .fetch_all(
                "SELECT day, safe, reliable, verified FROM ratings \
                 WHERE seller_id = $1 AND buyer_id = $2 ORDER BY day DESC",
                &[seller_id.into(), buyer_id.into()],
                |r| {
                    Ok(OwnRating {
                        day: r.day(0)?,
                        safe: r.opt_bool(1)?,
                        reliable: r.opt_bool(2)?,
                        verified: r.bool(3)?,
                    })
                },
            )
            .await
    }
}
