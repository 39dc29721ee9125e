//! Disputes (SPEC R7.8; API.md "Disputes and the two-person rule"): what a case is about, the
//! stages it goes through and their deadlines, and the panel's size. Pure rules; the store keeps
//! the cases, the app checks who may do what.

use crate::Day;

vocabulary! {
    /// What a case is about: a buyer's appeal of his score, a seller's report from a lookup, a
    /// safety alert escalated by its moderator.
    DisputeKind {
        Appeal = "appeal",
        Report = "report",
        Alert = "alert",
    }
}

vocabulary! {
    /// Where a case stands.
    Stage {
        Mediation = "mediation",
        Arbitration = "arbitration",
        MembershipVote = "membership_vote",
        Closed = "closed",
    }
}

vocabulary! {
    /// How a case ended.
    DisputeOutcome {
        NoChange = "no_change",
        RatingsExcluded = "ratings_excluded",
    }
}

/// A panel is three members of the Dispute Resolution Committee (R7.8).
pub const PANEL_SIZE: usize = 3;

/// Days a case may stay in mediation or arbitration before it is overdue (R7.8).
pub const STAGE_DAYS: i64 = 30;

/// The longest context a party may give (characters).
pub const CONTEXT_MAX: usize = 4_000;

impl Stage {
    /// The stages a case may move to from this one: forward only, one step at a time, and
    /// closed from any open stage (a mediation that settles the case needs no panel).
    pub fn may_advance_to(self, to: Stage) -> bool {
        matches!(
            (self, to),
            (Stage::Mediation, Stage::Arbitration)
                | (Stage::Arbitration, Stage::MembershipVote)
                | (
                    Stage::Mediation | Stage::Arbitration | Stage::MembershipVote,
                    Stage::Closed
                )
        )
    }

    /// The last day of this stage when it began on `since`; `None` for stages without a
    /// deadline (the membership vote has the vote's own; a closed case has none).
    pub fn deadline(self, since: Day) -> Option<Day> {
        match self {
            Stage::Mediation | Stage::Arbitration => Some(since.plus_days(STAGE_DAYS)),
            Stage::MembershipVote | Stage::Closed => None,
        }
    }

    /// Overdue: the deadline has passed on `today` (R7.8, flagged on the committee's page).
    pub fn overdue(self, since: Day, today: Day) -> bool {
        self.deadline(since).is_some_and(|d| today > d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn r7_8_stages_move_forward_one_step_or_close() {
        use Stage::*;
        let allowed: Vec<(Stage, Stage)> = Stage::ALL
            .iter()
            .flat_map(|a| Stage::ALL.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.may_advance_to(*b))
            .collect();
        assert_eq!(
            allowed,
            [
                (Mediation, Arbitration),
                (Mediation, Closed),
                (Arbitration, MembershipVote),
                (Arbitration, Closed),
                (MembershipVote, Closed),
            ]
        );
    }

    #[test]
    fn r7_8_mediation_and_arbitration_are_overdue_after_thirty_days() {
        let since = day("2026-01-01");
        for s in [Stage::Mediation, Stage::Arbitration] {
            assert_eq!(s.deadline(since), Some(day("2026-01-31")));
            assert!(
                !s.overdue(since, day("2026-01-31")),
                "the last day is not overdue"
            );
            assert!(s.overdue(since, day("2026-02-01")));
        }
        assert!(!Stage::MembershipVote.overdue(since, day("2027-01-01")));
        assert!(!Stage::Closed.overdue(since, day("2027-01-01")));
    }

    #[test]
    fn r7_8_vocabularies_parse_exactly() {
        for k in DisputeKind::ALL {
            assert_eq!(DisputeKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Stage::parse("membership_vote"), Some(Stage::MembershipVote));
        assert_eq!(DisputeOutcome::parse("Ratings_excluded"), None);
    }
}
