//! Group commit (SPEC R4.2; issue 4: ≥ 2,000 rating writes/s while lookups run). Used for
//! sellers' ratings; what a batch writes is the feature's ([`GroupWrite`], in
//! `screening::ratings::batch`), when and how many together is decided here.
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

use std::future::Future;
use std::marker::PhantomData;
use std::sync::{mpsc, Arc, Mutex};

use sqlx::PgPool;
use tokio::sync::oneshot;

use super::Db;
use crate::{Result, StoreError};

/// Writes that can be committed together: all of a batch in one transaction, or none.
pub(crate) trait GroupWrite: 'static {
    type In: Copy + Send + 'static;
    type Out: Send + 'static;
    /// SQLite, on the writer connection's own handle (borrowed from sqlx).
    fn sqlite(c: &mut rusqlite::Connection, batch: &[Self::In]) -> Result<Vec<Self::Out>>;
    fn postgres(pool: &PgPool, batch: &[Self::In]) -> impl Future<Output = Result<Vec<Self::Out>>>;
}

/// At most this many writes in one transaction.
const MAX_BATCH: usize = 256;

struct Job<W: GroupWrite> {
    input: W::In,
    reply: oneshot::Sender<Result<W::Out>>,
}

/// What the writer thread is sent: a write, or the store's close.
enum Msg<W: GroupWrite> {
    Job(Job<W>),
    Stop,
}

/// The queue in front of the writer thread. The thread ends when the store is closed
/// ([`GroupCommit::stop`]) or the last clone of the store (and with it the last sender) is
/// dropped.
///
/// `stop` waits until the thread has let go of its handles to the database. Without it a
/// command that closed its store and returned could exit while the thread, woken by the
/// closed channel, was still closing the last SQLCipher connection: the C libraries' exit
/// handlers and that close then freed the same memory (seen once in CI: `tessera invite`
/// aborted with "double free or corruption" after printing its link).
pub(crate) struct GroupCommit<W: GroupWrite> {
    tx: mpsc::Sender<Msg<W>>,
    done: Arc<Mutex<Option<oneshot::Receiver<()>>>>,
    write: PhantomData<fn() -> W>,
}

impl<W: GroupWrite> Clone for GroupCommit<W> {
    fn clone(&self) -> Self {
        GroupCommit {
            tx: self.tx.clone(),
            done: self.done.clone(),
            write: PhantomData,
        }
    }
}

impl<W: GroupWrite> GroupCommit<W> {
    /// Starts the writer thread; called from inside the runtime that drives the store's pools.
    pub(crate) fn start(db: Db, name: &str) -> Result<GroupCommit<W>> {
        let rt = tokio::runtime::Handle::try_current()
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        let (tx, rx) = mpsc::channel::<Msg<W>>();
        let (done_tx, done_rx) = oneshot::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let mut stopping = false;
                while !stopping {
                    let Ok(Msg::Job(first)) = rx.recv() else {
                        break;
                    };
                    let mut jobs = vec![first];
                    for msg in rx.try_iter().take(MAX_BATCH - 1) {
                        match msg {
                            Msg::Job(j) => jobs.push(j),
                            Msg::Stop => {
                                stopping = true;
                                break;
                            }
                        }
                    }
                    let inputs: Vec<W::In> = jobs.iter().map(|j| j.input).collect();
                    let results = rt.block_on(write_batch::<W>(&db, &inputs));
                    for (job, result) in jobs.into_iter().zip(results) {
                        // The request may have gone away (client closed); its write stands.
                        let _ = job.reply.send(result);
                    }
                }
                // Every handle to the database goes before the store's close returns.
                drop(db);
                drop(rx);
                let _ = done_tx.send(());
            })
            .map_err(StoreError::Io)?;
        Ok(GroupCommit {
            tx,
            done: Arc::new(Mutex::new(Some(done_rx))),
            write: PhantomData,
        })
    }

    pub(crate) async fn write(&self, input: W::In) -> Result<W::Out> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Msg::Job(Job { input, reply }))
            .map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?
    }

    /// Ends the writer thread after the writes already queued, and waits until it has let go
    /// of the database. Later writes answer `Stopped`. A second call returns at once.
    pub(crate) async fn stop(&self) {
        let _ = self.tx.send(Msg::Stop);
        let done = self
            .done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(done) = done {
            let _ = done.await;
        }
    }
}

/// One result per write, in order.
async fn write_batch<W: GroupWrite>(db: &Db, inputs: &[W::In]) -> Vec<Result<W::Out>> {
    match write_all::<W>(db, inputs).await {
        Ok(done) => done.into_iter().map(Ok).collect(),
        Err(e) if inputs.len() == 1 => vec![Err(e)],
        Err(_) => {
            let mut out = Vec::with_capacity(inputs.len());
            for one in inputs {
                let done = write_all::<W>(db, std::slice::from_ref(one)).await;
                out.push(done.and_then(|v| v.into_iter().next().ok_or(StoreError::NotFound)));
            }
            out
        }
    }
}

/// Writes all in one transaction, or none of them.
async fn write_all<W: GroupWrite>(db: &Db, inputs: &[W::In]) -> Result<Vec<W::Out>> {
    match db {
        Db::Sqlite { write, .. } => {
            let mut conn = write.acquire().await?;
            let mut locked = conn.lock_handle().await?;
            let raw = locked.as_raw_handle();
            // SAFETY: `locked` gives this thread exclusive use of the open connection until it
            // is dropped, which is after `c` (declared later, dropped first). `from_handle`
            // does not take ownership: dropping `c` finalizes its own statements and leaves the
            // connection open for sqlx.
            let mut c = unsafe { rusqlite::Connection::from_handle(raw.as_ptr()) }?;
            let out = W::sqlite(&mut c, inputs);
            drop(c);
            out
        }
        Db::Postgres(pool) => W::postgres(pool, inputs).await,
    }
}
