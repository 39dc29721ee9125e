//! Rating codes (SPEC R4.3, R4.4): generation, checks, one winner among concurrent
//! redemptions, and the counters kept exact when two processes rate and redeem (R9.2).

use crate::common::{account, d, each_backend, each_backend_twice, rating};
use tessera_core::code::RatingCode;
use tessera_core::AccountType;
use tessera_store::codes::{CodeCheck, CodeStatus, NewCode};
use tessera_store::{Consistency, StoreError};

use crate::screening::input;

#[tokio::test]
async fn r4_3_r4_4_codes_generate_check_redeem_once() {
    each_backend(|s, name| async move {
        let seller = account(&s, "coder", AccountType::Seller).await;
        let buyer = account(&s, "payer", AccountType::Buyer).await;
        let other = account(&s, "other", AccountType::Buyer).await;
        let now = 1_800_000_000;
        let new = |bound: Option<i64>| NewCode {
            seller_id: seller.as_seller(),
            bound_buyer_id: bound.map(tessera_core::BuyerId::new),
            now,
            today: d("2027-01-15"),
            ttl_secs: 30 * 86_400,
            max_active: 3,
        };
        let (c1, exp) = s.generate_code(&new(None)).await.unwrap();
        assert_eq!(exp, now + 30 * 86_400);
        let (c2, _) = s.generate_code(&new(Some(other.get()))).await.unwrap();
        let (c3, _) = s.generate_code(&new(None)).await.unwrap();
        assert!(
            matches!(
                s.generate_code(&new(None)).await,
                Err(StoreError::TooManyActiveCodes)
            ),
            "{name}"
        );
        assert_eq!(
            s.count_unused_codes(seller.as_seller(), now).await.unwrap(),
            3
        );
        let hist = s.code_history(seller.as_seller(), 0, now).await.unwrap();
        assert_eq!(hist.len(), 3);
        assert_eq!(
            hist.iter()
                .find(|h| h.code == c2.as_string())
                .unwrap()
                .bound_to
                .as_deref(),
            Some("other")
        );
        // Bound to another buyer: not valid for this one.
        assert_eq!(
            s.check_code(seller.as_seller(), c2, buyer.as_buyer(), now)
                .await
                .unwrap(),
            CodeCheck::InvalidOrExpired
        );
        let CodeCheck::Valid { id, generated_on } = s
            .check_code(seller.as_seller(), c1, buyer.as_buyer(), now)
            .await
            .unwrap()
        else {
            panic!("{name}: fresh code not valid");
        };
        assert_eq!(generated_on, d("2027-01-15"));
        // A rating of that day exists before the redemption; it becomes verified.
        s.save_rating(&rating(
            seller,
            buyer,
            d("2027-01-15"),
            Some(true),
            Some(true),
        ))
        .await
        .unwrap();
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
        assert!(
            !s.redeem_code(
                id,
                seller.as_seller(),
                buyer.as_buyer(),
                generated_on,
                now,
                &input()
            )
            .await
            .unwrap(),
            "{name}: twice"
        );
        assert_eq!(
            s.check_code(seller.as_seller(), c1, buyer.as_buyer(), now)
                .await
                .unwrap(),
            CodeCheck::AlreadyUsed
        );
        assert_eq!(
            s.buyer_record("payer").await.unwrap().unwrap().verified,
            1,
            "{name}"
        );
        assert_eq!(
            s.code_history(seller.as_seller(), 0, now)
                .await
                .unwrap()
                .iter()
                .find(|h| h.code == c1.as_string())
                .unwrap()
                .status,
            CodeStatus::Used
        );
        // Expiry and invalidation.
        assert_eq!(
            s.check_code(seller.as_seller(), c3, buyer.as_buyer(), now + 30 * 86_400)
                .await
                .unwrap(),
            CodeCheck::InvalidOrExpired
        );
        assert_eq!(
            s.invalidate_codes(seller.as_seller(), now).await.unwrap(),
            2
        );
        assert_eq!(
            s.check_code(seller.as_seller(), c3, buyer.as_buyer(), now)
                .await
                .unwrap(),
            CodeCheck::InvalidOrExpired
        );
        assert!(
            s.code_history(seller.as_seller(), 0, now)
                .await
                .unwrap()
                .iter()
                .filter(|h| h.status == CodeStatus::Expired)
                .count()
                == 2
        );
        // Another seller's code never matches this seller.
        let seller2 = account(&s, "coder2", AccountType::Seller).await;
        assert_eq!(
            s.check_code(seller2.as_seller(), c1, buyer.as_buyer(), now)
                .await
                .unwrap(),
            CodeCheck::InvalidOrExpired
        );
        let _ = RatingCode::parse("000000");
    })
    .await;
}

