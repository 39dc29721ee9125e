//! Account recovery data (SPEC R2.6): one-time recovery codes and e-mailed single-use links,
//! both stored only as hashes.

use tessera_core::AccountId;

use crate::{Result, Store};

impl Store {
    /// Replaces the account's recovery codes with new ones (hashes only).
    pub async fn replace_recovery_codes(
        &self,
        account_id: AccountId,
        hashes: &[Vec<u8>],
    ) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        tx.execute(
            "DELETE FROM recovery_codes WHERE account_id = $1",
            &[account_id.into()],
        )
        .await?;
        for h in hashes {
            tx.execute(
                "INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)",
                &[account_id.into(), h.into()],
            )
            .await?;
        }
        tx.commit().await
    }

    /// Uses up one recovery code; `true` if it existed.
    pub async fn use_recovery_code(&self, account_id: AccountId, hash: &[u8]) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "DELETE FROM recovery_codes WHERE account_id = $1 AND code_hash = $2",
                &[account_id.into(), hash.into()],
            )
            .await?;
        Ok(n == 1)
    }

    pub async fn count_recovery_codes(&self, account_id: AccountId) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1",
                &[account_id.into()],
                |r| r.i64(0),
            )
            .await
    }

    pub async fn create_recovery_token(
        &self,
        hash: &[u8],
        account_id: AccountId,
        expires_at: i64,
    ) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO recovery_tokens (token_hash, account_id, expires_at) \
                 VALUES ($1, $2, $3)",
                &[hash.into(), account_id.into(), expires_at.into()],
            )
            .await?;
        Ok(())
    }

    /// Uses up a recovery link: the account it belongs to, if it was valid.
    pub async fn consume_recovery_token(&self, hash: &[u8], now: i64) -> Result<Option<AccountId>> {
        self.db
            .write()
            .fetch_optional(
                "DELETE FROM recovery_tokens WHERE token_hash = $1 AND expires_at > $2 \
                 RETURNING account_id",
                &[hash.into(), now.into()],
                |r| Ok(AccountId::new(r.i64(0)?)),
            )
            .await
    }

    /// The account a still-valid recovery link belongs to, without using it up.
    pub async fn recovery_token_account(&self, hash: &[u8], now: i64) -> Result<Option<AccountId>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT account_id FROM recovery_tokens WHERE token_hash = $1 AND expires_at > $2",
                &[hash.into(), now.into()],
                |r| Ok(AccountId::new(r.i64(0)?)),
            )
            .await
    }
}
