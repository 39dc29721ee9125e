//! How many false unsafe flags sink an honest buyer (charter 14.5 says "25%+ of ratings"):
//! computed, not simulated, with tessera-core's `reputation` and the presets' `verdict`.

use serde::{Deserialize, Serialize};
use tessera_core::prefs::Preferences;
use tessera_core::reputation::{reputation, FlagCounts};

use crate::scenario::ParamSet;
use crate::world::PRESETS;

/// The records looked at: an honest buyer with this many clean ratings.
pub const CLEAN: [u64; 6] = [3, 5, 10, 20, 50, 100];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdRow {
    pub params: String,
    pub clean: u64,
    /// False unsafe flags (from distinct sellers) until each preset declines him; `None`:
    /// not within ten times his record.
    pub presets: Vec<Option<u64>>,
    /// Until his trust alone falls below 0.75 (the open preset's minimum), with no maximum of
    /// unsafe flags: the quantile's own resistance, the charter's claim.
    pub trust_only: Option<u64>,
    pub trust_only_share: Option<f64>,
}

/// The smallest number of false flags that makes `declines` true, searched up to 10× n.
fn first(clean: u64, declines: impl Fn(u64) -> bool) -> Option<u64> {
    (0..=clean * 10 + 10).find(|c| declines(*c))
}

pub fn table(sets: &[ParamSet]) -> Vec<ThresholdRow> {
    let trust_only = Preferences {
        min_trust: Some(0.75),
        min_ratings: None,
        max_unsafe: None,
        unknown_is_below: false,
    };
    let mut out = Vec::new();
    for set in sets {
        for &n in &CLEAN {
            let declines = |prefs: &Preferences, c: u64| {
                let safe = FlagCounts { n: n + c, zeros: c };
                let reliable = FlagCounts { n, zeros: 0 };
                let rep = reputation(safe, reliable, &set.params);
                let v = prefs.verdict(&rep, n + c);
                v.min_trust || v.max_unsafe
            };
            let presets = PRESETS
                .iter()
                .map(|p| first(n, |c| declines(&p.preferences(), c)))
                .collect();
            let t = first(n, |c| declines(&trust_only, c));
            out.push(ThresholdRow {
                params: set.label.clone(),
                clean: n,
                presets,
                trust_only: t,
                trust_only_share: t.map(|t| t as f64 / (n + t) as f64),
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// R3.8 and R4.6: at q = 0.25 the quantile needs more than a quarter of the flags false,
    /// but the presets' unsafe maximum declines him after 1, 2 and 3 whatever his record.
    #[test]
    fn issue_15_r3_8_r4_6_false_flags_needed_at_the_baseline() {
        let sets = ParamSet::sweep(&Config::default());
        let rows = table(&sets[..1]);
        let twenty = rows.iter().find(|r| r.clean == 20).unwrap();
        assert_eq!(twenty.presets, vec![Some(1), Some(2), Some(3)]);
        // 20 clean + c false: S < 0.75 once the zeros reach the quantile's position.
        assert_eq!(twenty.trust_only, Some(7), "{twenty:?}");
        assert!(twenty.trust_only_share.unwrap() > 0.25);
        let hundred = rows.iter().find(|r| r.clean == 100).unwrap();
        assert_eq!(hundred.presets, vec![Some(1), Some(2), Some(3)]);
    }
}