#[tokio::test]
async fn r4_4_concurrent_redemptions_one_winner() {
    each_backend(|s, name| async move {
        let seller = account(&s, "racer", AccountType::Seller).await;
        let buyer = account(&s, "runner", AccountType::Buyer).await;
        let now = 1_800_000_000;
        s.generate_code(&NewCode {
            seller_id: seller.as_seller(),
            bound_buyer_id: None,
            now,
            today: d("2027-01-15"),
            ttl_secs: 86_400,
            max_active: 50,
        })
        .await
        .unwrap();
        let id = match s
            .code_history(seller.as_seller(), 0, now)
            .await
            .unwrap()
            .first()
        {
            Some(h) => match s
                .check_code(
                    seller.as_seller(),
                    RatingCode::parse(&h.code).unwrap(),
                    buyer.as_buyer(),
                    now,
                )
                .await
                .unwrap()
            {
                CodeCheck::Valid { id, .. } => id,
                other => panic!("{other:?}"),
            },
            None => panic!("no code"),
        };
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let s = s.clone();
                tokio::spawn(async move {
                    s.redeem_code(
                        id,
                        seller.as_seller(),
                        buyer.as_buyer(),
                        d("2027-01-15"),
                        now,
                        &input(),
                    )
                    .await
                    .unwrap()
                })
            })
            .collect();
        let mut wins = 0;
        for t in tasks {
            wins += t.await.unwrap() as u32;
        }
        assert_eq!(wins, 1, "{name}");
        assert_eq!(
            s.received_ratings(seller.as_seller(), None)
                .await
                .unwrap()
                .len(),
            1,
            "{name}"
        );
    })
    .await;
}

