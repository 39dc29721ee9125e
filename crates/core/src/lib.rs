//! tessera-core: the pure domain of Tessera. No I/O, no async, no SQL, no HTTP.
//!
//! Types here parse their input once, at the edge, and can then only hold valid values
//! (`Pseudonym::parse`, `Password::parse`, `Day::parse`), so the layers above never re-check.

pub mod account;
pub mod clock;
pub mod code;
pub mod params;
pub mod password;
pub mod pseudonym;
pub mod reputation;
pub mod vocab;

pub use account::AccountType;
pub use clock::{Clock, Day, FixedClock, SystemClock};
pub use params::{CiMethod, Params};
pub use password::{Password, PasswordError};
pub use pseudonym::{Pseudonym, PseudonymError};
