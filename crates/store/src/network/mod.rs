//! The seller network (SPEC §6).

pub mod alarms;
pub mod alerts;
pub mod buddies;
pub mod checkins;
pub mod committees;
pub mod coops;
pub mod dissolution;
pub mod messages;
pub mod notes;
