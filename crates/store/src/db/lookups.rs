//! Lookups read together (SPEC R3.2; issue 4: lookups close to the HTTP stack's own speed).
//! What is read, and how, is the feature's ([`BatchRead`]; the buyer lookup in
//! `screening::ratings`); when and how many together is decided here.
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
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use sqlx::PgPool;
use tokio::sync::{mpsc, oneshot, Semaphore};

use super::fast::FastReads;
use super::Db;
use crate::{Result, StoreError};

/// A read by key that can be done for many keys at once.
pub(crate) trait BatchRead: 'static {
    type Out: Clone + Send + 'static;
    /// SQLite: each key, in order, in one read transaction ([`FastReads::each`]).
    fn sqlite(fast: &FastReads, keys: &[&str]) -> Result<Vec<Option<Self::Out>>>;
    /// PostgreSQL: every key with one query; what was found, by key.
    fn postgres_many(
        pool: &PgPool,
        keys: &[&str],
    ) -> impl Future<Output = Result<HashMap<String, Self::Out>>> + Send;
    /// PostgreSQL: one key.
    fn postgres_one(
        pool: &PgPool,
        key: &str,
    ) -> impl Future<Output = Result<Option<Self::Out>>> + Send;
}

/// At most this many lookups in one query.
const MAX_BATCH: usize = 128;

/// PostgreSQL batch queries in flight at once: enough to keep the server's cores busy while the
/// next batch gathers.
fn in_flight() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}

struct Job<T> {
    key: Box<str>,
    reply: oneshot::Sender<Result<Option<T>>>,
}

/// The queue in front of the lookup task. The task ends when the last clone of the store (and
/// with it the last sender) is dropped.
pub(crate) struct Lookups<R: BatchRead> {
    tx: mpsc::UnboundedSender<Job<R::Out>>,
    read: PhantomData<fn() -> R>,
}

impl<R: BatchRead> Clone for Lookups<R> {
    fn clone(&self) -> Self {
        Lookups {
            tx: self.tx.clone(),
            read: PhantomData,
        }
    }
}

impl<R: BatchRead> Lookups<R> {
    /// Starts the lookup task; called from inside the runtime that drives the store's pools.
    pub(crate) fn start(db: Db) -> Result<Lookups<R>> {
        let rt = tokio::runtime::Handle::try_current()
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        let (tx, mut rx) = mpsc::unbounded_channel::<Job<R::Out>>();
        rt.spawn(async move {
            let permits = Arc::new(Semaphore::new(in_flight()));
            let mut jobs = Vec::with_capacity(MAX_BATCH);
            while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let batch = std::mem::replace(&mut jobs, Vec::with_capacity(MAX_BATCH));
                match &db {
                    // One connection, microseconds per read once its pages are cached: read
                    // here, in order, while the next batch gathers.
                    Db::Sqlite { fast, .. } => {
                        let keys: Vec<&str> = batch.iter().map(|j| &*j.key).collect();
                        let read = R::sqlite(fast, &keys);
                        answer_sqlite::<R>(batch, read, fast);
                    }
                    Db::Postgres(pool) => {
                        let Ok(permit) = permits.clone().acquire_owned().await else {
                            break;
                        };
                        let pool = pool.clone();
                        tokio::spawn(async move {
                            answer_postgres::<R>(batch, &pool).await;
                            drop(permit);
                        });
                    }
                }
            }
        });
        Ok(Lookups {
            tx,
            read: PhantomData,
        })
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<R::Out>> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job {
                key: key.into(),
                reply,
            })
            .map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }
}

/// When the batch's transaction failed, each lookup is read again alone, so that each gets its
/// own answer (or its own error).
fn answer_sqlite<R: BatchRead>(
    batch: Vec<Job<R::Out>>,
    read: Result<Vec<Option<R::Out>>>,
    fast: &FastReads,
) {
    match read {
        Ok(found) => {
            for (job, one) in batch.into_iter().zip(found) {
                // The request may have gone away (client closed); nothing to answer.
                let _ = job.reply.send(Ok(one));
            }
        }
        Err(_) => {
            for job in batch {
                let one = R::sqlite(fast, &[&*job.key]).map(|mut r| r.pop().flatten());
                let _ = job.reply.send(one);
            }
        }
    }
}

/// A batch of one is read by the one-key query: `= $1` costs PostgreSQL less than `= ANY($1)`
/// with a one-element array (without this path, lookups on PostgreSQL ran at 0.70–0.86 of the
/// build before the move, four alternating pairs on one database). When the batch's query
/// failed, each lookup is read again alone (as on SQLite).
async fn answer_postgres<R: BatchRead>(mut batch: Vec<Job<R::Out>>, pool: &PgPool) {
    if batch.len() == 1 {
        if let Some(job) = batch.pop() {
            let one = R::postgres_one(pool, &job.key).await;
            let _ = job.reply.send(one);
        }
        return;
    }
    let keys: Vec<&str> = batch.iter().map(|j| &*j.key).collect();
    match R::postgres_many(pool, &keys).await {
        Ok(found) => {
            for job in batch {
                // A key asked twice in one batch is answered twice.
                let one = found.get(&*job.key).cloned();
                let _ = job.reply.send(Ok(one));
            }
        }
        Err(_) => {
            for job in batch {
                let one = R::postgres_one(pool, &job.key).await;
                let _ = job.reply.send(one);
            }
        }
    }
}
