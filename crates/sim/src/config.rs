//! What a simulation runs: the population, how people behave, the attacks and the parameter
//! sweep. Every field has a default (the numbers docs/safety-model.md was made with); a TOML
//! file given to `tessera simulate --config` overrides any of them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub population: Population,
    pub behaviour: Behaviour,
    pub attacks: Attacks,
    pub sweep: Sweep,
}

/// Who is in the collective. Activity follows `../shared/bench/gen_dataset.py`: buyers'
/// popularity log-normal (σ 1.6, capped at 50× the mean, 10% never meet anyone), sellers'
/// log-normal (σ 1.0, capped at 20×), 2,000,000 meetings a year for 2,000 sellers and 100,000
/// buyers (its `small` preset: median 8 ratings per rated buyer, a long tail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Population {
    pub sellers: u32,
    pub buyers: u32,
    pub days: u32,
    pub meetings_per_year: u64,
    pub buyer_sigma: f64,
    pub buyer_cap: f64,
    pub inactive_buyers: f64,
    pub seller_sigma: f64,
    pub seller_cap: f64,
    /// Shares of sellers screening with each preset of R4.6; `welcoming` sellers use the open
    /// preset's thresholds but meet buyers with no record yet (the charter's high-tolerance
    /// sellers who "generate initial data", 11.10); the rest meet anyone.
    pub cautious: f64,
    pub moderate: f64,
    pub open: f64,
    pub welcoming: f64,
    /// Careless raters: this share of sellers flags a good meeting 0 with `careless_rate`.
    pub careless_sellers: f64,
    pub careless_rate: f64,
    /// Dangerous buyers and the per-meeting probabilities of harm they are spread over.
    pub dangerous_buyers: f64,
    pub harm: Vec<f64>,
    /// Occasionally unreliable buyers (late, no-shows) and everyone else's small rate.
    pub unreliable_buyers: f64,
    pub unreliable_rate: f64,
    pub base_unreliable_rate: f64,
}

impl Default for Population {
    fn default() -> Self {
        Population {
            sellers: 2_000,
            buyers: 100_000,
            days: 365,
            meetings_per_year: 2_000_000,
            buyer_sigma: 1.6,
            buyer_cap: 50.0,
            inactive_buyers: 0.10,
            seller_sigma: 1.0,
            seller_cap: 20.0,
            cautious: 0.15,
            moderate: 0.30,
            open: 0.30,
            welcoming: 0.20,
            careless_sellers: 0.05,
            careless_rate: 0.05,
            dangerous_buyers: 0.02,
            harm: vec![0.05, 0.10, 0.20, 0.30, 0.50],
            unreliable_buyers: 0.10,
            unreliable_rate: 0.25,
            base_unreliable_rate: 0.02,
        }
    }
}

/// How members act around a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Behaviour {
    /// A declined buyer asks up to this many other sellers the same day (quiet exclusion).
    pub retries: u32,
    /// Share of meetings a buyer asks the seller he last met first (regular clients).
    pub returning: f64,
    /// A seller rates the buyer after this share of meetings.
    pub rating_rate: f64,
    /// She hands a rating code after this share of good meetings ...
    pub code_rate: f64,
    /// ... and after this share of meetings where he harmed her.
    pub code_after_harm: f64,
    /// A buyer redeems a code he holds with this probability.
    pub code_use: f64,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            retries: 3,
            returning: 0.30,
            rating_rate: 0.95,
            code_rate: 0.70,
            code_after_harm: 0.20,
            code_use: 0.60,
        }
    }
}

/// The attacks of charter §14 and impersonation (R4.11), each with its own numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Attacks {
    /// Review coercion (14.2): the share of threatened sellers who give in (rate him safe
    /// and hand him a code).
    pub coercion_comply: f64,
    /// Buyer brigading (14.3): sellers attacked, new accounts per seller, the day.
    pub brigading_targets: u32,
    pub brigaders_per_target: u32,
    pub brigading_day: u32,
    /// A patient brigade waits this many days after the meeting before it rates.
    pub patient_wait_days: u32,
    /// Sybil accounts and code trading (14.4, 14.11): sellers who hand codes to fake
    /// accounts, codes each, the day they start.
    pub sybil_sellers: u32,
    pub sybil_codes: u32,
    pub sybil_day: u32,
    /// Seller collusion (14.5): group sizes; each group falsely flags its own targets.
    pub collusion_groups: Vec<u32>,
    pub collusion_targets: u32,
    pub collusion_day: u32,
    /// Impersonation (R4.11): dangerous buyers giving a good buyer's pseudonym, his harm
    /// probability, and the shares of sellers who ask for a screening code.
    pub impersonators: u32,
    pub impersonator_harm: f64,
    pub screening_code_shares: Vec<f64>,
}

impl Default for Attacks {
    fn default() -> Self {
        Attacks {
            coercion_comply: 0.5,
            brigading_targets: 40,
            brigaders_per_target: 5,
            brigading_day: 200,
            patient_wait_days: 15,
            sybil_sellers: 20,
            sybil_codes: 30,
            sybil_day: 180,
            collusion_groups: vec![1, 2, 3, 5],
            collusion_targets: 25,
            collusion_day: 180,
            impersonators: 100,
            impersonator_harm: 0.3,
            screening_code_shares: vec![0.0, 0.5, 1.0],
        }
    }
}

