//! Seller invitations (SPEC R2.3): single-use, stored as SHA-256 of a 160-bit token, valid 14
//! days, at most 3 open per seller. The operator's `tessera invite` has no creator.

use tessera_core::SellerId;

use super::LOCK_ACCOUNT_SQL;
use crate::{Result, Store, StoreError};

pub const MAX_OPEN_PER_SELLER: i64 = 3;
pub const VALID_DAYS: i64 = 14;

impl Store {
    /// Stores a new invitation. For a seller, the limit of open invitations is checked and the
    /// row inserted in one transaction that first locks the seller's account row, so two
    /// concurrent requests cannot both pass the check (`TooManyOpenInvitations` when reached).
    pub async fn create_invitation(
        &self,
        token_hash: &[u8],
        created_by: Option<SellerId>,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        if let Some(seller) = created_by {
            tx.execute(LOCK_ACCOUNT_SQL, &[seller.into()]).await?;
            let open = tx
                .fetch_one(
                    "SELECT COUNT(*) FROM invitations WHERE created_by = $1 AND expires_at > $2",
                    &[seller.into(), now.into()],
                    |r| r.i64(0),
                )
                .await?;
            if open >= MAX_OPEN_PER_SELLER {
                return Err(StoreError::TooManyOpenInvitations);
            }
        }
        tx.execute(
            "INSERT INTO invitations (token_hash, created_by, expires_at) VALUES ($1, $2, $3)",
            &[token_hash.into(), created_by.into(), expires_at.into()],
        )
        .await?;
        tx.commit().await
    }

    /// Expiry times of a seller's open invitations, soonest first.
    pub async fn open_invitations(&self, seller: SellerId, now: i64) -> Result<Vec<i64>> {
        self.db
            .read()
            .fetch_all(
                "SELECT expires_at FROM invitations WHERE created_by = $1 AND expires_at > $2 \
                 ORDER BY expires_at",
                &[seller.into(), now.into()],
                |r| r.i64(0),
            )
            .await
    }

    pub async fn invitation_is_open(&self, token_hash: &[u8], now: i64) -> Result<bool> {
        let n = self
            .db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM invitations WHERE token_hash = $1 AND expires_at > $2",
                &[token_hash.into(), now.into()],
                |r| r.i64(0),
            )
            .await?;
        Ok(n == 1)
    }
}
