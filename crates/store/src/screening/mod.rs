//! Screening (SPEC R3, R4, R7.4): sellers' ratings of buyers and the counters a lookup reads,
//! rating codes, the ratings sellers receive and their release, the governed parameters, and
//! the bulk import.

pub mod codes;
pub mod import;
pub mod params;
pub mod ratings;
pub mod received;
