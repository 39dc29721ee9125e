//! The conformance suite, screening half: ratings and counters, codes, received ratings,
//! snapshots, parameter versions, profile slugs, on SQLite and PostgreSQL.

use crate::common::{account, d, each_backend, rating};
use tessera_core::code::RatingCode;
use tessera_core::reputation::FlagCounts;
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, Params};
use tessera_store::codes::{CodeCheck, NewCode, SellerRatingInput};
use tessera_store::received::{Release, Snapshot};

pub(crate) fn input() -> SellerRatingInput {
    SellerRatingInput {
        listing_accuracy: ListingAccuracy::Accurate,
        punctuality: Punctuality::OnTime,
        professionalism: Professionalism::Adequate,
        x: 5.0 / 6.0,
    }
}

#[tokio::test]
async fn r3_1_r3_2_r4_2_ratings_keep_counters_in_step() {
    each_backend(|s, name| async move {
        let (a, b) = (
            account(&s, "sel_a", AccountType::Seller).await,
            account(&s, "sel_b", AccountType::Seller).await,
        );
        let buyer = account(&s, "Counted", AccountType::Buyer).await;
        let r = s
            .save_rating(&rating(a, buyer, d("2026-11-01"), Some(true), Some(true)))
            .await
            .unwrap();
        assert!(r.created && !r.verified);
        s.save_rating(&rating(a, buyer, d("2026-11-02"), Some(false), None))
            .await
            .unwrap();
        s.save_rating(&rating(b, buyer, d("2026-11-02"), None, Some(false)))
            .await
            .unwrap();
        // Same seller, buyer and day: an update, counted once.
        let r = s
            .save_rating(&rating(a, buyer, d("2026-11-02"), Some(true), Some(false)))
            .await
            .unwrap();
        assert!(!r.created);
        let rec = s.buyer_record("counted").await.unwrap().expect(name);
        assert_eq!(rec.display_name, "Counted");
        assert_eq!(rec.created_on, d("2026-01-15"));
        assert_eq!(rec.safe, FlagCounts { n: 2, zeros: 0 }, "{name}");
        assert_eq!(rec.reliable, FlagCounts { n: 3, zeros: 2 }, "{name}");
        assert_eq!(
            (rec.interactions, rec.sellers, rec.verified),
            (3, 2, 0),
            "{name}"
        );
        // Sellers and unknown names are not buyers.
        assert!(s.buyer_record("sel_a").await.unwrap().is_none());
        assert!(s.buyer_record("nobody").await.unwrap().is_none());
        let own = s
            .own_ratings(a.as_seller(), buyer.as_buyer())
            .await
            .unwrap();
        assert_eq!(own.len(), 2);
        assert_eq!(
            (own[0].day, own[0].safe, own[0].reliable),
            (d("2026-11-02"), Some(true), Some(false))
        );
    })
    .await;
}

#[tokio::test]
async fn r3_2_a_lookup_is_one_indexed_read_on_sqlite() {
    // The plan shows index searches only: the cost does not grow with the number of ratings.
    let b = crate::common::sqlite().await;
    let plan = b.store.explain_buyer_record().await.unwrap();
    assert!(plan.iter().all(|l| !l.contains("SCAN")), "{plan:?}");
    assert!(
        plan.iter()
            .any(|l| l.contains("USING COVERING INDEX accounts_lookup")),
        "the account comes from the lookup index alone (issue 4): {plan:?}"
    );
    assert!(
        plan.iter()
            .any(|l| l.starts_with("SEARCH s USING INTEGER PRIMARY KEY")),
        "{plan:?}"
    );
    assert!(
        plan.iter()
            .all(|l| !l.contains("ratings ") || l.contains("buyer_stats")),
        "never touches ratings: {plan:?}"
    );
    // R6.4, issue 12 §4: whether he has live alerts is one probe of a covering index.
    assert!(
        plan.iter()
            .any(|l| l.contains("USING COVERING INDEX alerts_buyer")),
        "{plan:?}"
    );
}