/// Issue 9, R9.2, R3.2, R4.4: two stores on one database (two `tessera serve` processes), with
/// thousands of concurrent ratings (same buyers, same days, re-ratings) and code redemptions
/// racing the ratings they verify. Afterwards every buyer's counters equal a recount of the
/// rating rows, and every redeemed code's rating is verified.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r9_2_r4_4_two_processes_rating_and_redeeming_keep_counters_exact() {
    each_backend_twice(|one, two, name| async move {
        use rand::seq::SliceRandom;
        use rand::{Rng, SeedableRng};
        enum Op {
            Rate(tessera_store::ratings::NewRating),
            Redeem(i64, i64, i64, tessera_core::Day),
        }
        let mut sellers = Vec::new();
        for i in 0..12 {
            sellers.push(account(&one, &format!("racing_seller{i}"), AccountType::Seller).await);
        }
        let mut buyers = Vec::new();
        for i in 0..6 {
            buyers.push(account(&two, &format!("racing_buyer{i}"), AccountType::Buyer).await);
        }
        let days = [d("2027-01-13"), d("2027-01-14"), d("2027-01-15")];
        let now = 1_800_000_000;
        let mut rng = rand::rngs::StdRng::seed_from_u64(9);
        let flags = |rng: &mut rand::rngs::StdRng| match rng.gen_range(0..3) {
            0 => (Some(rng.gen_bool(0.8)), None),
            1 => (None, Some(rng.gen_bool(0.8))),
            _ => (Some(rng.gen_bool(0.8)), Some(rng.gen_bool(0.8))),
        };
        let mut ops = Vec::new();
        // One code per seller and day, redeemed by a buyer while that seller rates that buyer
        // for that day, several times over.
        for &seller in &sellers {
            for &day in &days {
                let (code, _) = one
                    .generate_code(&NewCode {
                        seller_id: seller.as_seller(),
                        bound_buyer_id: None,
                        now,
                        today: day,
                        ttl_secs: 86_400,
                        max_active: 50,
                    })
                    .await
                    .unwrap();
                let buyer = buyers[rng.gen_range(0..buyers.len())];
                let CodeCheck::Valid { id, generated_on } = one
                    .check_code(seller.as_seller(), code, buyer.as_buyer(), now)
                    .await
                    .unwrap()
                else {
                    panic!("a fresh code is valid");
                };
                ops.push(Op::Redeem(
                    id.get(),
                    seller.get(),
                    buyer.get(),
                    generated_on,
                ));
                for _ in 0..4 {
                    let (safe, reliable) = flags(&mut rng);
                    ops.push(Op::Rate(rating(seller, buyer, day, safe, reliable)));
                }
            }
        }
        for _ in 0..3000 {
            let (safe, reliable) = flags(&mut rng);
            ops.push(Op::Rate(rating(
                sellers[rng.gen_range(0..sellers.len())],
                buyers[rng.gen_range(0..buyers.len())],
                days[rng.gen_range(0..days.len())],
                safe,
                reliable,
            )));
        }
        ops.shuffle(&mut rng);
        let stores = [one.clone(), two.clone()];
        let tasks: Vec<_> = ops
            .into_iter()
            .enumerate()
            .map(|(i, op)| {
                let s = stores[i % 2].clone();
                tokio::spawn(async move {
                    match op {
                        Op::Rate(r) => {
                            s.save_rating(&r).await.unwrap();
                        }
                        Op::Redeem(id, seller, buyer, day) => {
                            let won = s
                                .redeem_code(
                                    tessera_core::CodeId::new(id),
                                    tessera_core::SellerId::new(seller),
                                    tessera_core::BuyerId::new(buyer),
                                    day,
                                    now,
                                    &input(),
                                )
                                .await
                                .unwrap();
                            assert!(won, "each code is redeemed once");
                        }
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(
            one.consistency().await.unwrap(),
            Consistency::default(),
            "{name}"
        );
        let mut verified = 0;
        for i in 0..6 {
            let rec = two
                .buyer_record(&format!("racing_buyer{i}"))
                .await
                .unwrap()
                .unwrap();
            verified += rec.verified;
        }
        assert!(verified >= 1, "{name}: redeemed codes verify ratings");
    })
    .await;
}

/// R4.3, R9.2: two processes generating codes for one seller at the same instant never pass
/// the active-code cap together (generation takes the seller's account lock before counting).
/// Ten sellers, sixty attempts each, all at once, half through each store.
#[tokio::test]
async fn r4_3_r9_2_two_processes_generating_codes_keep_the_cap() {
    each_backend_twice(|one, two, name| async move {
        let now = 1_800_000_000;
        let mut sellers = Vec::new();
        for i in 0..10 {
            sellers.push(account(&one, &format!("capped{i}"), AccountType::Seller).await);
        }
        let mut attempts = Vec::new();
        for round in 0..60 {
            for seller in &sellers {
                let store = if round % 2 == 0 {
                    one.clone()
                } else {
                    two.clone()
                };
                let new = NewCode {
                    seller_id: seller.as_seller(),
                    bound_buyer_id: None,
                    now,
                    today: d("2027-01-15"),
                    ttl_secs: 86_400,
                    max_active: 5,
                };
                attempts.push(tokio::spawn(async move {
                    store.generate_code(&new).await.map(|_| ())
                }));
            }
        }
        for a in attempts {
            match a.await.unwrap() {
                Ok(()) | Err(StoreError::TooManyActiveCodes) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
        let mut over = Vec::new();
        for (i, seller) in sellers.iter().enumerate() {
            let n = one
                .count_unused_codes(seller.as_seller(), now)
                .await
                .unwrap();
            if n != 5 {
                over.push((i, n));
            }
        }
        assert!(
            over.is_empty(),
            "{name}: sellers with codes != cap 5: {over:?}"
        );
    })
    .await;
}