/// The parameter sets every scenario runs under, and the weights looked at afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sweep {
    pub q: Vec<f64>,
    pub prior: Vec<bool>,
    /// Also run the Bayesian lower bound (`ScoreMethod::BetaLowerBound`) at these
    /// percentiles, with the prior off and on.
    pub beta_percentiles: Vec<f64>,
    /// k and ε change only the weights, never who is screened out, so they are applied to
    /// each run's final state rather than run again.
    pub k: Vec<f64>,
    pub epsilon: Vec<f64>,
}

impl Default for Sweep {
    fn default() -> Self {
        Sweep {
            q: vec![0.10, 0.25, 0.50],
            prior: vec![false, true],
            beta_percentiles: vec![0.10],
            k: vec![2.0, 3.0, 4.0],
            epsilon: vec![0.0, 0.05, 0.10],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the configuration is not valid TOML for the simulator: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("{0}")]
    Invalid(String),
}

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let c: Config = toml::from_str(text)?;
        c.validate()?;
        Ok(c)
    }

    /// A run needs people, days, shares between 0 and 1 and a sweep that is not empty.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let p = &self.population;
        let bad = |m: &str| Err(ConfigError::Invalid(m.to_string()));
        if p.sellers < 10 || p.buyers < 100 {
            return bad("population: at least 10 sellers and 100 buyers");
        }
        if !(30..=3650).contains(&p.days) {
            return bad("population.days: 30 to 3650");
        }
        if p.meetings_per_year == 0 || p.meetings_per_year > 1_000_000_000 {
            return bad("population.meetings_per_year: 1 to 1,000,000,000");
        }
        let shares = [
            p.inactive_buyers,
            p.cautious,
            p.moderate,
            p.open,
            p.welcoming,
            p.careless_sellers,
            p.careless_rate,
            p.dangerous_buyers,
            p.unreliable_buyers,
            p.unreliable_rate,
            p.base_unreliable_rate,
            self.behaviour.returning,
            self.behaviour.rating_rate,
            self.behaviour.code_rate,
            self.behaviour.code_after_harm,
            self.behaviour.code_use,
            self.attacks.coercion_comply,
            self.attacks.impersonator_harm,
        ];
        if shares.iter().any(|s| !(0.0..=1.0).contains(s)) {
            return bad("every share and probability must be between 0 and 1");
        }
        if p.cautious + p.moderate + p.open + p.welcoming > 1.0 + 1e-9 {
            return bad("population: the preset shares add up to more than 1");
        }
        if p.dangerous_buyers + p.unreliable_buyers > 1.0 {
            return bad("population: dangerous and unreliable buyers add up to more than 1");
        }
        if p.harm.is_empty() || p.harm.iter().any(|h| !(0.0..=1.0).contains(h)) {
            return bad("population.harm: one or more probabilities between 0 and 1");
        }
        if self
            .attacks
            .screening_code_shares
            .iter()
            .any(|s| !(0.0..=1.0).contains(s))
        {
            return bad("attacks.screening_code_shares: between 0 and 1");
        }
        let s = &self.sweep;
        if s.q.is_empty() || s.prior.is_empty() || s.k.is_empty() || s.epsilon.is_empty() {
            return bad("sweep: q, prior, k and epsilon need at least one value each");
        }
        let a = &self.attacks;
        let last = u64::from(p.days);
        if [a.brigading_day, a.sybil_day, a.collusion_day]
            .iter()
            .any(|d| *d == 0 || u64::from(*d) + u64::from(a.patient_wait_days) + 3 >= last)
        {
            return bad("attacks: every attack day must fall inside the run, after day 0");
        }
        let ttl = tessera_core::Params::default().code_ttl_days;
        if a.patient_wait_days == 0 || a.patient_wait_days >= ttl {
            return bad("attacks.patient_wait_days: 1 to one less than a code's 30 days");
        }
        if a.sybil_codes > tessera_core::Params::default().max_active_codes {
            return bad("attacks.sybil_codes: at most a seller's 50 active codes (R4.3)");
        }
        if s.k.iter().any(|k| !(0.5..=10.0).contains(k))
            || s.epsilon.iter().any(|e| !(0.0..=1.0).contains(e))
        {
            return bad("sweep: k between 0.5 and 10, epsilon between 0 and 1");
        }
        // Every parameter set swept must be one the server would accept (R7.4).
        for set in crate::ParamSet::sweep(self) {
            if let Err(e) = set.params.validate() {
                return Err(ConfigError::Invalid(format!("sweep {}: {e}", set.label)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_defaults_are_valid_and_round_trip_as_toml() {
        let c = Config::default();
        c.validate().unwrap();
        let text = toml::to_string(&c).unwrap();
        assert_eq!(Config::from_toml(&text).unwrap(), c);
    }

    #[test]
    fn issue_15_a_partial_file_overrides_only_what_it_names() {
        let c = Config::from_toml("[population]\nsellers = 200\nbuyers = 5000\n").unwrap();
        assert_eq!((c.population.sellers, c.population.buyers), (200, 5000));
        assert_eq!(c.behaviour, Behaviour::default());
    }

    #[test]
    fn issue_15_bad_files_say_why() {
        let e = Config::from_toml("[population]\nseller = 2\n").unwrap_err();
        assert!(e.to_string().contains("seller"), "{e}");
        let e = Config::from_toml("[population]\ncautious = 0.9\nopen = 0.5\n").unwrap_err();
        assert!(e.to_string().contains("preset shares"), "{e}");
        let e = Config::from_toml("[behaviour]\ncode_use = 1.5\n").unwrap_err();
        assert!(e.to_string().contains("between 0 and 1"), "{e}");
    }
}
