//! Safety alerts and disputes (SPEC R6.4, R6.5) on both backends: who sees what, the lookup's
//! probe, disputes (one per member) and the queues, decisions as one conditional statement (of
//! two moderators in two processes, one decides), posting bans, outcomes, the purge with the
//! shredding of the texts' day keys (R8.3, issue 12 §3), and account deletion (R2.11).

use tessera_core::alert::{AlertFlags, AlertOutcome, AlertState, DisputeReason};
use tessera_core::coop::{CoopKind, MemberState};
use tessera_core::{AccountType, BuyerId, Day, SellerId};
use tessera_store::alerts::{expires_at, NewAlert, Queue};
use tessera_store::coops::{CoopKey, NewCoop};
use tessera_store::Store;

use crate::common::{account, each_backend, each_backend_twice};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn today() -> Day {
    Day::from_unix(NOW)
}

async fn seller(s: &Store, name: &str) -> SellerId {
    account(s, name, AccountType::Seller).await.as_seller()
}

async fn buyer(s: &Store, name: &str) -> BuyerId {
    account(s, name, AccountType::Buyer).await.as_buyer()
}

async fn coop(s: &Store, id: &str, creator: SellerId, members: &[SellerId]) -> CoopKey {
    let key = s
        .create_coop(&NewCoop {
            id,
            name: "Night shift",
            kind: CoopKind::Regional,
            scope: None,
            anonymous_alerts: true,
            min_member_days: 0,
            creator,
            today: today(),
        })
        .await
        .unwrap();
    for m in members {
        s.invite_to_coop(key, *m, true, today()).await.unwrap();
        s.coop_transition(
            key,
            (*m).into(),
            &[MemberState::Invited],
            MemberState::Member,
            false,
            today(),
        )
        .await
        .unwrap()
        .unwrap();
    }
    key
}

