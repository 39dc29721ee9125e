//! Shared state of the web layer: the application's use cases ([`tessera_app::App`]) plus what
//! only HTTP needs (configuration, the per-address limiter).

use std::sync::Arc;

use tessera_app::App;
use tessera_core::Clock;
use tessera_store::Store;

use crate::auth::ratelimit::IpLimiter;
use crate::config::WebConfig;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub app: App,
    pub config: WebConfig,
    pub ip_limiter: IpLimiter,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Handlers pass `&state` where a use case wants `&App`, and read `state.store` or
/// `state.now()` for their own plumbing (sessions); deref coercion does the rest.
impl std::ops::Deref for Inner {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: WebConfig) -> AppState {
        let ip_limiter = IpLimiter::new(config.limits.ip_per_minute, 200);
        let app = App::new(store, clock, config.limits.clone(), config.pow_bits);
        AppState(Arc::new(Inner {
            app,
            config,
            ip_limiter,
        }))
    }
}
