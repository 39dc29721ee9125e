//! Buddies, check-ins, PINs, panic and alarms (SPEC R6.6, R6.7; API.md "Buddies, check-ins,
//! panic, alarms"): the JSON API in [`api`], the pages in [`pages`], the alarm notice on every
//! seller page in [`notice`], the error mapping in [`errors`].

pub mod api;
mod errors;
pub mod notice;
pub mod openapi;
pub mod pages;

/// An id from a path: opaque to clients, an integer here; anything else is no such thing.
pub fn parse_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}
