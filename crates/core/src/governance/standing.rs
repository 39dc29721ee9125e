//! Good standing (SPEC R7.1; API.md `GET /api/members/me`): a new member is in good standing
//! for her first 60 days; after that only the Governance committee's record, "paid through
//! YYYY-MM" (that month included) or "waived", keeps her there. Suspended members are not. No
//! amounts and no payment data exist anywhere: only the month.

use crate::Day;

/// How long a new member is in good standing without a record (R7.1).
pub const NEW_MEMBER_DAYS: i64 = 60;

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// `YYYY-MM`, a year from 2000 to 9999 and a month from 01 to 12; nothing else.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        ((2000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// The month a day falls in.
    pub fn of(day: Day) -> YearMonth {
        YearMonth {
            year: day.0.year(),
            month: u8::from(day.0.month()),
        }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// What the Governance committee recorded for a member (R7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandingRecord {
    PaidThrough(YearMonth),
    Waived,
}

vocabulary! {
    /// A member's standing as `GET /api/members/me` names it.
    Standing {
        New = "new",
        Paid = "paid",
        Waived = "waived",
        Lapsed = "lapsed",
        Suspended = "suspended",
    }
}

/// Whether a suspension after a vote whose last day is `last` is in force on `today`: through
/// that day, and not after it (R7.8; charter 9.5: temporary). The one rule sign-in, standing
/// and a request to end a suspension all read.
pub fn suspended_on(last: Option<Day>, today: Day) -> bool {
    last.is_some_and(|last| today <= last)
}

impl Standing {
    /// R7.1: a member who joined on `joined` and is looked at on `today`. A suspension wins
    /// over everything; a record that is not past, or a waiver, over the first 60 days.
    pub fn of(
        joined: Day,
        today: Day,
        record: Option<StandingRecord>,
        suspended: bool,
    ) -> Standing {
        if suspended {
            return Standing::Suspended;
        }
        match record {
            Some(StandingRecord::Waived) => return Standing::Waived,
            Some(StandingRecord::PaidThrough(m)) if YearMonth::of(today) <= m => {
                return Standing::Paid
            }
            _ => {}
        }
        if joined.days_until(today) < NEW_MEMBER_DAYS {
            Standing::New
        } else {
            Standing::Lapsed
        }
    }

    /// Good standing: may vote, sign petitions and stand for committees (R7.1).
    pub fn good(self) -> bool {
        matches!(self, Standing::New | Standing::Paid | Standing::Waived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn r7_1_year_months_parse_strictly() {
        assert_eq!(YearMonth::parse("2026-12").unwrap().to_string(), "2026-12");
        for bad in [
            "2026-13",
            "2026-00",
            "26-12",
            "2026-1",
            "2026/12",
            "2026-12-01",
            "１９９９-01",
            "1999-01",
            "",
        ] {
            assert!(YearMonth::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn r7_1_new_for_sixty_days_then_a_record_or_lapsed() {
        let joined = d("2026-01-01");
        assert_eq!(
            Standing::of(joined, d("2026-03-01"), None, false),
            Standing::New
        );
        assert_eq!(
            Standing::of(joined, d("2026-03-02"), None, false),
            Standing::Lapsed
        );
        let paid = Some(StandingRecord::PaidThrough(
            YearMonth::parse("2026-04").unwrap(),
        ));
        assert_eq!(
            Standing::of(joined, d("2026-04-30"), paid, false),
            Standing::Paid
        );
        assert_eq!(
            Standing::of(joined, d("2026-05-01"), paid, false),
            Standing::Lapsed
        );
        let waived = Some(StandingRecord::Waived);
        assert_eq!(
            Standing::of(joined, d("2030-01-01"), waived, false),
            Standing::Waived
        );
        assert_eq!(
            Standing::of(joined, d("2026-01-02"), waived, true),
            Standing::Suspended
        );
        assert!(Standing::New.good() && Standing::Paid.good() && Standing::Waived.good());
        assert!(!Standing::Lapsed.good() && !Standing::Suspended.good());
    }
}
