//! The seller network's rules (SPEC §6): coops (R6.2), safety alerts and their disputes (R6.4,
//! R6.5), the contact-details check (R6.4) and the committees that moderate what no coop does
//! (R6.4, R7.8). Pure types that parse once at the edge.

pub mod alert;
pub mod committee;
pub mod contact;
pub mod coop;
