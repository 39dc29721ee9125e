//! Buddies, check-ins, PINs and alarms (SPEC R6.6, R6.7) on both backends: the buddy cap, both
//! directions, "on watch"; one open check-in, extensions, ending it (the note goes), duress
//! with the same statements, checked in late; the watcher's claim raising exactly one alarm
//! between two server processes (R9.2); panic; acknowledging and closing; the purge (R8.3) and
//! account deletion (R2.11).

use tessera_core::{AccountType, SellerId};
use tessera_store::alarms::{AlarmKind, CLOSED_RETENTION_SECS};
use tessera_store::buddies::{Buddy, BuddyState, Direction, MAX_BUDDIES};
use tessera_store::checkins::{Ending, NewCheckin, PinSlots, EXTENSION_SECS, MAX_EXTENSIONS};
use tessera_store::{Store, StoreError};

use crate::common::{account, each_backend, each_backend_twice};

const NOW: i64 = 1_800_000_000;

async fn seller(s: &Store, name: &str) -> SellerId {
    account(s, name, AccountType::Seller).await.as_seller()
}

/// `buddy` watches over `who`, accepted.
async fn watches(s: &Store, who: SellerId, buddy: SellerId) {
    s.ask_buddy(who, buddy).await.unwrap();
    assert!(s.accept_buddy(who, buddy).await.unwrap());
}

async fn checkin(s: &Store, who: SellerId, due_at: i64, note: &str) -> i64 {
    s.create_checkin(&NewCheckin {
        seller: who,
        due_at,
        note: Some(note),
        buyer: Some("sealed-buyer"),
    })
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn r6_7_buddies_are_one_way_capped_at_five_and_end_from_either_side() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        s.ask_buddy(ann, bea).await.unwrap();
        assert!(
            matches!(s.ask_buddy(ann, bea).await, Err(StoreError::Conflict)),
            "{name}"
        );
        assert_eq!(
            s.buddies(ann).await.unwrap(),
            vec![Buddy {
                pseudonym: "bea".into(),
                direction: Direction::WatchesMe,
                state: BuddyState::Pending
            }],
            "{name}"
        );
        assert!(s.accept_buddy(ann, bea).await.unwrap());
        // Accepting is hers to do, not the asker's: there is no request the other way.
        assert!(!s.accept_buddy(bea, ann).await.unwrap(), "{name}");
        assert_eq!(
            s.buddies(bea).await.unwrap(),
            vec![Buddy {
                pseudonym: "ann".into(),
                direction: Direction::IWatch,
                state: BuddyState::Active
            }],
            "{name}"
        );
        for i in 1..MAX_BUDDIES {
            let other = seller(&s, &format!("other{i}")).await;
            s.ask_buddy(ann, other).await.unwrap();
        }
        let sixth = seller(&s, "sixth").await;
        assert!(
            matches!(
                s.ask_buddy(ann, sixth).await,
                Err(StoreError::TooManyBuddies)
            ),
            "{name}"
        );
        // She watches over others without limit of hers: the cap is per seller watched.
        s.ask_buddy(sixth, ann).await.unwrap();
        // Ended by the buddy: gone for both.
        assert!(s.end_buddy(ann, bea).await.unwrap());
        assert!(!s.end_buddy(ann, bea).await.unwrap());
        assert!(s.buddies(bea).await.unwrap().is_empty(), "{name}");
        s.ask_buddy(ann, sixth).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn r6_7_r9_2_two_processes_asking_at_once_keep_the_cap() {
    each_backend_twice(|one, two, name| async move {
        let ann = seller(&one, "ann").await;
        let mut others = Vec::new();
        for i in 0..12 {
            others.push(seller(&one, &format!("buddy{i}")).await);
        }
        let mut tries = tokio::task::JoinSet::new();
        for (i, b) in others.iter().copied().enumerate() {
            let s = if i % 2 == 0 { one.clone() } else { two.clone() };
            tries.spawn(async move { s.ask_buddy(ann, b).await.is_ok() });
        }
        let ok = tries.join_all().await.into_iter().filter(|ok| *ok).count();
        assert_eq!(ok as i64, MAX_BUDDIES, "{name}");
        assert_eq!(one.buddies(ann).await.unwrap().len() as i64, MAX_BUDDIES);
    })
    .await;
}

#[tokio::test]
async fn r6_7_on_watch_counts_active_buddies_until_their_time() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let cat = seller(&s, "cat").await;
        watches(&s, ann, bea).await;
        s.ask_buddy(ann, cat).await.unwrap(); // pending: does not count
        s.set_watch(bea, Some(NOW + 600)).await.unwrap();
        s.set_watch(cat, Some(NOW + 600)).await.unwrap();
        assert_eq!(s.watch_state(ann, NOW).await.unwrap(), (1, None), "{name}");
        assert_eq!(s.watch_state(bea, NOW).await.unwrap(), (0, Some(NOW + 600)));
        assert_eq!(s.watch_state(ann, NOW + 600).await.unwrap(), (0, None));
        s.set_watch(bea, Some(NOW + 900)).await.unwrap();
        assert_eq!(s.watch_state(ann, NOW + 600).await.unwrap(), (1, None));
        s.set_watch(bea, None).await.unwrap();
        assert_eq!(s.watch_state(ann, NOW).await.unwrap(), (0, None));
    })
    .await;
}

