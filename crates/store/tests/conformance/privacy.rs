//! What must be gone from the database (SPEC R2.11, R8.2, R8.3): deletion to a tombstone,
//! purge of what has expired, and the SQLite file encrypted at rest.

use tessera_core::{AccountType, Pseudonym};
use tessera_store::accounts::{Settings, TOMBSTONE_PREFIX};
use tessera_store::events::LOGIN_FAILURE;
use tessera_store::sessions::NewSession;
use tessera_store::StoreError;

use crate::accounts::account;
use crate::common::each_backend;

#[tokio::test]
async fn r2_11_deletion_leaves_a_tombstone_and_nothing_else() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "Deletable_Name", AccountType::Seller).await;
        s.set_totp_secret(id, Some(b"0123456789abcdefghij"))
            .await
            .unwrap();
        s.replace_recovery_codes(id, &[4; 16], &[vec![4; 32]])
            .await
            .unwrap();
        s.create_recovery_token(&[6; 32], id, i64::MAX)
            .await
            .unwrap();
        s.create_invitation(&[5; 32], Some(id.as_seller()), 0, i64::MAX)
            .await
            .unwrap();
        s.create_session(&NewSession {
            token_hash: &[9; 32],
            handle: "hd",
            account_id: id,
            csrf_token: "c",
            now: 0,
        })
        .await
        .unwrap();
        s.update_settings(
            id,
            &Settings {
                language: Some("de".into()),
                min_trust: Some(0.9),
                ..Settings::default()
            },
        )
        .await
        .unwrap();

        let tomb = s.delete_account(id).await.unwrap();
        assert!(tomb.starts_with(TOMBSTONE_PREFIX));
        assert!(
            Pseudonym::parse(&tomb).is_err(),
            "a tombstone can never be typed as a pseudonym"
        );
        assert!(s
            .account_by_pseudonym("deletable_name")
            .await
            .unwrap()
            .is_none());
        assert!(s.account_by_id(id).await.unwrap().is_none());
        assert!(s.session(&[9; 32]).await.unwrap().is_none());
        assert!(!s.invitation_is_open(&[5; 32], 1).await.unwrap());
        assert_eq!(s.count_recovery_codes(id).await.unwrap(), 0);
        assert_eq!(s.recovery_token_account(&[6; 32], 1).await.unwrap(), None);
        assert!(matches!(
            s.delete_account(id).await,
            Err(StoreError::NotFound)
        ));

        let dump = s.dump_all_rows().await.unwrap();
        for gone in ["Deletable_Name", "deletable_name", "emailhash", "fake"] {
            assert!(
                !dump.to_lowercase().contains(&gone.to_lowercase()),
                "{name}: '{gone}' survived deletion:\n{dump}"
            );
        }
        // The pseudonym is free again; the new account starts from zero.
        let again = account(s, "deletable_name", AccountType::Buyer).await;
        assert_ne!(again, id, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r8_3_purge_deletes_what_has_expired() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "purgeuser", AccountType::Seller).await;
        let now = 10_000_000;
        for (h, created) in [(1u8, now - 10), (2, now - 4_000), (3, now - 50_000)] {
            let handle = format!("p{h}");
            let n = NewSession {
                token_hash: &[h; 32],
                handle: &handle,
                account_id: id,
                csrf_token: "c",
                now: created,
            };
            s.create_session(&n).await.unwrap();
        }
        s.touch_session(&[3; 32], now - 10).await.unwrap(); // active, but past the absolute limit
        s.create_invitation(&[1; 32], None, 0, now - 1)
            .await
            .unwrap();
        s.create_invitation(&[2; 32], None, 0, now + 1)
            .await
            .unwrap();
        s.create_recovery_token(&[1; 32], id, now - 1)
            .await
            .unwrap();
        s.record_event(LOGIN_FAILURE, b"x", now - 31 * 86_400)
            .await
            .unwrap();
        s.record_event(LOGIN_FAILURE, b"x", now - 86_400)
            .await
            .unwrap();
        let r = s.purge(now, 1_800, 43_200).await.unwrap();
        assert_eq!(
            (
                r.sessions,
                r.invitations,
                r.recovery_tokens,
                r.security_events
            ),
            (2, 1, 1, 1),
            "{name}"
        );
        assert!(s.session(&[1; 32]).await.unwrap().is_some());
        assert!(s.invitation_is_open(&[2; 32], now).await.unwrap());
        assert_eq!(
            s.purge(now, 1_800, 43_200).await.unwrap(),
            Default::default(),
            "idempotent"
        );
    })
    .await;
}

#[tokio::test]
async fn r8_2_sqlite_files_are_encrypted() {
    let b = crate::common::sqlite().await;
    account(&b.store, "PlaintextProbe", AccountType::Buyer).await;
    b.store.close().await;
    let dir = b.dir.as_ref().unwrap().path();
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if path.extension().is_some_and(|e| e == "key") {
            continue;
        }
        files += 1;
        assert!(
            !bytes.starts_with(b"SQLite format 3\0"),
            "{} is a plaintext SQLite file",
            path.display()
        );
        assert!(
            !bytes.windows(14).any(|w| w == b"plaintextprobe"),
            "{} holds a pseudonym in clear",
            path.display()
        );
    }
    assert!(files >= 1);
}
