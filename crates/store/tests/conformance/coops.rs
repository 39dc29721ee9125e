//! Coops (SPEC R6.2) and the committee roster (R7.8) on both backends: creation with its first
//! moderator, the five states and their transitions, request links (hashed, expiring, purged:
//! R8.3), account deletion (R2.11), the append-only audit log, and one consistent outcome when
//! two server processes invite, request and approve at once (R9.2).

use tessera_core::committee::Committee;
use tessera_core::coop::{CoopKind, MemberState};
use tessera_core::{AccountType, Day, SellerId};
use tessera_store::committees::RosterAction;
use tessera_store::coops::{CoopKey, LinkRequest, NewCoop};
use tessera_store::crypto::token_hash;
use tessera_store::Store;

use crate::common::{account, d, each_backend, each_backend_twice};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn today() -> Day {
    Day::from_unix(NOW)
}

async fn seller(s: &Store, name: &str) -> SellerId {
    account(s, name, AccountType::Seller).await.as_seller()
}

async fn coop(s: &Store, id: &str, creator: SellerId) -> CoopKey {
    s.create_coop(&NewCoop {
        id,
        name: "Night shift",
        kind: CoopKind::Regional,
        scope: Some("Berlin"),
        anonymous_alerts: true,
        min_member_days: 7,
        creator,
        today: d("2026-03-01"),
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn r6_2_the_creator_is_the_first_moderator_and_states_move_as_allowed() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let cleo = seller(&s, "cleo").await;
        let key = coop(&s, "c0ffee", ada).await;

        let v = s.coop_view("c0ffee", ada.into()).await.unwrap().unwrap();
        assert_eq!(v.coop.name, "Night shift", "{name}");
        assert_eq!(v.coop.scope.as_deref(), Some("Berlin"));
        assert_eq!(v.coop.members, 1);
        let me = v.me.unwrap();
        assert!(me.moderates() && me.state == MemberState::Member);
        assert_eq!(me.since, d("2026-03-01"));
        // A stranger finds the coop only by its id, and has no membership in it.
        assert_eq!(
            s.coop_view("c0ffee", bea.into()).await.unwrap().unwrap().me,
            None
        );
        assert!(s.coop_view("nope", ada.into()).await.unwrap().is_none());
        // A duplicate id is a conflict; the caller draws another.
        assert!(s
            .create_coop(&NewCoop {
                id: "c0ffee",
                name: "x",
                kind: CoopKind::Private,
                scope: None,
                anonymous_alerts: false,
                min_member_days: 0,
                creator: bea,
                today: today(),
            })
            .await
            .is_err());

        // Invited once; a second invitation is refused; she joins; she cannot be invited again.
        let inv = s
            .invite_to_coop(key, bea, false, today())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(inv.state, MemberState::Invited, "{name}");
        assert!(s
            .invite_to_coop(key, bea, false, today())
            .await
            .unwrap()
            .is_none());
        assert_eq!(s.coops_of(bea.into()).await.unwrap().len(), 1);
        let joined = s
            .coop_transition(
                key,
                bea.into(),
                &[MemberState::Invited],
                MemberState::Member,
                false,
                today(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!((joined.state, joined.since), (MemberState::Member, today()));
        assert!(s
            .invite_to_coop(key, bea, false, today())
            .await
            .unwrap()
            .is_none());
        // Joining twice does nothing.
        assert!(s
            .coop_transition(
                key,
                bea.into(),
                &[MemberState::Invited],
                MemberState::Member,
                false,
                today()
            )
            .await
            .unwrap()
            .is_none());

        // Suspension keeps the day she became a member; she still counts.
        let later = today().plus_days(3);
        let sus = s
            .coop_transition(
                key,
                bea.into(),
                &[MemberState::Member],
                MemberState::Suspended,
                true,
                later,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!((sus.state, sus.since), (MemberState::Suspended, today()));
        assert_eq!(
            s.coop_view("c0ffee", ada.into())
                .await
                .unwrap()
                .unwrap()
                .coop
                .members,
            2
        );
        assert!(s
            .make_coop_moderator(key, bea.into())
            .await
            .unwrap()
            .is_none());
        s.coop_transition(
            key,
            bea.into(),
            &[MemberState::Suspended],
            MemberState::Member,
            true,
            later,
        )
        .await
        .unwrap()
        .unwrap();
        assert!(s
            .make_coop_moderator(key, bea.into())
            .await
            .unwrap()
            .unwrap()
            .moderates());

        // Leaving ends moderation; she no longer lists the coop; she may be invited again.
        let left = s
            .coop_transition(
                key,
                bea.into(),
                &[
                    MemberState::Invited,
                    MemberState::Pending,
                    MemberState::Member,
                    MemberState::Suspended,
                ],
                MemberState::Left,
                false,
                later,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!((left.state, left.moderator), (MemberState::Left, false));
        assert!(s.coops_of(bea.into()).await.unwrap().is_empty());
        assert_eq!(
            s.coop_view("c0ffee", ada.into())
                .await
                .unwrap()
                .unwrap()
                .coop
                .members,
            1
        );
        assert!(s
            .invite_to_coop(key, bea, false, later)
            .await
            .unwrap()
            .is_some());

        // The member list: everyone but those who left.
        s.invite_to_coop(key, cleo, false, later)
            .await
            .unwrap()
            .unwrap();
        s.coop_transition(
            key,
            cleo.into(),
            &[MemberState::Invited],
            MemberState::Left,
            false,
            later,
        )
        .await
        .unwrap()
        .unwrap();
        let names: Vec<_> = s
            .coop_members(key)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.pseudonym, m.membership.state))
            .collect();
        assert_eq!(
            names,
            vec![
                ("ada".into(), MemberState::Member),
                ("bea".into(), MemberState::Invited)
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn r6_2_r8_3_request_links_are_hashed_expire_and_are_purged() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let cleo = seller(&s, "cleo").await;
        let key = coop(&s, "k1", ada).await;
        let h = token_hash("the-token");
        s.create_coop_link(key, ada, &h, NOW + DAY).await.unwrap();
        assert!(
            !s.dump_all_rows().await.unwrap().contains("the-token"),
            "{name}"
        );

        assert_eq!(
            s.request_coop_by_link(&h, bea, NOW, today()).await.unwrap(),
            LinkRequest::Pending(key)
        );
        // Asking again is the same request; a member asking gets her state.
        assert_eq!(
            s.request_coop_by_link(&h, bea, NOW, today()).await.unwrap(),
            LinkRequest::Pending(key)
        );
        assert_eq!(
            s.request_coop_by_link(&h, ada, NOW, today()).await.unwrap(),
            LinkRequest::Already(key, MemberState::Member)
        );
        assert_eq!(
            s.request_coop_by_link(&token_hash("other"), cleo, NOW, today())
                .await
                .unwrap(),
            LinkRequest::NoLink
        );
        // Expired: refused at once, and the purge deletes it.
        assert_eq!(
            s.request_coop_by_link(&h, cleo, NOW + DAY, today())
                .await
                .unwrap(),
            LinkRequest::NoLink,
            "{name}"
        );
        assert_eq!(s.purge_coop_links(NOW + DAY - 1).await.unwrap(), 0);
        let report = s.purge(NOW + DAY, 3600, 86_400).await.unwrap();
        assert_eq!(report.coop_links, 1, "{name}");
        assert!(!s.dump_all_rows().await.unwrap().contains("coop_links: "));
    })
    .await;
}

#[tokio::test]
async fn r6_2_r2_11_deletion_removes_memberships_links_and_committee_seats() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let key = coop(&s, "k2", ada).await;
        s.invite_to_coop(key, bea, false, today())
            .await
            .unwrap()
            .unwrap();
        s.create_coop_link(key, bea, &token_hash("t"), NOW + DAY)
            .await
            .unwrap();
        s.committee_add(Committee::Disputes, bea.into(), "operator", NOW)
            .await
            .unwrap();
        s.delete_account(bea.into()).await.unwrap();

        assert!(s.coops_of(bea.into()).await.unwrap().is_empty(), "{name}");
        assert_eq!(s.coop_members(key).await.unwrap().len(), 1);
        assert!(!s
            .is_committee_member(bea.into(), Committee::Disputes)
            .await
            .unwrap());
        let dump = s.dump_all_rows().await.unwrap();
        assert!(!dump.contains("coop_links: "), "{name}");
        assert!(!dump.contains("committee_members: "), "{name}");
        assert_eq!(dump.matches("coop_members: ").count(), 1, "{name}");
        assert!(!dump.contains("bea"), "{name}: the pseudonym is gone");
    })
    .await;
}

#[tokio::test]
async fn r7_8_the_roster_and_its_append_only_audit() {
    each_backend(|s, name| async move {
        let ada = account(&s, "ada", AccountType::Seller).await;
        assert!(s
            .committee_add(Committee::Security, ada, "operator", NOW)
            .await
            .unwrap());
        assert!(!s
            .committee_add(Committee::Security, ada, "operator", NOW + 1)
            .await
            .unwrap());
        assert!(s
            .committee_add(Committee::Disputes, ada, "operator", NOW + 2)
            .await
            .unwrap());
        assert!(
            s.is_committee_member(ada, Committee::Security)
                .await
                .unwrap(),
            "{name}"
        );
        assert!(!s
            .is_committee_member(ada, Committee::Governance)
            .await
            .unwrap());
        let roster = s.committee_roster().await.unwrap();
        assert_eq!(roster.len(), 2);
        assert_eq!(roster[0].pseudonym, "ada");
        assert!(s
            .committee_remove(Committee::Security, ada, "operator", NOW + 3)
            .await
            .unwrap());
        assert!(!s
            .committee_remove(Committee::Security, ada, "operator", NOW + 4)
            .await
            .unwrap());
        assert!(!s
            .is_committee_member(ada, Committee::Security)
            .await
            .unwrap());

        let log: Vec<_> = s
            .committee_audit()
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.at, a.action, a.committee, a.actor))
            .collect();
        assert_eq!(
            log,
            vec![
                (
                    NOW,
                    RosterAction::Add,
                    Committee::Security,
                    "operator".to_owned()
                ),
                (
                    NOW + 2,
                    RosterAction::Add,
                    Committee::Disputes,
                    "operator".to_owned()
                ),
                (
                    NOW + 3,
                    RosterAction::Remove,
                    Committee::Security,
                    "operator".to_owned()
                ),
            ],
            "{name}"
        );
        // The database refuses to change or delete the log, whoever asks.
        let refused = s.execute_for_tests("DELETE FROM committee_audit").await;
        assert!(refused.is_err(), "{name}: delete");
        let refused = s
            .execute_for_tests("UPDATE committee_audit SET actor = 'x'")
            .await;
        assert!(refused.is_err(), "{name}: update");
        assert_eq!(s.committee_audit().await.unwrap().len(), 3);
    })
    .await;
}

