//! Server-side sessions (SPEC R2.7): only the SHA-256 of the token is stored; timeouts are
//! decided by the caller from `created_at` and `last_seen_at`.

use sqlx::Row;
use tessera_core::Day;

use crate::accounts::{account_from_row, Account, ACCOUNT_COLUMNS};
use crate::{exec, on_db, Result, Store};

#[derive(Debug, Clone)]
pub struct Session {
    /// Random public handle, so the session list can end a session without exposing its token.
    pub handle: String,
    pub account_id: i64,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// What the session list shows: days only, no IP or device data (R2.7).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub handle: String,
    pub created_on: Day,
    pub last_seen_on: Day,
}

pub struct NewSession<'a> {
    pub token_hash: &'a [u8],
    pub handle: &'a str,
    pub account_id: i64,
    pub csrf_token: &'a str,
    pub now: i64,
}

impl Store {
    pub async fn create_session(&self, s: &NewSession<'_>) -> Result<()> {
        exec!(
            self,
            "INSERT INTO sessions (token_hash, handle, account_id, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
            s.token_hash,
            s.handle,
            s.account_id,
            s.csrf_token,
            s.now
        );
        Ok(())
    }

    /// The session and its account in one read.
    pub async fn session(&self, token_hash: &[u8]) -> Result<Option<(Session, Account)>> {
        let sql = format!(
            "SELECT s.handle, s.csrf_token, s.created_at, s.last_seen_at, {ACCOUNT_COLUMNS} \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND NOT a.deleted"
        );
        let pool = match &self.db {
            crate::Db::Sqlite { fast, .. } => return fast.session(&sql, token_hash),
            crate::Db::Postgres(pool) => pool,
        };
        {
            let Some(row) = sqlx::query(&sql)
                .bind(token_hash)
                .fetch_optional(pool)
                .await?
            else {
                return Ok(None);
            };
            let account = account_from_row(&row)?;
            let session = Session {
                handle: row.try_get("handle")?,
                account_id: account.id,
                csrf_token: row.try_get("csrf_token")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            };
            Ok(Some((session, account)))
        }
    }

    pub async fn touch_session(&self, token_hash: &[u8], now: i64) -> Result<()> {
        exec!(
            self,
            "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
            now,
            token_hash
        );
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &[u8]) -> Result<()> {
        exec!(
            self,
            "DELETE FROM sessions WHERE token_hash = $1",
            token_hash
        );
        Ok(())
    }

    /// Ends one of the account's sessions by its handle; `false` if there was none.
    pub async fn delete_session_by_handle(&self, account_id: i64, handle: &str) -> Result<bool> {
        let n = exec!(
            self,
            "DELETE FROM sessions WHERE account_id = $1 AND handle = $2",
            account_id,
            handle
        );
        Ok(n == 1)
    }

    /// Ends every session of the account except `keep` (after a password change).
    pub async fn delete_other_sessions(&self, account_id: i64, keep: &[u8]) -> Result<u64> {
        Ok(exec!(
            self,
            "DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2",
            account_id,
            keep
        ))
    }

    pub async fn list_sessions(&self, account_id: i64) -> Result<Vec<SessionInfo>> {
        let rows: Vec<(String, i64, i64)> = on_db!(self, read, |pool| {
            sqlx::query_as(
                "SELECT handle, created_at, last_seen_at FROM sessions \
                 WHERE account_id = $1 ORDER BY created_at DESC, handle",
            )
            .bind(account_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(handle, c, l)| SessionInfo {
                handle,
                created_on: Day::from_unix(c),
                last_seen_on: Day::from_unix(l),
            })
            .collect())
    }
}
