//! The seller network (SPEC §6: coops, ephemeral messages, safety alerts, check-ins, the panic
//! alarm), one module per area, each with its use cases and its error enum.

pub mod alerts;
pub mod committees;
pub mod coops;
pub mod messages;
pub mod safety;
