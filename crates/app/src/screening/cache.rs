//! Two per-process caches the screening rules rely on: the current parameter version (R7.4),
//! and the per-seller lookup count of R9.3.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tessera_core::SellerId;
use tessera_store::params::ParamVersion;

use super::ScreeningError;
use crate::App;

/// The current parameter version, cached for a few seconds: a new version reaches every
/// process within that time, and a lookup does not pay a query for it.
#[derive(Default)]
pub struct ParamsCache(Mutex<Option<(Instant, Arc<ParamVersion>)>>);

pub async fn params(app: &App) -> Result<Arc<ParamVersion>, ScreeningError> {
    if let Some((at, p)) = app
        .params_cache
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_ref()
    {
        if at.elapsed() < Duration::from_secs(5) {
            return Ok(p.clone());
        }
    }
    let p = Arc::new(app.store.current_params().await?);
    *app.params_cache
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((Instant::now(), p.clone()));
    Ok(p)
}

/// Lookups per seller per hour, counted in memory per process (R9.3 allows it).
#[derive(Default)]
pub struct LookupLimiter(Mutex<HashMap<SellerId, (Instant, u32)>>);

impl LookupLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// `Err(seconds)` when the seller has used up this hour's lookups; `limit` 0 = off.
    pub fn check(&self, seller: SellerId, limit: u32) -> Result<(), u64> {
        if limit == 0 {
            return Ok(());
        }
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let hour = Duration::from_secs(3600);
        if map.len() > 50_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < hour);
        }
        let e = map.entry(seller).or_insert((now, 0));
        if now.duration_since(e.0) >= hour {
            *e = (now, 0);
        }
        if e.1 >= limit {
            return Err(hour
                .saturating_sub(now.duration_since(e.0))
                .as_secs()
                .max(1));
        }
        e.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_1_lookup_limit_per_seller_per_hour() {
        let l = LookupLimiter::new();
        for _ in 0..3 {
            assert!(l.check(SellerId::new(1), 3).is_ok());
        }
        assert!(l.check(SellerId::new(1), 3).is_err());
        assert!(
            l.check(SellerId::new(2), 3).is_ok(),
            "another seller has her own count"
        );
        for _ in 0..1000 {
            assert!(l.check(SellerId::new(3), 0).is_ok(), "0 turns it off");
        }
    }
}
