//! The governed parameter set (SPEC R7.4): every number the reputation maths and the screening
//! rules use. Version 1 is the charter's baseline; later versions come only from a vote (or an
//! emergency change). Handlers never hold these as constants: they read the current version.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CiMethod {
    Wilson,
    Wald,
}

/// How S_b and R_b are computed from a buyer's flags (R3.2, R3.4; issue 15). Version 1 and every
/// version stored before the choice existed use the quantile; only a vote can switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScoreMethod {
    /// The lower quantile q of R3.2 (with the prior of R3.4 when it is on).
    #[default]
    Quantile,
    /// A Bayesian lower bound: the `beta_percentile` quantile of the Beta posterior of the
    /// flags, over the prior of R3.4 when it is on, else over the uniform Beta(1, 1).
    BetaLowerBound,
}

/// The optional prior of R3.4 (charter 11.10).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prior {
    pub enabled: bool,
    pub p_safe: f64,
    pub p_reliable: f64,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Lower quantile q of R3.2.
    pub q: f64,
    /// Influence exponent k of R3.3.
    pub k: f64,
    /// Exclusion threshold ε of R3.5.
    pub epsilon: f64,
    /// z of the confidence interval (R3.6).
    pub z: f64,
    pub ci_method: CiMethod,
    pub prior: Prior,
    /// How S_b and R_b are computed (issue 15): the quantile of R3.2 unless a vote chose the
    /// Beta lower bound. Versions enacted before the choice existed read as the quantile.
    #[serde(default)]
    pub method: ScoreMethod,
    /// The posterior percentile of the Beta lower bound (used only by that method), in (0, 0.5].
    #[serde(default = "default_beta_percentile")]
    pub beta_percentile: f64,
    /// Below this many flags a lookup warns (R3.7).
    pub low_sample_n: u32,
    /// Trust at or above which the band is "high", and "moderate" (R4.1).
    pub band_high: f64,
    pub band_moderate: f64,
    /// Rating codes (R4.3, R4.5).
    pub code_ttl_days: u32,
    pub max_active_codes: u32,
    pub code_attempts_per_hour: u32,
    /// Message expiry bounds in days (R6.3).
    pub message_expiry_default_days: u32,
    pub message_expiry_max_days: u32,
    /// Reporter protection (R4.8).
    pub buyer_view_min_age_days: u32,
    pub buyer_view_min_sellers: u32,
    pub seller_release_min_ratings: u32,
    pub seller_release_max_days: u32,
    /// How long a buyer's screening link or code stays valid, in hours (R4.11). Versions
    /// enacted before it existed read as the default.
    #[serde(default = "default_screening_link_ttl_hours")]
    pub screening_link_ttl_hours: u32,
    /// The thresholds of the abuse rules (R9.7); older versions read the defaults.
    #[serde(default)]
    pub abuse: super::abuse::AbuseParams,
}

fn default_screening_link_ttl_hours() -> u32 {
    24
}

fn default_beta_percentile() -> f64 {
    0.10
}

