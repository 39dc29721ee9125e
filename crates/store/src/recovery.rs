//! Account recovery data (SPEC R2.6): one-time recovery codes and e-mailed single-use links,
//! both stored only as hashes.

use crate::{exec, on_db, Result, Store};

impl Store {
    /// Replaces the account's recovery codes with new ones (hashes only).
    pub async fn replace_recovery_codes(&self, account_id: i64, hashes: &[Vec<u8>]) -> Result<()> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
            for h in hashes {
                sqlx::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                    .bind(account_id)
                    .bind(h)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Uses up one recovery code; `true` if it existed.
    pub async fn use_recovery_code(&self, account_id: i64, hash: &[u8]) -> Result<bool> {
        let n = exec!(
            self,
            "DELETE FROM recovery_codes WHERE account_id = $1 AND code_hash = $2",
            account_id,
            hash
        );
        Ok(n == 1)
    }

    pub async fn count_recovery_codes(&self, account_id: i64) -> Result<i64> {
        on_db!(self, read, |pool| {
            Ok(
                sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1")
                    .bind(account_id)
                    .fetch_one(pool)
                    .await?,
            )
        })
    }

    pub async fn create_recovery_token(
        &self,
        hash: &[u8],
        account_id: i64,
        expires_at: i64,
    ) -> Result<()> {
        exec!(
            self,
            "INSERT INTO recovery_tokens (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
            hash,
            account_id,
            expires_at
        );
        Ok(())
    }

    /// Uses up a recovery link: the account it belongs to, if it was valid.
    pub async fn consume_recovery_token(&self, hash: &[u8], now: i64) -> Result<Option<i64>> {
        on_db!(self, write, |pool| {
            Ok(sqlx::query_scalar(
                "DELETE FROM recovery_tokens WHERE token_hash = $1 AND expires_at > $2 RETURNING account_id",
            )
            .bind(hash)
            .bind(now)
            .fetch_optional(pool)
            .await?)
        })
    }

    /// The account a still-valid recovery link belongs to, without using it up.
    pub async fn recovery_token_account(&self, hash: &[u8], now: i64) -> Result<Option<i64>> {
        on_db!(self, read, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT account_id FROM recovery_tokens WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(hash)
            .bind(now)
            .fetch_optional(pool)
            .await?)
        })
    }
}
