//! The yearly transparency report (SPEC R7.6; charter 13.5 "Subpoena response"): how many legal
//! requests for data the cooperative received in a year and how it answered them, entered by
//! the Governance committee and public. Only counts and the committee's own summary: never who
//! asked about whom.

use crate::Day;

/// The longest summary.
pub const SUMMARY_MAX: usize = 4000;
/// More requests than this in a year is a typing error, not a report.
pub const COUNT_MAX: i64 = 1_000_000;
/// The first year a report can be about.
pub const FIRST_YEAR: i32 = 2020;

/// One year's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub year: i32,
    /// Legal requests received.
    pub received: i64,
    /// Answered with data (the minimum the law required).
    pub disclosed: i64,
    /// Refused or challenged, nothing handed over.
    pub refused: i64,
    /// Requests whose members were told (unless the law forbade it).
    pub notified: i64,
    /// How they were answered, in the committee's words.
    pub summary: String,
}

impl Report {
    /// The fields that are wrong, in the form's order; empty when the report can be published.
    /// A report is about a year that has begun; the answered requests cannot outnumber the
    /// received ones.
    pub fn problems(&self, today: Day) -> Vec<&'static str> {
        let mut bad = Vec::new();
        if !(FIRST_YEAR..=today.0.year()).contains(&self.year) {
            bad.push("year");
        }
        let count = |n: i64| (0..=COUNT_MAX).contains(&n);
        if !count(self.received) {
            bad.push("received");
        }
        if !count(self.disclosed) || self.disclosed > self.received {
            bad.push("disclosed");
        }
        if !count(self.refused) || self.disclosed.saturating_add(self.refused) > self.received {
            bad.push("refused");
        }
        if !count(self.notified) || self.notified > self.received {
            bad.push("notified");
        }
        let summary = self.summary.trim();
        if summary.is_empty() || summary.chars().count() > SUMMARY_MAX {
            bad.push("summary");
        }
        bad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            year: 2026,
            received: 3,
            disclosed: 1,
            refused: 2,
            notified: 3,
            summary: "One court order answered with an account's creation month; two refused."
                .into(),
        }
    }

    fn today() -> Day {
        Day::parse("2026-12-04").unwrap()
    }

    #[test]
    fn r7_6_a_consistent_report_passes() {
        assert!(report().problems(today()).is_empty());
        let none = Report {
            received: 0,
            disclosed: 0,
            refused: 0,
            notified: 0,
            ..report()
        };
        assert!(none.problems(today()).is_empty(), "a year without requests");
    }

    #[test]
    fn r7_6_answers_cannot_outnumber_requests_and_years_must_have_begun() {
        let r = Report {
            disclosed: 2,
            ..report()
        };
        assert_eq!(r.problems(today()), vec!["refused"]);
        let r = Report {
            notified: 4,
            disclosed: 4,
            ..report()
        };
        assert_eq!(
            r.problems(today()),
            vec!["disclosed", "refused", "notified"]
        );
        let r = Report {
            year: 2027,
            received: -1,
            summary: "  ".into(),
            ..report()
        };
        assert_eq!(
            r.problems(today()),
            vec![
                "year",
                "received",
                "disclosed",
                "refused",
                "notified",
                "summary"
            ]
        );
        let r = Report {
            summary: "x".repeat(SUMMARY_MAX + 1),
            ..report()
        };
        assert_eq!(r.problems(today()), vec!["summary"]);
    }
}
