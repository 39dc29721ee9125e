//! tessera-app: the use cases of Tessera, one module per area, one function per use case and
//! one error enum per area. The web layer parses and authenticates, calls a function here and
//! renders its result; the CLI calls the same functions. Nothing here knows HTTP or SQL: rules
//! come from `tessera-core`, persistence from `tessera-store`.
//!
//! Areas: [`accounts`] (SPEC §2), [`screening`] (§3, §4), [`network`] (§6) and
//! [`governance`] (§7) as they come, and the background [`jobs`] (R8.3).

#![forbid(unsafe_code)]

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tessera_core::{Clock, Day};
use tessera_store::Store;

pub mod accounts;
pub mod backup;
pub mod governance;
pub mod jobs;
pub mod metrics;
pub mod network;
pub mod screening;
pub mod security;

/// The rate limits of R9.3. The per-address limit is enforced by the web layer (it needs the
/// client address); the others are rules of the use cases here.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Limits {
    /// Requests per client address per minute (burst 200); 0 = off.
    pub ip_per_minute: u32,
    /// Lookups per seller per hour; 0 = off.
    pub lookups_per_hour: u32,
    /// Buyer sign-ups per hour (all buyers) before proof-of-work is asked; 0 = never ask.
    pub signups_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            ip_per_minute: 1200,
            lookups_per_hour: 300,
            signups_per_hour: 30,
        }
    }
}

/// What the use cases need to decide: the store, the clock, the limits and the small
/// per-process caches. One per process, shared by every request.
pub struct App {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub limits: Limits,
    /// Proof-of-work difficulty in leading zero bits (R9.3).
    pub pow_bits: u32,
    /// A valid Argon2id hash of a random password, verified for unknown pseudonyms so that
    /// every failed login costs the same time (R2.9).
    pub(crate) dummy_hash: String,
    pub(crate) params_cache: screening::ParamsCache,
    pub(crate) lookups: screening::LookupLimiter,
}

impl App {
    pub fn new(store: Store, clock: Arc<dyn Clock>, limits: Limits, pow_bits: u32) -> App {
        let dummy_hash =
            accounts::password::hash_blocking(&tessera_store::crypto::random_token(20));
        App {
            store,
            clock,
            limits,
            pow_bits,
            dummy_hash,
            params_cache: Default::default(),
            lookups: Default::default(),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.unix()
    }

    pub fn today(&self) -> Day {
        self.clock.today()
    }
}
