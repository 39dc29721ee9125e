//! Committee terms (SPEC R7.7): an elected member serves one year from the day after her
//! election closed; a committee is staggered by electing half its seats every six months; nobody
//! serves more than three consecutive terms, so a fourth consecutive candidacy is refused.
//! Interim members named by the operator have no term: they serve until an election of their
//! committee closes.

use crate::Day;

/// Consecutive terms a member may serve (R7.7).
pub const TERM_LIMIT: usize = 3;

/// A term that begins within this many days of the previous one's end follows it: less than
/// one election cycle (six months) of pause does not break a run of terms.
pub const PAUSE_DAYS: i64 = 180;

/// The first day after a one-year term that begins on `start` (29 February → 28 February).
pub fn term_end(start: Day) -> Day {
    let d = start.0;
    let year = d.year() + 1;
    let next = d
        .replace_year(year)
        .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(year)));
    next.map_or_else(|_| start.plus_days(365), Day)
}

/// The first day after a half-year term that begins on `start` (31 August → 28/29 February):
/// the short first term that staggers a committee.
pub fn half_term_end(start: Day) -> Day {
    let d = start.0;
    let months = d.month() as u8 + 6;
    let (year, month) = if months > 12 {
        (d.year() + 1, months - 12)
    } else {
        (d.year(), months)
    };
    let end = time::Month::try_from(month).and_then(|m| {
        let day = d.day().min(time::util::days_in_month(m, year));
        time::Date::from_calendar_date(year, m, day)
    });
    end.map_or_else(|_| start.plus_days(182), Day)
}

/// The ends of the terms of an election's `elected` (best first) beginning on `start`, so that
/// the committee is staggered (R7.7; charter 15.4: half the seats each year, an election every
/// six months): when none of its elected members serves on past `start` (its first election, or
/// after every term lapsed), the better half (rounded up) serve a year and the rest half a
/// year, so their seats come up at the next election; otherwise everyone serves a year.
pub fn staggered_ends(start: Day, elected: usize, continuing: usize) -> Vec<Day> {
    let long = elected.div_ceil(2);
    (0..elected)
        .map(|i| {
            if continuing == 0 && elected >= 2 && i >= long {
                half_term_end(start)
            } else {
                term_end(start)
            }
        })
        .collect()
}

/// How many terms in a row a member would have served when a new term began on `start`:
/// counting back from the latest of her terms (`(starts_on, ends_on)`, any order), each
/// beginning at most [`PAUSE_DAYS`] after the one before it ended.
pub fn consecutive_before(terms: &[(Day, Day)], start: Day) -> usize {
    let mut sorted: Vec<(Day, Day)> = terms.iter().copied().filter(|t| t.0 < start).collect();
    sorted.sort();
    let mut next_start = start;
    let mut run = 0;
    for (begins, ends) in sorted.into_iter().rev() {
        if ends.days_until(next_start) > PAUSE_DAYS {
            break;
        }
        run += 1;
        next_start = begins;
    }
    run
}

/// Whether she may stand for a term beginning on `start` (R7.7).
pub fn may_stand(terms: &[(Day, Day)], start: Day) -> bool {
    consecutive_before(terms, start) < TERM_LIMIT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn r7_7_a_term_lasts_one_year() {
        assert_eq!(term_end(d("2026-03-15")), d("2027-03-15"));
        assert_eq!(term_end(d("2028-02-29")), d("2029-02-28"));
    }

    #[test]
    fn r7_7_a_committees_first_election_is_staggered() {
        let start = d("2026-08-31");
        assert_eq!(half_term_end(start), d("2027-02-28"));
        assert_eq!(half_term_end(d("2026-03-15")), d("2026-09-15"));
        let year = d("2027-08-31");
        let half = d("2027-02-28");
        // Five seats, none running on: three for a year, two for half a year.
        assert_eq!(
            staggered_ends(start, 5, 0),
            vec![year, year, year, half, half]
        );
        // A later election, with members serving on: every seat for a year.
        assert_eq!(staggered_ends(start, 2, 3), vec![year, year]);
        // One seat alone is not split.
        assert_eq!(staggered_ends(start, 1, 0), vec![year]);
    }

    #[test]
    fn r7_7_a_fourth_consecutive_term_is_refused() {
        let one = (d("2026-01-01"), d("2027-01-01"));
        let two = (d("2027-01-01"), d("2028-01-01"));
        // A few days' gap (the vote closed after the term ended) is still consecutive.
        let three = (d("2028-01-20"), d("2029-01-20"));
        assert!(may_stand(&[one, two], d("2028-01-20")));
        assert_eq!(consecutive_before(&[three, one, two], d("2029-01-25")), 3);
        assert!(!may_stand(&[one, two, three], d("2029-01-25")));
        // After a pause longer than half a year the run starts again.
        assert!(may_stand(&[one, two, three], d("2029-09-01")));
        // A break in the middle: only the terms after it count.
        let late = (d("2029-12-01"), d("2030-12-01"));
        assert_eq!(consecutive_before(&[one, two, late], d("2030-12-01")), 1);
        // Her current term (ending after the new one would begin) counts.
        let current = (d("2030-06-01"), d("2031-06-01"));
        assert_eq!(consecutive_before(&[late, current], d("2030-12-05")), 2);
    }
}
