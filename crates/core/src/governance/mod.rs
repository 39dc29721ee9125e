//! The cooperative's governance (SPEC §7): members in good standing (R7.1), proposals with their
//! kinds, thresholds and phases (R7.2), the tally of ballots and approval elections (R7.3,
//! R7.7). Pure rules; the store keeps the roll and the ballot box apart, the app runs them.

pub mod audit;
pub mod dispute;
pub mod impact;
pub mod proposal;
pub mod standing;
pub mod tally;
pub mod terms;
pub mod transparency;

pub use audit::{AuditAction, AuditRole, ObjectKind};
pub use dispute::{DisputeKind, DisputeOutcome, Stage};
pub use impact::{impact, Impact, Received, TrustPreference};
pub use proposal::{Phase, ProposalKind, Schedule, Threshold};
pub use standing::{suspended_on, Standing, StandingRecord, YearMonth};
pub use tally::{elect, quorum, tally, Candidate, Choice, Counts, Outcome};