#[tokio::test]
async fn r6_6_one_open_checkin_four_extensions_and_safe_destroys_the_note() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        watches(&s, ann, bea).await;
        let id = checkin(&s, ann, NOW + 900, "sealed-note").await;
        let again = s
            .create_checkin(&NewCheckin {
                seller: ann,
                due_at: NOW,
                note: None,
                buyer: None,
            })
            .await;
        assert!(matches!(again, Err(StoreError::Conflict)), "{name}");
        for i in 1..=MAX_EXTENSIONS {
            let c = s.extend_checkin(ann, id, NOW).await.unwrap().unwrap();
            assert_eq!(c.due_at, NOW + 900 + i * EXTENSION_SECS, "{name}");
            assert_eq!(c.extensions_left, MAX_EXTENSIONS - i);
        }
        assert!(matches!(
            s.extend_checkin(ann, id, NOW).await,
            Err(StoreError::NoExtensionsLeft)
        ));
        // Someone else's check-in is not hers to extend or end.
        assert_eq!(
            s.extend_checkin(bea, id, NOW).await.unwrap(),
            None,
            "{name}"
        );
        assert!(!s.end_checkin(bea, id, NOW, Ending::Safe).await.unwrap());
        assert!(s.end_checkin(ann, id, NOW, Ending::Safe).await.unwrap());
        assert_eq!(s.open_checkin(ann).await.unwrap(), None, "{name}");
        assert!(s.alarms_for(bea).await.unwrap().is_empty(), "no alarm");
        assert!(!s.end_checkin(ann, id, NOW, Ending::Safe).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn r6_6_duress_ends_it_and_raises_the_alarm_with_the_note() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let dee = seller(&s, "dee").await; // asked, never accepted
        watches(&s, ann, bea).await;
        s.ask_buddy(ann, dee).await.unwrap();
        let id = checkin(&s, ann, NOW + 900, "sealed-note").await;
        assert!(s
            .end_checkin(ann, id, NOW + 60, Ending::Duress)
            .await
            .unwrap());
        assert_eq!(s.open_checkin(ann).await.unwrap(), None, "{name}");
        let alarms = s.alarms_for(bea).await.unwrap();
        assert_eq!(alarms.len(), 1, "{name}");
        let a = &alarms[0];
        assert_eq!(a.kind, AlarmKind::Duress);
        assert_eq!(a.seller, "ann");
        assert_eq!(a.note.as_deref(), Some("sealed-note"));
        assert_eq!(a.buyer.as_deref(), Some("sealed-buyer"));
        assert_eq!(a.raised_at, NOW + 60);
        // Never the seller herself, nor a buddy who has not accepted.
        assert!(s.alarms_for(ann).await.unwrap().is_empty(), "{name}");
        assert!(s.alarms_for(dee).await.unwrap().is_empty(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn r6_6_the_watcher_raises_missed_checkins_once_and_late_safe_is_recorded() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        watches(&s, ann, bea).await;
        let id = checkin(&s, ann, NOW + 900, "sealed-note").await;
        assert_eq!(
            s.claim_missed_checkins(NOW + 899).await.unwrap(),
            0,
            "{name}"
        );
        assert_eq!(
            s.claim_missed_checkins(NOW + 900).await.unwrap(),
            1,
            "{name}"
        );
        assert_eq!(
            s.claim_missed_checkins(NOW + 2000).await.unwrap(),
            0,
            "once"
        );
        let c = s.open_checkin(ann).await.unwrap().unwrap();
        assert!(c.missed);
        let a = s.alarms_for(bea).await.unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].kind, AlarmKind::MissedCheckin);
        assert_eq!(a[0].note.as_deref(), Some("sealed-note"));
        assert_eq!(a[0].checked_in_late_at, None);
        // Extended after the deadline: the new one is watched again, and a second miss raises
        // a second alarm; her buddies see she was there.
        let c = s.extend_checkin(ann, id, NOW + 950).await.unwrap().unwrap();
        assert!(!c.missed, "{name}");
        assert_eq!(
            s.alarms_for(bea).await.unwrap()[0].checked_in_late_at,
            Some(NOW + 950)
        );
        assert_eq!(
            s.claim_missed_checkins(NOW + 900 + EXTENSION_SECS)
                .await
                .unwrap(),
            1
        );
        // She ends it late: recorded, the alarm stays open for her buddies to close.
        assert!(s
            .end_checkin(ann, id, NOW + 1000, Ending::Safe)
            .await
            .unwrap());
        let a = s.alarms_for(bea).await.unwrap();
        assert_eq!(a.len(), 2, "{name}");
        assert_eq!(a[0].checked_in_late_at, Some(NOW + 1000), "{name}");
        assert_eq!(a[0].closed_at, None);
    })
    .await;
}

