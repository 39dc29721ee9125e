//! `tessera purge` run as the real binary (SPEC R8.3; issue 12 §3): it prints the count of
//! every kind it deletes, the network's included (messages, the day keys it shreds, finished
//! check-ins, alarms closed more than a week ago), and a second run finds nothing left.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use tessera_core::{AccountType, Day, Pseudonym};
use tessera_store::accounts::NewAccount;
use tessera_store::checkins::NewCheckin;
use tessera_store::events::LOGIN_FAILURE;
use tessera_store::network::messages::NewThread;
use tessera_store::sessions::NewSession;
use tessera_store::{Location, MasterKey, Store};

const BIN: &str = env!("CARGO_BIN_EXE_tessera");
const DAY: i64 = 86_400;

async fn seller(s: &Store, name: &str) -> tessera_core::AccountId {
    s.create_account(&NewAccount {
        pseudonym: &Pseudonym::parse(name).unwrap(),
        account_type: AccountType::Seller,
        password_hash: "h".into(),
        recovery_email_hash: None,
        created_on: Day::parse("2026-01-15").unwrap(),
        language: None,
    })
    .await
    .unwrap()
}

fn purge(dir: &std::path::Path) -> String {
    let out = Command::new(BIN)
        .args(["purge", "--data-dir"])
        .arg(dir)
        .env_remove("TESSERA_DB_KEY")
        .env_remove("TESSERA_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Fills a database, through the store, with one or two of each kind the purge deletes, all
/// expired by the wall clock the binary reads; returns how many day keys it made (all of
/// past days).
async fn expired_things(dir: &std::path::Path) -> usize {
    let (key, _) = MasterKey::load_or_create(None, dir).unwrap();
    let s = Store::open(
        &Location::Sqlite {
            data_dir: dir.to_owned(),
        },
        &key,
    )
    .await
    .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let ann = seller(&s, "ann_purged").await;
    let bea = seller(&s, "bea_purged").await;

    // Two sessions past the absolute timeout, one old security event, one expired invitation.
    for h in [1u8, 2] {
        s.create_session(&NewSession {
            token_hash: &[h; 32],
            handle: &format!("h{h}"),
            account_id: ann,
            csrf_token: "c",
            now: now - 3 * DAY,
        })
        .await
        .unwrap();
    }
    s.record_event(LOGIN_FAILURE, b"x", now - 40 * DAY)
        .await
        .unwrap();
    s.create_invitation(&[7; 32], None, 0, now - 60)
        .await
        .unwrap();

    // A message that expired three days ago (R6.3), and its day's key.
    let t = s
        .create_thread(&NewThread {
            kind: "direct",
            title: None,
            coop_id: None,
            expiry_days: None,
            creator: ann,
            others: &[bea],
            now: now - 4 * DAY,
        })
        .await
        .unwrap();
    s.post_message(&t, ann, "gone by now", now - 4 * DAY, now - 3 * DAY)
        .await
        .unwrap();

    // A check-in missed eight days ago and never ended, its alarm closed by her buddy the
    // same day (R6.6): the check-in is finished, the alarm's week is over.
    s.ask_buddy(ann.as_seller(), bea.as_seller()).await.unwrap();
    s.accept_buddy(ann.as_seller(), bea.as_seller())
        .await
        .unwrap();
    let due = now - 8 * DAY - 3 * 3_600;
    s.create_checkin(&NewCheckin {
        seller: ann.as_seller(),
        due_at: due,
        note: Some("the note"),
        buyer: None,
    })
    .await
    .unwrap();
    assert_eq!(s.claim_missed_checkins(due).await.unwrap(), 1);
    let alarm = s.alarms_for(bea.as_seller()).await.unwrap().remove(0);
    s.close_alarm(bea.as_seller(), alarm.id, due + 60)
        .await
        .unwrap();

    let keys = s
        .dump_all_rows()
        .await
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("day_keys: "))
        .count();
    s.close().await;
    keys
}

#[tokio::test]
async fn r8_3_issue12_purge_prints_every_kind_it_deletes_including_the_networks() {
    let dir = tempfile::tempdir().unwrap();
    let keys = expired_things(dir.path()).await;
    assert!(keys >= 2, "the message's day and the note's");
    let out = purge(dir.path());
    assert_eq!(
        out.trim_end(),
        format!(
            "purged: 2 sessions, 1 invitations, 0 recovery links, 0 claim links, 1 security \
             events, 0 rating codes, 0 screening links, 1 messages, {keys} day keys \
             (shredded), 0 coop request links, 1 finished check-ins, 1 closed alarms, 0 ended alerts, 0 lapsed two-person requests, 0 abuse flags"
        )
    );
    assert_eq!(
        purge(dir.path()).trim_end(),
        "purged: 0 sessions, 0 invitations, 0 recovery links, 0 claim links, 0 security \
         events, 0 rating codes, 0 screening links, 0 messages, 0 day keys (shredded), 0 \
         coop request links, 0 finished check-ins, 0 closed alarms, 0 ended alerts, 0 lapsed two-person requests, 0 abuse flags",
        "nothing is left to delete"
    );
}
