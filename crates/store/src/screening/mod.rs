//! Screening (SPEC R3, R4, R7.4): sellers' ratings of buyers and the counters a lookup reads,
//! rating codes, the ratings sellers receive and their release, the governed parameters,
//! buyers' screening links (R4.11), and the bulk import.

pub mod codes;
pub mod import;
pub mod links;
pub mod params;
pub mod ratings;
pub mod received;
