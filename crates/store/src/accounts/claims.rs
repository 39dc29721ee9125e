//! Claiming an imported account (SPEC R4.10): the import creates accounts without a password
//! and single-use claim tokens (stored as hashes); a token sets the password once.

use tessera_core::AccountId;

use crate::db::exec::values;
use crate::{Result, Store};

/// Rows per multi-row INSERT: well under both backends' bind-parameter limits.
const BATCH: usize = 500;

impl Store {
    /// Stores single-use claim tokens (hashes) for imported accounts.
    pub async fn create_claim_tokens(
        &self,
        tokens: &[(Vec<u8>, i64)],
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        for chunk in tokens.chunks(BATCH) {
            let sql = format!(
                "INSERT INTO claim_tokens (token_hash, account_id, expires_at){}",
                values(tx.is_sqlite(), chunk.len(), 3)
            );
            let args: Vec<_> = chunk
                .iter()
                .flat_map(|(h, id)| [h.into(), (*id).into(), expires_at.into()])
                .collect();
            tx.execute(&sql, &args).await?;
        }
        tx.commit().await
    }

    /// The account a valid claim token belongs to, if it has no password yet.
    pub async fn claim_account(&self, token_hash: &[u8], now: i64) -> Result<Option<AccountId>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT c.account_id FROM claim_tokens c JOIN accounts a ON a.id = c.account_id \
                 WHERE c.token_hash = $1 AND c.expires_at > $2 AND a.password_hash IS NULL \
                 AND NOT a.deleted",
                &[token_hash.into(), now.into()],
                |r| Ok(AccountId::new(r.i64(0)?)),
            )
            .await
    }

    /// Uses a claim token: sets the password in the same transaction. `None` if the token was
    /// no longer valid (or the account has a password already).
    pub async fn complete_claim(
        &self,
        token_hash: &[u8],
        now: i64,
        password_hash: &str,
    ) -> Result<Option<AccountId>> {
        let mut tx = self.db.write().begin().await?;
        let Some(id) = tx
            .fetch_optional(
                "DELETE FROM claim_tokens WHERE token_hash = $1 AND expires_at > $2 \
                 RETURNING account_id",
                &[token_hash.into(), now.into()],
                |r| Ok(AccountId::new(r.i64(0)?)),
            )
            .await?
        else {
            return Ok(None);
        };
        let set = tx
            .execute(
                "UPDATE accounts SET password_hash = $1 \
                 WHERE id = $2 AND password_hash IS NULL AND NOT deleted",
                &[password_hash.into(), id.into()],
            )
            .await?;
        if set != 1 {
            return Ok(None);
        }
        tx.execute(
            "DELETE FROM claim_tokens WHERE account_id = $1",
            &[id.into()],
        )
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    }
}
