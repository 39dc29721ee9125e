//! The lifetime of a check-in's sealed note (SPEC R6.6, R8.2, R8.3; issue 12 §3) on both
//! backends: readable as long as an alarm that carries it can be seen (closed alarms are kept
//! seven days; open ones as long as they stay open), and no longer: after that day the purge
//! shreds the key it was sealed under. Also with two processes at once (R9.2).

use tessera_core::{AccountType, SellerId};
use tessera_store::alarms::{AlarmKind, CLOSED_RETENTION_SECS};
use tessera_store::checkins::{NewCheckin, EXTENSION_SECS, MAX_EXTENSIONS};
use tessera_store::network::notes::note_until;
use tessera_store::Store;

use crate::common::{account, each_backend, each_backend_twice};

const DAY: i64 = 86_400;
const WEEK: i64 = CLOSED_RETENTION_SECS;
/// 2027-01-15 08:00 UTC.
const NOW: i64 = 1_800_000_000;
const NOTE: &str = "harbour hotel, room 12";
const BUYER: &str = "harbour_buyer";

async fn seller(s: &Store, name: &str) -> SellerId {
    account(s, name, AccountType::Seller).await.as_seller()
}

/// `buddy` watches over `who`; `who` has a check-in due at `due` with the note and buyer.
async fn watched_checkin(s: &Store, who: SellerId, buddy: SellerId, due: i64) {
    s.ask_buddy(who, buddy).await.unwrap();
    assert!(s.accept_buddy(who, buddy).await.unwrap());
    s.create_checkin(&NewCheckin {
        seller: who,
        due_at: due,
        note: Some(NOTE),
        buyer: Some(BUYER),
    })
    .await
    .unwrap();
}

/// The days whose keys the database holds, read from the dump of every row as an attacker
/// would (SQLite: `day_keys: 20833,X'…'`; PostgreSQL: `day_keys: {"day":20833,…}`).
async fn key_days(s: &Store) -> Vec<i64> {
    let mut days: Vec<i64> = s
        .dump_all_rows()
        .await
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("day_keys: "))
        .map(|row| {
            let digits: String = row
                .trim_start_matches("{\"day\":")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().unwrap()
        })
        .collect();
    days.sort_unstable();
    days
}

/// The start (00:00 UTC) of the day after the one `t` falls on.
fn next_midnight(t: i64) -> i64 {
    (t.div_euclid(DAY) + 1) * DAY
}

#[test]
fn r6_6_r8_3_a_note_lives_to_the_latest_deadline_plus_a_closed_alarms_week() {
    assert_eq!(
        note_until(NOW, MAX_EXTENSIONS),
        NOW + 4 * 30 * 60 + 7 * DAY,
        "four extensions of 30 minutes, then the seven days a closed alarm is kept"
    );
    // Extending moves the deadline and spends an extension: the lifetime stays where it was.
    assert_eq!(
        note_until(NOW + EXTENSION_SECS, MAX_EXTENSIONS - 1),
        note_until(NOW, MAX_EXTENSIONS)
    );
}

#[tokio::test]
async fn r6_6_r8_3_a_closed_alarm_shows_its_note_until_it_is_purged_and_then_the_key_goes() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let due = NOW + 900;
        watched_checkin(&s, ann, bea, due).await;
        let sealed_until = note_until(due, MAX_EXTENSIONS);
        assert_eq!(key_days(&s).await, vec![sealed_until / DAY], "{name}");
        assert_eq!(s.claim_missed_checkins(due).await.unwrap(), 1);
        let alarm = s.alarms_for(bea).await.unwrap().remove(0);
        assert_eq!(alarm.kind, AlarmKind::MissedCheckin);
        assert_eq!(
            (alarm.note.as_deref(), alarm.buyer.as_deref()),
            (Some(NOTE), Some(BUYER))
        );
        // Closed three days later: seen for seven more days, so its note moves to the key of
        // that tenth day.
        let closed = due + 3 * DAY;
        s.close_alarm(bea, alarm.id, closed).await.unwrap().unwrap();
        assert_eq!(
            key_days(&s).await,
            vec![sealed_until / DAY, (closed + WEEK) / DAY],
            "{name}"
        );

        // The day after the check-in's note ended: its key is shredded, and the check-in,
        // missed and never ended, is purged; the closed alarm still shows the note.
        let r = s
            .purge(next_midnight(sealed_until), 1_800, 43_200)
            .await
            .unwrap();
        assert_eq!((r.checkins, r.day_keys, r.alarms), (1, 1, 0), "{name}");
        assert_eq!(s.open_checkin(ann).await.unwrap(), None);
        let seen = s.alarms_for(bea).await.unwrap();
        assert_eq!(seen.len(), 1, "{name}");
        assert_eq!(seen[0].note.as_deref(), Some(NOTE), "{name}");
        assert_eq!(seen[0].buyer.as_deref(), Some(BUYER));

        // A second before the purge may delete it, the alarm and its note are both there.
        let r = s.purge(closed + WEEK - 1, 1_800, 43_200).await.unwrap();
        assert_eq!(r.alarms, 0, "{name}");
        assert_eq!(
            s.alarms_for(bea).await.unwrap()[0].note.as_deref(),
            Some(NOTE)
        );
        // Then the alarm goes, and at the next midnight the last key with the note.
        let r = s.purge(closed + WEEK, 1_800, 43_200).await.unwrap();
        assert_eq!(r.alarms, 1, "{name}");
        let r = s
            .purge(next_midnight(closed + WEEK), 1_800, 43_200)
            .await
            .unwrap();
        assert_eq!(r.day_keys, 1, "{name}");
        assert_eq!(key_days(&s).await, Vec::<i64>::new(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn r6_6_r8_3_closing_early_forgets_the_alarms_copy_sooner_and_the_checkin_keeps_its_own() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        // Due at 23:00: with its four extensions the note lives into the day after.
        let due = NOW + 15 * 3_600;
        watched_checkin(&s, ann, bea, due).await;
        s.raise_panic(ann, NOW + 60).await.unwrap();
        let panic = s.alarms_for(bea).await.unwrap().remove(0);
        assert_eq!(panic.note.as_deref(), Some(NOTE), "{name}");
        s.close_alarm(bea, panic.id, NOW + 120).await.unwrap();
        let sealed_until = note_until(due, MAX_EXTENSIONS);
        assert!((NOW + 120 + WEEK) / DAY < sealed_until / DAY);
        assert_eq!(
            key_days(&s).await,
            vec![(NOW + 120 + WEEK) / DAY, sealed_until / DAY],
            "{name}: the closed alarm's copy moved to an earlier key"
        );
        // After it is purged its key goes; the open check-in's note is untouched, and the
        // next alarm still carries it.
        let r = s
            .purge(next_midnight(NOW + 120 + WEEK), 1_800, 43_200)
            .await
            .unwrap();
        assert_eq!((r.alarms, r.day_keys), (1, 1), "{name}");
        assert_eq!(key_days(&s).await, vec![sealed_until / DAY]);
        s.raise_panic(ann, NOW + WEEK + DAY).await.unwrap();
        let again = s.alarms_for(bea).await.unwrap().remove(0);
        assert_eq!(again.note.as_deref(), Some(NOTE), "{name}");
    })
    .await;
}