/// Issue 12 §5: several processes on one database, one missed check-in, exactly one alarm.
#[tokio::test]
async fn r6_6_r9_2_two_processes_claiming_at_once_raise_exactly_one_alarm() {
    each_backend_twice(|one, two, name| async move {
        let bea = seller(&one, "bea").await;
        let mut sellers = Vec::new();
        for i in 0..20 {
            let who = seller(&one, &format!("seller{i}")).await;
            watches(&one, who, bea).await;
            checkin(&one, who, NOW + i, "n").await;
            sellers.push(who);
        }
        let mut rounds = tokio::task::JoinSet::new();
        for k in 0..8 {
            let s = if k % 2 == 0 { one.clone() } else { two.clone() };
            rounds.spawn(async move { s.claim_missed_checkins(NOW + 100).await.unwrap() });
        }
        let raised: u64 = rounds.join_all().await.into_iter().sum();
        assert_eq!(raised, 20, "{name}");
        let alarms = two.alarms_for(bea).await.unwrap();
        assert_eq!(alarms.len(), 20, "{name}: one alarm per check-in");
    })
    .await;
}

#[tokio::test]
async fn r6_7_panic_carries_the_open_notes_and_buddies_ack_and_close() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let cat = seller(&s, "cat").await;
        let eve = seller(&s, "eve").await;
        watches(&s, ann, bea).await;
        watches(&s, ann, cat).await;
        s.raise_panic(ann, NOW).await.unwrap();
        checkin(&s, ann, NOW + 900, "sealed-note").await;
        s.raise_panic(ann, NOW + 5).await.unwrap();
        let a = s.alarms_for(bea).await.unwrap();
        assert_eq!(a.len(), 2, "{name}");
        assert_eq!(a[0].kind, AlarmKind::Panic);
        assert_eq!(a[0].note.as_deref(), Some("sealed-note"), "newest first");
        assert_eq!(a[1].note, None);
        let id = a[0].id;
        // Someone who does not watch over her can neither see nor touch it.
        assert_eq!(s.ack_alarm(eve, id).await.unwrap(), None, "{name}");
        assert_eq!(s.close_alarm(eve, id, NOW).await.unwrap(), None);
        let acked = s.ack_alarm(bea, id).await.unwrap().unwrap();
        assert_eq!(acked.acknowledged_by.as_deref(), Some("bea"));
        // The second buddy sees who; her "I'm on it" does not overwrite it.
        let again = s.ack_alarm(cat, id).await.unwrap().unwrap();
        assert_eq!(again.acknowledged_by.as_deref(), Some("bea"), "{name}");
        assert_eq!(s.open_alarm_count(cat).await.unwrap(), 2);
        let closed = s.close_alarm(cat, id, NOW + 10).await.unwrap().unwrap();
        assert_eq!(closed.closed_at, Some(NOW + 10));
        assert_eq!(s.open_alarm_count(cat).await.unwrap(), 1);
        let a = s.alarms_for(cat).await.unwrap();
        assert_eq!(a[1].id, id, "open ones first");
    })
    .await;
}

