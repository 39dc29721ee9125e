//! The conformance suite, bulk half: ratings written concurrently (group commit) and the bulk
//! import merging into existing data, on SQLite and PostgreSQL.

use crate::common::{account, d, each_backend, rating};
use tessera_core::reputation::FlagCounts;
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};
use tessera_core::AccountType;
use tessera_store::codes::{CodeCheck, NewCode, SellerRatingInput};
use tessera_store::import::{BuyerRatingRow, RatingRow};

/// R4.2 under load: 120 ratings written at once, each rating written twice (the second is the
/// same day's update). Every caller gets its own answer; the counters equal the ratings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r4_2_concurrent_ratings_are_each_answered_and_counted_once() {
    each_backend(|s, name| async move {
        let mut sellers = Vec::new();
        for i in 0..6 {
            sellers.push(account(&s, &format!("busy_{i}"), AccountType::Seller).await);
        }
        let buyer = account(&s, "crowded", AccountType::Buyer).await;
        let mut tasks = Vec::new();
        for (i, &seller) in sellers.iter().enumerate() {
            for day in 0..10 {
                let day = d("2026-10-01").plus_days(day);
                // Seller i marks every third day of hers unsafe; odd sellers leave reliable out.
                let safe = Some(!(day.0.day() as usize + i).is_multiple_of(3));
                let reliable = (i % 2 == 0).then_some(true);
                for _ in 0..2 {
                    let s = s.clone();
                    let r = rating(seller, buyer, day, safe, reliable);
                    tasks.push(tokio::spawn(async move { s.save_rating(&r).await }));
                }
            }
        }
        let mut created = 0;
        for t in tasks {
            let saved = t.await.unwrap().unwrap();
            created += saved.created as usize;
        }
        assert_eq!(created, 60, "{name}: one of each pair created the rating");
        let mut safe = FlagCounts { n: 0, zeros: 0 };
        let mut reliable = FlagCounts { n: 0, zeros: 0 };
        for i in 0..6 {
            for day in 0..10 {
                let day = d("2026-10-01").plus_days(day);
                safe.n += 1;
                safe.zeros += (day.0.day() as usize + i).is_multiple_of(3) as u64;
                reliable.n += (i % 2 == 0) as u64;
            }
        }
        let rec = s.buyer_record("crowded").await.unwrap().unwrap();
        assert_eq!(rec.safe, safe, "{name}");
        assert_eq!(rec.reliable, reliable, "{name}");
        assert_eq!((rec.interactions, rec.sellers), (60, 6), "{name}");
    })
    .await;
}

/// A rating that fails (its buyer does not exist) fails alone: the ratings written at the same
/// moment, in the same batch or not, are all stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r4_2_a_failing_rating_does_not_take_others_with_it() {
    each_backend(|s, name| async move {
        let seller = account(&s, "steady", AccountType::Seller).await;
        let buyer = account(&s, "solid", AccountType::Buyer).await;
        let mut tasks = Vec::new();
        for day in 0..40 {
            let target = if day == 17 {
                tessera_core::AccountId::new(987_654_321)
            } else {
                buyer
            };
            let s = s.clone();
            let r = rating(
                seller,
                target,
                d("2026-09-01").plus_days(day),
                Some(true),
                None,
            );
            tasks.push(tokio::spawn(async move { s.save_rating(&r).await }));
        }
        let mut failed = Vec::new();
        for (day, t) in tasks.into_iter().enumerate() {
            if t.await.unwrap().is_err() {
                failed.push(day);
            }
        }
        assert_eq!(failed, vec![17], "{name}");
        let rec = s.buyer_record("solid").await.unwrap().unwrap();
        assert_eq!(rec.safe, FlagCounts { n: 39, zeros: 0 }, "{name}");
    })
    .await;
}

/// R3.2 under load: lookups asked at the same moment are read together (one query or one read
/// transaction per batch) and each gets its own buyer's record: names asked many times, names
/// of nobody and a seller's name (None) mixed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r3_2_concurrent_lookups_each_get_their_own_buyer() {
    each_backend(|s, name| async move {
        let seller = account(&s, "reader_seller", AccountType::Seller).await;
        // Buyer i has i ratings, so every record is told apart by its counts.
        for i in 0..12 {
            let buyer = account(&s, &format!("reader_buyer_{i}"), AccountType::Buyer).await;
            for day in 0..i {
                s.save_rating(&rating(
                    seller,
                    buyer,
                    d("2026-08-01").plus_days(day),
                    Some(true),
                    None,
                ))
                .await
                .unwrap();
            }
        }
        let mut tasks = Vec::new();
        for k in 0..360 {
            let s = s.clone();
            let who = match k % 15 {
                12 => "reader_nobody".to_owned(),
                13 => "reader_seller".to_owned(),
                14 => format!("reader_ghost_{k}"),
                i => format!("reader_buyer_{i}"),
            };
            tasks.push(tokio::spawn(async move {
                let got = s.buyer_record(&who).await;
                (who, got)
            }));
        }
        for t in tasks {
            let (who, got) = t.await.unwrap();
            let got = got.unwrap();
            match who.strip_prefix("reader_buyer_") {
                Some(i) => {
                    let i: u64 = i.parse().unwrap();
                    let rec = got.unwrap_or_else(|| panic!("{name}: {who} not found"));
                    assert_eq!(rec.safe, FlagCounts { n: i, zeros: 0 }, "{name}: {who}");
                    assert_eq!(rec.interactions as u64, i, "{name}: {who}");
                }
                None => assert!(got.is_none(), "{name}: {who} found"),
            }
        }
    })
    .await;
}

