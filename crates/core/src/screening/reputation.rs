//! The reputation mathematics of SPEC §3, pure and exhaustively tested: the lower quantile of
//! binary flags from counters in O(1) (R3.2), trust and influence (R3.3), the optional prior
//! (R3.4), the optional Beta lower bound a vote can choose instead of the quantile (issue 15),
//! the seller score (R3.5), confidence intervals (R3.6) and the trust band.

use serde::Serialize;

use crate::params::{CiMethod, Params, ScoreMethod};
use crate::screening::lower_bound::beta_lower_bound;

/// Counters of one kind of flag for one buyer: how many flags, and how many are 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FlagCounts {
    pub n: u64,
    pub zeros: u64,
}

impl FlagCounts {
    /// `ones` flags of 1 and `zeros` flags of 0.
    pub fn of(ones: u64, zeros: u64) -> FlagCounts {
        FlagCounts {
            n: ones + zeros,
            zeros,
        }
    }
}

/// Hyndman-Fan type 7 quantile (numpy's default) of `counts.zeros` zeros and the rest ones,
/// computed without the list (R3.2). Sorted ascending the list is zeros then ones, so
/// a[i] = 0 for i < zeros, else 1; h = (n-1)q; value = a[⌊h⌋] + (h-⌊h⌋)(a[⌈h⌉]-a[⌊h⌋]).
/// `None` when there are no flags.
pub fn binary_quantile(counts: FlagCounts, q: f64) -> Option<f64> {
    if counts.n == 0 {
        return None;
    }
    let zeros = counts.zeros.min(counts.n);
    let h = (counts.n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor();
    let hi = h.ceil();
    let at = |i: f64| if (i as u64) < zeros { 0.0 } else { 1.0 };
    Some(at(lo) + (h - lo) * (at(hi) - at(lo)))
}

/// The reference definition: sort the list and interpolate (used to test the counter form).
pub fn quantile_of_list(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

/// One score (S_b or R_b) with what stands behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// `None` = unknown ("no record yet").
    pub score: Option<f64>,
    pub n: u64,
    /// Number of 0 flags, always shown (R3.8).
    pub flagged: u64,
    pub ci: Option<(f64, f64)>,
}

/// S_b or R_b from counters by the method of the parameter set in force: the quantile of R3.2
/// (with the prior of R3.4 when it is on), or the Beta lower bound (issue 15). `prior_value` is
/// p_S or p_R.
pub fn score(counts: FlagCounts, p: &Params, prior_value: f64) -> Score {
    let value = match p.method {
        ScoreMethod::Quantile => quantile_score(counts, p, prior_value),
        ScoreMethod::BetaLowerBound => {
            let prior = p.prior.enabled.then_some((p.prior.weight, prior_value));
            beta_lower_bound(counts, p.beta_percentile, prior)
        }
    };
    let ci = match value {
        Some(v) if counts.n > 0 => Some(interval(v, counts.n, p.z, p.ci_method)),
        _ => None,
    };
    Score {
        score: value,
        n: counts.n,
        flagged: counts.zeros,
        ci,
    }
}

/// R3.2's quantile, shrunk toward the prior of R3.4 when it is on.
fn quantile_score(counts: FlagCounts, p: &Params, prior_value: f64) -> Option<f64> {
    let observed = binary_quantile(counts, p.q);
    if p.prior.enabled {
        let w = p.prior.weight;
        let n = counts.n as f64;
        let obs = observed.unwrap_or(0.0);
        if w + n > 0.0 {
            Some((w * prior_value + n * obs) / (w + n))
        } else {
            None
        }
    } else {
        observed
    }
}

/// Confidence interval for a score `p` from `n` flags (R3.6).
pub fn interval(p: f64, n: u64, z: f64, method: CiMethod) -> (f64, f64) {
    let n = n as f64;
    match method {
        CiMethod::Wilson => {
            let z2 = z * z;
            let denom = 1.0 + z2 / n;
            let center = (p + z2 / (2.0 * n)) / denom;
            let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
            ((center - half).max(0.0), (center + half).min(1.0))
        }
        CiMethod::Wald => {
            let half = z * (p * (1.0 - p) / n).sqrt();
            ((p - half).max(0.0), (p + half).min(1.0))
        }
    }
}

/// Everything a lookup computes for a buyer from his counters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reputation {
    pub safe: Score,
    pub reliable: Score,
    /// T_b; `None` when unknown (R3.3).
    pub trust: Option<f64>,
    /// I_b; 0 when unknown.
    pub influence: f64,
    pub band: Band,
    pub low_sample: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    High,
    Moderate,
    Low,
    Unknown,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Moderate => "moderate",
            Band::Low => "low",
            Band::Unknown => "unknown",
        }
    }
}