impl Default for Params {
    /// Version 1: the charter's baseline (SPEC §3 defaults).
    fn default() -> Self {
        Params {
            q: 0.25,
            k: 3.0,
            epsilon: 0.05,
            z: 1.96,
            ci_method: CiMethod::Wilson,
            prior: Prior {
                enabled: false,
                p_safe: 0.75,
                p_reliable: 0.75,
                weight: 2.0,
            },
            method: ScoreMethod::Quantile,
            beta_percentile: default_beta_percentile(),
            low_sample_n: 5,
            band_high: 0.9,
            band_moderate: 0.7,
            code_ttl_days: 30,
            max_active_codes: 50,
            code_attempts_per_hour: 5,
            message_expiry_default_days: 30,
            message_expiry_max_days: 90,
            buyer_view_min_age_days: 7,
            buyer_view_min_sellers: 2,
            seller_release_min_ratings: 3,
            seller_release_max_days: 30,
            screening_link_ttl_hours: default_screening_link_ttl_hours(),
            abuse: super::abuse::AbuseParams::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid parameter {field}: {reason}")]
pub struct ParamsError {
    pub field: &'static str,
    pub reason: &'static str,
}

fn check(ok: bool, field: &'static str, reason: &'static str) -> Result<(), ParamsError> {
    if ok {
        Ok(())
    } else {
        Err(ParamsError { field, reason })
    }
}

fn unit(x: f64) -> bool {
    x.is_finite() && (0.0..=1.0).contains(&x)
}

impl Params {
    /// Rejects a set that would make the maths meaningless or the service unsafe.
    pub fn validate(&self) -> Result<(), ParamsError> {
        if let Some((field, reason)) = self.abuse.problem() {
            return Err(ParamsError { field, reason });
        }
        check(unit(self.q), "q", "must be between 0 and 1")?;
        check(
            self.k.is_finite() && (0.5..=10.0).contains(&self.k),
            "k",
            "must be between 0.5 and 10",
        )?;
        check(unit(self.epsilon), "epsilon", "must be between 0 and 1")?;
        check(
            self.z.is_finite() && (0.5..=5.0).contains(&self.z),
            "z",
            "must be between 0.5 and 5",
        )?;
        check(
            unit(self.prior.p_safe),
            "prior.p_safe",
            "must be between 0 and 1",
        )?;
        check(
            unit(self.prior.p_reliable),
            "prior.p_reliable",
            "must be between 0 and 1",
        )?;
        check(
            self.prior.weight.is_finite() && (0.0..=100.0).contains(&self.prior.weight),
            "prior.weight",
            "must be between 0 and 100",
        )?;
        // A lower bound: above the median it would no longer be one; 0 would be the bound 0.
        check(
            self.beta_percentile.is_finite()
                && self.beta_percentile > 0.0
                && self.beta_percentile <= 0.5,
            "beta_percentile",
            "must be above 0 and at most 0.5",
        )?;
        check(
            self.low_sample_n <= 1000,
            "low_sample_n",
            "must be at most 1000",
        )?;
        check(
            unit(self.band_high) && unit(self.band_moderate),
            "band_high",
            "bands must be between 0 and 1",
        )?;
        check(
            self.band_moderate <= self.band_high,
            "band_moderate",
            "must not exceed band_high",
        )?;
        check(
            (1..=90).contains(&self.code_ttl_days),
            "code_ttl_days",
            "must be 1 to 90",
        )?;
        check(
            (1..=1000).contains(&self.max_active_codes),
            "max_active_codes",
            "must be 1 to 1000",
        )?;
        check(
            (1..=100).contains(&self.code_attempts_per_hour),
            "code_attempts_per_hour",
            "must be 1 to 100",
        )?;
        check(
            (1..=90).contains(&self.message_expiry_max_days),
            "message_expiry_max_days",
            "must be 1 to 90",
        )?;
        check(
            (1..=self.message_expiry_max_days).contains(&self.message_expiry_default_days),
            "message_expiry_default_days",
            "must be between 1 and the maximum",
        )?;
        check(
            self.buyer_view_min_age_days <= 365,
            "buyer_view_min_age_days",
            "must be at most 365",
        )?;
        check(
            (1..=50).contains(&self.buyer_view_min_sellers),
            "buyer_view_min_sellers",
            "must be 1 to 50",
        )?;
        check(
            (1..=1000).contains(&self.seller_release_min_ratings),
            "seller_release_min_ratings",
            "must be 1 to 1000",
        )?;
        check(
            (1..=365).contains(&self.seller_release_max_days),
            "seller_release_max_days",
            "must be 1 to 365",
        )?;
        // R4.11: a code of 50 bits is safe only while it lives briefly (docs/algorithm.md).
        check(
            (1..=72).contains(&self.screening_link_ttl_hours),
            "screening_link_ttl_hours",
            "must be 1 to 72",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_4_version_1_is_the_charter_baseline_and_valid() {
        let p = Params::default();
        assert_eq!((p.q, p.k, p.epsilon, p.z), (0.25, 3.0, 0.05, 1.96));
        assert_eq!(p.ci_method, CiMethod::Wilson);
        assert!(!p.prior.enabled);
        assert_eq!((p.method, p.beta_percentile), (ScoreMethod::Quantile, 0.10));
        assert_eq!(
            (
                p.code_ttl_days,
                p.max_active_codes,
                p.code_attempts_per_hour
            ),
            (30, 50, 5)
        );
        p.validate().unwrap();
    }

    #[test]
    fn r7_4_invalid_sets_are_refused() {
        let bad = [
            Params {
                q: 1.5,
                ..Params::default()
            },
            Params {
                k: f64::NAN,
                ..Params::default()
            },
            Params {
                band_moderate: 0.95,
                ..Params::default()
            },
            Params {
                message_expiry_default_days: 120,
                ..Params::default()
            },
            Params {
                code_ttl_days: 0,
                ..Params::default()
            },
            Params {
                screening_link_ttl_hours: 0,
                ..Params::default()
            },
            Params {
                screening_link_ttl_hours: 73,
                ..Params::default()
            },
            Params {
                beta_percentile: 0.0,
                ..Params::default()
            },
            Params {
                beta_percentile: 0.51,
                ..Params::default()
            },
            Params {
                beta_percentile: f64::NAN,
                ..Params::default()
            },
        ];
        for p in bad {
            assert!(p.validate().is_err(), "{p:?}");
        }
    }

    #[test]
    fn r7_4_round_trips_as_json() {
        let p = Params::default();
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Params>(&s).unwrap(), p);
    }

    #[test]
    fn r4_11_versions_stored_before_screening_links_read_with_24_hours() {
        let mut v = serde_json::to_value(Params::default()).unwrap();
        v.as_object_mut()
            .unwrap()
            .remove("screening_link_ttl_hours");
        let p: Params = serde_json::from_value(v).unwrap();
        assert_eq!(p.screening_link_ttl_hours, 24);
        assert_eq!(p, Params::default());
    }

    #[test]
    fn r3_4_r7_4_versions_stored_before_the_score_method_read_as_the_quantile() {
        let mut v = serde_json::to_value(Params::default()).unwrap();
        let m = v.as_object_mut().unwrap();
        assert_eq!(m.remove("method"), Some(serde_json::json!("quantile")));
        assert_eq!(m.remove("beta_percentile"), Some(serde_json::json!(0.1)));
        let p: Params = serde_json::from_value(v).unwrap();
        assert_eq!(p, Params::default());
    }

    #[test]
    fn r3_4_r7_4_issue_15_the_beta_lower_bound_is_a_governed_choice() {
        let v = serde_json::json!("beta_lower_bound");
        assert_eq!(
            serde_json::from_value::<ScoreMethod>(v).unwrap(),
            ScoreMethod::BetaLowerBound
        );
        assert_eq!(
            serde_json::to_value(ScoreMethod::Quantile).unwrap(),
            serde_json::json!("quantile")
        );
        assert!(serde_json::from_value::<ScoreMethod>(serde_json::json!("median")).is_err());
        let p = Params {
            method: ScoreMethod::BetaLowerBound,
            beta_percentile: 0.5,
            ..Params::default()
        };
        p.validate().unwrap();
    }
}
