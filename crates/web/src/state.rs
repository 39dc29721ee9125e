//! Shared application state: the store, the clock, configuration and in-memory limiters.

use std::sync::Arc;

use tessera_core::Clock;
use tessera_store::Store;

use crate::auth::ratelimit::IpLimiter;
use crate::config::WebConfig;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: WebConfig,
    pub ip_limiter: IpLimiter,
    /// A valid Argon2id hash of a random password, verified for unknown pseudonyms so that
    /// every failed login costs the same time (R2.9).
    pub dummy_hash: String,
    pub params_cache: crate::screening::ParamsCache,
    pub lookups: crate::screening::LookupLimiter,
    pub sessions: crate::auth::session::SessionCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: WebConfig) -> AppState {
        let ip_limiter = IpLimiter::new(config.limits.ip_per_minute, 200);
        let dummy_hash =
            crate::auth::password::hash_blocking(&tessera_store::crypto::random_token(20));
        AppState(Arc::new(Inner {
            store,
            clock,
            config,
            ip_limiter,
            dummy_hash,
            params_cache: Default::default(),
            lookups: Default::default(),
            sessions: Default::default(),
        }))
    }

    pub fn now(&self) -> i64 {
        self.clock.unix()
    }
}
