//! One simulated year of the full collective (issue 15: "runs in seconds for 2,000 sellers /
//! 100,000 buyers / a year"): `cargo bench -p tessera-sim`. The whole sweep (every scenario ×
//! parameter set, in parallel) is timed by `tessera simulate` itself, which prints it.

use criterion::{criterion_group, criterion_main, Criterion};
use tessera_sim::world::World;
use tessera_sim::{Config, ParamSet, Scenario};

fn year(c: &mut Criterion) {
    let config = Config::default();
    let sets = ParamSet::sweep(&config);
    let mut g = c.benchmark_group("one year, 2,000 sellers, 100,000 buyers");
    g.sample_size(10);
    for set in sets
        .iter()
        .filter(|s| s.label == "q=0.25" || s.label == "beta10")
    {
        g.bench_function(format!("baseline, {}", set.label), |b| {
            b.iter(|| {
                let mut w = World::new(&config, &set.params, Scenario::Baseline, 1, 0);
                w.run();
                tessera_sim::measures::measure(&w, &set.label).harms
            });
        });
    }
    g.finish();
}

criterion_group!(benches, year);
criterion_main!(benches);
