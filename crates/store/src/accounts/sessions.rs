//! Server-side sessions (SPEC R2.7): only the SHA-256 of the token is stored; timeouts are
//! decided by the caller from `created_at` and `last_seen_at`. Every request reads its session:
//! on SQLite through the direct path ([`crate::db::fast`]), with the same SQL and mapping.

use std::sync::LazyLock;

use tessera_core::{AccountId, Day};

use super::{account_from, Account, ACCOUNT_COLUMNS};
use crate::db::{Cols, Db};
use crate::{Result, Store};

#[derive(Debug, Clone)]
pub struct Session {
    /// Random public handle, so the session list can end a session without exposing its token.
    pub handle: String,
    pub account_id: AccountId,
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
    pub account_id: AccountId,
    pub csrf_token: &'a str,
    pub now: i64,
}

/// The session and its account in one read; [`session_from`] reads its rows. $1 token hash.
static SESSION_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT s.handle, s.csrf_token, s.created_at, s.last_seen_at, {ACCOUNT_COLUMNS} \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND NOT a.deleted"
    )
});

/// A row of [`SESSION_SQL`]: the one mapping for every driver.
fn session_from<R: Cols + ?Sized>(row: &R) -> Result<(Session, Account)> {
    let account = account_from(row, 4)?;
    let session = Session {
        handle: row.text(0)?,
        account_id: account.id,
        csrf_token: row.text(1)?,
        created_at: row.i64(2)?,
        last_seen_at: row.i64(3)?,
    };
    Ok((session, account))
}

impl Store {
    pub async fn create_session(&self, s: &NewSession<'_>) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO sessions \
                 (token_hash, handle, account_id, csrf_token, created_at, last_seen_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
                &[
                    s.token_hash.into(),
                    s.handle.into(),
                    s.account_id.into(),
                    s.csrf_token.into(),
                    s.now.into(),
                ],
            )
            .await?;
        Ok(())
    }

    /// The session and its account in one read.
    pub async fn session(&self, token_hash: &[u8]) -> Result<Option<(Session, Account)>> {
        match &self.db {
            Db::Sqlite { fast, .. } => {
                fast.optional(&SESSION_SQL, &token_hash, |r| session_from(r))
            }
            Db::Postgres(_) => {
                self.db
                    .read()
                    .fetch_optional(&SESSION_SQL, &[token_hash.into()], |r| session_from(r))
                    .await
            }
        }
    }

    pub async fn touch_session(&self, token_hash: &[u8], now: i64) -> Result<()> {
        self.db
            .write()
            .execute(
                "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                &[now.into(), token_hash.into()],
            )
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &[u8]) -> Result<()> {
        self.db
            .write()
            .execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[token_hash.into()],
            )
            .await?;
        Ok(())
    }

    /// Ends one of the account's sessions by its handle; `false` if there was none.
    pub async fn delete_session_by_handle(
        &self,
        account_id: AccountId,
        handle: &str,
    ) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "DELETE FROM sessions WHERE account_id = $1 AND handle = $2",
                &[account_id.into(), handle.into()],
            )
            .await?;
        Ok(n == 1)
    }

    /// Ends every session of the account except `keep` (after a password change).
    pub async fn delete_other_sessions(&self, account_id: AccountId, keep: &[u8]) -> Result<u64> {
        self.db
            .write()
            .execute(
                "DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2",
                &[account_id.into(), keep.into()],
            )
            .await
    }

    pub async fn list_sessions(&self, account_id: AccountId) -> Result<Vec<SessionInfo>> {
        self.db
            .read()
            .fetch_all(
                "SELECT handle, created_at, last_seen_at FROM sessions \
                 WHERE account_id = $1 ORDER BY created_at DESC, handle",
                &[account_id.into()],
                |r| {
                    Ok(SessionInfo {
                        handle: r.text(0)?,
                        created_on: Day::from_unix(r.i64(1)?),
                        last_seen_on: Day::from_unix(r.i64(2)?),
                    })
                },
            )
            .await
    }
}
