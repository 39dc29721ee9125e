//! Criterion benchmarks of the score functions (SPEC §3): what a lookup computes per request.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tessera_core::reputation::{binary_quantile, interval, reputation, seller_score, FlagCounts};
use tessera_core::{CiMethod, Params};

fn scores(c: &mut Criterion) {
    let p = Params::default();
    c.bench_function("binary_quantile (counters, O(1))", |b| {
        b.iter(|| binary_quantile(black_box(FlagCounts { n: 250, zeros: 17 }), black_box(0.25)));
    });
    c.bench_function("wilson interval", |b| {
        b.iter(|| interval(black_box(0.93), black_box(250), 1.96, CiMethod::Wilson));
    });
    c.bench_function("reputation (S, R, CIs, T, I, band)", |b| {
        b.iter(|| {
            reputation(
                black_box(FlagCounts { n: 250, zeros: 17 }),
                black_box(FlagCounts { n: 240, zeros: 3 }),
                &p,
            )
        });
    });
    let ratings: Vec<(f64, f64)> = (0..10_000)
        .map(|i| ((i % 7) as f64 / 6.0, (i % 11) as f64 / 10.0))
        .collect();
    c.bench_function("seller_score over 10,000 ratings", |b| {
        b.iter(|| seller_score(black_box(ratings.iter().copied()), 0.05));
    });
}

criterion_group!(benches, scores);
criterion_main!(benches);
