//! The Bayesian lower bound (issue 15): an alternative to R3.2's quantile that members can vote
//! for, off by default (`Params::method`, R7.4). S_b or R_b is a low percentile of the Beta
//! posterior of the flags, over the prior of R3.4 when it is on. The inverse of the regularized
//! incomplete beta function is `statrs`'s (AS 109 with Newton steps), not written by hand.

use crate::reputation::FlagCounts;

/// The Bayesian lower bound (issue 15): the `percentile` quantile of the Beta posterior of the
/// flags. The prior is Beta(w·p, w·(1−p)) for `prior = Some((w, p))` (R3.4's weight and p_S or
/// p_R), else the uniform Beta(1, 1); each 1 flag adds one to α, each 0 flag one to β. Unlike
/// the quantile it sees every 0 flag (R3.8's blind spot): a new 0 never raises it, a new 1
/// never lowers it, with the prior on or off.
///
/// `None` (unknown, R3.3) without flags and without the prior (or with a prior of weight 0).
/// A posterior with α = 0 (no 1 flag and p = 0) is all at 0, one with β = 0 all at 1.
pub fn beta_lower_bound(
    counts: FlagCounts,
    percentile: f64,
    prior: Option<(f64, f64)>,
) -> Option<f64> {
    let zeros = counts.zeros.min(counts.n);
    let (a0, b0) = match prior {
        Some((w, p)) => (w * p, w * (1.0 - p)),
        None if counts.n == 0 => return None,
        None => (1.0, 1.0),
    };
    let a = a0 + (counts.n - zeros) as f64;
    let b = b0 + zeros as f64;
    if !percentile.is_finite() {
        return None;
    }
    let x = percentile.clamp(0.0, 1.0);
    // A NaN weight or prior value (never in a validated set) never reaches the inverse.
    match (a > 0.0, b > 0.0) {
        (true, true) => Some(statrs::function::beta::inv_beta_reg(a, b, x).clamp(0.0, 1.0)),
        (false, true) => Some(0.0),
        (true, false) => Some(1.0),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    /// Issue 15: closed forms of the Beta quantile. Beta(a, 1) has CDF x^a, so its 10th
    /// percentile is 0.1^(1/a); Beta(1, b) has 1 − 0.9^(1/b).
    #[test]
    fn r3_4_r7_4_issue_15_beta_lower_bound_known_values() {
        let lb = |ones, zeros, prior| {
            beta_lower_bound(FlagCounts::of(ones, zeros), 0.10, prior).unwrap()
        };
        // Uniform prior, 10 ones: Beta(11, 1).
        assert!(close(lb(10, 0, None), 0.81113), "{}", lb(10, 0, None));
        assert!((lb(10, 0, None) - 0.1f64.powf(1.0 / 11.0)).abs() < 1e-12);
        // Uniform prior, 10 zeros: Beta(1, 11).
        assert!((lb(0, 10, None) - (1.0 - 0.9f64.powf(1.0 / 11.0))).abs() < 1e-12);
        assert!(close(lb(0, 10, None), 0.00953));
        // One flag each way: Beta(2, 1) and Beta(1, 2).
        assert!((lb(1, 0, None) - 0.1f64.sqrt()).abs() < 1e-12);
        assert!((lb(0, 1, None) - (1.0 - 0.9f64.sqrt())).abs() < 1e-12);
        // Prior of weight 4 at 0.75 is Beta(3, 1); with 5 ones Beta(8, 1).
        assert!((lb(5, 0, Some((4.0, 0.75))) - 0.1f64.powf(1.0 / 8.0)).abs() < 1e-12);
        // Weight 2 at 0.5 is the uniform prior itself, so it gives a score without flags.
        assert!((lb(0, 0, Some((2.0, 0.5))) - 0.1).abs() < 1e-12);
        // The median of Beta(11, 1).
        let median = beta_lower_bound(FlagCounts::of(10, 0), 0.5, None).unwrap();
        assert!((median - 0.5f64.powf(1.0 / 11.0)).abs() < 1e-12);
        // Not closed forms (checked with mpmath): Beta(21, 6), Beta(4, 2), and version 1's
        // prior (weight 2 at 0.75) without flags, Beta(1.5, 0.5).
        assert!(close(lb(20, 5, None), 0.672257), "{}", lb(20, 5, None));
        assert!(close(lb(3, 1, None), 0.416110), "{}", lb(3, 1, None));
        assert!(close(lb(0, 0, Some((2.0, 0.75))), 0.351357));
        // Degenerate priors: all the mass at 0 or at 1, or none at all.
        assert_eq!(lb(0, 3, Some((2.0, 0.0))), 0.0);
        assert_eq!(lb(3, 0, Some((2.0, 1.0))), 1.0);
        assert_eq!(
            beta_lower_bound(FlagCounts::of(0, 0), 0.1, Some((0.0, 0.75))),
            None
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Issue 15: with the Beta lower bound, a new 0 flag never raises a score and a new 1
        /// flag never lowers it, with the prior on or off (unlike the quantile with the prior,
        /// `r3_4_prior_can_rise_when_a_zero_is_added`).
        #[test]
        fn r3_4_r7_4_beta_lower_bound_is_monotone(ones in 0u64..=300, zeros in 0u64..=300,
                                                  pct in 0.001f64..=0.5, prior in any::<bool>(),
                                                  w in 0.0f64..=100.0, v in 0.0f64..=1.0) {
            let prior = prior.then_some((w, v));
            let at = |o: u64, z: u64| beta_lower_bound(FlagCounts::of(o, z), pct, prior);
            let base = at(ones, zeros);
            let with_zero = at(ones, zeros + 1).unwrap();
            let with_one = at(ones + 1, zeros).unwrap();
            if let Some(b) = base {
                prop_assert!(with_zero <= b + 1e-9, "{} -> {} with a zero", b, with_zero);
                prop_assert!(with_one >= b - 1e-9, "{} -> {} with a one", b, with_one);
            }
            for s in [base, Some(with_zero), Some(with_one)].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&s), "{}", s);
            }
            // A lower percentile is a lower bound.
            if let (Some(lo), Some(hi)) = (beta_lower_bound(FlagCounts::of(ones, zeros), pct / 2.0, prior), base) {
                prop_assert!(lo <= hi + 1e-9, "{} > {}", lo, hi);
            }
        }
    }
}
