//! A deleted pseudonym survives in no page of the SQLite database file or its WAL (SPEC R2.11).
//! `secure_delete` overwrites deleted cells in the database file, but the WAL keeps old page
//! images until a checkpoint truncates it. This test decrypts every page of both files with the
//! key, as an attacker holding the key file would, while the server runs and after it stopped.

use tessera_core::AccountType;
use tessera_store::{Location, MasterKey, Store};

use crate::accounts::account;
use crate::pages::{found, wal_len};

#[tokio::test]
async fn r2_11_deleted_pseudonym_is_in_no_page_of_the_database_or_its_wal() {
    let key = [0x3c_u8; 32];
    let hex = "3c".repeat(32);
    let dir = tempfile::tempdir().unwrap();
    let at = Location::Sqlite {
        data_dir: dir.path().to_owned(),
    };
    let s = Store::open(&at, &MasterKey::from_hex(&hex).unwrap())
        .await
        .unwrap();
    for i in 0..20 {
        account(&s, &format!("neighbour_{i}"), AccountType::Buyer).await;
    }
    let gone = account(&s, "Walprobe_Zed", AccountType::Buyer).await;
    let kept = account(&s, "Walprobe_Kept", AccountType::Seller).await;
    s.save_rating(&crate::common::rating(
        kept,
        gone,
        crate::common::d("2026-01-15"),
        Some(true),
        None,
    ))
    .await
    .unwrap();
    // The control: before the deletion, the decryption finds the pseudonym.
    assert!(!found(dir.path(), &key, "walprobe_zed").is_empty());
    assert!(!found(dir.path(), &key, "Walprobe_Zed").is_empty());

    s.delete_account(gone).await.unwrap();
    assert_eq!(wal_len(dir.path()), 0, "the deletion truncated the WAL");
    for needle in ["walprobe_zed", "Walprobe_Zed"] {
        assert_eq!(
            found(dir.path(), &key, needle),
            Vec::<String>::new(),
            "while running, right after the deletion"
        );
    }
    // Writes after it add new frames, none with the old pseudonym.
    for i in 20..40 {
        account(&s, &format!("neighbour_{i}"), AccountType::Buyer).await;
    }
    assert!(wal_len(dir.path()) > 0);
    assert!(
        found(dir.path(), &key, "walprobe_zed").is_empty(),
        "while running"
    );
    assert!(
        !found(dir.path(), &key, "walprobe_kept").is_empty(),
        "control"
    );
    // A purge that deletes rows also truncates the WAL.
    s.record_event(tessera_store::events::LOGIN_FAILURE, b"old", 0)
        .await
        .unwrap();
    assert!(wal_len(dir.path()) > 0);
    let purged = s.purge(100 * 86_400, 1_800, 43_200).await.unwrap();
    assert_eq!(purged.security_events, 1);
    assert_eq!(wal_len(dir.path()), 0, "the purge truncated the WAL");
    s.close().await;
    assert_eq!(wal_len(dir.path()), 0, "a clean stop leaves no WAL");
    assert!(
        found(dir.path(), &key, "walprobe_zed").is_empty(),
        "after stop"
    );
    assert!(
        found(dir.path(), &key, "Walprobe_Zed").is_empty(),
        "after stop"
    );
}
