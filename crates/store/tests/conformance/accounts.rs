//! Accounts (SPEC R2.2–R2.12): uniqueness, invitations, TOTP, recovery, sessions, security
//! events, settings.

use crate::common::each_backend;
use tessera_core::{AccountType, Day, Pseudonym};
use tessera_store::accounts::{NewAccount, Settings};
use tessera_store::events::LOGIN_FAILURE;
use tessera_store::sessions::{EndSessions, NewSession};
use tessera_store::{Store, StoreError};

pub(crate) fn day() -> Day {
    Day::parse("2026-11-20").unwrap()
}

pub(crate) async fn account(store: &Store, name: &str, t: AccountType) -> tessera_core::AccountId {
    let p = Pseudonym::parse(name).unwrap();
    store
        .create_account(&NewAccount {
            pseudonym: &p,
            account_type: t,
            password_hash: "$argon2id$fake".into(),
            recovery_email_hash: Some("$argon2id$emailhash".into()),
            created_on: day(),
            language: None,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn r2_2_accounts_are_unique_by_canonical_pseudonym() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "Anna.K", AccountType::Buyer).await;
        let a = s.account_by_pseudonym("anna.k").await.unwrap().expect(name);
        assert_eq!(a.id, id);
        assert_eq!(a.display_name, "Anna.K");
        assert_eq!(a.account_type, AccountType::Buyer);
        assert_eq!(a.created_on, day());
        assert!(!a.totp_enabled);
        let p = Pseudonym::parse("ANNA.k").unwrap();
        let dup = s
            .create_account(&NewAccount {
                pseudonym: &p,
                account_type: AccountType::Seller,
                password_hash: "x".into(),
                recovery_email_hash: None,
                created_on: day(),
                language: None,
            })
            .await;
        assert!(matches!(dup, Err(StoreError::Conflict)), "{}", name);
        assert_eq!(
            s.account_by_id(id).await.unwrap().unwrap().pseudonym,
            "anna.k"
        );
        assert!(s.account_by_pseudonym("nobody").await.unwrap().is_none());
        assert_eq!(s.count_sellers().await.unwrap(), 0);
        account(s, "seller1", AccountType::Seller).await;
        assert_eq!(s.count_sellers().await.unwrap(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r2_3_invitations_single_use_expiring_and_limited() {
    each_backend(|store, name| async move {
        let s = &store;
        let seller = account(s, "inviter", AccountType::Seller).await;
        let now = 1_000_000;
        for i in 0..3u8 {
            s.create_invitation(&[i; 32], Some(seller.as_seller()), now, now + 100)
                .await
                .unwrap();
        }
        assert!(matches!(
            s.create_invitation(&[9; 32], Some(seller.as_seller()), now, now + 100)
                .await,
            Err(StoreError::TooManyOpenInvitations)
        ));
        // The operator has no limit.
        s.create_invitation(&[7; 32], None, now, now + 100)
            .await
            .unwrap();
        s.create_invitation(&[8; 32], None, now, now + 100)
            .await
            .unwrap();
        assert_eq!(
            s.open_invitations(seller.as_seller(), now)
                .await
                .unwrap()
                .len(),
            3
        );
        assert!(s.invitation_is_open(&[0; 32], now).await.unwrap());
        assert!(
            !s.invitation_is_open(&[0; 32], now + 100).await.unwrap(),
            "expired"
        );
        // Expired invitations no longer count toward the limit.
        s.create_invitation(&[10; 32], Some(seller.as_seller()), now + 100, now + 200)
            .await
            .unwrap();

        let p = Pseudonym::parse("newseller").unwrap();
        let new = NewAccount {
            pseudonym: &p,
            account_type: AccountType::Seller,
            password_hash: "h".into(),
            recovery_email_hash: None,
            created_on: day(),
            language: Some("de".into()),
        };
        // Expired: refused, nothing created.
        assert!(matches!(
            s.create_seller_with_invitation(&[1; 32], now + 150, &new)
                .await,
            Err(StoreError::NotFound)
        ));
        assert!(s.account_by_pseudonym("newseller").await.unwrap().is_none());
        let id = s
            .create_seller_with_invitation(&[7; 32], now, &new)
            .await
            .unwrap();
        assert_eq!(
            s.account_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .settings
                .language
                .as_deref(),
            Some("de")
        );
        // Single use.
        let p2 = Pseudonym::parse("another").unwrap();
        let again = NewAccount {
            pseudonym: &p2,
            ..new
        };
        assert!(matches!(
            s.create_seller_with_invitation(&[7; 32], now, &again).await,
            Err(StoreError::NotFound)
        ));
        // A taken pseudonym leaves the invitation usable.
        let taken = NewAccount {
            pseudonym: &p,
            ..again
        };
        assert!(matches!(
            s.create_seller_with_invitation(&[8; 32], now, &taken).await,
            Err(StoreError::Conflict)
        ));
        assert!(
            s.invitation_is_open(&[8; 32], now).await.unwrap(),
            "{}",
            name
        );
    })
    .await;
}

#[tokio::test]
async fn r2_5_totp_secret_is_sealed_and_each_step_used_once() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "totpuser", AccountType::Buyer).await;
        assert_eq!(s.totp_secret(id).await.unwrap(), None);
        s.set_totp_secret(id, Some(b"twenty bytes secret!"))
            .await
            .unwrap();
        assert_eq!(
            s.totp_secret(id).await.unwrap().as_deref(),
            Some(&b"twenty bytes secret!"[..])
        );
        assert!(s.account_by_id(id).await.unwrap().unwrap().totp_enabled);
        let dump = s.dump_all_rows().await.unwrap();
        assert!(
            !dump.contains("twenty bytes secret"),
            "{name}: TOTP secret stored in clear"
        );
        assert!(s.claim_totp_step(id, 100).await.unwrap());
        assert!(
            !s.claim_totp_step(id, 100).await.unwrap(),
            "same step twice"
        );
        assert!(!s.claim_totp_step(id, 99).await.unwrap(), "older step");
        assert!(s.claim_totp_step(id, 101).await.unwrap());
        s.set_totp_secret(id, None).await.unwrap();
        assert!(!s.account_by_id(id).await.unwrap().unwrap().totp_enabled);
        assert!(
            s.claim_totp_step(id, 1).await.unwrap(),
            "a new secret starts over"
        );
    })
    .await;
}

