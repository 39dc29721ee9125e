//! Disputes on both backends (SPEC R7.8, R7.9): a case's parties, its stages moved once by two
//! processes at the same instant (R9.2), the panel's view of the ratings without seller
//! identity, an exclusion claimed once that takes the ratings off the counters in the same
//! transaction, a day that cannot be rated again once excluded, and the context gone with its
//! author's account.

use tessera_core::governance::{DisputeKind, DisputeOutcome, Stage};
use tessera_core::reputation::FlagCounts;
use tessera_core::{AccountId, AccountType};
use tessera_store::governance::disputes::NewDispute;
use tessera_store::Store;

use crate::common::{account, d, each_backend, each_backend_twice, rating};

async fn open_case(s: &Store, id: &str, by: AccountId, buyer: AccountId, context: &str) {
    s.create_dispute(&NewDispute {
        id,
        kind: DisputeKind::Report,
        opened_by: by,
        buyer: Some(buyer.as_buyer()),
        alert: None,
        context: Some(context),
        today: d("2026-11-01"),
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn r7_8_parties_stages_and_the_context_of_a_case() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        let bea = account(&s, "bea", AccountType::Seller).await;
        let cat = account(&s, "cat", AccountType::Seller).await;
        let buyer = account(&s, "Bert", AccountType::Buyer).await;
        s.save_rating(&rating(bea, buyer, d("2026-10-01"), Some(true), Some(true)))
            .await
            .unwrap();
        open_case(&s, "case1", ann, buyer, "he pushed").await;
        let c = s.dispute("case1").await.unwrap().expect(name);
        assert_eq!((c.stage, c.outcome), (Stage::Mediation, None), "{name}");
        assert_eq!(c.stage_since, d("2026-11-01"));
        // The reporter, the buyer and every seller who rated him are parties; cat is not.
        for (who, party) in [(ann, true), (buyer, true), (bea, true), (cat, false)] {
            assert_eq!(
                s.is_dispute_party(c.key, who).await.unwrap(),
                party,
                "{name}: {who:?}"
            );
        }
        assert_eq!(
            s.dispute_context(c.key).await.unwrap().as_deref(),
            Some("he pushed")
        );
        assert_eq!(s.disputes_of(ann).await.unwrap().len(), 1, "{name}");
        assert!(s.disputes_of(cat).await.unwrap().is_empty(), "{name}");
        // Closing straight from mediation is allowed; going back is not, and a stale `from`
        // moves nothing.
        assert!(s
            .advance_dispute(
                c.key,
                Stage::Mediation,
                Stage::Arbitration,
                None,
                &[cat],
                d("2026-11-05")
            )
            .await
            .unwrap());
        assert!(!s
            .advance_dispute(
                c.key,
                Stage::Mediation,
                Stage::Closed,
                None,
                &[],
                d("2026-11-06")
            )
            .await
            .unwrap());
        let c = s.dispute("case1").await.unwrap().unwrap();
        assert_eq!(
            (c.stage, c.stage_since),
            (Stage::Arbitration, d("2026-11-05"))
        );
        assert_eq!(s.dispute_panel(c.key).await.unwrap().len(), 1, "{name}");
        // The petition: one signature per member.
        assert_eq!(s.sign_dispute_petition(c.key, cat).await.unwrap(), Some(1));
        assert_eq!(s.sign_dispute_petition(c.key, cat).await.unwrap(), None);
        assert_eq!(s.dispute_signatures(c.key).await.unwrap(), 1);
        // The reporter's account deleted: her context goes with it (R2.11).
        s.delete_account(ann).await.unwrap();
        assert_eq!(s.dispute_context(c.key).await.unwrap(), None, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r7_8_r9_2_two_processes_advance_a_case_once() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let buyer = account(&one, "Bert", AccountType::Buyer).await;
        open_case(&one, "case2", ann, buyer, "x").await;
        let key = one.dispute("case2").await.unwrap().unwrap().key;
        let panel = [ann];
        let (x, y) = tokio::join!(
            one.advance_dispute(
                key,
                Stage::Mediation,
                Stage::Closed,
                Some(DisputeOutcome::NoChange),
                &[],
                d("2026-11-02")
            ),
            two.advance_dispute(
                key,
                Stage::Mediation,
                Stage::Arbitration,
                None,
                &panel,
                d("2026-11-02")
            )
        );
        assert_eq!(
            [x.unwrap(), y.unwrap()].iter().filter(|b| **b).count(),
            1,
            "{name}: moved once"
        );
        let c = one.dispute("case2").await.unwrap().unwrap();
        // The panel is written only with the move that took effect.
        let panel = one.dispute_panel(key).await.unwrap().len();
        match c.stage {
            Stage::Closed => assert_eq!((c.outcome, panel), (Some(DisputeOutcome::NoChange), 0)),
            Stage::Arbitration => assert_eq!((c.outcome, panel), (None, 1)),
            other => panic!("{name}: {other:?}"),
        }
    })
    .await;
}

/// R7.8, R7.9, R9.2: the panel names ratings by ids that do not show the seller; a second
/// member's approval, claimed by one of two processes at the same instant, takes exactly those
/// ratings off the buyer's counters, and the excluded day cannot be rated again.
#[tokio::test]
async fn r7_8_r7_9_r9_2_an_exclusion_is_enacted_once_and_counters_follow() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let cat = account(&one, "cat", AccountType::Seller).await;
        let dan = account(&one, "dan", AccountType::Seller).await;
        let buyer = account(&one, "Bert", AccountType::Buyer).await;
        one.save_rating(&rating(
            ann,
            buyer,
            d("2026-10-01"),
            Some(false),
            Some(false),
        ))
        .await
        .unwrap();
        one.save_rating(&rating(ann, buyer, d("2026-10-02"), Some(true), Some(true)))
            .await
            .unwrap();
        one.save_rating(&rating(bea, buyer, d("2026-10-03"), Some(true), None))
            .await
            .unwrap();
        open_case(&one, "case3", buyer, buyer, "appeal").await;
        let c = one.dispute("case3").await.unwrap().unwrap();
        let seen = one.panel_ratings("case3", buyer.as_buyer()).await.unwrap();
        assert_eq!(seen.len(), 3, "{name}");
        assert_eq!(seen[0].day, d("2026-10-03"), "{name}: newest first");
        // Ids are for this case only: another case names the same ratings differently.
        let other = one.panel_ratings("case9", buyer.as_buyer()).await.unwrap();
        assert!(seen.iter().all(|r| other.iter().all(|o| o.id != r.id)));
        // A keyed hash, 24 hex digits: nothing of the seller's account in it.
        assert!(seen
            .iter()
            .all(|r| r.id.len() == 24 && r.id.bytes().all(|b| b.is_ascii_hexdigit())));
        // Exclude ann's unsafe rating of 2026-10-01.
        let target: Vec<String> = seen
            .iter()
            .filter(|r| r.day == d("2026-10-01"))
            .map(|r| r.id.clone())
            .collect();
        assert!(one
            .counted_ratings_named("case3", buyer.as_buyer(), &target)
            .await
            .unwrap());
        assert!(!one
            .counted_ratings_named("case3", buyer.as_buyer(), &["nope".to_owned()])
            .await
            .unwrap());
        one.request_approval("x1", "exclusion", cat, 10, "{}", "")
            .await
            .unwrap();
        assert_eq!(
            one.enact_exclusion(
                "x1",
                cat,
                11,
                &c,
                buyer.as_buyer(),
                &target,
                d("2026-11-02")
            )
            .await
            .unwrap(),
            None,
            "{name}: never the requester"
        );
        let (x, y) = tokio::join!(
            one.enact_exclusion(
                "x1",
                dan,
                12,
                &c,
                buyer.as_buyer(),
                &target,
                d("2026-11-02")
            ),
            two.enact_exclusion(
                "x1",
                bea,
                12,
                &c,
                buyer.as_buyer(),
                &target,
                d("2026-11-02")
            )
        );
        let done: Vec<u64> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
        assert_eq!(done, vec![1], "{name}: one claim, one rating");
        assert_eq!(one.excluded_by(c.key).await.unwrap(), 1);
        let rec = one.buyer_record("bert").await.unwrap().unwrap();
        assert_eq!(rec.safe, FlagCounts { n: 2, zeros: 0 }, "{name}");
        assert_eq!(rec.reliable, FlagCounts { n: 1, zeros: 0 }, "{name}");
        // Ann still rated him on another day: both sellers still count.
        assert_eq!((rec.interactions, rec.sellers), (2, 2), "{name}");
        assert_eq!(
            one.panel_ratings("case3", buyer.as_buyer())
                .await
                .unwrap()
                .len(),
            2
        );
        // The excluded day cannot be rated again; other days can.
        let again = one
            .save_rating(&rating(ann, buyer, d("2026-10-01"), Some(false), None))
            .await
            .unwrap();
        assert!(again.excluded && !again.created, "{name}");
        let rec = one.buyer_record("bert").await.unwrap().unwrap();
        assert_eq!(rec.safe, FlagCounts { n: 2, zeros: 0 }, "{name}: unchanged");
        // Excluding bea's only rating removes her from his sellers.
        let bea_id: Vec<String> = one
            .panel_ratings("case3", buyer.as_buyer())
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.day == d("2026-10-03"))
            .map(|r| r.id)
            .collect();
        one.request_approval("x2", "exclusion", cat, 20, "{}", "")
            .await
            .unwrap();
        assert_eq!(
            two.enact_exclusion(
                "x2",
                dan,
                21,
                &c,
                buyer.as_buyer(),
                &bea_id,
                d("2026-11-03")
            )
            .await
            .unwrap(),
            Some(1)
        );
        let rec = one.buyer_record("bert").await.unwrap().unwrap();
        assert_eq!((rec.interactions, rec.sellers), (1, 1), "{name}");
        assert_eq!(rec.safe, FlagCounts { n: 1, zeros: 0 }, "{name}");
        // Bea remains a party: an exclusion does not make her a stranger to the case.
        assert!(one.is_dispute_party(c.key, bea).await.unwrap());
    })
    .await;
}