async fn post(
    s: &Store,
    id: &str,
    coop: Option<CoopKey>,
    poster: SellerId,
    buyer: Option<BuyerId>,
    text: Option<&str>,
    days: i64,
) {
    s.create_alert(&NewAlert {
        id,
        coop,
        poster,
        flags: &AlertFlags::parse(&["unsafe", "scam"]).unwrap(),
        buyer,
        text,
        anonymous: false,
        posted_on: today(),
        expires_on: today().plus_days(days),
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn r6_4_alerts_reach_their_coop_and_the_collective_and_the_lookup_probes_them() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let cem = seller(&s, "cem").await;
        let bob = buyer(&s, "bob").await;
        let key = coop(&s, "c1", ada, &[bea]).await;
        post(
            &s,
            "a-coop",
            Some(key),
            ada,
            Some(bob),
            Some("Hit a member."),
            10,
        )
        .await;
        post(&s, "a-all", None, cem, None, None, 3).await;

        // Bea sees both, newest first; Cem only the collective one.
        let seen = s.visible_alerts(bea.into(), None, NOW).await.unwrap();
        let ids: Vec<_> = seen.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a-all", "a-coop"], "{name}");
        let coop_alert = &seen[1];
        assert_eq!(coop_alert.text.as_deref(), Some("Hit a member."));
        assert_eq!(coop_alert.buyer.as_deref(), Some("bob"));
        assert_eq!(coop_alert.poster_name, "ada");
        assert_eq!(coop_alert.coop.as_ref().map(|c| c.0.as_str()), Some("c1"));
        assert_eq!(coop_alert.coop_name.as_deref(), Some("Night shift"));
        assert_eq!(coop_alert.state, AlertState::Live);
        assert!(coop_alert
            .viewer
            .is_some_and(|m| m.state == MemberState::Member));
        let cem_sees = s.visible_alerts(cem.into(), None, NOW).await.unwrap();
        assert_eq!(cem_sees.len(), 1, "{name}");
        assert_eq!(cem_sees[0].id, "a-all");
        // By buyer.
        assert_eq!(
            s.visible_alerts(bea.into(), Some(bob), NOW)
                .await
                .unwrap()
                .len(),
            1
        );

        // The lookup's probe: until when he has a live alert; none for another buyer.
        let rec = s.buyer_record("bob").await.unwrap().unwrap();
        assert_eq!(rec.alerts_until, Some(expires_at(today().plus_days(10))));
        buyer(&s, "carl").await;
        assert_eq!(
            s.buyer_record("carl").await.unwrap().unwrap().alerts_until,
            None
        );

        // Live until `expires_on` begins; never served after, even before the purge.
        let end = expires_at(today().plus_days(3));
        assert_eq!(
            s.visible_alerts(cem.into(), None, end - 1)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(s
            .visible_alerts(cem.into(), None, end)
            .await
            .unwrap()
            .is_empty());
        assert!(s.alert("a-all", cem.into(), end).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn r6_5_disputes_queues_decisions_bans_and_outcomes() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let cem = seller(&s, "cem").await;
        let key = coop(&s, "c1", ada, &[bea, cem]).await;
        post(&s, "a1", Some(key), bea, None, Some("text"), 10).await;
        let a = s.alert("a1", ada.into(), NOW).await.unwrap().unwrap();

        assert!(s
            .dispute_alert(
                a.key,
                cem,
                DisputeReason::Revenge,
                Some("ctx"),
                today(),
                a.expires_on
            )
            .await
            .unwrap());
        // One dispute per member.
        assert!(!s
            .dispute_alert(
                a.key,
                cem,
                DisputeReason::Other,
                None,
                today(),
                a.expires_on
            )
            .await
            .unwrap());
        assert!(s.disputed_by(a.key, cem.into()).await.unwrap(), "{name}");
        assert!(!s.disputed_by(a.key, ada.into()).await.unwrap());
        let disputes = s.alert_disputes(a.key).await.unwrap();
        assert_eq!(disputes.len(), 1);
        assert_eq!(disputes[0].reason, DisputeReason::Revenge);
        assert_eq!(disputes[0].context.as_deref(), Some("ctx"));

        // In the coop's queue, not the committee's; still live and visible.
        let q = s
            .alert_queue(Queue::Coop(key), ada.into(), NOW)
            .await
            .unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(s.alert_queue_len(Queue::Coop(key), NOW).await.unwrap(), 1);
        assert_eq!(s.alert_queue_len(Queue::Committee, NOW).await.unwrap(), 0);
        assert!(q[0].disputed);
        assert!(s
            .alert_queue(Queue::Committee, ada.into(), NOW)
            .await
            .unwrap()
            .is_empty());

        // Uphold empties the queue; a new dispute brings it back.
        assert!(s
            .decide_alert(a.key, AlertOutcome::Upheld, NOW)
            .await
            .unwrap());
        assert!(s
            .alert_queue(Queue::Coop(key), ada.into(), NOW)
            .await
            .unwrap()
            .is_empty());
        let dan = seller(&s, "dan").await;
        assert!(s
            .dispute_alert(
                a.key,
                dan,
                DisputeReason::Inaccurate,
                None,
                today(),
                a.expires_on
            )
            .await
            .unwrap());
        assert_eq!(
            s.alert_queue(Queue::Coop(key), ada.into(), NOW)
                .await
                .unwrap()
                .len(),
            1
        );

        // Escalate: once; then it is the committee's.
        assert!(s
            .decide_alert(a.key, AlertOutcome::Escalated, NOW)
            .await
            .unwrap());
        assert!(!s
            .decide_alert(a.key, AlertOutcome::Escalated, NOW)
            .await
            .unwrap());
        assert!(s
            .alert_queue(Queue::Coop(key), ada.into(), NOW)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            s.alert_queue(Queue::Committee, ada.into(), NOW)
                .await
                .unwrap()
                .len(),
            1
        );

        // Outcomes: the poster and each disputer see the last decision.
        let o = s
            .alert_outcomes_for(bea.into(), NOW - DAY, NOW)
            .await
            .unwrap();
        assert_eq!((o[0].outcome, o[0].posted), (AlertOutcome::Escalated, true));
        let o = s
            .alert_outcomes_for(cem.into(), NOW - DAY, NOW)
            .await
            .unwrap();
        assert_eq!(
            (o[0].outcome, o[0].posted),
            (AlertOutcome::Escalated, false)
        );
        assert!(s
            .alert_outcomes_for(ada.into(), NOW - DAY, NOW)
            .await
            .unwrap()
            .is_empty());

        // Withdraw: no longer listed; no decision after it.
        assert!(s
            .decide_alert(a.key, AlertOutcome::Withdrawn, NOW)
            .await
            .unwrap());
        assert!(s
            .visible_alerts(ada.into(), None, NOW)
            .await
            .unwrap()
            .is_empty());
        assert!(!s
            .decide_alert(a.key, AlertOutcome::Upheld, NOW)
            .await
            .unwrap());
        let a = s.alert("a1", ada.into(), NOW).await.unwrap().unwrap();
        assert_eq!(a.state, AlertState::Withdrawn);

        // Collective posting bans.
        assert!(!s.collective_poster_banned(bea.into()).await.unwrap());
        s.ban_collective_poster(bea.into(), today()).await.unwrap();
        s.ban_collective_poster(bea.into(), today()).await.unwrap();
        assert!(s.collective_poster_banned(bea.into()).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn r6_5_r9_2_two_processes_deciding_at_once_make_one_decision() {
    each_backend_twice(|one, two, name| async move {
        let ada = seller(&one, "ada").await;
        let bea = seller(&one, "bea").await;
        let key = coop(&one, "c1", ada, &[bea]).await;
        for i in 0..10 {
            post(&one, &format!("r{i}"), Some(key), bea, None, None, 5).await;
        }
        let mut wins = 0;
        for i in 0..10 {
            let a = one
                .alert(&format!("r{i}"), ada.into(), NOW)
                .await
                .unwrap()
                .unwrap();
            let (x, y) = tokio::join!(
                one.decide_alert(a.key, AlertOutcome::Withdrawn, NOW),
                two.decide_alert(a.key, AlertOutcome::Withdrawn, NOW),
            );
            wins += u32::from(x.unwrap()) + u32::from(y.unwrap());
            let (x, y) = tokio::join!(
                one.dispute_alert(
                    a.key,
                    ada,
                    DisputeReason::Other,
                    None,
                    today(),
                    a.expires_on
                ),
                two.dispute_alert(
                    a.key,
                    ada,
                    DisputeReason::Other,
                    None,
                    today(),
                    a.expires_on
                ),
            );
            assert_eq!(u32::from(x.unwrap()) + u32::from(y.unwrap()), 1, "{name}");
        }
        assert_eq!(wins, 10, "{name}: one withdrawal per alert");
    })
    .await;
}

#[tokio::test]
async fn r6_4_r8_3_purge_deletes_ended_alerts_and_shreds_their_texts() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        post(
            &s,
            "short",
            None,
            ada,
            None,
            Some("Short-lived secret text"),
            1,
        )
        .await;
        post(&s, "long", None, ada, None, Some("Long-lived text"), 30).await;
        let a = s.alert("short", bea.into(), NOW).await.unwrap().unwrap();
        s.dispute_alert(
            a.key,
            bea,
            DisputeReason::PersonalData,
            Some("dispute words"),
            today(),
            a.expires_on,
        )
        .await
        .unwrap();
        let dump = s.dump_all_rows().await.unwrap();
        assert!(!dump.contains("Short-lived secret text"), "{name}: sealed");
        assert!(!dump.contains("dispute words"), "{name}: sealed");

        let end = expires_at(today().plus_days(1));
        let report = s.purge(end, 3600, DAY).await.unwrap();
        assert_eq!(report.alerts, 1, "{name}");
        assert!(s.alert("short", bea.into(), NOW).await.unwrap().is_none());
        // The text's key (its last live day's) is gone with the purge.
        assert!(report.day_keys >= 1, "{name}");
        let long = s.alert("long", bea.into(), end).await.unwrap().unwrap();
        assert_eq!(long.text.as_deref(), Some("Long-lived text"));
    })
    .await;
}

#[tokio::test]
async fn r2_11_deleting_an_account_deletes_her_alerts_and_disputes() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let bob = buyer(&s, "bob").await;
        post(&s, "hers", None, ada, Some(bob), Some("x"), 5).await;
        post(&s, "other", None, bea, Some(bob), Some("y"), 5).await;
        let other = s.alert("other", ada.into(), NOW).await.unwrap().unwrap();
        s.dispute_alert(
            other.key,
            ada,
            DisputeReason::Other,
            None,
            today(),
            other.expires_on,
        )
        .await
        .unwrap();
        s.ban_collective_poster(ada.into(), today()).await.unwrap();
        s.delete_account(ada.into()).await.unwrap();
        let left = s.visible_alerts(bea.into(), None, NOW).await.unwrap();
        assert_eq!(left.len(), 1, "{name}");
        assert_eq!(left[0].id, "other");
        assert!(s.alert_disputes(other.key).await.unwrap().is_empty());
        assert!(!s.collective_poster_banned(ada.into()).await.unwrap());
        // A deleted buyer is named by no alert.
        s.delete_account(bob.into()).await.unwrap();
        let left = s.visible_alerts(bea.into(), None, NOW).await.unwrap();
        assert_eq!(left[0].buyer, None, "{name}");
    })
    .await;
}
