//! Abuse detection (SPEC R9.7): five simple, explainable rules whose flags go to the Security
//! Committee and never punish by themselves. The thresholds are governed parameters (R7.4),
//! part of [`crate::Params`]; the counting is the store's, one SQL statement per rule.

use serde::{Deserialize, Serialize};

vocabulary! {
    /// The rules of R9.7, by their API names.
    Rule {
        Brigading = "brigading",
        UnusedCodes = "unused_codes",
        RepeatCodes = "repeat_codes",
        UnverifiedUnsafe = "unverified_unsafe",
        CodeFailures = "code_failures",
    }
}

/// The thresholds of R9.7. Versions enacted before they existed read as these defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AbuseParams {
    /// Brigading: at least this many low ratings of one seller ...
    pub brigading_ratings: u32,
    /// ... each with x below this ...
    pub brigading_low_x: f64,
    /// ... within this many days (2: the 48 hours of R9.7 at day precision, R8.1) ...
    pub brigading_days: u32,
    /// ... from buyer accounts younger than this many days.
    pub brigading_account_days: u32,
    /// A seller with more than this many codes expiring unused ...
    pub unused_codes: u32,
    /// ... in this many days.
    pub unused_codes_days: u32,
    /// A buyer rating one seller with at least this many codes ...
    pub repeat_codes: u32,
    /// ... in this many days.
    pub repeat_codes_days: u32,
    /// One seller giving one buyer at least this many unsafe flags ...
    pub unverified_unsafe: u32,
    /// ... within this many days, without any verified interaction between them.
    pub unverified_unsafe_days: u32,
    /// Failed code attempts across all buyers in one hour above this.
    pub code_failures_per_hour: u32,
}

impl Default for AbuseParams {
    /// R9.7's numbers.
    fn default() -> Self {
        AbuseParams {
            brigading_ratings: 3,
            brigading_low_x: 0.4,
            brigading_days: 2,
            brigading_account_days: 14,
            unused_codes: 20,
            unused_codes_days: 30,
            repeat_codes: 3,
            repeat_codes_days: 30,
            unverified_unsafe: 3,
            unverified_unsafe_days: 7,
            code_failures_per_hour: 100,
        }
    }
}

impl AbuseParams {
    /// The first field out of range, with why.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let counts = [
            (self.brigading_ratings, "abuse.brigading_ratings"),
            (self.unused_codes, "abuse.unused_codes"),
            (self.repeat_codes, "abuse.repeat_codes"),
            (self.unverified_unsafe, "abuse.unverified_unsafe"),
        ];
        for (n, field) in counts {
            if !(1..=1000).contains(&n) {
                return Some((field, "must be 1 to 1000"));
            }
        }
        let days = [
            (self.brigading_days, "abuse.brigading_days"),
            (self.brigading_account_days, "abuse.brigading_account_days"),
            (self.unused_codes_days, "abuse.unused_codes_days"),
            (self.repeat_codes_days, "abuse.repeat_codes_days"),
            (self.unverified_unsafe_days, "abuse.unverified_unsafe_days"),
        ];
        for (n, field) in days {
            if !(1..=365).contains(&n) {
                return Some((field, "must be 1 to 365"));
            }
        }
        if !(self.brigading_low_x.is_finite() && (0.0..=1.0).contains(&self.brigading_low_x)) {
            return Some(("abuse.brigading_low_x", "must be between 0 and 1"));
        }
        if !(1..=1_000_000).contains(&self.code_failures_per_hour) {
            return Some(("abuse.code_failures_per_hour", "must be 1 to 1000000"));
        }
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn r9_7_the_defaults_are_the_specs_numbers_and_valid() {
        let a = AbuseParams::default();
        assert_eq!(
            (
                a.brigading_ratings,
                a.brigading_days,
                a.brigading_account_days
            ),
            (3, 2, 14)
        );
        assert!((a.brigading_low_x - 0.4).abs() < f64::EPSILON);
        assert_eq!((a.unused_codes, a.unused_codes_days), (20, 30));
        assert_eq!((a.repeat_codes, a.repeat_codes_days), (3, 30));
        assert_eq!((a.unverified_unsafe, a.unverified_unsafe_days), (3, 7));
        assert_eq!(a.problem(), None);
        let bad = AbuseParams {
            repeat_codes: 0,
            ..AbuseParams::default()
        };
        assert_eq!(bad.problem().map(|p| p.0), Some("abuse.repeat_codes"));
    }

    #[test]
    fn r9_7_r7_4_a_parameter_set_without_thresholds_reads_the_defaults() {
        let mut v = serde_json::to_value(crate::Params::default()).unwrap();
        assert!(v.as_object_mut().unwrap().remove("abuse").is_some());
        let p: crate::Params = serde_json::from_value(v).unwrap();
        assert_eq!(p.abuse, AbuseParams::default());
        for r in Rule::ALL {
            assert_eq!(Rule::parse(r.as_str()), Some(*r));
        }
    }
}
