//! What one group commit of sellers' ratings writes (SPEC R4.2, R3.2, R4.4, R9.2), on each
//! backend: the rating, read-modify-write, and the buyer's counters in the same transaction.
//! The batching itself is [`crate::db::group_commit`]'s.

use std::collections::HashMap;

use rusqlite::{params, TransactionBehavior};
use sqlx::PgPool;

use super::{
    add_to_stats_on_conflict, upsert_ratings, Delta, NewRating, RatingPlan, RatingSaved,
    RatingState, ADD_TO_STATS, LOCK_BUYERS_STATS_SQL, RATING_STATE_SQL, UPSERT_RATING_SQL,
};
use crate::db::group_commit::GroupWrite;
use crate::{Result, StoreError};

/// Sellers' ratings, as [`crate::db::group_commit`] writes them.
pub(crate) struct RatingWrite;

impl GroupWrite for RatingWrite {
    type In = NewRating;
    type Out = RatingSaved;

    fn sqlite(c: &mut rusqlite::Connection, batch: &[NewRating]) -> Result<Vec<RatingSaved>> {
        sqlite_batch(c, batch)
    }

    async fn postgres(pool: &PgPool, batch: &[NewRating]) -> Result<Vec<RatingSaved>> {
        postgres_batch(pool, batch).await
    }
}

/// One row of the batch read: position in the batch (from 1), then [`RatingState`]'s fields.
type StateRow = (
    i64,
    Option<bool>,
    Option<bool>,
    Option<bool>,
    bool,
    bool,
    bool,
);

