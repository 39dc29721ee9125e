//! Store-level benchmark: Q_s of a seller with 10,000 received ratings, each weighted by its
//! buyer's current counters (SPEC R3.5): the query plus the weighting, on encrypted SQLite.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use tessera_core::reputation::{reputation, seller_score};
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, Day, Params, Pseudonym};
use tessera_store::import::{BuyerRatingRow, RatingRow, UserRow};
use tessera_store::{Location, MasterKey, Store};

fn setup(rt: &tokio::runtime::Runtime, dir: &std::path::Path) -> (Store, i64) {
    rt.block_on(async {
        let store = Store::open(
            &Location::Sqlite {
                data_dir: dir.to_owned(),
            },
            &MasterKey::generate(),
        )
        .await
        .unwrap();
        let today = Day::parse("2026-11-20").unwrap();
        let users = std::iter::once(("seller0".to_owned(), AccountType::Seller))
            .chain((0..2000).map(|i| (format!("buyer{i}"), AccountType::Buyer)))
            .map(|(p, t)| {
                Ok::<_, String>(UserRow {
                    pseudonym: Pseudonym::parse(&p).unwrap(),
                    account_type: t,
                })
            });
        store.import_users(users, today).await.unwrap();
        let idx = store.account_index().await.unwrap();
        let seller = idx["seller0"].0;
        let ratings = (0..20_000).map(|i| {
            Ok::<_, String>(RatingRow {
                seller_id: seller,
                buyer_id: idx[&format!("buyer{}", i % 2000)].0,
                day: today.plus_days(-(i / 2000) - 1),
                safe: Some(i % 13 != 0),
                reliable: Some(i % 7 != 0),
            })
        });
        store.import_ratings(ratings, today, |_| {}).await.unwrap();
        let received = (0..10_000).map(|i| {
            Ok::<_, String>(BuyerRatingRow {
                buyer_id: idx[&format!("buyer{}", i % 2000)].0,
                seller_id: seller,
                // One rating per buyer, seller and day (the import keeps one of a repeated
                // key): buyer i % 2000 on day i / 2000.
                day: today.plus_days(-(i as i64 / 2000)),
                listing_accuracy: ListingAccuracy::Accurate.as_str(),
                punctuality: Punctuality::OnTime.as_str(),
                professionalism: Professionalism::Adequate.as_str(),
                x: 5.0 / 6.0,
            })
        });
        store.import_buyer_ratings(received, |_| {}).await.unwrap();
        (store, seller)
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, seller) = setup(&rt, dir.path());
    let p = Params::default();
    c.bench_function("Q_s of a seller with 10,000 received ratings", |b| {
        b.to_async(&rt).iter(|| async {
            let rs = store
                .received_ratings(tessera_core::SellerId::new(seller), None)
                .await
                .unwrap();
            assert_eq!(rs.len(), 10_000);
            seller_score(
                rs.iter().map(|r| {
                    (
                        r.x,
                        reputation(r.buyer_safe, r.buyer_reliable, &p).influence,
                    )
                }),
                p.epsilon,
            )
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
