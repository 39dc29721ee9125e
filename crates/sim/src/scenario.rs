//! The scenarios (charter §14 and impersonation) and the parameter sets they run under.

use serde::{Deserialize, Serialize};
use tessera_core::{Params, ScoreMethod};

use crate::config::Config;

/// One attack, or none (the honest collective with careless raters and dangerous buyers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scenario {
    Baseline,
    /// 14.1: every dangerous buyer rates 0 whoever he harmed, whenever he holds her code.
    Retaliation,
    /// 14.2: every dangerous buyer threatens; some sellers give in.
    Coercion,
    /// 14.3: new accounts meet a seller, behave, and all rate her 0 within 48 hours ...
    Brigading,
    /// ... or wait until they are no longer new (R9.7 counts accounts under 14 days).
    PatientBrigading,
    /// 14.4 and 14.11: sellers hand codes to fake accounts (bought, traded, their own).
    Sybil,
    /// 14.4: a dangerous buyer opens a new account once the presets decline him.
    Whitewash,
    /// 14.5: groups of sellers falsely flag honest buyers unsafe without meeting them, and one
    /// seller flags hers on three days.
    Collusion,
    /// R4.11: dangerous buyers give sellers a good buyer's pseudonym; `code_share` of the
    /// sellers ask for a screening code.
    Impersonation {
        code_share: f64,
    },
}

impl Scenario {
    pub fn label(self) -> String {
        match self {
            Scenario::Baseline => "baseline".into(),
            Scenario::Retaliation => "retaliation".into(),
            Scenario::Coercion => "coercion".into(),
            Scenario::Brigading => "brigading".into(),
            Scenario::PatientBrigading => "patient_brigading".into(),
            Scenario::Sybil => "sybil".into(),
            Scenario::Whitewash => "whitewash".into(),
            Scenario::Collusion => "collusion".into(),
            Scenario::Impersonation { code_share } => {
                format!("impersonation_{:.0}", code_share * 100.0)
            }
        }
    }

    /// Every scenario of a configuration, in report order.
    pub fn all(config: &Config) -> Vec<Scenario> {
        let mut v = vec![
            Scenario::Baseline,
            Scenario::Retaliation,
            Scenario::Coercion,
            Scenario::Brigading,
            Scenario::PatientBrigading,
            Scenario::Sybil,
            Scenario::Whitewash,
            Scenario::Collusion,
        ];
        v.extend(
            config
                .attacks
                .screening_code_shares
                .iter()
                .map(|s| Scenario::Impersonation { code_share: *s }),
        );
        v
    }
}

/// A governed parameter set under test, with its short name in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSet {
    pub label: String,
    pub params: Params,
}

impl ParamSet {
    /// Version 1 (the charter's baseline) is always first.
    pub fn sweep(config: &Config) -> Vec<ParamSet> {
        let base = Params::default();
        let mut out = vec![ParamSet {
            label: label_quantile(base.q, false),
            params: base.clone(),
        }];
        for &prior in &config.sweep.prior {
            for &q in &config.sweep.q {
                let mut p = base.clone();
                p.q = q;
                p.prior.enabled = prior;
                let label = label_quantile(q, prior);
                if out.iter().all(|s| s.label != label) {
                    out.push(ParamSet { label, params: p });
                }
            }
            for &pct in &config.sweep.beta_percentiles {
                let mut p = base.clone();
                p.method = ScoreMethod::BetaLowerBound;
                p.beta_percentile = pct;
                p.prior.enabled = prior;
                let label = format!(
                    "beta{:.0}{}",
                    pct * 100.0,
                    if prior { "+prior" } else { "" }
                );
                out.push(ParamSet { label, params: p });
            }
        }
        out
    }
}

fn label_quantile(q: f64, prior: bool) -> String {
    format!("q={q:.2}{}", if prior { "+prior" } else { "" })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_the_sweep_starts_with_version_1_and_names_each_set_once() {
        let sets = ParamSet::sweep(&Config::default());
        assert_eq!(sets[0].params, Params::default());
        assert_eq!(sets[0].label, "q=0.25");
        let labels: Vec<&str> = sets.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "q=0.25",
                "q=0.10",
                "q=0.50",
                "beta10",
                "q=0.10+prior",
                "q=0.25+prior",
                "q=0.50+prior",
                "beta10+prior"
            ]
        );
        for s in &sets {
            s.params.validate().unwrap();
        }
    }
}
