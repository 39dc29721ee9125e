//! Closed vocabularies (SPEC R3.5, R4.5): the buyer's rating of a seller. No other field, no
//! text. Each answer maps to a value in [0, 1]; a rating's x is the mean of the three.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingAccuracy {
    Accurate,
    MinorDeviation,
    SignificantDeviation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Punctuality {
    OnTime,
    SlightlyLate,
    VeryLate,
    DidNotShow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Professionalism {
    Professional,
    Adequate,
    Unprofessional,
}

impl ListingAccuracy {
    pub const ALL: [ListingAccuracy; 3] = [
        Self::Accurate,
        Self::MinorDeviation,
        Self::SignificantDeviation,
    ];
    pub fn value(self) -> f64 {
        match self {
            Self::Accurate => 1.0,
            Self::MinorDeviation => 0.5,
            Self::SignificantDeviation => 0.0,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accurate => "accurate",
            Self::MinorDeviation => "minor_deviation",
            Self::SignificantDeviation => "significant_deviation",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl Punctuality {
    pub const ALL: [Punctuality; 4] = [
        Self::OnTime,
        Self::SlightlyLate,
        Self::VeryLate,
        Self::DidNotShow,
    ];
    pub fn value(self) -> f64 {
        match self {
            Self::OnTime => 1.0,
            Self::SlightlyLate => 2.0 / 3.0,
            Self::VeryLate => 1.0 / 3.0,
            Self::DidNotShow => 0.0,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnTime => "on_time",
            Self::SlightlyLate => "slightly_late",
            Self::VeryLate => "very_late",
            Self::DidNotShow => "did_not_show",
        }
    }
    /// Also accepts `no_show`, the spelling of the benchmark dataset generator.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "no_show" {
            return Some(Self::DidNotShow);
        }
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl Professionalism {
    pub const ALL: [Professionalism; 3] =
        [Self::Professional, Self::Adequate, Self::Unprofessional];
    pub fn value(self) -> f64 {
        match self {
            Self::Professional => 1.0,
            Self::Adequate => 0.5,
            Self::Unprofessional => 0.0,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Professional => "professional",
            Self::Adequate => "adequate",
            Self::Unprofessional => "unprofessional",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// x = mean(listing accuracy, punctuality, professionalism) (R3.5).
pub fn rating_value(a: ListingAccuracy, p: Punctuality, q: Professionalism) -> f64 {
    (a.value() + p.value() + q.value()) / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r3_5_rating_value_is_the_mean_of_the_three() {
        assert_eq!(
            rating_value(
                ListingAccuracy::Accurate,
                Punctuality::OnTime,
                Professionalism::Professional
            ),
            1.0
        );
        let x = rating_value(
            ListingAccuracy::MinorDeviation,
            Punctuality::SlightlyLate,
            Professionalism::Adequate,
        );
        assert!((x - (0.5 + 2.0 / 3.0 + 0.5) / 3.0).abs() < 1e-12);
        assert_eq!(
            rating_value(
                ListingAccuracy::SignificantDeviation,
                Punctuality::DidNotShow,
                Professionalism::Unprofessional
            ),
            0.0
        );
    }

    #[test]
    fn r4_5_closed_vocabularies_parse_exactly() {
        assert_eq!(
            Punctuality::parse("did_not_show"),
            Some(Punctuality::DidNotShow)
        );
        assert_eq!(Punctuality::parse("no_show"), Some(Punctuality::DidNotShow));
        assert_eq!(ListingAccuracy::parse("Accurate"), None);
        assert_eq!(Professionalism::parse("great"), None);
        for v in ListingAccuracy::ALL {
            assert_eq!(ListingAccuracy::parse(v.as_str()), Some(v));
        }
    }
}
