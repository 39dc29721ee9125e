//! The impact preview of a scoring proposal (SPEC R7.4; issue 13 §4): what a new parameter set
//! would do to the live data, in aggregate only, so members vote on evidence. Nothing about one
//! buyer or one seller leaves this function: only counts of buyers moving between trust bands,
//! of (seller, buyer) pairs whose verdict on the seller's trust threshold would flip, and of
//! sellers whose Q_s would move by more than 0.1.

use std::collections::BTreeMap;

use crate::params::Params;
use crate::reputation::{band, reputation, seller_score, FlagCounts};

/// A seller's trust preference (R4.6): the part of her screening preferences a parameter set
/// can move a buyer across. The minimum number of ratings and the unsafe maximum count flags,
/// which no parameter changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrustPreference {
    pub min_trust: Option<f64>,
    pub unknown_is_below: bool,
}

impl TrustPreference {
    /// The lookup's rule (R4.6): unknown trust is below only when she said so.
    fn below(self, trust: Option<f64>) -> bool {
        match trust {
            None => self.unknown_is_below,
            Some(t) => self.min_trust.is_some_and(|m| t < m),
        }
    }
}

/// One rating a seller received (R3.5): its value and the rating buyer's counters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Received {
    pub seller: i64,
    pub x: f64,
    pub buyer_safe: FlagCounts,
    pub buyer_reliable: FlagCounts,
}

/// The aggregate preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Impact {
    /// "high->low" and so on: how many buyers would move from one band to another. Pairs
    /// nobody moves between are absent.
    pub band_moves: BTreeMap<String, u64>,
    /// (seller, buyer) pairs whose "below your threshold" verdict would flip, in total.
    pub thresholds_crossed: u64,
    /// Sellers whose Q_s would move by more than [`QS_MOVE`] (or gain or lose one).
    pub sellers_qs_moved: u64,
}

/// What "Q_s moved" means (R7.4).
pub const QS_MOVE: f64 = 0.1;

