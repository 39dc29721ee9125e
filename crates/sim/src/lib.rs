//! tessera-sim: the safety model, measured (issue 15). A synthetic collective lives through
//! a year, day by day, under each attack of charter §14 and impersonation (R4.11), once per
//! governed parameter set; every score it sees comes from tessera-core, the code the server
//! runs. `tessera simulate` runs it and writes docs/safety-model.md.

#![forbid(unsafe_code)]

pub mod abuse;
pub mod config;
pub mod measures;
pub mod people;
pub mod report;
pub mod scenario;
pub mod thresholds;
pub mod world;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use config::{Config, ConfigError};
pub use measures::RunResult;
pub use scenario::{ParamSet, Scenario};

/// Everything one simulation measured: the summary the document is written from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub seed: u64,
    pub config: Config,
    pub param_sets: Vec<String>,
    pub runs: Vec<RunResult>,
    pub thresholds: Vec<thresholds::ThresholdRow>,
}

impl Results {
    pub fn run(&self, scenario: &str, params: &str) -> Option<&RunResult> {
        self.runs
            .iter()
            .find(|r| r.scenario == scenario && r.params == params)
    }
}

/// Runs every scenario under every parameter set, in parallel; the same seed gives the same
/// numbers (each run draws from its own seeded stream and runs alone).
pub fn simulate(config: &Config, seed: u64) -> Results {
    let sets = ParamSet::sweep(config);
    let scenarios = Scenario::all(config);
    let jobs: Vec<(usize, &Scenario, &ParamSet)> = scenarios
        .iter()
        .enumerate()
        .flat_map(|(i, s)| sets.iter().map(move |p| (i, s, p)))
        .collect();
    let runs = jobs
        .par_iter()
        .map(|(i, s, p)| {
            let mut w = world::World::new(config, &p.params, **s, seed, *i as u64);
            w.run();
            measures::measure(&w, &p.label)
        })
        .collect();
    Results {
        seed,
        config: config.clone(),
        param_sets: sets.iter().map(|s| s.label.clone()).collect(),
        runs,
        thresholds: thresholds::table(&sets),
    }
}
