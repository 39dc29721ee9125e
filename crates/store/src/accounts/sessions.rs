//! Server-side sessions (SPEC R2.7): only the SHA-256 of the token is stored; timeouts are
//! decided by the caller from `created_at` and `last_seen_at`. Every request reads its session,
//! through the cache ([`super::session_cache`]) and on a miss, on SQLite, through the direct
//! path ([`crate::db::fast`]), with the same SQL and mapping. Every deletion of sessions also
//! empties the cache, here and (PostgreSQL) in every other process.

use std::sync::{Arc, LazyLock};

use tessera_core::{AccountId, Day};

use super::session_cache::{SessionUser, CHANNEL};
use super::{account_from, Account, ACCOUNT_COLUMNS};
use crate::db::{Cols, Db, Tx};
use crate::{Result, Store};

/// Which of an account's sessions [`Store::end_sessions`] ends.
#[derive(Debug, Clone, Copy)]
pub enum EndSessions<'a> {
    /// All of them (recovery, deletion: whoever recovers starts a new one).
    All,
    /// All but this one, by token hash (the session that made the change).
    AllBut(&'a [u8]),
}

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

    /// The session and its account, from the cache when it was read in the last two seconds
    /// and nothing ended it since.
    pub async fn cached_session(&self, token_hash: &[u8]) -> Result<Option<Arc<SessionUser>>> {
        if let Db::Postgres(pool) = &self.db {
            self.sessions.listen_once(pool);
        }
        if let Some(u) = self.sessions.get(token_hash) {
            return Ok(Some(u));
        }
        let Some((session, account)) = self.session(token_hash).await? else {
            return Ok(None);
        };
        let user = Arc::new(SessionUser {
            account,
            session,
            token_hash: token_hash.to_vec(),
        });
        self.sessions.put(user.clone());
        Ok(Some(user))
    }

    /// Puts a session the caller changed (touched) back into the cache.
    pub fn recache_session(&self, user: Arc<SessionUser>) {
        self.sessions.put(user);
    }

    /// Drops the account's cached sessions in this process: something about it changed.
    pub fn forget_cached_sessions(&self, account_id: AccountId) {
        self.sessions.evict_account(account_id);
    }

    /// The session and its account in one read, not cached.
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

    /// A new token for a session (ASVS 7.2.4, after a re-authentication): the old one stops
    /// working here and in every other process's cache.
    pub async fn rotate_session(&self, old_hash: &[u8], new_hash: &[u8]) -> Result<()> {
        self.sessions.remove(old_hash);
        let mut tx = self.db.write().begin().await?;
        let account = tx
            .fetch_optional(
                "UPDATE sessions SET token_hash = $1 WHERE token_hash = $2 RETURNING account_id",
                &[new_hash.into(), old_hash.into()],
                |r| r.i64(0),
            )
            .await?;
        if let Some(id) = account {
            announce(&mut tx, AccountId::new(id)).await?;
        }
        tx.commit().await
    }

    /// Logout, or a session past its timeout (R2.7): gone here and from every cache.
    pub async fn delete_session(&self, token_hash: &[u8]) -> Result<()> {
        self.sessions.remove(token_hash);
        let mut tx = self.db.write().begin().await?;
        let account = tx
            .fetch_optional(
                "DELETE FROM sessions WHERE token_hash = $1 RETURNING account_id",
                &[token_hash.into()],
                |r| r.i64(0),
            )
            .await?;
        if let Some(id) = account {
            announce(&mut tx, AccountId::new(id)).await?;
        }
        tx.commit().await
    }

    /// Ends one of the account's sessions by its handle; `false` if there was none.
    pub async fn delete_session_by_handle(
        &self,
        account_id: AccountId,
        handle: &str,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        let n = tx
            .execute(
                "DELETE FROM sessions WHERE account_id = $1 AND handle = $2",
                &[account_id.into(), handle.into()],
            )
            .await?;
        announce(&mut tx, account_id).await?;
        tx.commit().await?;
        self.sessions.evict_account(account_id);
        Ok(n == 1)
    }

    /// Credentials changed, or the owner asked: the account's sessions end (all, or all but the
    /// one making the change), in the database and in every process's cache (ASVS 7.4.3,
    /// issue 11). The one operation behind password change, both recoveries, TOTP on and off
    /// and "end all other sessions". Returns how many ended.
    pub async fn end_sessions(&self, account_id: AccountId, which: EndSessions<'_>) -> Result<u64> {
        let mut tx = self.db.write().begin().await?;
        let n = match which {
            EndSessions::All => {
                tx.execute(
                    "DELETE FROM sessions WHERE account_id = $1",
                    &[account_id.into()],
                )
                .await?
            }
            EndSessions::AllBut(keep) => {
                tx.execute(
                    "DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2",
                    &[account_id.into(), keep.into()],
                )
                .await?
            }
        };
        announce(&mut tx, account_id).await?;
        tx.commit().await?;
        self.sessions.evict_account(account_id);
        Ok(n)
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

/// Tells every other process (PostgreSQL `NOTIFY`, delivered at commit) to drop the account's
/// cached sessions; SQLite has no other process to tell (see [`super::session_cache`]).
pub(crate) async fn announce(tx: &mut Tx, account_id: AccountId) -> Result<()> {
    if !tx.is_sqlite() {
        tx.execute(
            "SELECT pg_notify($1, $2)",
            &[CHANNEL.into(), account_id.get().to_string().into()],
        )
        .await?;
    }
    Ok(())
}
