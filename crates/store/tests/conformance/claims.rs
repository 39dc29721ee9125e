//! Imported accounts and their claim (SPEC R4.10): `import_users`, `account_index`,
//! `create_claim_tokens`, `claim_account`, `complete_claim`, and `after_bulk_load`.

use tessera_core::{AccountType, Pseudonym};
use tessera_store::import::{ImportError, UserRow};

use crate::common::{account, d, each_backend};

fn user(name: &str, account_type: AccountType) -> Result<UserRow, String> {
    Ok(UserRow {
        pseudonym: Pseudonym::parse(name).unwrap(),
        account_type,
    })
}

#[tokio::test]
async fn r4_10_imported_users_are_indexed_without_a_password_and_skip_taken_names() {
    each_backend(|store, name| async move {
        let s = &store;
        let existing = account(s, "already_here", AccountType::Seller).await;
        let rows = vec![
            user("Imported_Buyer", AccountType::Buyer),
            user("imported_seller", AccountType::Seller),
            user("already_here", AccountType::Buyer),
        ];
        let created = s
            .import_users(rows.into_iter(), d("2026-02-01"))
            .await
            .unwrap();
        assert_eq!(created, 2, "{name}: a taken pseudonym is skipped");
        let index = s.account_index().await.unwrap();
        assert_eq!(index.len(), 3, "{name}");
        assert_eq!(
            index["already_here"],
            (existing.get(), AccountType::Seller),
            "{name}: the existing account is untouched"
        );
        let (buyer, t) = index["imported_buyer"];
        assert_eq!(t, AccountType::Buyer, "{name}");
        let a = s
            .account_by_id(tessera_core::AccountId::new(buyer))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(a.display_name, "Imported_Buyer", "{name}");
        assert_eq!(a.created_on, d("2026-02-01"), "{name}");
        assert!(
            a.password_hash.is_none(),
            "{name}: cannot log in before a claim"
        );
        assert_eq!(index["imported_seller"].1, AccountType::Seller, "{name}");

        // A deleted account leaves the index.
        s.delete_account(existing).await.unwrap();
        assert!(
            !s.account_index()
                .await
                .unwrap()
                .contains_key("already_here"),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn r4_10_a_bad_user_row_rolls_the_whole_file_back() {
    each_backend(|store, name| async move {
        let s = &store;
        let rows = vec![
            user("first_of_file", AccountType::Buyer),
            Err("line 2: bad type".to_owned()),
        ];
        let e = s.import_users(rows.into_iter(), d("2026-02-01")).await;
        assert!(
            matches!(e, Err(ImportError::Row(ref m)) if m == "line 2: bad type"),
            "{name}"
        );
        assert!(
            s.account_index().await.unwrap().is_empty(),
            "{name}: nothing committed"
        );
    })
    .await;
}

#[tokio::test]
async fn r4_10_claim_tokens_set_a_password_once_and_expire() {
    each_backend(|store, name| async move {
        let s = &store;
        let rows = vec![
            user("claim_one", AccountType::Buyer),
            user("claim_two", AccountType::Seller),
        ];
        s.import_users(rows.into_iter(), d("2026-02-01"))
            .await
            .unwrap();
        let index = s.account_index().await.unwrap();
        let (one, two) = (index["claim_one"].0, index["claim_two"].0);
        let now = 1_000_000;
        s.create_claim_tokens(
            &[(b"tok-one".to_vec(), one), (b"tok-two".to_vec(), two)],
            now + 100,
        )
        .await
        .unwrap();

        assert_eq!(
            s.claim_account(b"tok-one", now).await.unwrap(),
            Some(tessera_core::AccountId::new(one)),
            "{name}"
        );
        assert_eq!(
            s.claim_account(b"unknown", now).await.unwrap(),
            None,
            "{name}"
        );
        assert_eq!(
            s.claim_account(b"tok-two", now + 100).await.unwrap(),
            None,
            "{name}: expired at its expiry time"
        );

        // Looking does not use it up; completing does, once.
        assert_eq!(
            s.claim_account(b"tok-one", now).await.unwrap(),
            Some(tessera_core::AccountId::new(one)),
            "{name}"
        );
        assert_eq!(
            s.complete_claim(b"tok-one", now, "$argon2id$claimed")
                .await
                .unwrap(),
            Some(tessera_core::AccountId::new(one)),
            "{name}"
        );
        let a = s
            .account_by_id(tessera_core::AccountId::new(one))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            a.password_hash.as_deref(),
            Some("$argon2id$claimed"),
            "{name}"
        );
        assert_eq!(
            s.complete_claim(b"tok-one", now, "$again").await.unwrap(),
            None,
            "{name}"
        );
        assert_eq!(
            s.claim_account(b"tok-one", now).await.unwrap(),
            None,
            "{name}"
        );

        // An expired token cannot complete, and leaves the account without a password.
        assert_eq!(
            s.complete_claim(b"tok-two", now + 100, "$late")
                .await
                .unwrap(),
            None,
            "{name}"
        );
        assert!(
            s.account_by_id(tessera_core::AccountId::new(two))
                .await
                .unwrap()
                .unwrap()
                .password_hash
                .is_none(),
            "{name}"
        );

        // Purge removes expired claim tokens (R8.3): nothing of them is left in the database.
        s.purge(now + 100, 86_400, 86_400).await.unwrap();
        let dump = s.dump_all_rows().await.unwrap();
        assert!(!dump.contains("claim_tokens:"), "{name}: {dump}");
    })
    .await;
}

#[tokio::test]
async fn r4_10_a_claim_of_an_account_with_a_password_fails_and_uses_no_token() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "has_password", AccountType::Buyer).await;
        s.create_claim_tokens(&[(b"tok-pw".to_vec(), id.get())], 500)
            .await
            .unwrap();
        assert_eq!(
            s.claim_account(b"tok-pw", 10).await.unwrap(),
            None,
            "{name}"
        );
        assert_eq!(
            s.complete_claim(b"tok-pw", 10, "$new").await.unwrap(),
            None,
            "{name}"
        );
        let a = s.account_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            a.password_hash.as_deref(),
            Some("h"),
            "{name}: password unchanged"
        );
    })
    .await;
}

#[tokio::test]
async fn r4_10_after_bulk_load_keeps_lookups_answering() {
    each_backend(|store, name| async move {
        let s = &store;
        let buyer = account(s, "after_load", AccountType::Buyer).await;
        let schema = s.schema_outline().await.unwrap();
        s.after_bulk_load().await.unwrap();
        let r = s.buyer_record("after_load").await.unwrap().unwrap();
        assert_eq!(r.id, buyer.as_buyer(), "{name}");
        assert_eq!(s.schema_outline().await.unwrap(), schema, "{name}");
        assert!(
            s.consistency().await.unwrap().drifting_buyers.is_empty(),
            "{name}"
        );
    })
    .await;
}
