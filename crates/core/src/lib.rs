//! tessera-core: the pure domain of Tessera. No I/O, no async, no SQL, no HTTP.
//!
//! Types here parse their input once, at the edge, and can then only hold valid values
//! (`Pseudonym::parse`, `Password::parse`, `Day::parse`), so the layers above never re-check.
//! One folder per area: `common/` (ids, clock, pseudonyms, passwords), `screening/` (SPEC §3,
//! §4), `network/` (SPEC §6), `governance/` (SPEC §7).

#![forbid(unsafe_code)]

/// A closed vocabulary of the API: parses from its words and gives them back, so no other
/// layer spells them.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($word => Some($name::$variant),)* _ => None }
            }

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

pub mod common;
pub mod governance;
pub mod network;
pub mod screening;

// The modules at their short paths, so `tessera_core::reputation::…` keeps reading well.
pub use common::{account, clock, ids, password, pseudonym};
pub use network::{alert, committee, contact, coop};
pub use screening::{code, link, params, prefs, reputation, vocab};

pub use account::AccountType;
pub use clock::{Clock, Day, FixedClock, SystemClock};
pub use ids::{AccountId, BuyerId, CodeId, SellerId};
pub use params::{CiMethod, Params, ScoreMethod};
pub use password::{Password, PasswordError};
pub use pseudonym::{Pseudonym, PseudonymError};