/// The preview of `new` against `old` over every buyer's counters, every received rating
/// (sorted or not) and every seller's trust preference.
pub fn impact(
    buyers: &[(FlagCounts, FlagCounts)],
    received: &[Received],
    preferences: &[TrustPreference],
    old: &Params,
    new: &Params,
) -> Impact {
    // The sellers' minimum trust, sorted, so each buyer's flips are two binary searches.
    let mut mins: Vec<f64> = preferences.iter().filter_map(|p| p.min_trust).collect();
    mins.sort_by(f64::total_cmp);
    let mut out = Impact::default();
    for (safe, reliable) in buyers {
        let before = reputation(*safe, *reliable, old);
        let after = reputation(*safe, *reliable, new);
        let (b0, b1) = (band(before.trust, old), band(after.trust, new));
        if b0 != b1 {
            *out.band_moves
                .entry(format!("{}->{}", b0.as_str(), b1.as_str()))
                .or_default() += 1;
        }
        out.thresholds_crossed += match (before.trust, after.trust) {
            // Below m flips exactly for the thresholds between the two trusts.
            (Some(t0), Some(t1)) => {
                let (lo, hi) = if t0 <= t1 { (t0, t1) } else { (t1, t0) };
                let over = |x: f64| mins.partition_point(|m| *m <= x);
                (over(hi) - over(lo)) as u64
            }
            (None, None) => 0,
            // Known on one side only (the prior switched on or off): each seller's rule.
            _ => preferences
                .iter()
                .filter(|p| p.below(before.trust) != p.below(after.trust))
                .count() as u64,
        };
    }
    let mut by_seller: BTreeMap<i64, Vec<&Received>> = BTreeMap::new();
    for r in received {
        by_seller.entry(r.seller).or_default().push(r);
    }
    for rows in by_seller.values() {
        let q = |p: &Params| {
            seller_score(
                rows.iter()
                    .map(|r| (r.x, reputation(r.buyer_safe, r.buyer_reliable, p).influence)),
                p.epsilon,
            )
            .0
        };
        let moved = match (q(old), q(new)) {
            (Some(a), Some(b)) => (a - b).abs() > QS_MOVE,
            (None, None) => false,
            _ => true,
        };
        out.sellers_qs_moved += u64::from(moved);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pref(m: f64) -> TrustPreference {
        TrustPreference {
            min_trust: Some(m),
            unknown_is_below: true,
        }
    }

    #[test]
    fn r7_4_the_same_set_moves_nobody() {
        let p = Params::default();
        let buyers = [
            (FlagCounts::of(20, 5), FlagCounts::of(25, 0)),
            (FlagCounts::of(3, 0), FlagCounts::of(3, 0)),
        ];
        let received = [Received {
            seller: 1,
            x: 0.5,
            buyer_safe: FlagCounts::of(20, 5),
            buyer_reliable: FlagCounts::of(25, 0),
        }];
        assert_eq!(
            impact(&buyers, &received, &[pref(0.8)], &p, &p),
            Impact::default()
        );
    }

    #[test]
    fn r7_4_a_lower_quantile_moves_flagged_buyers_down_and_across_thresholds() {
        let old = Params::default();
        let mut new = old.clone();
        // At the baseline q = 0.25 two unsafe meetings in ten do not show in the quantile; at
        // q = 0.05 they do.
        new.q = 0.05;
        let flagged = (FlagCounts::of(8, 2), FlagCounts::of(10, 0));
        let clean = (FlagCounts::of(10, 0), FlagCounts::of(10, 0));
        let before = reputation(flagged.0, flagged.1, &old);
        let after = reputation(flagged.0, flagged.1, &new);
        assert!(before.trust > after.trust, "{before:?} {after:?}");
        let moves = impact(
            &[flagged, clean],
            &[],
            &[
                pref(0.5),
                pref(0.99),
                TrustPreference {
                    min_trust: None,
                    unknown_is_below: false,
                },
            ],
            &old,
            &new,
        );
        let key = format!("{}->{}", before.band.as_str(), after.band.as_str());
        assert_eq!(moves.band_moves.get(&key), Some(&1), "{moves:?}");
        assert_eq!(moves.band_moves.values().sum::<u64>(), 1);
        // Every threshold between the two trusts flips once for the flagged buyer.
        let t0 = before.trust.unwrap();
        let t1 = after.trust.unwrap();
        let expected = [0.5, 0.99].iter().filter(|m| t1 < **m && **m <= t0).count() as u64;
        assert_eq!((moves.thresholds_crossed, expected), (2, 2));
    }

    #[test]
    fn r7_4_a_prior_makes_unknown_buyers_known_for_sellers_who_said_unknown_is_below() {
        let old = Params::default();
        let mut new = old.clone();
        new.prior.enabled = true;
        new.prior.weight = 5.0;
        let unknown = (FlagCounts::of(0, 0), FlagCounts::of(0, 0));
        let out = impact(
            &[unknown],
            &[],
            &[
                pref(0.0),
                TrustPreference {
                    min_trust: None,
                    unknown_is_below: false,
                },
            ],
            &old,
            &new,
        );
        // Unknown → known: the first seller (unknown is below, any trust ≥ 0 meets) flips.
        assert_eq!(out.thresholds_crossed, 1);
        assert_eq!(
            out.band_moves
                .keys()
                .next()
                .map(|k| k.starts_with("unknown->")),
            Some(true)
        );
    }

    #[test]
    fn r7_4_a_sellers_qs_moves_when_the_weights_of_her_raters_change() {
        let old = Params::default();
        let mut new = old.clone();
        new.epsilon = 0.99;
        // One trusted rater gives 1.0; one rater with trust 0.5 (influence 0.125) gives 0.0.
        // A high ε drops the second: Q_s goes from 0.889 to 1.0.
        let received = [
            Received {
                seller: 7,
                x: 1.0,
                buyer_safe: FlagCounts::of(30, 0),
                buyer_reliable: FlagCounts::of(30, 0),
            },
            Received {
                seller: 7,
                x: 0.0,
                buyer_safe: FlagCounts::of(8, 3),
                buyer_reliable: FlagCounts::of(11, 0),
            },
        ];
        let out = impact(&[], &received, &[], &old, &new);
        assert_eq!(out.sellers_qs_moved, 1, "{out:?}");
        assert_eq!(impact(&[], &received, &[], &old, &old).sellers_qs_moved, 0);
    }
}