/// R6.2, R9.2: two server processes at once: ten sellers each invited from both processes,
/// then each accepting from both, and a moderator in each process approving the same pending
/// requests: one invitation per seller, every join and approval exactly once, the count exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r6_2_r9_2_two_processes_inviting_joining_and_approving_stay_consistent() {
    each_backend_twice(|one, two, name| async move {
        let ada = seller(&one, "ada").await;
        let key = coop(&one, "race", ada).await;
        let mut invitees = Vec::new();
        let mut requesters = Vec::new();
        for i in 0..10 {
            invitees.push(seller(&one, &format!("inv{i}")).await);
            requesters.push(seller(&one, &format!("req{i}")).await);
        }
        let h = token_hash("race-link");
        one.create_coop_link(key, ada, &h, NOW + DAY).await.unwrap();

        let pair = |i: usize| {
            if i.is_multiple_of(2) {
                (one.clone(), two.clone())
            } else {
                (two.clone(), one.clone())
            }
        };
        let mut invites = Vec::new();
        for (i, who) in invitees.iter().copied().enumerate() {
            let (a, b) = pair(i);
            invites.push(tokio::spawn(async move {
                a.invite_to_coop(key, who, false, today()).await
            }));
            invites.push(tokio::spawn(async move {
                b.invite_to_coop(key, who, false, today()).await
            }));
        }
        let mut won = 0;
        for t in invites {
            if t.await.unwrap().unwrap().is_some() {
                won += 1;
            }
        }
        assert_eq!(won, 10, "{name}: one invitation per seller");

        let mut moves = Vec::new();
        for (i, who) in invitees.iter().copied().enumerate() {
            let (a, b) = pair(i);
            for st in [a, b] {
                moves.push(tokio::spawn(async move {
                    st.coop_transition(
                        key,
                        who.into(),
                        &[MemberState::Invited],
                        MemberState::Member,
                        false,
                        today(),
                    )
                    .await
                }));
            }
        }
        for (i, who) in requesters.iter().copied().enumerate() {
            let (a, _) = pair(i);
            let h = h.clone();
            a.request_coop_by_link(&h, who, NOW, today()).await.unwrap();
            let (a, b) = pair(i + 1);
            for st in [a, b] {
                moves.push(tokio::spawn(async move {
                    st.coop_transition(
                        key,
                        who.into(),
                        &[MemberState::Pending],
                        MemberState::Member,
                        false,
                        today(),
                    )
                    .await
                }));
            }
        }
        let mut done = 0;
        for t in moves {
            if t.await.unwrap().unwrap().is_some() {
                done += 1;
            }
        }
        assert_eq!(
            done, 20,
            "{name}: each join and approval happened exactly once"
        );
        let v = two.coop_view("race", ada.into()).await.unwrap().unwrap();
        assert_eq!(v.coop.members, 21, "{name}");
        assert_eq!(one.coop_members(key).await.unwrap().len(), 21);
    })
    .await;
}

