//! Lookups read together (SPEC R3.2; issue 4: lookups close to the HTTP stack's own speed).
//!
//! Every lookup is one indexed read of a buyer's counters. What each read costs beyond the read
//! itself is per query, not per row: on PostgreSQL a round trip and the server's statement
//! overhead, on SQLite a read transaction (two `fcntl` locks of the WAL index). So one task
//! takes every lookup waiting at that moment and reads them with one query (PostgreSQL) or in
//! one read transaction (SQLite), then answers each. A lookup that arrives alone is read at
//! once; batches form only when lookups queue, so nothing waits for a batch to fill.
//!
//! Every lookup in a batch sees the same snapshot, one no older than the moment the batch was
//! taken, which is after the lookup was asked: a rating saved before a lookup was asked is
//! always seen by it.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Semaphore};

use crate::ratings::{buyer_record_of, BuyerRecord, BUYER_RECORDS_SQL, BUYER_RECORD_SQL};
use crate::{Db, Result, StoreError};

/// At most this many lookups in one query.
const MAX_BATCH: usize = 128;

/// PostgreSQL batch queries in flight at once: enough to keep the server's cores busy while the
/// next batch gathers.
fn in_flight() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

type Answer = oneshot::Sender<Result<Option<BuyerRecord>>>;

struct Job {
    canonical: Box<str>,
    reply: Answer,
}

/// The queue in front of the lookup task. The task ends when the last clone of the store (and
/// with it the last sender) is dropped.
#[derive(Clone)]
pub(crate) struct Lookups {
    tx: mpsc::UnboundedSender<Job>,
}

impl Lookups {
    /// Starts the lookup task; called from inside the runtime that drives the store's pools.
    pub(crate) fn start(db: Db) -> Result<Lookups> {
        let rt = tokio::runtime::Handle::try_current()
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
        rt.spawn(async move {
            let permits = Arc::new(Semaphore::new(in_flight()));
            let mut jobs = Vec::with_capacity(MAX_BATCH);
            while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let batch = std::mem::replace(&mut jobs, Vec::with_capacity(MAX_BATCH));
                match &db {
                    // One connection, microseconds per read once its pages are cached: read
                    // here, in order, while the next batch gathers.
                    Db::Sqlite { fast, .. } => {
                        let names: Vec<&str> = batch.iter().map(|j| &*j.canonical).collect();
                        let read = fast.buyer_records(&names);
                        answer_sqlite(batch, read, fast);
                    }
                    Db::Postgres(pool) => {
                        let Ok(permit) = permits.clone().acquire_owned().await else {
                            break;
                        };
                        let pool = pool.clone();
                        tokio::spawn(async move {
                            answer_postgres(batch, &pool).await;
                            drop(permit);
                        });
                    }
                }
            }
        });
        Ok(Lookups { tx })
    }

    pub(crate) async fn get(&self, canonical: &str) -> Result<Option<BuyerRecord>> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job {
                canonical: canonical.into(),
                reply,
            })
            .map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }
}

/// When the batch's transaction failed, each lookup is read again alone, so that each gets its
/// own answer (or its own error).
fn answer_sqlite(
    batch: Vec<Job>,
    read: Result<Vec<Option<BuyerRecord>>>,
    fast: &crate::fast::FastReads,
) {
    match read {
        Ok(records) => {
            for (job, record) in batch.into_iter().zip(records) {
                // The request may have gone away (client closed); nothing to answer.
                let _ = job.reply.send(Ok(record));
            }
        }
        Err(_) => {
            for job in batch {
                let one = fast
                    .buyer_records(&[&*job.canonical])
                    .map(|mut r| r.pop().flatten());
                let _ = job.reply.send(one);
            }
        }
    }
}

/// When the batch's query failed, each lookup is read again alone (as on SQLite).
async fn answer_postgres(batch: Vec<Job>, pool: &sqlx::PgPool) {
    let names: Vec<&str> = batch.iter().map(|j| &*j.canonical).collect();
    match read_many(pool, &names).await {
        Ok(found) => {
            for job in batch {
                // A name asked twice in one batch is answered twice.
                let record = found.get(&*job.canonical).cloned();
                let _ = job.reply.send(Ok(record));
            }
        }
        Err(_) => {
            for job in batch {
                let one = read_one(pool, &job.canonical).await;
                let _ = job.reply.send(one);
            }
        }
    }
}

async fn read_one(pool: &sqlx::PgPool, canonical: &str) -> Result<Option<BuyerRecord>> {
    let row = sqlx::query(BUYER_RECORD_SQL)
        .bind(canonical)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(buyer_record_of).transpose()
}

async fn read_many(pool: &sqlx::PgPool, names: &[&str]) -> Result<HashMap<String, BuyerRecord>> {
    let rows = sqlx::query(BUYER_RECORDS_SQL)
        .bind(names)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|row| {
            let name: String = sqlx::Row::try_get(row, 10)?;
            Ok((name, buyer_record_of(row)?))
        })
        .collect()
}
