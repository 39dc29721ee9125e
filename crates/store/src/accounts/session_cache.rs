//! The short-lived cache of sessions (SPEC R2.7, issue 4): a request's session read from the
//! database in the last [`TTL`] is not read again, so a page view or an API call is not a
//! database read. It lives in the store, beside the writes that must empty it: ending sessions
//! ([`Store::end_sessions`], issue 11, ASVS 7.4.3), logout and deletion evict the account's
//! entries here at once, and on PostgreSQL every other process is told with `NOTIFY` and evicts
//! them too ([`listen`]), so an ended session is refused everywhere on its next request. Should
//! that listening connection drop, notifications may have been missed: the cache is emptied.
//! Several processes on one SQLite file are not a supported deployment (R9.2 names
//! PostgreSQL); there, the TTL bounds how long another process may still serve an ended one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tessera_core::AccountId;

use super::sessions::Session;
use super::Account;

/// A hit does not extend an entry: a change made where no notification reaches is seen
/// within this time.
const TTL: Duration = Duration::from_secs(2);
const MAX: usize = 100_000;
/// The PostgreSQL channel on which a process says "drop this account's sessions".
pub(crate) const CHANNEL: &str = "tessera_sessions";

/// A session with its account, as a request sees it. Shared, not copied: the cache and every
/// extractor of a request hold the same one.
pub struct SessionUser {
    pub account: Account,
    pub session: Session,
    pub token_hash: Vec<u8>,
}

/// Token hash → when it was read, and what.
type Entries = HashMap<Vec<u8>, (Instant, Arc<SessionUser>)>;

#[derive(Default)]
pub(crate) struct SessionCache {
    map: Mutex<Entries>,
    listening: std::sync::OnceLock<()>,
}

impl SessionCache {
    fn map(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn get(&self, hash: &[u8]) -> Option<Arc<SessionUser>> {
        self.map()
            .get(hash)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, u)| u.clone())
    }

    pub(crate) fn put(&self, user: Arc<SessionUser>) {
        let mut map = self.map();
        if map.len() >= MAX {
            map.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        map.insert(user.token_hash.clone(), (Instant::now(), user));
    }

    pub(crate) fn remove(&self, hash: &[u8]) {
        self.map().remove(hash);
    }

    pub(crate) fn evict_account(&self, account_id: AccountId) {
        self.map()
            .retain(|_, (_, u)| u.session.account_id != account_id);
    }

    fn clear(&self) {
        self.map().clear();
    }

    /// Starts listening for other processes' evictions, once per store (PostgreSQL).
    pub(crate) fn listen_once(self: &Arc<Self>, pool: &PgPool) {
        if self.listening.set(()).is_ok() {
            tokio::spawn(listen(Arc::downgrade(self), pool.clone()));
        }
    }
}

/// Evicts what other processes announce until the store is gone. The listening connection is
/// the pool's; if it drops, `try_recv` says so and the next call reconnects.
async fn listen(cache: Weak<SessionCache>, pool: PgPool) {
    loop {
        if pool.is_closed() {
            return;
        }
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                if pool.is_closed() {
                    return;
                }
                tracing::warn!(error = %e, "session eviction listener could not connect");
                tokio::time::sleep(Duration::from_secs(1)).await;
                match cache.upgrade() {
                    Some(c) => c.clear(),
                    None => return,
                }
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "session eviction listener could not subscribe");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        // Entries cached before the subscription may have missed a notification.
        match cache.upgrade() {
            Some(c) => c.clear(),
            None => return,
        }
        loop {
            let next = listener.try_recv().await;
            let Some(c) = cache.upgrade() else {
                return;
            };
            match next {
                Ok(Some(n)) => match n.payload().parse::<i64>() {
                    Ok(id) => c.evict_account(AccountId::new(id)),
                    Err(_) => c.clear(),
                },
                // The connection was lost: whatever was announced meanwhile is unknown.
                Ok(None) => c.clear(),
                Err(e) => {
                    c.clear();
                    if !pool.is_closed() {
                        tracing::warn!(error = %e, "session eviction listener failed");
                    }
                    break;
                }
            }
        }
    }
}
