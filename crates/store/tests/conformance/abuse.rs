//! Abuse detection (SPEC R9.7): each rule over the injected time, with two stores (two server
//! processes, R9.2) counting at the same instant, on both backends. Flags are raised once,
//! only above their governed thresholds (R7.4), removed with an account they name (R2.11) and
//! purged after 90 days (R8.3).

use tessera_core::screening::abuse::{AbuseParams, Rule};
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountId, AccountType, Day, Pseudonym};
use tessera_store::accounts::NewAccount;
use tessera_store::codes::{CodeCheck, NewCode, SellerRatingInput};
use tessera_store::Store;

use crate::common::{each_backend_twice, rating};
use crate::screening::input;

/// Mid-day, so a day boundary is never crossed by accident.
const NOW: i64 = 1_800_012_345;

async fn account_on(s: &Store, name: &str, t: AccountType, created_on: Day) -> AccountId {
    s.create_account(&NewAccount {
        pseudonym: &Pseudonym::parse(name).unwrap(),
        account_type: t,
        password_hash: "h".into(),
        recovery_email_hash: None,
        created_on,
        language: None,
    })
    .await
    .unwrap()
}

fn low() -> SellerRatingInput {
    SellerRatingInput {
        listing_accuracy: ListingAccuracy::SignificantDeviation,
        punctuality: Punctuality::VeryLate,
        professionalism: Professionalism::Unprofessional,
        x: 0.0,
    }
}

fn code(seller: AccountId, now: i64, ttl: i64) -> NewCode {
    NewCode {
        seller_id: seller.as_seller(),
        bound_buyer_id: None,
        now,
        today: Day::from_unix(now),
        ttl_secs: ttl,
        max_active: 1000,
    }
}

/// The buyer redeems a new code of the seller at `now` with `r`.
async fn redeem(s: &Store, seller: AccountId, buyer: AccountId, now: i64, r: &SellerRatingInput) {
    let (c, _) = s
        .generate_code(&code(seller, now - 60, 86_400))
        .await
        .unwrap();
    let CodeCheck::Valid { id, generated_on } = s
        .check_code(seller.as_seller(), c, buyer.as_buyer(), now)
        .await
        .unwrap()
    else {
        panic!("fresh code not valid");
    };
    assert!(s
        .redeem_code(
            id,
            seller.as_seller(),
            buyer.as_buyer(),
            generated_on,
            now,
            r
        )
        .await
        .unwrap());
}

fn count(flags: &[tessera_store::abuse::Flag], rule: Rule) -> usize {
    flags.iter().filter(|f| f.rule == rule).count()
}