#[tokio::test]
async fn r6_6_r8_3_closed_alarms_are_purged_after_seven_days() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        watches(&s, ann, bea).await;
        s.raise_panic(ann, NOW).await.unwrap();
        s.raise_panic(ann, NOW).await.unwrap();
        let id = s.alarms_for(bea).await.unwrap()[0].id;
        s.close_alarm(bea, id, NOW).await.unwrap();
        let p = s
            .purge(NOW + CLOSED_RETENTION_SECS - 1, 1800, 43_200)
            .await
            .unwrap();
        assert_eq!(p.alarms, 0, "{name}");
        let p = s
            .purge(NOW + CLOSED_RETENTION_SECS, 1800, 43_200)
            .await
            .unwrap();
        assert_eq!(p.alarms, 1, "{name}");
        let left = s.alarms_for(bea).await.unwrap();
        assert_eq!(left.len(), 1, "the open one stays");
    })
    .await;
}

#[tokio::test]
async fn r6_6_r2_11_deleting_her_account_removes_checkins_pins_buddies_and_alarms() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let cat = seller(&s, "cat").await;
        watches(&s, ann, bea).await;
        watches(&s, cat, ann).await;
        let pins = PinSlots {
            slot_a: "a".into(),
            slot_b: "b".into(),
            roles: b"r1".to_vec(),
        };
        s.set_pins(ann, None, Some(&pins)).await.unwrap();
        s.set_watch(ann, Some(NOW + 60)).await.unwrap();
        checkin(&s, ann, NOW + 900, "sealed-note").await;
        s.raise_panic(ann, NOW).await.unwrap();
        s.raise_panic(cat, NOW).await.unwrap();
        let cats = s.alarms_for(ann).await.unwrap()[0].id;
        s.ack_alarm(ann, cats).await.unwrap();
        s.delete_account(ann.into()).await.unwrap();
        assert_eq!(s.open_checkin(ann).await.unwrap(), None, "{name}");
        assert_eq!(s.pins(ann).await.unwrap(), None);
        assert!(s.buddies(ann).await.unwrap().is_empty());
        assert!(s.buddies(bea).await.unwrap().is_empty());
        assert!(s.buddies(cat).await.unwrap().is_empty());
        assert!(s.alarms_for(bea).await.unwrap().is_empty());
        assert_eq!(s.watch_state(ann, NOW).await.unwrap(), (0, None));
    })
    .await;
}

#[tokio::test]
async fn r6_6_pins_change_only_from_what_was_read() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let first = PinSlots {
            slot_a: "a".into(),
            slot_b: "b".into(),
            roles: b"r1".to_vec(),
        };
        let second = PinSlots {
            roles: b"r2".to_vec(),
            ..first.clone()
        };
        s.set_pins(ann, None, Some(&first)).await.unwrap();
        assert!(matches!(
            s.set_pins(ann, None, Some(&second)).await,
            Err(StoreError::Conflict)
        ));
        s.set_pins(ann, Some(&first), Some(&second)).await.unwrap();
        assert!(
            matches!(
                s.set_pins(ann, Some(&first), None).await,
                Err(StoreError::Conflict)
            ),
            "{name}: a stale read loses"
        );
        let id = checkin(&s, ann, NOW + 900, "n").await;
        s.count_pin_failure(ann, id).await.unwrap();
        s.count_pin_failure(ann, id).await.unwrap();
        let (c, p) = s.checkin_with_pins(ann, id).await.unwrap().unwrap();
        assert_eq!(c.id, id);
        assert_eq!(c.pin_failures, 2, "{name}: wrong PINs are counted");
        assert_eq!(p, Some(second.clone()));
        s.set_pins(ann, Some(&second), None).await.unwrap();
        assert_eq!(s.pins(ann).await.unwrap(), None, "{name}");
    })
    .await;
}
