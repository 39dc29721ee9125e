//! Reputation restores (charter 18.6, SPEC R7.9): a deleted account's ratings are pattern data
//! on its tombstone (R2.11) that no pseudonym reaches. Only its former holder can point at them,
//! with the restore code she asked for when she deleted it; when the Dispute Resolution
//! Committee has verified that the deletion was due to a platform error or a safety concern, a
//! second member's approval moves them to her new account in one transaction.

use tessera_core::{AccountId, AccountType};

use crate::db::Tx;
use crate::{Result, Store, StoreError};

/// Recounts one buyer's counters from his ratings (R3.2), creating the row if he has none.
const RECOUNT_BUYER_SQL: &str = "INSERT INTO buyer_stats (buyer_id, safe_n, safe_zeros, \
    reliable_n, reliable_zeros, interactions, sellers, verified) \
    SELECT $1, \
        COALESCE(SUM(CASE WHEN safe IS NOT NULL THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN safe = FALSE THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN reliable IS NOT NULL THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN reliable = FALSE THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN safe IS NOT NULL OR reliable IS NOT NULL THEN 1 ELSE 0 END), 0), \
        COUNT(DISTINCT seller_id), \
        COALESCE(SUM(CASE WHEN verified AND (safe IS NOT NULL OR reliable IS NOT NULL) \
            THEN 1 ELSE 0 END), 0) \
    FROM ratings WHERE buyer_id = $1 \
    ON CONFLICT (buyer_id) DO UPDATE SET safe_n = excluded.safe_n, \
        safe_zeros = excluded.safe_zeros, reliable_n = excluded.reliable_n, \
        reliable_zeros = excluded.reliable_zeros, interactions = excluded.interactions, \
        sellers = excluded.sellers, verified = excluded.verified";

/// A deleted account a restore code leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tombstone {
    pub account: AccountId,
    pub account_type: AccountType,
}

/// What a restore moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Restored {
    /// Ratings sellers gave him (a buyer) or she gave buyers (a seller).
    pub ratings: u64,
    /// Buyers' ratings of her (a seller) or his of sellers (a buyer).
    pub buyer_ratings: u64,
}

pub(crate) async fn keep_restore_code(tx: &mut Tx, account: AccountId, hash: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO restore_codes (code_hash, account_id) VALUES ($1, $2)",
        &[hash.into(), account.into()],
    )
    .await?;
    Ok(())
}

impl Store {
    /// The deleted account whose restore code has this hash, if it was not used yet.
    pub async fn tombstone_by_restore_code(&self, hash: &str) -> Result<Option<Tombstone>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT a.id, a.account_type FROM restore_codes r \
                 JOIN accounts a ON a.id = r.account_id AND a.deleted WHERE r.code_hash = $1",
                &[hash.into()],
                |r| {
                    Ok(Tombstone {
                        account: AccountId::new(r.i64(0)?),
                        account_type: AccountType::parse(&r.text(1)?)
                            .ok_or(StoreError::Corrupt("account_type"))?,
                    })
                },
            )
            .await
    }

    /// Puts an approved restore into effect: the tombstone's ratings (given and received), the
    /// buyers' ratings and excluded days move to `to` where `to` has none of the same seller,
    /// buyer and day (those stay on the tombstone), every buyer concerned is recounted under
    /// the lock every rating write takes (R9.2), `to` keeps the older of the two ages (R3.9),
    /// and the code is used up. `None` when the approval was not there to claim or the code was
    /// used meanwhile.
    pub async fn enact_restore(
        &self,
        approval: &str,
        approver: AccountId,
        now: i64,
        from: AccountId,
        to: AccountId,
    ) -> Result<Option<Restored>> {
        let mut tx = self.db.write().begin().await?;
        if !super::approvals::claim(&mut tx, approval, "restore", approver, now).await? {
            return Ok(None);
        }
        let used = tx
            .execute(
                "DELETE FROM restore_codes WHERE account_id = $1",
                &[from.into()],
            )
            .await?;
        if used != 1 {
            return Err(StoreError::Conflict);
        }
        // Every buyer whose counters change, locked in ascending order (no deadlock with a
        // rating batch, which locks in the same order).
        let mut buyers = tx
            .fetch_all(
                "SELECT DISTINCT buyer_id FROM ratings WHERE seller_id = $1 \
                 UNION SELECT CAST($2 AS BIGINT) UNION SELECT CAST($3 AS BIGINT)",
                &[from.into(), from.into(), to.into()],
                |r| r.i64(0),
            )
            .await?;
        buyers.sort_unstable();
        for b in &buyers {
            tx.execute(
                crate::screening::ratings::LOCK_BUYER_STATS_SQL,
                &[(*b).into()],
            )
            .await?;
        }
        let mut moved = Restored::default();
        for (table, col, other) in [
            ("ratings", "buyer_id", "seller_id"),
            ("ratings", "seller_id", "buyer_id"),
            ("excluded_ratings", "buyer_id", "seller_id"),
            ("excluded_ratings", "seller_id", "buyer_id"),
        ] {
            let n = tx
                .execute(
                    &format!(
                        "UPDATE {table} SET {col} = $2 WHERE {col} = $1 AND NOT EXISTS \
                         (SELECT 1 FROM {table} t2 WHERE t2.{col} = $2 \
                          AND t2.{other} = {table}.{other} AND t2.day = {table}.day)"
                    ),
                    &[from.into(), to.into()],
                )
                .await?;
            if table == "ratings" {
                moved.ratings += n;
            }
        }
        for col in ["seller_id", "buyer_id"] {
            moved.buyer_ratings += tx
                .execute(
                    &format!("UPDATE buyer_ratings SET {col} = $2 WHERE {col} = $1"),
                    &[from.into(), to.into()],
                )
                .await?;
        }
        for b in &buyers {
            tx.execute(RECOUNT_BUYER_SQL, &[(*b).into()]).await?;
        }
        tx.execute(
            "UPDATE accounts SET created_on = (SELECT MIN(created_on) FROM accounts \
             WHERE id IN ($1, $2)) WHERE id = $2",
            &[from.into(), to.into()],
        )
        .await?;
        tx.commit().await?;
        Ok(Some(moved))
    }
}