/// The PostgreSQL batch: every statement is a network round trip, so the batch is planned in
/// memory between one read and two writes (arrays in, `unnest` in SQL): six round trips with
/// BEGIN, the buyers' locks and COMMIT, whatever the batch size. Ratings of the batch see the earlier ones of the
/// same batch exactly as if written one by one: same key = the earlier is the old rating; same
/// seller and buyer = rated before.
async fn postgres_batch(pool: &sqlx::PgPool, ratings: &[NewRating]) -> Result<Vec<RatingSaved>> {
    let days: Vec<String> = ratings.iter().map(|r| r.day.to_string()).collect();
    let sellers: Vec<i64> = ratings.iter().map(|r| r.seller_id.get()).collect();
    let buyers: Vec<i64> = ratings.iter().map(|r| r.buyer_id.get()).collect();
    let mut tx = pool.begin().await?;
    // Lock the counters of every buyer in the batch before reading anything they depend on:
    // another process may be rating or redeeming for the same buyers (R9.2).
    let mut locked = buyers.clone();
    locked.sort_unstable();
    locked.dedup();
    sqlx::query(LOCK_BUYERS_STATS_SQL)
        .bind(&locked)
        .execute(&mut *tx)
        .await?;
    let rows: Vec<StateRow> = sqlx::query_as(
        "SELECT i.ord, r.safe, r.reliable, r.verified, \
         EXISTS (SELECT 1 FROM rating_codes c WHERE c.seller_id = i.seller AND c.used_by = i.buyer \
                 AND c.generated_on = i.day AND c.status = 'used'), \
         EXISTS (SELECT 1 FROM ratings o WHERE o.seller_id = i.seller AND o.buyer_id = i.buyer), \
         EXISTS (SELECT 1 FROM excluded_ratings x WHERE x.seller_id = i.seller \
                 AND x.buyer_id = i.buyer AND x.day = i.day) \
         FROM unnest($1::bigint[], $2::bigint[], $3::text[]) WITH ORDINALITY AS i (seller, buyer, day, ord) \
         LEFT JOIN ratings r ON r.seller_id = i.seller AND r.buyer_id = i.buyer AND r.day = i.day",
    )
    .bind(&sellers)
    .bind(&buyers)
    .bind(&days)
    .fetch_all(&mut *tx)
    .await?;
    let mut state: Vec<Option<RatingState>> = (0..ratings.len()).map(|_| None).collect();
    for (ord, safe, reliable, was_verified, code_used, rated_before, excluded) in rows {
        if let Some(slot) = usize::try_from(ord - 1).ok().and_then(|i| state.get_mut(i)) {
            *slot = Some(RatingState {
                safe,
                reliable,
                was_verified,
                code_used,
                rated_before,
                excluded,
            });
        }
    }
    // Sequential planning: what the batch has written so far overrides what was read.
    let mut by_key: HashMap<(i64, i64, &str), RatingState> = HashMap::new();
    let mut pairs: std::collections::HashSet<(i64, i64)> = Default::default();
    let mut last: HashMap<(i64, i64, &str), (usize, bool)> = HashMap::new();
    let mut deltas: HashMap<i64, (Delta, i64)> = HashMap::new();
    let mut out = Vec::with_capacity(ratings.len());
    for (i, r) in ratings.iter().enumerate() {
        let key = (r.seller_id.get(), r.buyer_id.get(), days[i].as_str());
        let read = state[i].take().ok_or(StoreError::Corrupt("batch read"))?;
        let st = by_key.remove(&key).unwrap_or(RatingState {
            rated_before: read.rated_before
                || pairs.contains(&(r.seller_id.get(), r.buyer_id.get())),
            ..read
        });
        let plan = RatingPlan::of(r, &st);
        if st.excluded {
            // Nothing is written for it; later ratings of the batch with its key see the same.
            by_key.insert(key, st);
            out.push(plan.saved);
            continue;
        }
        let e = deltas.entry(r.buyer_id.get()).or_default();
        e.0 = e.0.plus(plan.delta);
        e.1 += plan.new_seller as i64;
        by_key.insert(
            key,
            RatingState {
                safe: r.safe,
                reliable: r.reliable,
                was_verified: Some(plan.verified),
                code_used: st.code_used,
                rated_before: true,
                excluded: false,
            },
        );
        pairs.insert((r.seller_id.get(), r.buyer_id.get()));
        last.insert(key, (i, plan.verified));
        out.push(plan.saved);
    }
    // One row per key: its last rating of the batch.
    let mut rows: Vec<(usize, bool)> = last.into_values().collect();
    rows.sort_unstable();
    let pick = |f: &dyn Fn(&NewRating) -> i64| -> Vec<i64> {
        rows.iter().map(|&(i, _)| f(&ratings[i])).collect()
    };
    sqlx::query(&upsert_ratings(
        "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::boolean[], \
         $5::boolean[], $6::boolean[], $7::text[])",
    ))
    .bind(pick(&|r| r.seller_id.get()))
    .bind(pick(&|r| r.buyer_id.get()))
    .bind(
        rows.iter()
            .map(|&(i, _)| days[i].clone())
            .collect::<Vec<_>>(),
    )
    .bind(
        rows.iter()
            .map(|&(i, _)| ratings[i].safe)
            .collect::<Vec<_>>(),
    )
    .bind(
        rows.iter()
            .map(|&(i, _)| ratings[i].reliable)
            .collect::<Vec<_>>(),
    )
    .bind(rows.iter().map(|&(_, v)| v).collect::<Vec<_>>())
    .bind(
        rows.iter()
            .map(|&(i, _)| ratings[i].recorded_on.to_string())
            .collect::<Vec<_>>(),
    )
    .execute(&mut *tx)
    .await?;
    let mut stats: Vec<(i64, Delta, i64)> =
        deltas.into_iter().map(|(b, (d, s))| (b, d, s)).collect();
    stats.sort_unstable_by_key(|(b, _, _)| *b);
    let col = |f: &dyn Fn(&(i64, Delta, i64)) -> i64| -> Vec<i64> { stats.iter().map(f).collect() };
    sqlx::query(concat!(
        "INSERT INTO buyer_stats (buyer_id, safe_n, safe_zeros, reliable_n, reliable_zeros, \
         interactions, sellers, verified) \
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], \
                              $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])",
        add_to_stats_on_conflict!()
    ))
    .bind(col(&|s| s.0))
    .bind(col(&|s| s.1.safe_n))
    .bind(col(&|s| s.1.safe_zeros))
    .bind(col(&|s| s.1.reliable_n))
    .bind(col(&|s| s.1.reliable_zeros))
    .bind(col(&|s| s.1.interactions))
    .bind(col(&|s| s.2))
    .bind(col(&|s| s.1.verified))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// The SQLite batch: the same three statements per rating as on PostgreSQL, prepared once.
/// `BEGIN IMMEDIATE` takes the write lock up front (another process, such as a CLI command,
/// may be writing; the connection's busy timeout waits for it).
fn sqlite_batch(c: &mut rusqlite::Connection, ratings: &[NewRating]) -> Result<Vec<RatingSaved>> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut out = Vec::with_capacity(ratings.len());
    {
        let mut state = tx.prepare(RATING_STATE_SQL)?;
        let mut upsert = tx.prepare(&UPSERT_RATING_SQL)?;
        let mut stats = tx.prepare(ADD_TO_STATS)?;
        for r in ratings {
            let day = r.day.to_string();
            let st = state.query_row(params![r.seller_id.get(), r.buyer_id.get(), day], |row| {
                Ok(RatingState {
                    safe: row.get(0)?,
                    reliable: row.get(1)?,
                    was_verified: row.get(2)?,
                    code_used: row.get(3)?,
                    rated_before: row.get(4)?,
                    excluded: row.get(5)?,
                })
            })?;
            let plan = RatingPlan::of(r, &st);
            if st.excluded {
                out.push(plan.saved);
                continue;
            }
            upsert.execute(params![
                r.seller_id.get(),
                r.buyer_id.get(),
                day,
                r.safe,
                r.reliable,
                plan.verified,
                r.recorded_on.to_string()
            ])?;
            let d = plan.delta;
            stats.execute(params![
                r.buyer_id.get(),
                d.safe_n,
                d.safe_zeros,
                d.reliable_n,
                d.reliable_zeros,
                d.interactions,
                plan.new_seller as i64,
                d.verified
            ])?;
            out.push(plan.saved);
        }
    }
    tx.commit()?;
    Ok(out)
}
