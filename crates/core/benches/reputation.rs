//! Criterion benchmarks of the score functions (SPEC §3): what a lookup computes per request.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tessera_core::governance::{impact, Received, TrustPreference};
use tessera_core::reputation::{binary_quantile, interval, reputation, seller_score, FlagCounts};
use tessera_core::{CiMethod, Params, ScoreMethod};

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
    // The alternative a vote can choose (issue 15): two inverse incomplete betas per lookup.
    let beta = Params {
        method: ScoreMethod::BetaLowerBound,
        ..Params::default()
    };
    c.bench_function(
        "reputation, beta lower bound (S, R, CIs, T, I, band)",
        |b| {
            b.iter(|| {
                reputation(
                    black_box(FlagCounts { n: 250, zeros: 17 }),
                    black_box(FlagCounts { n: 240, zeros: 3 }),
                    &beta,
                )
            });
        },
    );
    let ratings: Vec<(f64, f64)> = (0..10_000)
        .map(|i| ((i % 7) as f64 / 6.0, (i % 11) as f64 / 10.0))
        .collect();
    c.bench_function("seller_score over 10,000 ratings", |b| {
        b.iter(|| seller_score(black_box(ratings.iter().copied()), 0.05));
    });
}

/// The impact preview of an algorithm proposal (R7.4) at the benchmark dataset's default size
/// (`gen_dataset.py`: 100,000 buyers, 200,000 buyers' ratings of 2,000 sellers): what creating a
/// proposal and opening its vote compute after the store's three reads.
fn impact_preview(c: &mut Criterion) {
    let old = Params::default();
    let new = Params {
        q: 0.05,
        ..Params::default()
    };
    let counts = |i: u64, m: u64| FlagCounts {
        n: 1 + i % 40,
        zeros: (i % m) % (1 + i % 40),
    };
    let buyers: Vec<(FlagCounts, FlagCounts)> = (0..100_000u64)
        .map(|i| (counts(i, 13), counts(i, 7)))
        .collect();
    let received: Vec<Received> = (0..200_000u64)
        .map(|i| Received {
            seller: i64::try_from(i % 2_000).unwrap(),
            x: (i % 5) as f64 / 4.0,
            buyer_safe: counts(i, 13),
            buyer_reliable: counts(i, 7),
        })
        .collect();
    let preferences: Vec<TrustPreference> = (0..2_000u32)
        .map(|i| TrustPreference {
            min_trust: (i % 3 != 0).then(|| f64::from(i % 10) / 10.0),
            unknown_is_below: i % 2 == 0,
        })
        .collect();
    let mut group = c.benchmark_group("impact preview");
    group.sample_size(10);
    group.bench_function(
        "100,000 buyers, 200,000 received ratings, 2,000 sellers",
        |b| {
            b.iter(|| impact(&buyers, &received, &preferences, &old, black_box(&new)));
        },
    );
    // A proposal to switch to the Beta lower bound (issue 15).
    let beta = Params {
        method: ScoreMethod::BetaLowerBound,
        ..Params::default()
    };
    group.bench_function(
        "100,000 buyers, 200,000 received ratings, 2,000 sellers, to the beta lower bound",
        |b| {
            b.iter(|| impact(&buyers, &received, &preferences, &old, black_box(&beta)));
        },
    );
    group.finish();
}

criterion_group!(benches, scores, impact_preview);
criterion_main!(benches);