pub fn band(trust: Option<f64>, p: &Params) -> Band {
    match trust {
        None => Band::Unknown,
        Some(t) if t >= p.band_high => Band::High,
        Some(t) if t >= p.band_moderate => Band::Moderate,
        Some(_) => Band::Low,
    }
}

/// I_b = T_b^k (R3.3).
pub fn influence(trust: Option<f64>, k: f64) -> f64 {
    trust.map_or(0.0, |t| t.clamp(0.0, 1.0).powf(k))
}

pub fn reputation(safe: FlagCounts, reliable: FlagCounts, p: &Params) -> Reputation {
    let s = score(safe, p, p.prior.p_safe);
    let r = score(reliable, p, p.prior.p_reliable);
    let trust = match (s.score, r.score) {
        (Some(a), Some(b)) => Some(a * b),
        _ => None,
    };
    Reputation {
        safe: s,
        reliable: r,
        trust,
        influence: influence(trust, p.k),
        band: band(trust, p),
        low_sample: safe.n.min(reliable.n) < u64::from(p.low_sample_n),
    }
}

/// Q_s (R3.5): Σ I_b·x_b / Σ I_b over ratings whose buyer's current I_b ≥ ε; ratings below
/// are excluded entirely. Returns (Q_s, number of ratings that count); Q_s is `None` while none
/// counts.
pub fn seller_score(
    ratings: impl IntoIterator<Item = (f64, f64)>,
    epsilon: f64,
) -> (Option<f64>, u64) {
    let (mut num, mut den, mut counted) = (0.0, 0.0, 0u64);
    for (x, i) in ratings {
        if i >= epsilon && i > 0.0 {
            num += i * x;
            den += i;
            counted += 1;
        }
    }
    ((counted > 0).then(|| num / den), counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    // R3.10, row by row.
    #[test]
    fn r3_10_blind_spot_20_safe_5_unsafe_is_1() {
        assert_eq!(binary_quantile(FlagCounts::of(20, 5), 0.25), Some(1.0));
    }

    #[test]
    fn r3_10_three_safe_one_unsafe() {
        assert_eq!(binary_quantile(FlagCounts::of(3, 1), 0.25), Some(0.75));
    }

    #[test]
    fn r3_10_nine_and_three_nine_and_four_and_q_010() {
        assert!(close(
            binary_quantile(FlagCounts::of(9, 3), 0.25).unwrap(),
            0.75
        ));
        assert_eq!(binary_quantile(FlagCounts::of(9, 4), 0.25), Some(0.0));
        assert_eq!(binary_quantile(FlagCounts::of(9, 3), 0.10), Some(0.0));
    }

    #[test]
    fn r3_10_influence() {
        assert!(close(influence(Some(0.8), 3.0), 0.512));
        assert!(close(influence(Some(0.5), 3.0), 0.125));
        assert_eq!(influence(None, 3.0), 0.0);
    }

    #[test]
    fn r3_10_seller_score_weighted_and_excluded() {
        let (q, n) = seller_score([(0.9, 1.0), (0.8, 0.8), (0.2, 0.1)], 0.05);
        assert!(close(q.unwrap(), 0.8211), "{q:?}");
        assert_eq!(n, 3);
        let unweighted = (0.9 + 0.8 + 0.2) / 3.0;
        assert!(close(unweighted, 0.6333));
        let (q, n) = seller_score([(0.9, 1.0), (0.8, 0.8), (0.2, 0.04)], 0.05);
        assert!(close(q.unwrap(), 0.8556), "{q:?}");
        assert_eq!(n, 2);
        assert_eq!(seller_score([(0.5, 0.01)], 0.05), (None, 0));
    }

    #[test]
    fn r3_6_r3_10_wilson_and_wald() {
        let (lo, hi) = interval(1.0, 12, 1.96, CiMethod::Wilson);
        assert!(close(lo, 0.7575) && close(hi, 1.0), "{lo} {hi}");
        let (lo, hi) = interval(0.75, 4, 1.96, CiMethod::Wilson);
        assert!(close(lo, 0.3006) && close(hi, 0.9544), "{lo} {hi}");
        let (lo, hi) = interval(0.85, 12, 1.96, CiMethod::Wald);
        assert!(close(lo, 0.6480) && close(hi, 1.0), "{lo} {hi}");
    }

    #[test]
    fn r3_10_prior() {
        let p = Params {
            prior: crate::params::Prior {
                enabled: true,
                ..Params::default().prior
            },
            ..Params::default()
        };
        let r = reputation(FlagCounts::default(), FlagCounts::default(), &p);
        assert!(close(r.safe.score.unwrap(), 0.75) && close(r.reliable.score.unwrap(), 0.75));
        assert!(close(r.trust.unwrap(), 0.5625));
        assert!(close(r.influence, 0.1780), "{}", r.influence);
        assert_eq!(r.safe.ci, None, "no interval without flags");
        let s = score(FlagCounts::of(10, 0), &p, 0.75);
        assert!(close(s.score.unwrap(), 0.9583));
    }

    #[test]
    fn r3_10_epsilon_boundary() {
        let i1 = influence(Some(0.3685), 3.0);
        let i2 = influence(Some(0.3683), 3.0);
        assert!(close(i1, 0.05004) && close(i2, 0.04996));
        assert_eq!(seller_score([(1.0, i1)], 0.05).1, 1, "counts");
        assert_eq!(seller_score([(1.0, i2)], 0.05).1, 0, "excluded");
    }

    /// A property of R3.4's formula worth knowing before anyone votes the prior on: when the
    /// quantile stays at 1 despite a new 0 flag (q above the share of zeros), the extra flag
    /// still dilutes the prior toward 1, so the score rises. Found by the property test.
    #[test]
    fn r3_4_prior_can_rise_when_a_zero_is_added() {
        let mut p = Params {
            q: 0.6733,
            ..Params::default()
        };
        p.prior.enabled = true;
        let before = score(FlagCounts::of(3, 0), &p, 0.75).score.unwrap();
        let after = score(FlagCounts::of(3, 1), &p, 0.75).score.unwrap();
        assert!(
            close(before, 0.9) && close(after, 0.91667),
            "{before} {after}"
        );
        p.prior.enabled = false;
        assert_eq!(score(FlagCounts::of(3, 1), &p, 0.75).score, Some(1.0));
    }

    #[test]
    fn r3_3_unknown_without_flags_and_no_prior() {
        let r = reputation(
            FlagCounts::of(3, 0),
            FlagCounts::default(),
            &Params::default(),
        );
        assert_eq!(r.trust, None);
        assert_eq!(r.influence, 0.0);
        assert_eq!(r.band, Band::Unknown);
        assert_eq!(r.reliable.score, None);
        assert_eq!(r.safe.score, Some(1.0));
    }

    #[test]
    fn r3_7_low_sample_below_five() {
        assert!(
            reputation(
                FlagCounts::of(4, 0),
                FlagCounts::of(4, 0),
                &Params::default()
            )
            .low_sample
        );
        assert!(
            !reputation(
                FlagCounts::of(5, 0),
                FlagCounts::of(5, 0),
                &Params::default()
            )
            .low_sample
        );
    }

    #[test]
    fn r4_1_bands() {
        let p = Params::default();
        assert_eq!(band(Some(1.0), &p), Band::High);
        assert_eq!(band(Some(0.85), &p), Band::Moderate);
        assert_eq!(band(Some(0.5), &p), Band::Low);
        assert_eq!(band(None, &p), Band::Unknown);
    }

    fn beta(percentile: f64, prior: Option<(f64, f64)>) -> Params {
        let mut p = Params {
            method: ScoreMethod::BetaLowerBound,
            beta_percentile: percentile,
            ..Params::default()
        };
        if let Some((w, v)) = prior {
            p.prior.enabled = true;
            p.prior.weight = w;
            p.prior.p_safe = v;
            p.prior.p_reliable = v;
        }
        p
    }

    /// R3.3 holds for the Beta lower bound too: no flags and no prior is "no record yet".
    #[test]
    fn r3_3_r3_4_issue_15_beta_lower_bound_unknown_without_flags_and_prior() {
        let p = beta(0.10, None);
        let r = reputation(FlagCounts::default(), FlagCounts::of(3, 0), &p);
        assert_eq!(r.safe.score, None);
        assert_eq!((r.trust, r.influence, r.band), (None, 0.0, Band::Unknown));
        assert!(close(r.reliable.score.unwrap(), 0.1f64.powf(0.25)));
        // With the prior on he has a (low) score without flags, and no interval.
        let r = reputation(
            FlagCounts::default(),
            FlagCounts::default(),
            &beta(0.10, Some((2.0, 0.75))),
        );
        assert!(close(r.safe.score.unwrap(), 0.351357));
        assert_eq!(r.safe.ci, None);
    }

    /// Issue 15's point: the quantile scores 20 safe and 5 unsafe meetings 1.0 (R3.8); the
    /// lower bound sees the five. The interval is R3.6's around the new score.
    #[test]
    fn r3_4_r3_8_issue_15_beta_lower_bound_sees_the_blind_spot() {
        let p = beta(0.10, None);
        let s = score(FlagCounts::of(20, 5), &p, 0.75);
        assert_eq!(
            score(FlagCounts::of(20, 5), &Params::default(), 0.75).score,
            Some(1.0)
        );
        assert!(close(s.score.unwrap(), 0.672257));
        assert_eq!((s.n, s.flagged), (25, 5));
        assert_eq!(s.ci, Some(interval(s.score.unwrap(), 25, p.z, p.ci_method)));
        assert_eq!(band(Some(s.score.unwrap()), &p), Band::Low);
    }

    /// R3.10's vectors hold whatever `beta_percentile` is while the method is the quantile:
    /// the new fields change nothing until a vote switches the method.
    #[test]
    fn r3_10_r7_4_the_quantile_ignores_the_beta_percentile() {
        let d = Params::default();
        assert_eq!(d.method, ScoreMethod::Quantile);
        let other = Params {
            beta_percentile: 0.37,
            ..Params::default()
        };
        for (ones, zeros) in [(20, 5), (3, 1), (9, 3), (9, 4), (0, 0), (10, 0)] {
            assert_eq!(
                score(FlagCounts::of(ones, zeros), &d, 0.75),
                score(FlagCounts::of(ones, zeros), &other, 0.75)
            );
        }
        assert_eq!(score(FlagCounts::of(20, 5), &d, 0.75).score, Some(1.0));
        assert_eq!(score(FlagCounts::of(3, 1), &d, 0.75).score, Some(0.75));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn r3_2_counter_form_equals_sorted_list(n in 1u64..=300, zeros_frac in 0.0f64..=1.0, q in 0.0f64..=1.0) {
            let zeros = ((n as f64) * zeros_frac).round() as u64;
            let mut list = vec![1.0; (n - zeros) as usize];
            list.extend(std::iter::repeat_n(0.0, zeros as usize));
            let fast = binary_quantile(FlagCounts { n, zeros }, q).unwrap();
            let slow = quantile_of_list(&list, q).unwrap();
            prop_assert!((fast - slow).abs() < 1e-12, "n={} zeros={} q={} fast={} slow={}", n, zeros, q, fast, slow);
        }

        #[test]
        fn r3_2_scores_stay_in_unit_interval(ns in 0u64..=300, zs in 0u64..=300, nr in 0u64..=300, zr in 0u64..=300,
                                               q in 0.0f64..=1.0, prior in any::<bool>()) {
            let mut p = Params { q, ..Params::default() };
            p.prior.enabled = prior;
            let r = reputation(FlagCounts { n: ns, zeros: zs.min(ns) }, FlagCounts { n: nr, zeros: zr.min(nr) }, &p);
            for s in [r.safe, r.reliable] {
                if let Some(v) = s.score { prop_assert!((0.0..=1.0).contains(&v)); }
                if let Some((lo, hi)) = s.ci { prop_assert!(0.0 <= lo && lo <= hi && hi <= 1.0); }
            }
            if let Some(t) = r.trust { prop_assert!((0.0..=1.0).contains(&t)); }
            prop_assert!((0.0..=1.0).contains(&r.influence));
        }

        /// Holds for the quantile itself (the prior is off in version 1). With the prior on it
        /// does not always hold: see `r3_4_prior_can_rise_when_a_zero_is_added`.
        #[test]
        fn r3_2_adding_a_zero_never_raises_a_score(n in 0u64..=300, zeros_frac in 0.0f64..=1.0, q in 0.0f64..=1.0) {
            let zeros = ((n as f64) * zeros_frac).round() as u64;
            let p = Params { q, ..Params::default() };
            let before = score(FlagCounts { n, zeros }, &p, 0.75).score;
            let after = score(FlagCounts { n: n + 1, zeros: zeros + 1 }, &p, 0.75).score.unwrap();
            if let Some(b) = before { prop_assert!(after <= b + 1e-12, "{} -> {}", b, after); }
        }

        #[test]
        fn r3_4_r7_4_beta_lower_bound_scores_stay_in_unit_interval(
            ns in 0u64..=300, zs in 0u64..=300, nr in 0u64..=300, zr in 0u64..=300,
            pct in 0.001f64..=0.5, prior in any::<bool>(), w in 0.0f64..=100.0,
        ) {
            let mut p = beta(pct, prior.then_some((w, 0.75)));
            p.prior.p_reliable = 0.6;
            let r = reputation(FlagCounts { n: ns, zeros: zs.min(ns) }, FlagCounts { n: nr, zeros: zr.min(nr) }, &p);
            for s in [r.safe, r.reliable] {
                if let Some(v) = s.score { prop_assert!((0.0..=1.0).contains(&v)); }
                if let Some((lo, hi)) = s.ci { prop_assert!(0.0 <= lo && lo <= hi && hi <= 1.0); }
            }
            if let Some(t) = r.trust { prop_assert!((0.0..=1.0).contains(&t)); }
            prop_assert!((0.0..=1.0).contains(&r.influence));
        }

        #[test]
        fn r3_5_influence_below_epsilon_removes_a_rating_exactly(
            xs in proptest::collection::vec((0.0f64..=1.0, 0.05f64..=1.0), 0..20),
            x in 0.0f64..=1.0, i in 0.0f64..0.05,
        ) {
            let base = seller_score(xs.clone(), 0.05);
            let mut with = xs.clone();
            with.push((x, i));
            prop_assert_eq!(seller_score(with, 0.05), base);
        }
    }
}