#[tokio::test]
async fn r9_7_r9_2_each_rule_raises_its_flag_once_above_its_governed_threshold() {
    each_backend_twice(|one, two, name| async move {
        let today = Day::from_unix(NOW);
        let s = &one;
        // Brigading: three low ratings of one seller today from buyers 3 days old.
        let target = account_on(s, "brigaded", AccountType::Seller, today.plus_days(-400)).await;
        for i in 0..3 {
            let b = account_on(
                s,
                &format!("brigade{i}"),
                AccountType::Buyer,
                today.plus_days(-3),
            )
            .await;
            redeem(s, target, b, NOW - 100 - i, &low()).await;
        }
        // Controls: two such ratings of another seller; three from old accounts of a third.
        let two_only = account_on(s, "twolow", AccountType::Seller, today.plus_days(-400)).await;
        for i in 0..2 {
            let b = account_on(
                s,
                &format!("pair{i}"),
                AccountType::Buyer,
                today.plus_days(-3),
            )
            .await;
            redeem(s, two_only, b, NOW - 200, &low()).await;
        }
        let old_target =
            account_on(s, "oldcritics", AccountType::Seller, today.plus_days(-400)).await;
        for i in 0..3 {
            let b = account_on(
                s,
                &format!("elder{i}"),
                AccountType::Buyer,
                today.plus_days(-60),
            )
            .await;
            redeem(s, old_target, b, NOW - 300, &low()).await;
        }
        // Unused codes: 21 expired unused (flag), 20 (no flag: "more than 20").
        let hoarder = account_on(s, "hoarder", AccountType::Seller, today.plus_days(-400)).await;
        let twenty = account_on(s, "twenty", AccountType::Seller, today.plus_days(-400)).await;
        for i in 0..21 {
            s.generate_code(&code(hoarder, NOW - 5_000 + i, 60))
                .await
                .unwrap();
        }
        for i in 0..20 {
            s.generate_code(&code(twenty, NOW - 5_000 + i, 60))
                .await
                .unwrap();
        }
        // Repeat codes: one (old) buyer rates one seller with three codes.
        let repeated = account_on(s, "repeated", AccountType::Seller, today.plus_days(-400)).await;
        let regular = account_on(s, "regular", AccountType::Buyer, today.plus_days(-400)).await;
        for i in 0..3 {
            redeem(s, repeated, regular, NOW - 400 - i, &input()).await;
        }
        // Unverified unsafe flags on three days within a week, no verified interaction ...
        let flagger = account_on(s, "flagger", AccountType::Seller, today.plus_days(-400)).await;
        let flagged = account_on(s, "flagged", AccountType::Buyer, today.plus_days(-400)).await;
        for back in [1, 3, 5] {
            s.save_rating(&rating(
                flagger,
                flagged,
                today.plus_days(-back),
                Some(false),
                None,
            ))
            .await
            .unwrap();
        }
        // ... and the same with a verified interaction between them: no flag.
        let met = account_on(s, "met", AccountType::Seller, today.plus_days(-400)).await;
        let metb = account_on(s, "metbuyer", AccountType::Buyer, today.plus_days(-400)).await;
        for back in [1, 2, 3] {
            s.save_rating(&rating(
                met,
                metb,
                today.plus_days(-back),
                Some(false),
                None,
            ))
            .await
            .unwrap();
        }
        s.save_rating(&rating(met, metb, today, Some(true), None))
            .await
            .unwrap();
        redeem(s, met, metb, NOW - 500, &input()).await;
        // Failed code attempts: six in the last hour (threshold 5 below), ten older.
        for i in 0..6 {
            s.record_event("code_failure", &[i], NOW - 100)
                .await
                .unwrap();
        }
        for i in 0..10 {
            s.record_event("code_failure", &[i], NOW - 7_200)
                .await
                .unwrap();
        }

        let governed = AbuseParams {
            code_failures_per_hour: 5,
            ..AbuseParams::default()
        };
        // Higher thresholds (a different governed set): nothing is raised.
        let strict = AbuseParams {
            brigading_ratings: 4,
            unused_codes: 21,
            repeat_codes: 4,
            unverified_unsafe: 4,
            code_failures_per_hour: 6,
            ..AbuseParams::default()
        };
        let none: u64 = one
            .raise_abuse_flags(&strict, NOW)
            .await
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(none, 0, "{name}");

        // Two processes count at the same instant: each flag once.
        let (a, b) = tokio::join!(
            one.raise_abuse_flags(&governed, NOW),
            two.raise_abuse_flags(&governed, NOW)
        );
        let raised: u64 = a
            .unwrap()
            .iter()
            .chain(b.unwrap().iter())
            .map(|(_, n)| n)
            .sum();
        assert_eq!(raised, 5, "{name}");
        let flags = one.abuse_flags(100).await.unwrap();
        for rule in Rule::ALL {
            assert_eq!(count(&flags, *rule), 1, "{name}: {rule}: {flags:?}");
        }
        let by = |r: Rule| flags.iter().find(|f| f.rule == r).unwrap().clone();
        let f = by(Rule::Brigading);
        assert_eq!(
            (
                f.seller.as_deref(),
                f.buyer.as_deref(),
                f.count,
                f.threshold
            ),
            (Some("brigaded"), None, 3, 3),
            "{name}"
        );
        let f = by(Rule::UnusedCodes);
        assert_eq!(
            (f.seller.as_deref(), f.count, f.threshold),
            (Some("hoarder"), 21, 20),
            "{name}"
        );
        let f = by(Rule::RepeatCodes);
        assert_eq!(
            (f.seller.as_deref(), f.buyer.as_deref(), f.count),
            (Some("repeated"), Some("regular"), 3),
            "{name}"
        );
        let f = by(Rule::UnverifiedUnsafe);
        assert_eq!(
            (f.seller.as_deref(), f.buyer.as_deref(), f.count),
            (Some("flagger"), Some("flagged"), 3),
            "{name}"
        );
        let f = by(Rule::CodeFailures);
        assert_eq!(
            (f.seller.clone(), f.buyer.clone(), f.count, f.threshold),
            (None, None, 6, 5),
            "{name}"
        );

        // A later round (the job every ten minutes, or after a restart) raises nothing new.
        let again: u64 = two
            .raise_abuse_flags(&governed, NOW + 600)
            .await
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(again, 0, "{name}");

        // R2.11: a deleted account's flags go with it, and no later round raises them again
        // from the ratings its tombstone keeps (the seller of brigading, the buyer of
        // unverified unsafe flags).
        one.delete_account(target).await.unwrap();
        one.delete_account(flagged).await.unwrap();
        let flags = one.abuse_flags(100).await.unwrap();
        assert_eq!(count(&flags, Rule::Brigading), 0, "{name}");
        assert_eq!(count(&flags, Rule::UnverifiedUnsafe), 0, "{name}");
        assert_eq!(flags.len(), 3, "{name}");
        let after: u64 = one
            .raise_abuse_flags(&governed, NOW + 1_200)
            .await
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(after, 0, "{name}: a deleted account's flags came back");
        // R8.3: flags are purged 90 days after they were raised.
        one.purge(NOW + 89 * 86_400, 1_800, 43_200).await.unwrap();
        assert_eq!(one.abuse_flags(100).await.unwrap().len(), 3, "{name}");
        let r = one.purge(NOW + 92 * 86_400, 1_800, 43_200).await.unwrap();
        assert_eq!(r.abuse_flags, 3, "{name}");
        assert!(one.abuse_flags(100).await.unwrap().is_empty(), "{name}");
    })
    .await;
}
