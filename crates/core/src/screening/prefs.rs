//! A seller's screening preferences and the verdict a lookup gives on them (SPEC R4.6, R3.8):
//! advisory only, the platform never declines anyone by itself. Pure and allocation-free, so the
//! server's lookup and the safety-model simulator (issue 15) apply one and the same rule.

use crate::reputation::Reputation;

/// The preferences of R4.6: each minimum or maximum is optional.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preferences {
    /// Minimum T_b.
    pub min_trust: Option<f64>,
    /// Minimum number of interactions (ratings) behind the buyer.
    pub min_ratings: Option<u64>,
    /// At most this many unsafe flags (R3.8's blind spot); `None`: no maximum.
    pub max_unsafe: Option<u64>,
    /// Treat "no record yet" (unknown T_b) as below.
    pub unknown_is_below: bool,
}

vocabulary! {
    /// The presets of charter 11.9, by their API names.
    Preset {
        Cautious = "cautious",
        Moderate = "moderate",
        Open = "open",
    }
}

impl Preset {
    /// Charter 11.9 with the unsafe maximum of R4.6; every preset treats "no record yet" as
    /// below.
    pub fn preferences(self) -> Preferences {
        let (t, n, u) = match self {
            Preset::Cautious => (0.9, 10, 0),
            Preset::Moderate => (0.8, 5, 1),
            Preset::Open => (0.75, 3, 2),
        };
        Preferences {
            min_trust: Some(t),
            min_ratings: Some(n),
            max_unsafe: Some(u),
            unknown_is_below: true,
        }
    }
}

/// Which preferences a buyer misses; all false: he meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    pub no_record: bool,
    pub min_trust: bool,
    pub min_ratings: bool,
    pub max_unsafe: bool,
}

impl Verdict {
    /// "Meets your preferences" (R4.6).
    pub fn meets(self) -> bool {
        !(self.no_record || self.min_trust || self.min_ratings || self.max_unsafe)
    }

    /// The names of the missed preferences, in the order a lookup lists them: "no_record",
    /// "min_trust", "min_ratings", "max_unsafe".
    pub fn missed(self) -> impl Iterator<Item = &'static str> {
        [
            (self.no_record, "no_record"),
            (self.min_trust, "min_trust"),
            (self.min_ratings, "min_ratings"),
            (self.max_unsafe, "max_unsafe"),
        ]
        .into_iter()
        .filter_map(|(missed, name)| missed.then_some(name))
    }
}

impl Preferences {
    /// Whether a buyer meets these preferences (R4.6). An unknown trust counts as below only
    /// when the seller said so. The unsafe flags are counted apart from the score, whose
    /// quantile can be 1.0 with one meeting in five unsafe (R3.8): the verdict never says
    /// "meets" for a buyer her own maximum of unsafe flags would decline.
    pub fn verdict(&self, rep: &Reputation, interactions: u64) -> Verdict {
        let (no_record, min_trust) = match rep.trust {
            None => (self.unknown_is_below, false),
            Some(t) => (false, self.min_trust.is_some_and(|m| t < m)),
        };
        Verdict {
            no_record,
            min_trust,
            min_ratings: self.min_ratings.is_some_and(|m| interactions < m),
            max_unsafe: self.max_unsafe.is_some_and(|m| rep.safe.flagged > m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reputation::{reputation, FlagCounts};
    use crate::Params;

    const NONE: Preferences = Preferences {
        min_trust: None,
        min_ratings: None,
        max_unsafe: None,
        unknown_is_below: false,
    };

    fn rep(trust: Option<f64>) -> Reputation {
        let mut r = reputation(Default::default(), Default::default(), &Params::default());
        r.trust = trust;
        r
    }

    fn missed(v: Verdict) -> Vec<&'static str> {
        v.missed().collect()
    }

    /// The demo's blindspot_ben: 20 safe and 5 unsafe flags, all reliable.
    fn blindspot() -> Reputation {
        reputation(
            FlagCounts { n: 25, zeros: 5 },
            FlagCounts { n: 25, zeros: 0 },
            &Params::default(),
        )
    }

    #[test]
    fn r4_6_presets_of_charter_11_9() {
        let got: Vec<_> = Preset::ALL
            .iter()
            .map(|p| (p.as_str(), p.preferences()))
            .collect();
        let want = |t, n, u| Preferences {
            min_trust: Some(t),
            min_ratings: Some(n),
            max_unsafe: Some(u),
            unknown_is_below: true,
        };
        assert_eq!(
            got,
            vec![
                ("cautious", want(0.9, 10, 0)),
                ("moderate", want(0.8, 5, 1)),
                ("open", want(0.75, 3, 2)),
            ]
        );
        assert_eq!(Preset::parse("open"), Some(Preset::Open));
        assert_eq!(Preset::parse("reckless"), None);
    }

    #[test]
    fn r4_6_r3_8_max_unsafe_declines_the_blind_spot_the_score_cannot_see() {
        let rep = blindspot();
        assert_eq!(rep.safe.score, Some(1.0), "the quantile's blind spot");
        assert_eq!(rep.trust, Some(1.0));
        // Every preset of charter 11.9 (with its unsafe maximum) declines him.
        for p in Preset::ALL {
            let v = p.preferences().verdict(&rep, 25);
            assert!(!v.meets(), "{p}");
            assert_eq!(missed(v), vec!["max_unsafe"], "{p}");
        }
        // At the maximum is allowed; no maximum set: trust alone decides.
        let at = Preferences {
            max_unsafe: Some(5),
            ..NONE
        };
        assert!(at.verdict(&rep, 25).meets());
        assert!(NONE.verdict(&rep, 25).meets());
    }

    #[test]
    fn r4_6_verdict_names_each_missed_preference() {
        let mut s = NONE;
        assert_eq!(missed(s.verdict(&rep(None), 0)), Vec::<&str>::new());
        s.min_trust = Some(0.8);
        s.min_ratings = Some(5);
        let v = s.verdict(&rep(Some(0.7)), 3);
        assert!(!v.meets());
        assert_eq!(missed(v), vec!["min_trust", "min_ratings"]);
        assert!(s.verdict(&rep(Some(0.9)), 5).meets());
        // At the minimum meets: the comparisons are strict.
        assert!(s.verdict(&rep(Some(0.8)), 5).meets());
        // Unknown trust is below only when the seller says so.
        assert!(s.verdict(&rep(None), 5).meets());
        s.unknown_is_below = true;
        assert_eq!(missed(s.verdict(&rep(None), 5)), vec!["no_record"]);
    }

    #[test]
    fn r4_6_missed_lists_in_a_fixed_order() {
        let all = Verdict {
            no_record: true,
            min_trust: true,
            min_ratings: true,
            max_unsafe: true,
        };
        assert_eq!(
            missed(all),
            vec!["no_record", "min_trust", "min_ratings", "max_unsafe"]
        );
        assert!(!all.meets());
        assert!(Verdict::default().meets());
        assert_eq!(Verdict::default().missed().count(), 0);
    }
}
