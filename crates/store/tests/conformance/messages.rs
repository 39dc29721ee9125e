//! Messages (R6.3, issue 12 §2–3) on both backends: threads and members, unread counts, nothing
//! expired served, the purge, account deletion (R2.11), and bodies that are neither stored in
//! the clear nor readable after their day key is shredded.

use tessera_core::AccountType;
use tessera_store::network::messages::NewThread;

use crate::common::{account, each_backend};

const DAY: i64 = 86_400;
/// 2026-12-03 12:00 UTC.
const NOW: i64 = 1_796_299_200;

#[tokio::test]
async fn r6_3_threads_messages_expiry_purge_and_deletion() {
    each_backend(|store, name| async move {
        let s = &store;
        let ana = account(s, "ana", AccountType::Seller).await;
        let bea = account(s, "bea", AccountType::Seller).await;
        let cleo = account(s, "cleo", AccountType::Seller).await;
        let direct = s
            .create_thread(&NewThread {
                kind: "direct",
                title: Some("Saturday"),
                coop_id: None,
                expiry_days: Some(7),
                creator: ana,
                others: &[bea],
                now: NOW,
            })
            .await
            .unwrap();
        // Visible to both at once, active.
        let t = s.thread_for(bea, &direct, NOW).await.unwrap().unwrap();
        assert_eq!(
            (
                t.kind.as_str(),
                t.state.as_str(),
                t.title.as_deref(),
                t.expiry_days
            ),
            ("direct", "active", Some("Saturday"), Some(7)),
            "{name}"
        );
        assert!(s.thread_for(cleo, &direct, NOW).await.unwrap().is_none());
        s.post_message(
            &direct,
            ana,
            "the blue door, 9pm",
            NOW + 10,
            NOW + 10 + 7 * DAY,
        )
        .await
        .unwrap();
        s.post_message(&direct, ana, "gone in an hour", NOW + 20, NOW + 20 + 3_600)
            .await
            .unwrap();
        assert_eq!(
            s.thread_for(bea, &direct, NOW + 30)
                .await
                .unwrap()
                .unwrap()
                .unread,
            2
        );
        assert_eq!(
            s.thread_for(ana, &direct, NOW + 30)
                .await
                .unwrap()
                .unwrap()
                .unread,
            0
        );
        let read = s.read_messages(&direct, bea, NOW + 30).await.unwrap();
        assert_eq!(read.len(), 2, "{name}");
        assert_eq!(read[0].body, "the blue door, 9pm");
        assert_eq!(read[0].author.as_deref(), Some("ana"));
        assert_eq!(read[0].expires_at, NOW + 10 + 7 * DAY);
        assert_eq!(
            s.thread_for(bea, &direct, NOW + 30)
                .await
                .unwrap()
                .unwrap()
                .unread,
            0
        );
        // Stored sealed: the body is nowhere in the database in the clear, nor the title.
        let dump = s.dump_all_rows().await.unwrap();
        assert!(!dump.contains("blue door"), "{name}");
        assert!(!dump.contains("Saturday"), "{name}");
        // An hour later the second message is no longer served, before any purge.
        let later = NOW + 20 + 3_600;
        assert_eq!(s.read_messages(&direct, bea, later).await.unwrap().len(), 1);
        let report = s.purge(later, 1_800, 43_200).await.unwrap();
        assert_eq!(report.messages, 1, "{name}");

        // A group thread: invited until she accepts.
        let group = s
            .create_thread(&NewThread {
                kind: "group",
                title: None,
                coop_id: None,
                expiry_days: None,
                creator: ana,
                others: &[bea, cleo],
                now: NOW,
            })
            .await
            .unwrap();
        assert_eq!(
            s.thread_for(cleo, &group, NOW)
                .await
                .unwrap()
                .unwrap()
                .state,
            "invited"
        );
        assert!(s.accept_thread(cleo, &group).await.unwrap());
        assert!(!s.accept_thread(cleo, &group).await.unwrap(), "once");
        assert_eq!(
            s.thread_for(cleo, &group, NOW)
                .await
                .unwrap()
                .unwrap()
                .state,
            "active"
        );
        s.post_message(&group, cleo, "cleo was here", NOW + 40, NOW + 40 + DAY)
            .await
            .unwrap();
        s.post_message(&group, bea, "bea too", NOW + 41, NOW + 41 + DAY)
            .await
            .unwrap();
        assert_eq!(
            s.threads_of(ana, NOW + 50).await.unwrap()[0].id,
            group,
            "most recent first"
        );
        // Deleting an account deletes her messages at once; the others' stay (R2.11).
        s.delete_account(cleo).await.unwrap();
        let left = s.read_messages(&group, ana, NOW + 50).await.unwrap();
        assert_eq!(left.len(), 1, "{name}");
        assert_eq!(left[0].body, "bea too");
        assert!(!s.dump_all_rows().await.unwrap().contains("cleo was here"));
    })
    .await;
}

