//! Proposals (SPEC R7.2; API.md "Proposals and ballots"): their kinds, the threshold each
//! needs, and the phases the application's clock moves them through. A comment phase of at
//! least 30 days, then a vote of at least 14; voting opens at 00:00 UTC of `vote_from` and
//! closes at the end of `vote_until`.

use crate::Day;

/// The shortest comment phase (R7.2).
pub const COMMENT_DAYS: i64 = 30;
/// The shortest vote (R7.2); also the retroactive vote of an emergency change (R7.5).
pub const VOTE_DAYS: i64 = 14;

vocabulary! {
    /// What a proposal decides (R7.2).
    ProposalKind {
        Operational = "operational",
        Structural = "structural",
        Algorithm = "algorithm",
        Constitutional = "constitutional",
        Election = "election",
        Recall = "recall",
        Rollback = "rollback",
    }
}

vocabulary! {
    /// How a vote passes (R7.2).
    Threshold {
        Majority = "majority",
        TwoThirds = "two_thirds",
        Approval = "approval",
    }
}

vocabulary! {
    /// Where a proposal stands on the clock.
    Phase {
        Comment = "comment",
        Voting = "voting",
        Closed = "closed",
    }
}

impl ProposalKind {
    /// Operational decisions need a simple majority, elections are approval votes, everything
    /// that changes the structure, the scoring or a member's seat two thirds (R7.2).
    pub fn threshold(self) -> Threshold {
        match self {
            ProposalKind::Operational => Threshold::Majority,
            ProposalKind::Election => Threshold::Approval,
            ProposalKind::Structural
            | ProposalKind::Algorithm
            | ProposalKind::Constitutional
            | ProposalKind::Recall
            | ProposalKind::Rollback => Threshold::TwoThirds,
        }
    }
}

/// When a proposal's phases fall, in whole days (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub opened_on: Day,
    pub vote_from: Day,
    pub vote_until: Day,
}

impl Schedule {
    /// A proposal opened today: 30 days of comment, then 14 days of vote.
    pub fn regular(today: Day) -> Schedule {
        let vote_from = today.plus_days(COMMENT_DAYS);
        Schedule {
            opened_on: today,
            vote_from,
            vote_until: vote_from.plus_days(VOTE_DAYS - 1),
        }
    }

    /// A vote that opens at once for 14 days, without comment (the retroactive vote on an
    /// emergency change, R7.5). It opens at the start of today.
    pub fn immediate(today: Day) -> Schedule {
        Schedule {
            opened_on: today,
            vote_from: today,
            vote_until: today.plus_days(VOTE_DAYS - 1),
        }
    }

    /// The first second of the vote.
    pub fn opens_at(&self) -> i64 {
        self.vote_from.start_unix()
    }

    /// The first second after the vote.
    pub fn closes_at(&self) -> i64 {
        self.vote_until.plus_days(1).start_unix()
    }

    /// The phase at `now` (Unix seconds) by the clock alone; the job runner makes the stored
    /// phase follow, and a read uses this so it never shows a stale phase.
    pub fn phase_at(&self, now: i64) -> Phase {
        if now < self.opens_at() {
            Phase::Comment
        } else if now < self.closes_at() {
            Phase::Voting
        } else {
            Phase::Closed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_2_thresholds_by_kind() {
        assert_eq!(ProposalKind::Operational.threshold(), Threshold::Majority);
        assert_eq!(ProposalKind::Election.threshold(), Threshold::Approval);
        for k in [
            ProposalKind::Structural,
            ProposalKind::Algorithm,
            ProposalKind::Constitutional,
            ProposalKind::Recall,
            ProposalKind::Rollback,
        ] {
            assert_eq!(k.threshold(), Threshold::TwoThirds, "{k}");
        }
        for k in ProposalKind::ALL {
            assert_eq!(ProposalKind::parse(k.as_str()), Some(*k));
        }
    }

    #[test]
    fn r7_2_thirty_days_of_comment_then_fourteen_of_vote() {
        let today = Day::parse("2026-12-03").unwrap();
        let s = Schedule::regular(today);
        assert_eq!(s.vote_from.to_string(), "2027-01-02");
        assert_eq!(s.vote_until.to_string(), "2027-01-15");
        assert_eq!(s.phase_at(s.opens_at() - 1), Phase::Comment);
        assert_eq!(s.phase_at(s.opens_at()), Phase::Voting);
        assert_eq!(s.phase_at(s.closes_at() - 1), Phase::Voting);
        assert_eq!(s.phase_at(s.closes_at()), Phase::Closed);
        assert_eq!((s.closes_at() - s.opens_at()) / 86_400, VOTE_DAYS);
        let e = Schedule::immediate(today);
        assert_eq!(e.phase_at(today.start_unix()), Phase::Voting);
        assert_eq!((e.closes_at() - e.opens_at()) / 86_400, VOTE_DAYS);
    }
}
