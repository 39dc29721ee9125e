//! tessera-core: the pure domain of Tessera. No I/O, no async, no SQL, no HTTP.
//!
//! Types here parse their input once, at the edge, and can then only hold valid values
//! (`Pseudonym::parse`, `Password::parse`, `Day::parse`), so the layers above never re-check.
//! One folder per area: `common/` (ids, clock, pseudonyms, passwords), `screening/` (SPEC §3,
//! §4); the seller network and governance get theirs as they come.

#![forbid(unsafe_code)]

pub mod common;
pub mod screening;

// The modules at their short paths, so `tessera_core::reputation::…` keeps reading well.
pub use common::{account, clock, ids, password, pseudonym};
pub use screening::{code, link, params, reputation, vocab};

pub use account::AccountType;
pub use clock::{Clock, Day, FixedClock, SystemClock};
pub use ids::{AccountId, BuyerId, CodeId, SellerId};
pub use params::{CiMethod, Params};
pub use password::{Password, PasswordError};
pub use pseudonym::{Pseudonym, PseudonymError};
