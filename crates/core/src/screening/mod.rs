//! Screening's rules (SPEC §3, §4): the reputation maths, the governed parameter set, rating
//! codes, screening links (R4.11) and the closed vocabularies of a buyer's rating.

pub mod abuse;
pub mod code;
pub mod link;
pub mod params;
pub mod reputation;
pub mod vocab;