#[tokio::test]
async fn r2_6_recovery_codes_and_links() {
    each_backend(|store, _name| async move {
        let s = &store;
        let id = account(s, "recoverer", AccountType::Buyer).await;
        s.replace_recovery_codes(id, &[5; 16], &[vec![1; 32], vec![2; 32]])
            .await
            .unwrap();
        assert_eq!(s.count_recovery_codes(id).await.unwrap(), 2);
        assert!(s.use_recovery_code(id, &[1; 32]).await.unwrap());
        assert!(
            !s.use_recovery_code(id, &[1; 32]).await.unwrap(),
            "one-time"
        );
        s.replace_recovery_codes(id, &[6; 16], &[vec![3; 32]])
            .await
            .unwrap();
        assert!(
            !s.use_recovery_code(id, &[2; 32]).await.unwrap(),
            "replaced"
        );
        assert_eq!(s.count_recovery_codes(id).await.unwrap(), 1);

        s.set_recovery_email_hash(id, None).await.unwrap();
        assert!(s
            .account_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .recovery_email_hash
            .is_none());
        s.set_recovery_email_hash(id, Some("$argon2id$new"))
            .await
            .unwrap();

        s.create_recovery_token(&[5; 32], id, 200).await.unwrap();
        assert_eq!(
            s.recovery_token_account(&[5; 32], 100).await.unwrap(),
            Some(id)
        );
        assert_eq!(
            s.recovery_token_account(&[5; 32], 200).await.unwrap(),
            None,
            "expired"
        );
        assert_eq!(s.consume_recovery_token(&[5; 32], 200).await.unwrap(), None);
        assert_eq!(
            s.consume_recovery_token(&[5; 32], 100).await.unwrap(),
            Some(id)
        );
        assert_eq!(
            s.consume_recovery_token(&[5; 32], 100).await.unwrap(),
            None,
            "single use"
        );
    })
    .await;
}

