//! Account recovery data (SPEC R2.6): one-time recovery codes, stored under a salted slow hash
//! ([`crate::crypto::recovery_code_hash`], one salt per set), and e-mailed single-use links,
//! stored as hashes.

use tessera_core::AccountId;

use crate::crypto::{random_bytes, recovery_code_hash};
use crate::{Result, Store};

impl Store {
    /// Replaces the account's recovery codes with new ones: their hashes under `salt`.
    pub async fn replace_recovery_codes(
        &self,
        account_id: AccountId,
        salt: &[u8],
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
                "INSERT INTO recovery_codes (account_id, code_hash, salt) VALUES ($1, $2, $3)",
                &[account_id.into(), h.into(), salt.into()],
            )
            .await?;
        }
        tx.commit().await
    }

    /// The salt of the account's recovery codes; `None` when it has none.
    pub async fn recovery_code_salt(&self, account_id: AccountId) -> Result<Option<Vec<u8>>> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT salt FROM recovery_codes WHERE account_id = $1 AND salt IS NOT NULL \
                 LIMIT 1",
                &[account_id.into()],
                |r| r.opt_bytes(0),
            )
            .await?
            .flatten())
    }

    /// Wraps codes stored before migration 0007 (a bare SHA-256) in the salted slow hash, one
    /// account at a time (ASVS 6.5.2). Runs when the store opens; returns how many.
    pub async fn salt_old_recovery_codes(&self) -> Result<u64> {
        let mut done = 0;
        loop {
            let account = self
                .db
                .read()
                .fetch_optional(
                    "SELECT account_id FROM recovery_codes WHERE salt IS NULL LIMIT 1",
                    &[],
                    |r| r.i64(0),
                )
                .await?;
            let Some(account) = account else {
                return Ok(done);
            };
            let old = self
                .db
                .read()
                .fetch_all(
                    "SELECT code_hash FROM recovery_codes WHERE account_id = $1 AND salt IS NULL",
                    &[account.into()],
                    |r| r.opt_bytes(0).map(Option::unwrap_or_default),
                )
                .await?;
            let salt = random_bytes(16);
            let s = salt.clone();
            let wrapped = tokio::task::spawn_blocking(move || {
                old.into_iter()
                    .map(|h| {
                        let w = recovery_code_hash(&h, &s);
                        (h, w)
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .map_err(|_| crate::StoreError::Corrupt("recovery code hashing"))?;
            let mut tx = self.db.write().begin().await?;
            for (old, new) in &wrapped {
                done += tx
                    .execute(
                        "UPDATE recovery_codes SET code_hash = $1, salt = $2 \
                         WHERE account_id = $3 AND code_hash = $4 AND salt IS NULL",
                        &[new.into(), (&salt[..]).into(), account.into(), old.into()],
                    )
                    .await?;
            }
            tx.commit().await?;
        }
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
