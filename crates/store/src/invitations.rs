//! Seller invitations (SPEC R2.3): single-use, stored as SHA-256 of a 160-bit token, valid 14
//! days, at most 3 open per seller. The operator's `tessera invite` has no creator.

use crate::{on_db, Result, Store, StoreError};

pub const MAX_OPEN_PER_SELLER: i64 = 3;
pub const VALID_DAYS: i64 = 14;

impl Store {
    /// Stores a new invitation. For a seller, the limit of open invitations is checked and the
    /// row inserted in one transaction that first locks the seller's account row, so two
    /// concurrent requests cannot both pass the check (`Limit` when reached).
    pub async fn create_invitation(
        &self,
        token_hash: &[u8],
        created_by: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            if let Some(seller) = created_by {
                sqlx::query(crate::accounts::LOCK_ACCOUNT_SQL)
                    .bind(seller)
                    .execute(&mut *tx)
                    .await?;
                let open: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM invitations WHERE created_by = $1 AND expires_at > $2",
                )
                .bind(seller)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                if open >= MAX_OPEN_PER_SELLER {
                    return Err(StoreError::Limit);
                }
            }
            sqlx::query(
                "INSERT INTO invitations (token_hash, created_by, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(created_by)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Expiry times of a seller's open invitations, soonest first.
    pub async fn open_invitations(&self, seller: i64, now: i64) -> Result<Vec<i64>> {
        on_db!(self, read, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT expires_at FROM invitations WHERE created_by = $1 AND expires_at > $2 \
                 ORDER BY expires_at",
            )
            .bind(seller)
            .bind(now)
            .fetch_all(pool)
            .await?)
        })
    }

    pub async fn invitation_is_open(&self, token_hash: &[u8], now: i64) -> Result<bool> {
        on_db!(self, read, |pool| {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM invitations WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok(n == 1)
        })
    }
}
