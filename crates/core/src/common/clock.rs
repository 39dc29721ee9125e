//! Time as an injected dependency, so tests can move days ahead without sleeping, and the
//! `Day` type: interactions and ratings are stored with day precision only (SPEC R8.1).

use std::fmt;
use std::sync::Mutex;
use time::{Date, Duration, OffsetDateTime};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;

    fn today(&self) -> Day {
        Day(self.now().date())
    }

    fn unix(&self) -> i64 {
        self.now().unix_timestamp()
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A calendar day (UTC), written `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Day(pub Date);

const DAY_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Day {
    pub fn parse(s: &str) -> Option<Day> {
        Date::parse(s.trim(), DAY_FORMAT).ok().map(Day)
    }

    /// The UTC day of a Unix timestamp (exact times are kept only while needed, R8.1).
    pub fn from_unix(unix: i64) -> Day {
        Day(time::OffsetDateTime::from_unix_timestamp(unix)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .date())
    }

    /// The first second of the day (00:00 UTC), as a Unix timestamp.
    pub fn start_unix(self) -> i64 {
        self.0.midnight().assume_utc().unix_timestamp()
    }

    pub fn plus_days(self, days: i64) -> Day {
        Day(self.0.saturating_add(Duration::days(days)))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// Whole months between two days, counting a month only once its day-of-month is reached.
    pub fn whole_months_until(self, later: Day) -> i64 {
        let (a, b) = (self.0, later.0);
        let mut months = (i64::from(b.year()) - i64::from(a.year())) * 12
            + (i64::from(u8::from(b.month())) - i64::from(u8::from(a.month())));
        if b.day() < a.day() {
            months -= 1;
        }
        months.max(0)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.format(DAY_FORMAT).map_err(|_| fmt::Error)?;
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn r8_1_day_round_trips_as_iso_date() {
        let d = Day::parse("2026-02-28").unwrap();
        assert_eq!(d.to_string(), "2026-02-28");
        assert_eq!(d.plus_days(1).to_string(), "2026-03-01");
        assert_eq!(Day::from_unix(86_400 * 11 + 5).to_string(), "1970-01-12");
        assert!(Day::parse("2026-02-30").is_none());
        assert!(Day::parse("28.02.2026").is_none());
    }

    #[test]
    fn r3_9_whole_months() {
        let a = Day::parse("2026-01-31").unwrap();
        assert_eq!(a.whole_months_until(Day::parse("2026-02-28").unwrap()), 0);
        assert_eq!(a.whole_months_until(Day::parse("2026-03-31").unwrap()), 2);
        assert_eq!(a.whole_months_until(Day::parse("2027-01-30").unwrap()), 11);
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let c = FixedClock::new(datetime!(2026-11-20 12:00 UTC));
        assert_eq!(c.today().to_string(), "2026-11-20");
        c.advance(Duration::days(30));
        assert_eq!(c.today().to_string(), "2026-12-20");
    }
}