#[tokio::test]
async fn r8_3_issue12_an_expired_message_cannot_be_decrypted_after_the_purge() {
    each_backend(|store, name| async move {
        let s = &store;
        let ana = account(s, "ana", AccountType::Seller).await;
        let bea = account(s, "bea", AccountType::Seller).await;
        let t = s
            .create_thread(&NewThread {
                kind: "direct",
                title: None,
                coop_id: None,
                expiry_days: None,
                creator: ana,
                others: &[bea],
                now: NOW,
            })
            .await
            .unwrap();
        s.post_message(&t, ana, "a secret for today", NOW, NOW + 3_600)
            .await
            .unwrap();
        // The day after: the purge deletes the row and shreds the day's key.
        let report = s.purge(NOW + DAY, 1_800, 43_200).await.unwrap();
        assert_eq!((report.messages, report.day_keys), (1, 1), "{name}");
        let dump = s.dump_all_rows().await.unwrap();
        assert!(
            !dump.contains("day_keys:"),
            "{name}: no key left for the past day"
        );
        assert!(!dump.contains("a secret for today"));
    })
    .await;
}

#[tokio::test]
async fn r6_2_r6_3_coop_threads_are_seen_by_members_and_suspended_members_only() {
    use tessera_core::coop::{CoopKind, MemberState};
    use tessera_store::network::coops::NewCoop;
    each_backend(|store, name| async move {
        let s = &store;
        let day = tessera_core::Day::from_unix(NOW);
        let ana = account(s, "ana", AccountType::Seller).await;
        let bea = account(s, "bea", AccountType::Seller).await;
        let cleo = account(s, "cleo", AccountType::Seller).await;
        let coop = s
            .create_coop(&NewCoop {
                id: "coop-public-id",
                name: "Night owls",
                kind: CoopKind::Regional,
                scope: None,
                anonymous_alerts: true,
                min_member_days: 0,
                creator: ana.as_seller(),
                today: day,
            })
            .await
            .unwrap();
        s.invite_to_coop(coop, bea.as_seller(), true, day)
            .await
            .unwrap();
        let t = s
            .create_thread(&NewThread {
                kind: "coop",
                title: None,
                coop_id: Some("coop-public-id"),
                expiry_days: None,
                creator: ana,
                others: &[],
                now: NOW,
            })
            .await
            .unwrap();
        s.post_message(&t, ana, "tonight", NOW, NOW + DAY)
            .await
            .unwrap();
        // Invited only: not yet.
        assert!(
            s.thread_for(bea, &t, NOW).await.unwrap().is_none(),
            "{name}"
        );
        s.coop_transition(
            coop,
            bea,
            &[MemberState::Invited],
            MemberState::Member,
            false,
            day,
        )
        .await
        .unwrap()
        .unwrap();
        let seen = s.thread_for(bea, &t, NOW).await.unwrap().unwrap();
        assert_eq!((seen.state.as_str(), seen.unread), ("active", 1), "{name}");
        assert_eq!(s.read_messages(&t, bea, NOW).await.unwrap().len(), 1);
        assert_eq!(s.thread_for(bea, &t, NOW).await.unwrap().unwrap().unread, 0);
        assert!(s.thread_for(cleo, &t, NOW).await.unwrap().is_none());
        assert!(s.threads_of(cleo, NOW).await.unwrap().is_empty());
        // Suspended still sees it; having left, not any more, though she has read it.
        s.coop_transition(
            coop,
            bea,
            &[MemberState::Member],
            MemberState::Suspended,
            true,
            day,
        )
        .await
        .unwrap()
        .unwrap();
        assert!(
            s.thread_for(bea, &t, NOW).await.unwrap().is_some(),
            "{name}"
        );
        s.coop_transition(
            coop,
            bea,
            &[MemberState::Suspended],
            MemberState::Left,
            false,
            day,
        )
        .await
        .unwrap()
        .unwrap();
        assert!(
            s.thread_for(bea, &t, NOW).await.unwrap().is_none(),
            "{name}"
        );
        assert!(s.threads_of(bea, NOW).await.unwrap().is_empty(), "{name}");
    })
    .await;
}
