//! `tessera simulate`: the safety-model simulator of issue 15. Runs every scenario under every
//! parameter set of the configuration and writes the document, its figures and its summary.
//! It needs no database and no key: it never touches real data.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

#[derive(Args)]
pub struct SimulateArgs {
    /// A TOML file overriding any of the defaults (see docs/safety-model.md and
    /// crates/sim/src/config.rs for the fields).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The seed: the same seed and configuration give the same numbers.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write safety-model.md and the folder safety-model/ (figures, summary.json).
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

pub fn run(args: SimulateArgs) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            tessera_sim::Config::from_toml(&text)
                .with_context(|| format!("in {}", path.display()))?
        }
        None => tessera_sim::Config::default(),
    };
    config.validate()?;
    let started = Instant::now();
    let results = tessera_sim::simulate(&config, args.seed);
    let simulated = started.elapsed();
    let written = tessera_sim::report::write(&results, &args.out)?;
    eprintln!(
        "simulated {} runs ({} scenarios × {} parameter sets) in {:.1} s",
        results.runs.len(),
        results.runs.len() / results.param_sets.len().max(1),
        results.param_sets.len(),
        simulated.as_secs_f64()
    );
    for path in written {
        println!("wrote {path}");
    }
    Ok(())
}
