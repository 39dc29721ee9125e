//! What every area shares: typed ids, the clock and its `Day`, account types, pseudonyms and
//! passwords (SPEC §2, R8.1).

pub mod account;
pub mod clock;
pub mod ids;
pub mod password;
pub mod pseudonym;
