//! The two-person actions beside exclusions and emergency changes on both backends (SPEC R7.9):
//! a suspension after a vote, a reputation restore (charter 18.6) and a coop's dissolution, each
//! claimed once when two server processes approve at the same instant (R9.2), never by its
//! requester, with its whole effect in the claim's transaction.

use tessera_core::coop::CoopKind;
use tessera_core::reputation::FlagCounts;
use tessera_core::{AccountType, Day};
use tessera_store::coops::NewCoop;
use tessera_store::sessions::NewSession;

use crate::common::{account, d, each_backend_twice, rating};

const NOW: i64 = 1_800_000_000;

fn today() -> Day {
    Day::from_unix(NOW)
}

#[tokio::test]
async fn r7_9_a_suspension_is_claimed_once_ends_her_sessions_and_counts_in_her_standing() {
    each_backend_twice(|one, two, name| async move {
        let gina = account(&one, "gina", AccountType::Seller).await;
        let hana = account(&one, "hana", AccountType::Seller).await;
        let ida = account(&one, "ida", AccountType::Seller).await;
        let dan = account(&one, "dan", AccountType::Seller).await;
        one.create_session(&NewSession {
            token_hash: &[7; 32],
            handle: "h",
            account_id: dan,
            csrf_token: "c",
            now: NOW,
        })
        .await
        .unwrap();
        let until = today().plus_days(30);
        one.request_approval("s1", "suspension", gina, NOW, "{}", "")
            .await
            .unwrap();
        assert!(
            !one.enact_suspension("s1", gina, NOW, dan, Some(until), "p")
                .await
                .unwrap(),
            "{name}: never the requester"
        );
        let (a, b) = tokio::join!(
            one.enact_suspension("s1", hana, NOW, dan, Some(until), "p"),
            two.enact_suspension("s1", ida, NOW, dan, Some(until), "p"),
        );
        assert_eq!(
            [a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(),
            1,
            "{name}: one claim"
        );
        assert_eq!(two.suspended_until(dan).await.unwrap(), Some(until));
        assert!(one.session(&[7; 32]).await.unwrap().is_none(), "{name}");
        let facts = one.member_facts(dan).await.unwrap().unwrap();
        assert_eq!(facts.suspended_until, Some(until), "{name}");
        // Ended early by a later request: the record goes.
        one.request_approval("s2", "suspension", hana, NOW, "{}", "")
            .await
            .unwrap();
        assert!(two
            .enact_suspension("s2", gina, NOW, dan, None, "p")
            .await
            .unwrap());
        assert_eq!(one.suspended_until(dan).await.unwrap(), None, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r7_9_charter_18_6_a_restore_moves_the_tombstones_ratings_once_and_recounts() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let dora = account(&one, "dora", AccountType::Seller).await;
        let edda = account(&one, "edda", AccountType::Seller).await;
        let old = account(&one, "bert", AccountType::Buyer).await;
        for (s, day, safe) in [
            (ann, "2026-10-01", true),
            (ann, "2026-10-02", true),
            (bea, "2026-10-02", false),
        ] {
            one.save_rating(&rating(s, old, d(day), Some(safe), Some(true)))
                .await
                .unwrap();
        }
        one.delete_account_keeping(old, Some("hash-of-the-code"))
            .await
            .unwrap();
        let tomb = one
            .tombstone_by_restore_code("hash-of-the-code")
            .await
            .unwrap()
            .expect(name);
        assert_eq!((tomb.account, tomb.account_type), (old, AccountType::Buyer));
        assert!(one
            .tombstone_by_restore_code("other")
            .await
            .unwrap()
            .is_none());
        let new = account(&one, "bert2", AccountType::Buyer).await;
        // The new account has a rating of its own, on a day ann also rated the old one: that
        // one stays on the tombstone (one rating per seller, buyer and day).
        one.save_rating(&rating(ann, new, d("2026-10-02"), Some(true), None))
            .await
            .unwrap();
        one.request_approval("r1", "restore", dora, NOW, "{}", "")
            .await
            .unwrap();
        assert_eq!(
            one.enact_restore("r1", dora, NOW, old, new).await.unwrap(),
            None,
            "{name}: never the requester"
        );
        let (a, b) = tokio::join!(
            one.enact_restore("r1", edda, NOW, old, new),
            two.enact_restore("r1", bea, NOW, old, new),
        );
        let done: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
        assert_eq!(done.len(), 1, "{name}: one claim");
        assert_eq!(done[0].ratings, 2, "{name}");
        let rec = one.buyer_record("bert2").await.unwrap().unwrap();
        assert_eq!(rec.interactions, 3, "{name}");
        assert_eq!(rec.sellers, 2, "{name}");
        assert_eq!(rec.safe, FlagCounts { n: 3, zeros: 1 }, "{name}");
        assert!(one.consistency().await.unwrap().drifting_buyers.is_empty());
        assert!(
            one.tombstone_by_restore_code("hash-of-the-code")
                .await
                .unwrap()
                .is_none(),
            "{name}: used up"
        );
    })
    .await;
}

#[tokio::test]
async fn r6_2_r7_9_a_dissolution_is_claimed_once_and_takes_the_coop_with_it() {
    each_backend_twice(|one, two, name| async move {
        let ada = account(&one, "ada", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let cat = account(&one, "cat", AccountType::Seller).await;
        let key = one
            .create_coop(&NewCoop {
                id: "coop1",
                name: "Night shift",
                kind: CoopKind::Regional,
                scope: None,
                anonymous_alerts: true,
                min_member_days: 0,
                creator: ada.as_seller(),
                today: today(),
            })
            .await
            .unwrap();
        one.request_approval("d1", "dissolution", ada, NOW, "{}", "why")
            .await
            .unwrap();
        assert!(!one.enact_dissolution("d1", ada, NOW, key).await.unwrap());
        let (a, b) = tokio::join!(
            one.enact_dissolution("d1", bea, NOW, key),
            two.enact_dissolution("d1", cat, NOW, key),
        );
        assert_eq!(
            [a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(),
            1,
            "{name}: one claim"
        );
        assert!(
            one.coop_view("coop1", ada).await.unwrap().is_none(),
            "{name}"
        );
        assert!(two.coops_of(ada).await.unwrap().is_empty(), "{name}");
        assert!(one.approval("d1").await.unwrap().unwrap().enacted);
    })
    .await;
}

#[tokio::test]
async fn r7_9_r8_3_a_request_names_nothing_once_enacted_and_lapses_after_30_days() {
    each_backend_twice(|one, _two, name| async move {
        let dora = account(&one, "dora", AccountType::Seller).await;
        let edda = account(&one, "edda", AccountType::Seller).await;
        let old = account(&one, "old", AccountType::Buyer).await;
        let new = account(&one, "new", AccountType::Buyer).await;
        one.delete_account_keeping(old, Some("h")).await.unwrap();
        let payload = format!("{{\"from\":{},\"to\":{}}}", old.get(), new.get());
        one.request_approval("r1", "restore", dora, NOW, &payload, "verified")
            .await
            .unwrap();
        one.request_approval("r2", "restore", dora, NOW, &payload, "verified")
            .await
            .unwrap();
        assert!(one
            .enact_restore("r1", edda, NOW, old, new)
            .await
            .unwrap()
            .is_some());
        let done = one.approval("r1").await.unwrap().unwrap();
        assert!(done.enacted && done.payload.is_empty(), "{name}: {done:?}");
        // The other request, never approved, lapses after 30 days with what it named.
        let report = one.purge(NOW + 29 * 86_400, 3_600, 86_400).await.unwrap();
        assert_eq!(report.approvals, 0, "{name}");
        let report = one.purge(NOW + 30 * 86_400, 3_600, 86_400).await.unwrap();
        assert_eq!(report.approvals, 1, "{name}");
        assert!(one.approval("r2").await.unwrap().is_none());
        assert!(
            one.approval("r1").await.unwrap().is_some(),
            "enacted ones stay"
        );
    })
    .await;
}

#[tokio::test]
async fn r2_11_deletion_takes_her_governance_records_with_it() {
    each_backend_twice(|one, _two, name| async move {
        use tessera_core::committee::Committee;
        use tessera_core::governance::StandingRecord;
        let ann = account(&one, "ann", AccountType::Seller).await;
        let gina = account(&one, "gina", AccountType::Seller).await;
        let hana = account(&one, "hana", AccountType::Seller).await;
        one.record_standing(ann, StandingRecord::Waived, today())
            .await
            .unwrap();
        one.request_approval("s1", "suspension", gina, NOW, "{}", "")
            .await
            .unwrap();
        assert!(one
            .enact_suspension("s1", hana, NOW, ann, Some(today().plus_days(9)), "p")
            .await
            .unwrap());
        one.seat_elected(
            Committee::Security,
            ann,
            today(),
            today().plus_days(365),
            "proposal p",
            NOW,
        )
        .await
        .unwrap();
        one.delete_account(ann).await.unwrap();
        for table in ["member_standing", "account_suspensions", "committee_terms"] {
            assert_eq!(one.count_rows(table).await.unwrap(), 0, "{name}: {table}");
        }
    })
    .await;
}