/// seller, buyer, day, safe, reliable
type Row<'a> = (i64, i64, &'a str, Option<bool>, Option<bool>);

fn rows(list: &[Row<'_>]) -> Vec<Result<RatingRow, String>> {
    list.iter()
        .map(|&(seller_id, buyer_id, day, safe, reliable)| {
            Ok(RatingRow {
                seller_id,
                buyer_id,
                day: d(day),
                safe,
                reliable,
            })
        })
        .collect()
}

/// R4.10: an import into a database that already holds ratings replaces the same
/// seller/buyer/day (keeping a redeemed code's verification), adds the rest, and leaves every
/// buyer's counters equal to the ratings table. A repeated row in the file: the last one wins.
#[tokio::test]
async fn r4_10_import_merges_with_existing_ratings_and_counters() {
    each_backend(|s, name| async move {
        let schema = s.schema_outline().await.unwrap();
        let (a, b, c) = (
            account(&s, "imp_a", AccountType::Seller).await,
            account(&s, "imp_b", AccountType::Seller).await,
            account(&s, "imp_c", AccountType::Seller).await,
        );
        let buyer = account(&s, "imp_buyer", AccountType::Buyer).await;
        let other = account(&s, "imp_other", AccountType::Buyer).await;
        // Live: a rated him on 10-01; b rated him on 10-02 and he redeemed b's code of that day.
        s.save_rating(&rating(a, buyer, d("2026-10-01"), Some(true), Some(true)))
            .await
            .unwrap();
        s.save_rating(&rating(b, buyer, d("2026-10-02"), Some(true), Some(true)))
            .await
            .unwrap();
        let now = 1_790_000_000;
        let (code, _) = s
            .generate_code(&NewCode {
                seller_id: b.as_seller(),
                bound_buyer_id: None,
                now,
                today: d("2026-10-02"),
                ttl_secs: 86_400,
                max_active: 50,
            })
            .await
            .unwrap();
        let CodeCheck::Valid { id, generated_on } = s
            .check_code(b.as_seller(), code, buyer.as_buyer(), now)
            .await
            .unwrap()
        else {
            panic!("{name}: code not valid");
        };
        let input = SellerRatingInput {
            listing_accuracy: ListingAccuracy::Accurate,
            punctuality: Punctuality::OnTime,
            professionalism: Professionalism::Professional,
            x: 1.0,
        };
        assert!(s
            .redeem_code(
                id,
                b.as_seller(),
                buyer.as_buyer(),
                generated_on,
                now,
                &input
            )
            .await
            .unwrap());

        let file = rows(&[
            (a.get(), buyer.get(), "2026-10-01", Some(false), None),
            (b.get(), buyer.get(), "2026-10-02", Some(false), Some(true)),
            (c.get(), buyer.get(), "2026-10-03", None, Some(false)),
            (c.get(), other.get(), "2026-10-03", Some(true), Some(true)),
            (a.get(), buyer.get(), "2026-10-01", Some(false), Some(false)),
        ]);
        let read = s
            .import_ratings(file.into_iter(), d("2026-11-01"), |_| {})
            .await
            .unwrap();
        assert_eq!(read, 5);
        let rec = s.buyer_record("imp_buyer").await.unwrap().unwrap();
        // a 10-01: safe 0, reliable 0 (the file's last row); b 10-02: safe 0, reliable 1,
        // still verified; c 10-03: reliable 0.
        assert_eq!(rec.safe, FlagCounts { n: 2, zeros: 2 }, "{name}");
        assert_eq!(rec.reliable, FlagCounts { n: 3, zeros: 2 }, "{name}");
        assert_eq!(
            (rec.interactions, rec.sellers, rec.verified),
            (3, 3, 1),
            "{name}"
        );
        let rec = s.buyer_record("imp_other").await.unwrap().unwrap();
        assert_eq!(rec.safe, FlagCounts { n: 1, zeros: 0 }, "{name}");
        assert_eq!((rec.interactions, rec.sellers), (1, 1), "{name}");
        let own = s
            .own_ratings(b.as_seller(), buyer.as_buyer())
            .await
            .unwrap();
        assert!(own[0].verified && own[0].safe == Some(false), "{name}");

        // Buyers' ratings: a repeated buyer/seller/day keeps the file's last row.
        let br = |seller_id, p: Punctuality| {
            Ok::<_, String>(BuyerRatingRow {
                buyer_id: other.get(),
                seller_id,
                day: d("2026-10-05"),
                listing_accuracy: "accurate",
                punctuality: p.as_str(),
                professionalism: "professional",
                x: 1.0,
            })
        };
        let n = s
            .import_buyer_ratings(
                vec![
                    br(a.get(), Punctuality::DidNotShow),
                    br(c.get(), Punctuality::OnTime),
                    br(a.get(), Punctuality::OnTime),
                ]
                .into_iter(),
                |_| {},
            )
            .await
            .unwrap();
        assert_eq!(n, 3);
        let dump = s.dump_all_rows().await.unwrap();
        let kept: Vec<&str> = dump
            .lines()
            .filter(|l| l.starts_with("buyer_ratings: "))
            .collect();
        // The redemption's own rating of b, and the file's two distinct rows.
        assert_eq!(kept.len(), 3, "{name}: {kept:?}");
        assert!(
            kept.iter().all(|row| !row.contains("did_not_show")),
            "{name}"
        );
        // Keys, foreign keys and indexes set aside for the load are all back, unchanged.
        assert_eq!(s.schema_outline().await.unwrap(), schema, "{name}");
    })
    .await;
}

/// R4.10 into a database without ratings (the path a new cooperative takes; on PostgreSQL the
/// rows go straight into the table by COPY): counters, the repeated row, buyers' ratings.
#[tokio::test]
async fn r4_10_import_into_an_empty_table_counts_every_rating() {
    each_backend(|s, name| async move {
        let schema = s.schema_outline().await.unwrap();
        assert!(
            schema.iter().any(|l| l.contains("ratings_buyer"))
                && schema
                    .iter()
                    .any(|l| l.contains("FOREIGN KEY") || l.contains("REFERENCES")),
            "{name}: {schema:?}"
        );
        let (a, b) = (
            account(&s, "first_a", AccountType::Seller).await,
            account(&s, "first_b", AccountType::Seller).await,
        );
        let buyer = account(&s, "first_buyer", AccountType::Buyer).await;
        let file = rows(&[
            (a.get(), buyer.get(), "2024-05-13", Some(true), Some(true)),
            (b.get(), buyer.get(), "2024-05-14", Some(false), None),
            (a.get(), buyer.get(), "2024-05-15", None, Some(false)),
            (a.get(), buyer.get(), "2024-05-13", Some(true), Some(false)),
        ]);
        let read = s
            .import_ratings(file.into_iter(), d("2026-11-01"), |_| {})
            .await
            .unwrap();
        assert_eq!(read, 4);
        let rec = s.buyer_record("first_buyer").await.unwrap().unwrap();
        assert_eq!(rec.safe, FlagCounts { n: 2, zeros: 1 }, "{name}");
        assert_eq!(rec.reliable, FlagCounts { n: 2, zeros: 2 }, "{name}");
        assert_eq!(
            (rec.interactions, rec.sellers, rec.verified),
            (3, 2, 0),
            "{name}"
        );
        let own = s
            .own_ratings(a.as_seller(), buyer.as_buyer())
            .await
            .unwrap();
        assert_eq!(own.len(), 2, "{name}");
        assert_eq!((own[1].safe, own[1].reliable), (Some(true), Some(false)));
        let n = s
            .import_buyer_ratings(
                vec![Ok::<_, String>(BuyerRatingRow {
                    buyer_id: buyer.get(),
                    seller_id: a.get(),
                    day: d("2024-05-13"),
                    listing_accuracy: "minor_deviation",
                    punctuality: "slightly_late",
                    professionalism: "adequate",
                    x: 0.6,
                })]
                .into_iter(),
                |_| {},
            )
            .await
            .unwrap();
        assert_eq!(n, 1);
        let dump = s.dump_all_rows().await.unwrap();
        let row = dump
            .lines()
            .find(|l| l.starts_with("buyer_ratings: "))
            .unwrap_or_default();
        assert!(
            row.contains("minor_deviation") && row.contains("0.6"),
            "{name}: {row}"
        );
        assert_eq!(s.schema_outline().await.unwrap(), schema, "{name}");
    })
    .await;
}
