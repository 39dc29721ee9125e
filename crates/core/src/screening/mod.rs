//! Screening's rules (SPEC §3, §4): the reputation maths, the governed parameter set, the
//! optional Beta lower bound (issue 15), rating codes, screening links (R4.11), a seller's
//! screening preferences and their verdict (R4.6) and the closed vocabularies of a buyer's
//! rating.

pub mod abuse;
pub mod code;
pub mod link;
pub mod lower_bound;
pub mod params;
pub mod prefs;
pub mod reputation;
pub mod vocab;
