//! Group commit for sellers' ratings (SPEC R4.2; issue 4: ≥ 2,000 writes/s while lookups run).
//!
//! A rating write is a short read-modify-write: read the rating it may replace, upsert it, add
//! to the buyer's counters. Done from each request's task, every statement was a round trip to
//! sqlx's connection thread and back through the async run queue, where under a lookup load it
//! waited behind every queued lookup: ~330 writes/s. Here one thread takes every rating waiting
//! at that moment, writes them in one transaction and answers each request.
//!
//! On SQLite the thread borrows the writer connection's handle from sqlx (so the one writer
//! stays the one writer, R9.2) and runs the same SQL directly on it. A batch that fails is
//! rolled back and its ratings are written again one transaction each, so one failing rating
//! never fails the others, and every caller still learns the outcome of its own rating.

use std::sync::mpsc;

use rusqlite::{params, TransactionBehavior};
use tokio::sync::oneshot;

use crate::fast::err as direct;
use crate::ratings::{
    NewRating, RatingPlan, RatingSaved, RatingState, ADD_TO_STATS, RATING_STATE_SQL,
    UPSERT_RATING_SQL,
};
use crate::{Db, Result, StoreError};

/// At most this many ratings in one transaction.
const MAX_BATCH: usize = 256;

struct Job {
    rating: NewRating,
    reply: oneshot::Sender<Result<RatingSaved>>,
}

/// The queue in front of the rating writer thread. The thread ends when the last clone of the
/// store (and with it the last sender) is dropped.
#[derive(Clone)]
pub(crate) struct RatingQueue {
    tx: mpsc::Sender<Job>,
}

impl RatingQueue {
    /// Starts the writer thread; called from inside the runtime that drives the store's pools.
    pub(crate) fn start(db: Db) -> Result<RatingQueue> {
        let rt = tokio::runtime::Handle::try_current()
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("tessera-ratings".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    let mut jobs = vec![first];
                    jobs.extend(rx.try_iter().take(MAX_BATCH - 1));
                    let ratings: Vec<NewRating> = jobs.iter().map(|j| j.rating).collect();
                    let results = rt.block_on(write_batch(&db, &ratings));
                    for (job, result) in jobs.into_iter().zip(results) {
                        // The request may have gone away (client closed); its rating stands.
                        let _ = job.reply.send(result);
                    }
                }
            })
            .map_err(StoreError::Io)?;
        Ok(RatingQueue { tx })
    }

    pub(crate) async fn save(&self, rating: NewRating) -> Result<RatingSaved> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job { rating, reply })
            .map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }
}

/// One result per rating, in order.
async fn write_batch(db: &Db, ratings: &[NewRating]) -> Vec<Result<RatingSaved>> {
    match write_all(db, ratings).await {
        Ok(saved) => saved.into_iter().map(Ok).collect(),
        Err(e) if ratings.len() == 1 => vec![Err(e)],
        Err(_) => {
            let mut out = Vec::with_capacity(ratings.len());
            for r in ratings {
                let one = write_all(db, std::slice::from_ref(r)).await;
                out.push(one.and_then(|v| v.into_iter().next().ok_or(StoreError::NotFound)));
            }
            out
        }
    }
}

/// Writes all ratings in one transaction, or none of them.
async fn write_all(db: &Db, ratings: &[NewRating]) -> Result<Vec<RatingSaved>> {
    match db {
        Db::Sqlite { write, .. } => {
            let mut conn = write.acquire().await?;
            let mut locked = conn.lock_handle().await?;
            let raw = locked.as_raw_handle();
            // SAFETY: `locked` gives this thread exclusive use of the open connection until it
            // is dropped, which is after `c` (declared later, dropped first). `from_handle`
            // does not take ownership: dropping `c` finalizes its own statements and leaves the
            // connection open for sqlx.
            let mut c =
                unsafe { rusqlite::Connection::from_handle(raw.as_ptr()) }.map_err(direct)?;
            let out = sqlite_batch(&mut c, ratings).map_err(direct);
            drop(c);
            out
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let mut out = Vec::with_capacity(ratings.len());
            for r in ratings {
                let day = r.day.to_string();
                let (safe, reliable, was_verified, code_used, rated_before) =
                    sqlx::query_as(RATING_STATE_SQL)
                        .bind(r.seller_id)
                        .bind(r.buyer_id)
                        .bind(&day)
                        .fetch_one(&mut *tx)
                        .await?;
                let plan = RatingPlan::of(
                    r,
                    &RatingState {
                        safe,
                        reliable,
                        was_verified,
                        code_used,
                        rated_before,
                    },
                );
                sqlx::query(UPSERT_RATING_SQL)
                    .bind(r.seller_id)
                    .bind(r.buyer_id)
                    .bind(&day)
                    .bind(r.safe)
                    .bind(r.reliable)
                    .bind(plan.verified)
                    .bind(r.recorded_on.to_string())
                    .execute(&mut *tx)
                    .await?;
                let d = plan.delta;
                sqlx::query(ADD_TO_STATS)
                    .bind(r.buyer_id)
                    .bind(d.safe_n)
                    .bind(d.safe_zeros)
                    .bind(d.reliable_n)
                    .bind(d.reliable_zeros)
                    .bind(d.interactions)
                    .bind(plan.new_seller as i64)
                    .bind(d.verified)
                    .execute(&mut *tx)
                    .await?;
                out.push(plan.saved);
            }
            tx.commit().await?;
            Ok(out)
        }
    }
}

/// The SQLite batch: the same three statements per rating as on PostgreSQL, prepared once.
/// `BEGIN IMMEDIATE` takes the write lock up front (another process, such as a CLI command,
/// may be writing; the connection's busy timeout waits for it).
fn sqlite_batch(
    c: &mut rusqlite::Connection,
    ratings: &[NewRating],
) -> rusqlite::Result<Vec<RatingSaved>> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut out = Vec::with_capacity(ratings.len());
    {
        let mut state = tx.prepare(RATING_STATE_SQL)?;
        let mut upsert = tx.prepare(UPSERT_RATING_SQL)?;
        let mut stats = tx.prepare(ADD_TO_STATS)?;
        for r in ratings {
            let day = r.day.to_string();
            let st = state.query_row(params![r.seller_id, r.buyer_id, day], |row| {
                Ok(RatingState {
                    safe: row.get(0)?,
                    reliable: row.get(1)?,
                    was_verified: row.get(2)?,
                    code_used: row.get(3)?,
                    rated_before: row.get(4)?,
                })
            })?;
            let plan = RatingPlan::of(r, &st);
            upsert.execute(params![
                r.seller_id,
                r.buyer_id,
                day,
                r.safe,
                r.reliable,
                plan.verified,
                r.recorded_on.to_string()
            ])?;
            let d = plan.delta;
            stats.execute(params![
                r.buyer_id,
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
