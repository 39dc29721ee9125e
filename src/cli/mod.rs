//! Subcommands, one file each.

pub mod common;
pub mod invite;
pub mod migrate;
pub mod purge;
pub mod serve;
