//! The screening room of the web layer (SPEC §3, §4): the JSON API of API.md "Screening" and
//! "Rating sellers", the lookup, rating, code and rate-a-seller pages, screening links (R4.11),
//! the help page, and how `ScreeningError` answers. The rules are in `tessera_app::screening`.

pub mod api;
pub mod buyer_api;
pub mod buyer_pages;
pub mod code_pages;
pub mod errors;
pub mod help;
pub mod links;
pub mod pages;
pub mod views;
