//! Look-alike pseudonyms (SPEC R2.2): a new account whose confusable skeleton (UTS #39) equals
//! an existing account's is taken, even when two stores create the two at the same instant;
//! imported look-alikes are kept and flagged; rows older than the skeleton column are filled in.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;
use tessera_core::{AccountType, Pseudonym};
use tessera_store::accounts::NewAccount;
use tessera_store::import::UserRow;
use tessera_store::{Store, StoreError};

use crate::common::{account, d, database_url, each_backend, each_backend_twice};

/// `аnna` with a Cyrillic а (U+0430), `ѕteady_sam` with a Cyrillic ѕ (U+0455).
const CYRILLIC_ANNA: &str = "\u{430}nna";
const CYRILLIC_SAM: &str = "\u{455}teady_sam";

async fn try_create(store: &Store, name: &str) -> Result<tessera_core::AccountId, StoreError> {
    let p = Pseudonym::parse(name).unwrap();
    store
        .create_account(&NewAccount {
            pseudonym: &p,
            account_type: AccountType::Buyer,
            password_hash: "h".into(),
            recovery_email_hash: None,
            created_on: d("2026-01-15"),
            language: None,
        })
        .await
}

#[tokio::test]
async fn r2_2_a_look_alike_of_an_existing_account_is_taken() {
    each_backend(|store, name| async move {
        let s = &store;
        let anna = account(s, "anna", AccountType::Seller).await;
        account(s, "steady_sam", AccountType::Buyer).await;
        for look_alike in [CYRILLIC_ANNA, CYRILLIC_SAM, "ANNA", "STEADY_SAM"] {
            let r = try_create(s, look_alike).await;
            assert!(
                matches!(r, Err(StoreError::Conflict)),
                "{name}: {look_alike:?} looks like an existing account: {r:?}"
            );
            let sk = Pseudonym::parse(look_alike).unwrap().skeleton();
            assert!(s.skeleton_taken(&sk).await.unwrap(), "{name}");
        }
        assert!(try_create(s, "steady_tom").await.is_ok(), "{name}");
        assert!(!s.has_look_alike(anna.as_buyer()).await.unwrap(), "{name}");
        // A deleted account's pseudonym, look-alikes included, is free again (R2.11).
        s.delete_account(anna).await.unwrap();
        assert!(try_create(s, CYRILLIC_ANNA).await.is_ok(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn r2_2_two_stores_never_both_create_look_alikes() {
    each_backend_twice(|one, two, name| async move {
        for i in 0..40 {
            let latin = format!("anna{i}");
            let cyrillic = format!("{CYRILLIC_ANNA}{i}");
            let (a, b) = tokio::join!(try_create(&one, &latin), try_create(&two, &cyrillic));
            let made = usize::from(a.is_ok()) + usize::from(b.is_ok());
            assert_eq!(made, 1, "{name}: round {i}: exactly one of two look-alikes");
            for r in [a, b] {
                assert!(
                    matches!(r, Ok(_) | Err(StoreError::Conflict)),
                    "{name}: the loser is told the pseudonym is taken"
                );
            }
        }
    })
    .await;
}

#[tokio::test]
async fn r2_2_imported_look_alikes_are_kept_and_flagged() {
    each_backend(|store, name| async move {
        let s = &store;
        let rows: Vec<Result<UserRow, String>> = ["anna", CYRILLIC_ANNA, "bea"]
            .into_iter()
            .map(|n| {
                Ok(UserRow {
                    pseudonym: Pseudonym::parse(n).unwrap(),
                    account_type: AccountType::Buyer,
                })
            })
            .collect();
        let created = s
            .import_users(rows.into_iter(), d("2026-02-01"))
            .await
            .unwrap();
        assert_eq!(created, 3, "{name}: an import keeps both look-alikes");
        let index = s.account_index().await.unwrap();
        let id = |n: &str| tessera_core::AccountId::new(index[n].0).as_buyer();
        assert!(s.has_look_alike(id("anna")).await.unwrap(), "{name}");
        assert!(s.has_look_alike(id(CYRILLIC_ANNA)).await.unwrap(), "{name}");
        assert!(!s.has_look_alike(id("bea")).await.unwrap(), "{name}");
        // Both stay reachable by their own pseudonym.
        assert!(s
            .account_by_pseudonym(CYRILLIC_ANNA)
            .await
            .unwrap()
            .is_some());
        // Once one is deleted, the other no longer has a look-alike.
        s.delete_account(tessera_core::AccountId::new(index["anna"].0))
            .await
            .unwrap();
        assert!(
            !s.has_look_alike(id(CYRILLIC_ANNA)).await.unwrap(),
            "{name}"
        );
    })
    .await;
}

/// Accounts made before migration 0006 have no skeleton: the store fills it in when it opens.
#[tokio::test]
async fn r2_2_skeletons_of_older_rows_are_filled_in() {
    async fn check(s: &Store, forget: impl std::future::Future<Output = ()>, name: &str) {
        let anna = account(s, "anna", AccountType::Buyer).await;
        let gone = account(s, "gone_user", AccountType::Buyer).await;
        s.delete_account(gone).await.unwrap();
        forget.await;
        assert!(
            !s.skeleton_taken("anna").await.unwrap(),
            "{name}: forgotten"
        );
        assert_eq!(s.backfill_skeletons().await.unwrap(), 2, "{name}");
        assert_eq!(
            s.backfill_skeletons().await.unwrap(),
            0,
            "{name}: idempotent"
        );
        assert!(matches!(
            try_create(s, CYRILLIC_ANNA).await,
            Err(StoreError::Conflict)
        ));
        assert!(!s.has_look_alike(anna.as_buyer()).await.unwrap());
        let dump = s.dump_all_rows().await.unwrap();
        assert!(!dump.contains("gone_user"), "{name}: R2.11");
    }
    let forget = "UPDATE accounts SET skeleton = NULL";
    let key = "6b".repeat(32);
    let dir = tempfile::tempdir().unwrap();
    let at = tessera_store::Location::Sqlite {
        data_dir: dir.path().to_owned(),
    };
    let s = Store::open(&at, &tessera_store::MasterKey::from_hex(&key).unwrap())
        .await
        .unwrap();
    let file = dir.path().join(tessera_store::SQLITE_FILE);
    let raw = async {
        let mut c = SqliteConnectOptions::new()
            .filename(&file)
            .pragma("key", format!("\"x'{key}'\""))
            .connect()
            .await
            .unwrap();
        sqlx::query(forget).execute(&mut c).await.unwrap();
    };
    check(&s, raw, "sqlite").await;
    s.close().await;
    if let Some(pg) = crate::common::postgres().await {
        let (server, db) = pg.drop.clone().unwrap();
        let raw = async {
            let p = sqlx::PgPool::connect_with(
                sqlx::postgres::PgConnectOptions::from_str(&database_url(&server, &db)).unwrap(),
            )
            .await
            .unwrap();
            sqlx::query(forget).execute(&p).await.unwrap();
            p.close().await;
        };
        check(&pg.store, raw, "postgres").await;
        pg.store.close().await;
        let admin = sqlx::PgPool::connect(&server).await.unwrap();
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db}"))
            .execute(&admin)
            .await;
    }
}