#[tokio::test]
async fn r3_5_r4_8_received_ratings_releases_and_snapshots() {
    each_backend(|s, name| async move {
        let seller = account(&s, "receiver", AccountType::Seller).await;
        let rater = account(&s, "rater", AccountType::Seller).await;
        let buyer = account(&s, "giver", AccountType::Buyer).await;
        s.save_rating(&rating(
            rater,
            buyer,
            d("2026-10-01"),
            Some(true),
            Some(false),
        ))
        .await
        .unwrap();
        let now = 1_800_000_000;
        for i in 0..2 {
            s.generate_code(&NewCode {
                seller_id: seller.as_seller(),
                bound_buyer_id: None,
                now: now + i,
                today: d("2026-10-02"),
                ttl_secs: 86_400,
                max_active: 50,
            })
            .await
            .unwrap();
        }
        let codes = s
            .code_history(seller.as_seller(), 0, now + 5)
            .await
            .unwrap();
        for c in &codes {
            if let CodeCheck::Valid { id, generated_on } = s
                .check_code(
                    seller.as_seller(),
                    RatingCode::parse(&c.code).unwrap(),
                    buyer.as_buyer(),
                    now,
                )
                .await
                .unwrap()
            {
                assert!(s
                    .redeem_code(
                        id,
                        seller.as_seller(),
                        buyer.as_buyer(),
                        generated_on,
                        now,
                        &input()
                    )
                    .await
                    .unwrap());
            }
        }
        let all = s.received_ratings(seller.as_seller(), None).await.unwrap();
        assert_eq!(all.len(), 2, "{name}");
        assert_eq!(all[0].buyer_safe, FlagCounts { n: 1, zeros: 0 });
        assert_eq!(
            all[0].buyer_reliable,
            FlagCounts { n: 1, zeros: 1 },
            "the buyer's current counters"
        );
        assert_eq!(all[0].listing_accuracy, "accurate");
        assert!((all[0].x - 5.0 / 6.0).abs() < 1e-9);
        // R7.4: what an impact preview reads: every buyer's counters, every received rating
        // with its buyer's counters, every seller's trust preference.
        let inputs = s.impact_inputs().await.unwrap();
        assert_eq!(
            inputs.buyers,
            vec![(FlagCounts { n: 1, zeros: 0 }, FlagCounts { n: 1, zeros: 1 })],
            "{name}"
        );
        assert_eq!(inputs.received.len(), 2, "{name}");
        assert!(inputs
            .received
            .iter()
            .all(|r| r.seller == seller.get() && r.buyer_reliable.zeros == 1));
        assert_eq!(inputs.preferences.len(), 2, "{name}: the two sellers");
        let (n, max_id, oldest) = s.unreleased(seller.as_seller(), 0).await.unwrap();
        assert_eq!(
            (n, max_id, oldest),
            (2, Some(all[1].id), Some(d("2026-10-02")))
        );
        assert_eq!(
            s.received_ratings(seller.as_seller(), Some(all[0].id))
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(s.seller_release(seller.as_seller()).await.unwrap(), None);
        let rel = Release {
            through_id: all[0].id,
            released_on: d("2026-10-05"),
        };
        s.set_seller_release(seller.as_seller(), rel).await.unwrap();
        assert_eq!(
            s.seller_release(seller.as_seller()).await.unwrap(),
            Some(rel)
        );
        assert_eq!(
            s.unreleased(seller.as_seller(), all[0].id).await.unwrap().0,
            1
        );

        // Windows by recorded day, and the buyer's snapshot.
        s.save_rating(&rating(
            seller,
            buyer,
            d("2026-10-03"),
            Some(false),
            Some(true),
        ))
        .await
        .unwrap();
        let w = s
            .rating_window(buyer.as_buyer(), None, d("2026-10-02"))
            .await
            .unwrap();
        assert_eq!((w.ratings, w.sellers), (1, 1), "{name}");
        let w = s
            .rating_window(buyer.as_buyer(), Some(d("2026-10-01")), d("2026-10-03"))
            .await
            .unwrap();
        assert_eq!(
            (w.ratings, w.sellers, w.safe, w.reliable),
            (
                1,
                1,
                FlagCounts { n: 1, zeros: 1 },
                FlagCounts { n: 1, zeros: 0 }
            )
        );
        assert_eq!(s.buyer_snapshot(buyer.as_buyer()).await.unwrap(), None);
        let snap = Snapshot {
            cutoff: d("2026-10-03"),
            safe: FlagCounts { n: 2, zeros: 1 },
            reliable: FlagCounts { n: 2, zeros: 1 },
            as_of: d("2026-10-10"),
        };
        s.save_buyer_snapshot(buyer.as_buyer(), &snap)
            .await
            .unwrap();
        assert_eq!(
            s.buyer_snapshot(buyer.as_buyer()).await.unwrap(),
            Some(snap),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn r7_4_parameter_versions() {
    each_backend(|s, name| async move {
        let v1 = s.current_params().await.unwrap();
        assert_eq!(v1.version, 1);
        assert_eq!(v1.params, Params::default());
        assert_eq!(v1.source, "charter baseline");
        s.ensure_baseline_params(d("2030-01-01")).await.unwrap();
        assert_eq!(
            s.param_history().await.unwrap().len(),
            1,
            "{name}: baseline written once"
        );
        let p2 = Params {
            q: 0.10,
            ..Params::default()
        };
        assert_eq!(
            s.enact_params(&p2, d("2026-12-01"), "proposal 7")
                .await
                .unwrap(),
            2
        );
        let cur = s.current_params().await.unwrap();
        assert_eq!(
            (cur.version, cur.params.q, cur.source.as_str()),
            (2, 0.10, "proposal 7")
        );
        assert!(s
            .enact_params(
                &Params {
                    q: 2.0,
                    ..Params::default()
                },
                d("2026-12-02"),
                "bad"
            )
            .await
            .is_err());
        assert_eq!(s.param_history().await.unwrap().len(), 2, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r4_9_r2_11_profile_slug_and_deletion_of_screening_data() {
    each_backend(|s, name| async move {
        let seller = account(&s, "Slugged", AccountType::Seller).await;
        let buyer = account(&s, "bbb", AccountType::Buyer).await;
        s.set_profile_slug(seller, "abcdefghijklmnopqrstuvwxyz")
            .await
            .unwrap();
        s.set_profile_slug(seller, "another-slug-is-ignored")
            .await
            .unwrap();
        assert_eq!(
            s.account_by_profile_slug("abcdefghijklmnopqrstuvwxyz")
                .await
                .unwrap()
                .unwrap()
                .id,
            seller
        );
        assert!(s
            .account_by_profile_slug("another-slug-is-ignored")
            .await
            .unwrap()
            .is_none());
        s.generate_code(&NewCode {
            seller_id: seller.as_seller(),
            bound_buyer_id: None,
            now: 1,
            today: d("2026-01-01"),
            ttl_secs: 100,
            max_active: 5,
        })
        .await
        .unwrap();
        s.save_rating(&rating(seller, buyer, d("2026-01-01"), Some(true), None))
            .await
            .unwrap();
        s.delete_account(seller).await.unwrap();
        assert!(
            s.account_by_profile_slug("abcdefghijklmnopqrstuvwxyz")
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
        assert!(
            s.code_history(seller.as_seller(), 0, 2)
                .await
                .unwrap()
                .is_empty(),
            "codes go with the account"
        );
        // The rating stays, attached to the tombstone (pattern data).
        assert_eq!(
            s.buyer_record("bbb").await.unwrap().unwrap().interactions,
            1
        );
        let dump = s.dump_all_rows().await.unwrap().to_lowercase();
        assert!(!dump.contains("slugged"), "{name}");
        // Purge: codes 90 days after the day of their expiry (an ended code keeps only its
        // days, R8.1: this one expired at 101 s, on the day that starts at 0).
        let other = account(&s, "purger", AccountType::Seller).await;
        s.generate_code(&NewCode {
            seller_id: other.as_seller(),
            bound_buyer_id: None,
            now: 1,
            today: d("2026-01-01"),
            ttl_secs: 100,
            max_active: 5,
        })
        .await
        .unwrap();
        assert_eq!(
            s.purge(90 * 86_400 - 1, 1800, 43_200).await.unwrap().codes,
            0
        );
        assert_eq!(
            s.purge(90 * 86_400, 1800, 43_200).await.unwrap().codes,
            1,
            "{name}"
        );
    })
    .await;
}

/// The store's close ends the rating writer thread after what was queued and waits for it to
/// let go of the database (a command exits only after that); a write after the close answers
/// `Stopped` instead of reaching a closed database.
#[tokio::test]
async fn r9_4_close_waits_for_the_rating_writer_and_later_writes_are_refused() {
    each_backend(|s, name| async move {
        let seller = account(&s, "closer", AccountType::Seller).await;
        let buyer = account(&s, "closed_b", AccountType::Buyer).await;
        let writes: Vec<_> = (1..=20)
            .map(|i| {
                let s = s.clone();
                let day = d("2026-10-01").plus_days(i);
                tokio::spawn(async move {
                    s.save_rating(&rating(seller, buyer, day, Some(true), None))
                        .await
                })
            })
            .collect();
        for w in writes {
            w.await.unwrap().unwrap();
        }
        s.close().await;
        let after = s
            .save_rating(&rating(seller, buyer, d("2026-11-01"), Some(true), None))
            .await;
        assert!(
            matches!(after, Err(tessera_store::StoreError::Stopped)),
            "{name}: {after:?}"
        );
        // A second close returns at once.
        s.close().await;
    })
    .await;
}
