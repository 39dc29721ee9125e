//! Look-alike pseudonyms (SPEC R2.2): each account's confusable skeleton (UTS #39), the lock
//! that keeps two processes from creating look-alikes at the same instant, the backfill of rows
//! older than the column, and whether an account has a look-alike (only imports can make one).
//!
//! Why an ordinary index plus a lock and not a unique index: an import may bring two accounts
//! that look alike (R4.10), and both must keep working. A new account instead takes a lock
//! keyed by its skeleton, checks, and inserts in the same transaction: on PostgreSQL a
//! transaction-scoped advisory lock on the skeleton's hash (two different skeletons that hash
//! alike only wait for each other), on SQLite the database's one write lock, taken by the first
//! statement being a write, so the check reads the newest data. The conformance suite races two
//! stores on one database to prove it (`r2_2_two_stores_never_both_create_look_alikes`).

use tessera_core::pseudonym::skeleton;
use tessera_core::BuyerId;

use crate::db::Tx;
use crate::{Result, Store, StoreError};

/// Rows per backfill transaction.
const BACKFILL_BATCH: i64 = 1000;

/// Locks `skeleton` for this transaction, then `Conflict` when an account (not deleted) has it.
pub(super) async fn claim_skeleton(tx: &mut Tx, skeleton: &str) -> Result<()> {
    if tx.is_sqlite() {
        // A write that changes nothing: SQLite takes the write lock at the start of a writing
        // statement, and a transaction whose first statement writes sees the newest data.
        tx.execute("UPDATE accounts SET deleted = deleted WHERE id = 0", &[])
            .await?;
    } else {
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[skeleton.into()],
        )
        .await?;
    }
    let taken = tx
        .fetch_optional(
            "SELECT id FROM accounts WHERE skeleton = $1 AND NOT deleted LIMIT 1",
            &[skeleton.into()],
            |r| r.i64(0),
        )
        .await?;
    match taken {
        Some(_) => Err(StoreError::Conflict),
        None => Ok(()),
    }
}

impl Store {
    /// Whether an account (not deleted) already has this skeleton: a new pseudonym with it is
    /// taken (R2.2). The creation itself checks again under the lock.
    pub async fn skeleton_taken(&self, skeleton: &str) -> Result<bool> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT id FROM accounts WHERE skeleton = $1 AND NOT deleted LIMIT 1",
                &[skeleton.into()],
                |r| r.i64(0),
            )
            .await?
            .is_some())
    }

    /// Whether another account (not deleted) looks like this buyer's (R2.2): only accounts
    /// brought by an import can; the lookup page warns about it.
    pub async fn has_look_alike(&self, buyer: BuyerId) -> Result<bool> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT o.id FROM accounts a JOIN accounts o ON o.skeleton = a.skeleton \
                 WHERE a.id = $1 AND NOT a.deleted AND o.id <> a.id AND NOT o.deleted \
                 LIMIT 1",
                &[buyer.into()],
                |r| r.i64(0),
            )
            .await?
            .is_some())
    }

    /// Fills in the skeleton of every account that has none (rows older than migration 0006;
    /// SQL cannot compute a UTS #39 skeleton). A deleted account's is its tombstone id. Run at
    /// every open; after the first it finds nothing. Idempotent, so two processes opening at
    /// once only write the same values twice. Returns how many rows were filled in.
    pub async fn backfill_skeletons(&self) -> Result<u64> {
        let mut filled = 0;
        loop {
            let rows = self
                .db
                .read()
                .fetch_all(
                    "SELECT id, pseudonym, deleted FROM accounts WHERE skeleton IS NULL \
                     ORDER BY id LIMIT $1",
                    &[BACKFILL_BATCH.into()],
                    |r| Ok((r.i64(0)?, r.text(1)?, r.bool(2)?)),
                )
                .await?;
            if rows.is_empty() {
                return Ok(filled);
            }
            let mut tx = self.db.write().begin().await?;
            for (id, pseudonym, deleted) in rows {
                let sk = if deleted {
                    pseudonym
                } else {
                    skeleton(&pseudonym)
                };
                filled += tx
                    .execute(
                        "UPDATE accounts SET skeleton = $1 WHERE id = $2 AND skeleton IS NULL",
                        &[sk.into(), id.into()],
                    )
                    .await?;
            }
            tx.commit().await?;
        }
    }
}