/// R6.2: leaving does not undo a suspension: a seller who left while suspended comes back only
/// on a moderator's invitation; one who left in good standing on anyone's.
#[tokio::test]
async fn r6_2_leaving_while_suspended_needs_a_moderator_to_come_back() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let key = coop(&s, "susp", ada).await;
        let all = [
            MemberState::Invited,
            MemberState::Pending,
            MemberState::Member,
            MemberState::Suspended,
        ];
        s.invite_to_coop(key, bea, false, today())
            .await
            .unwrap()
            .unwrap();
        s.coop_transition(
            key,
            bea.into(),
            &[MemberState::Invited],
            MemberState::Member,
            false,
            today(),
        )
        .await
        .unwrap()
        .unwrap();
        s.coop_transition(
            key,
            bea.into(),
            &[MemberState::Member],
            MemberState::Suspended,
            true,
            today(),
        )
        .await
        .unwrap()
        .unwrap();
        s.coop_transition(key, bea.into(), &all, MemberState::Left, false, today())
            .await
            .unwrap()
            .unwrap();
        assert!(
            s.invite_to_coop(key, bea, false, today())
                .await
                .unwrap()
                .is_none(),
            "{name}: a member cannot invite her back"
        );
        assert!(s
            .invite_to_coop(key, bea, true, today())
            .await
            .unwrap()
            .is_some());
        // Accepted, and left again in good standing: anyone may invite her.
        s.coop_transition(
            key,
            bea.into(),
            &[MemberState::Invited],
            MemberState::Member,
            false,
            today(),
        )
        .await
        .unwrap()
        .unwrap();
        s.coop_transition(key, bea.into(), &all, MemberState::Left, false, today())
            .await
            .unwrap()
            .unwrap();
        assert!(
            s.invite_to_coop(key, bea, false, today())
                .await
                .unwrap()
                .is_some(),
            "{name}"
        );
    })
    .await;
}