#[tokio::test]
async fn r6_6_r8_3_an_open_alarm_keeps_its_note_for_as_long_as_it_stays_open() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let due = NOW + 900;
        watched_checkin(&s, ann, bea, due).await;
        s.raise_panic(ann, NOW + 60).await.unwrap();
        assert_eq!(s.claim_missed_checkins(due).await.unwrap(), 1);
        // A month without a purge, then one: the notes of both open alarms move to a key a
        // week ahead before the old key is shredded; the abandoned check-in goes.
        let month = due + 30 * DAY;
        let r = s.purge(month, 1_800, 43_200).await.unwrap();
        assert_eq!((r.checkins, r.day_keys), (1, 1), "{name}");
        assert_eq!(key_days(&s).await, vec![(month + WEEK) / DAY], "{name}");
        // Purged every day for another month, they stay readable, and only keys of days to
        // come are ever kept.
        for d in 1..=30 {
            let t = month + d * DAY;
            s.purge(t, 1_800, 43_200).await.unwrap();
            assert!(
                key_days(&s).await.iter().all(|k| *k >= t / DAY),
                "{name}: a past day's key is kept on day {d}"
            );
        }
        let later = month + 30 * DAY;
        let alarms = s.alarms_for(bea).await.unwrap();
        assert_eq!(alarms.len(), 2, "{name}");
        for a in &alarms {
            assert_eq!(a.note.as_deref(), Some(NOTE), "{name}: {a:?}");
            assert_eq!(a.buyer.as_deref(), Some(BUYER));
        }
        // Closed, each is seen a week more and then forgotten with its key.
        for a in &alarms {
            s.close_alarm(bea, a.id, later).await.unwrap();
        }
        let r = s.purge(later + WEEK, 1_800, 43_200).await.unwrap();
        assert_eq!(r.alarms, 2, "{name}");
        s.purge(next_midnight(later + WEEK), 1_800, 43_200)
            .await
            .unwrap();
        assert_eq!(key_days(&s).await, Vec::<i64>::new(), "{name}");
    })
    .await;
}

/// Two processes: one purges (carrying open alarms' notes forward) while the other closes
/// half the alarms (sealing their notes until their purge). Each alarm ends with one note that
/// opens, whichever came first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r6_6_r9_2_carrying_forward_and_closing_at_once_leave_every_note_readable() {
    each_backend_twice(|one, two, name| async move {
        let bea = seller(&one, "bea").await;
        let due = NOW + 900;
        for i in 0..10 {
            let who = seller(&one, &format!("seller{i}")).await;
            watched_checkin(&one, who, bea, due).await;
        }
        assert_eq!(one.claim_missed_checkins(due).await.unwrap(), 10);
        let ids: Vec<i64> = one
            .alarms_for(bea)
            .await
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect();
        // On the note's last day, so that the purge carries every open alarm's note.
        let t = note_until(due, MAX_EXTENSIONS);
        let closer = {
            let two = two.clone();
            let ids = ids.clone();
            tokio::spawn(async move {
                for id in ids.iter().step_by(2) {
                    two.close_alarm(bea, *id, t).await.unwrap().unwrap();
                }
            })
        };
        one.purge(t, 1_800, 43_200).await.unwrap();
        closer.await.unwrap();
        // The next day the original key is shredded; every alarm still opens its note.
        let r = two.purge(next_midnight(t), 1_800, 43_200).await.unwrap();
        assert_eq!(r.day_keys, 1, "{name}");
        let alarms = one.alarms_for(bea).await.unwrap();
        assert_eq!(alarms.len(), 10, "{name}");
        for a in alarms {
            assert_eq!(a.note.as_deref(), Some(NOTE), "{name}: {a:?}");
        }
    })
    .await;
}
