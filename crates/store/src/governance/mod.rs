//! Governance (SPEC §7): members' standing (R7.1), proposals, comments, candidacies and
//! petitions (R7.2, R7.7), and the vote: the frozen roll and the ballot box kept apart (R7.3).

pub mod approvals;
pub mod audit;
pub mod ballots;
pub mod disputes;
pub mod impact;
pub mod proposals;
pub mod restorations;
pub mod standing;
mod suspensions;
pub mod terms;
pub mod transparency;