/// R6.2, R2.11: a coop is never left without a moderator while it has members: when the last
/// one leaves or deletes her account, the member of longest standing becomes one.
#[tokio::test]
async fn r6_2_r2_11_the_longest_standing_member_succeeds_the_last_moderator() {
    each_backend(|s, name| async move {
        let ada = seller(&s, "ada").await;
        let bea = seller(&s, "bea").await;
        let cleo = seller(&s, "cleo").await;
        let key = coop(&s, "succ", ada).await;
        for (who, day) in [(cleo, today().plus_days(2)), (bea, today())] {
            s.invite_to_coop(key, who, false, day)
                .await
                .unwrap()
                .unwrap();
            s.coop_transition(
                key,
                who.into(),
                &[MemberState::Invited],
                MemberState::Member,
                false,
                day,
            )
            .await
            .unwrap()
            .unwrap();
        }
        // While a moderator remains, nothing changes.
        assert_eq!(
            s.ensure_coop_moderator(Some(key)).await.unwrap(),
            0,
            "{name}"
        );
        s.coop_transition(
            key,
            ada.into(),
            &[MemberState::Member],
            MemberState::Left,
            false,
            today(),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            s.ensure_coop_moderator(Some(key)).await.unwrap(),
            1,
            "{name}"
        );
        let m = s.coop_membership(key, bea.into()).await.unwrap().unwrap();
        assert!(m.moderates(), "{name}: bea has been a member longest");
        assert!(
            !s.coop_membership(key, cleo.into())
                .await
                .unwrap()
                .unwrap()
                .moderator
        );
        // Her account deleted, cleo follows.
        s.delete_account(bea.into()).await.unwrap();
        assert!(
            s.coop_membership(key, cleo.into())
                .await
                .unwrap()
                .unwrap()
                .moderates(),
            "{name}"
        );
    })
    .await;
}
