//! The logged-in account of a request and the short-lived cache of sessions (SPEC R2.7). Kept
//! apart from `session` so that the shared state can hold the cache without importing the
//! middleware that reads it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tessera_store::accounts::Account;
use tessera_store::sessions::Session;

/// The logged-in account of a request. Shared, not copied: the session cache and every
/// extractor of the request hold the same one (a lookup should not copy an account's strings
/// several times; issue 4).
#[derive(Clone)]
pub struct CurrentUser(pub(crate) Arc<UserData>);

pub struct UserData {
    pub account: Account,
    pub session: Session,
    pub token_hash: Vec<u8>,
}

impl std::ops::Deref for CurrentUser {
    type Target = UserData;
    fn deref(&self) -> &UserData {
        &self.0
    }
}

/// Sessions read from the database in the last [`SessionCache::TTL`], so that a page view or an
/// API call is not a database read. Whatever this process changes for an account (any non-GET
/// request of it) evicts that account's entries at once; changes made by another process are
/// seen within the TTL (R9.2 allows several processes): a hit does not extend it.
pub struct SessionCache(Mutex<HashMap<Vec<u8>, (Instant, CurrentUser)>>);

impl SessionCache {
    const TTL: Duration = Duration::from_secs(2);
    const MAX: usize = 100_000;

    pub fn new() -> Self {
        SessionCache(Mutex::new(HashMap::new()))
    }

    pub(crate) fn get(&self, hash: &[u8]) -> Option<CurrentUser> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(hash)
            .filter(|(at, _)| at.elapsed() < Self::TTL)
            .map(|(_, u)| u.clone())
    }

    pub(crate) fn put(&self, user: CurrentUser) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= Self::MAX {
            map.retain(|_, (at, _)| at.elapsed() < Self::TTL);
        }
        map.insert(user.token_hash.clone(), (Instant::now(), user));
    }

    pub(crate) fn remove(&self, hash: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(hash);
    }

    /// Forgets every cached session of the account.
    pub fn evict_account(&self, account_id: tessera_core::AccountId) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|_, (_, u)| u.session.account_id != account_id);
    }
}

impl Default for SessionCache {
    fn default() -> Self {
        Self::new()
    }
}
