//! Subcommands, one file each.

pub mod backup;
pub mod committee;
pub mod common;
pub mod demo;
pub mod doctor;
pub mod flags;
pub mod import;
mod import_csv;
pub mod inspect;
pub mod invite;
mod log_filter;
pub mod migrate;
pub mod params;
pub mod purge;
pub mod serve;
pub mod simulate;