#[tokio::test]
async fn r2_7_sessions() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "sessionuser", AccountType::Seller).await;
        for (i, h) in ["h1", "h2"].iter().enumerate() {
            s.create_session(&NewSession {
                token_hash: &[i as u8; 32],
                handle: h,
                account_id: id,
                csrf_token: "csrf",
                now: 86_400 * (10 + i as i64),
            })
            .await
            .unwrap();
        }
        let (sess, acc) = s.session(&[0; 32]).await.unwrap().unwrap();
        assert_eq!(
            (sess.handle.as_str(), acc.id, sess.csrf_token.as_str()),
            ("h1", id, "csrf")
        );
        assert_eq!(sess.last_seen_at, 864_000);
        s.touch_session(&[0; 32], 900_000).await.unwrap();
        assert_eq!(
            s.session(&[0; 32]).await.unwrap().unwrap().0.last_seen_at,
            900_000
        );
        let list = s.list_sessions(id).await.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].handle, "h2", "newest first");
        assert_eq!(list[0].created_on.to_string(), "1970-01-12");
        assert!(
            !s.delete_session_by_handle(tessera_core::AccountId::new(id.get() + 1), "h1")
                .await
                .unwrap(),
            "other account's session"
        );
        assert!(s.delete_session_by_handle(id, "h1").await.unwrap());
        assert!(s.session(&[0; 32]).await.unwrap().is_none());
        s.create_session(&NewSession {
            token_hash: &[3; 32],
            handle: "h3",
            account_id: id,
            csrf_token: "c",
            now: 1,
        })
        .await
        .unwrap();
        assert_eq!(
            s.end_sessions(id, EndSessions::AllBut(&[1; 32]))
                .await
                .unwrap(),
            1
        );
        s.delete_session(&[1; 32]).await.unwrap();
        assert!(s.list_sessions(id).await.unwrap().is_empty(), "{}", name);
    })
    .await;
}

#[tokio::test]
async fn r2_9_security_events_counted_in_the_database() {
    each_backend(|store, name| async move {
        let s = &store;
        for at in [100, 200, 300] {
            s.record_event(LOGIN_FAILURE, b"subject", at).await.unwrap();
        }
        s.record_event(LOGIN_FAILURE, b"other", 300).await.unwrap();
        assert_eq!(
            s.count_events(LOGIN_FAILURE, b"subject", 150)
                .await
                .unwrap(),
            (2, Some(300))
        );
        assert_eq!(
            s.count_events(LOGIN_FAILURE, b"nobody", 0).await.unwrap(),
            (0, None)
        );
        s.clear_events(LOGIN_FAILURE, b"subject").await.unwrap();
        assert_eq!(
            s.count_events(LOGIN_FAILURE, b"subject", 0)
                .await
                .unwrap()
                .0,
            0
        );
        assert_eq!(
            s.count_events(LOGIN_FAILURE, b"other", 0).await.unwrap().0,
            1
        );
        assert!(s.record_event_once("pow", b"c1", 1).await.unwrap());
        assert!(
            !s.record_event_once("pow", b"c1", 2).await.unwrap(),
            "{}",
            name
        );
    })
    .await;
}

#[tokio::test]
async fn r2_12_settings_round_trip() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "settingsuser", AccountType::Seller).await;
        assert_eq!(
            s.account_by_id(id).await.unwrap().unwrap().settings,
            Settings::default()
        );
        let new = Settings {
            language: Some("de".into()),
            min_trust: Some(0.8),
            min_ratings: Some(5),
            max_unsafe: Some(2),
            unknown_is_below: true,
            message_expiry_days: 14,
        };
        s.update_settings(id, &new).await.unwrap();
        assert_eq!(
            s.account_by_id(id).await.unwrap().unwrap().settings,
            new,
            "{name}"
        );
        s.set_password_hash(id, "$argon2id$changed").await.unwrap();
        assert_eq!(
            s.account_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .password_hash
                .as_deref(),
            Some("$argon2id$changed")
        );
        assert!(matches!(
            s.set_password_hash(tessera_core::AccountId::new(id.get() + 99), "x")
                .await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}
