//! A deleted pseudonym survives in no page of the SQLite database file or its WAL (SPEC R2.11).
//! `secure_delete` overwrites deleted cells in the database file, but the WAL keeps old page
//! images until a checkpoint truncates it. This test decrypts every page of both files with the
//! key, as an attacker holding the key file would, while the server runs and after it stopped.

use std::path::Path;

use aes::cipher::{BlockDecryptMut, KeyIvInit};
use tessera_core::AccountType;
use tessera_store::{Location, MasterKey, Store, SQLITE_FILE};

use crate::accounts::account;

/// SQLCipher 4's defaults: 4096-byte pages, each ending in a 16-byte IV and a 64-byte HMAC;
/// page 1 starts with the 16-byte salt, outside the encryption.
const PAGE: usize = 4096;
const RESERVE: usize = 80;
const SALT: usize = 16;
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;

/// The plaintext of one encrypted page image.
fn decrypt_page(key: &[u8; 32], page_no: u32, image: &[u8]) -> Vec<u8> {
    let start = if page_no == 1 { SALT } else { 0 };
    let iv = &image[PAGE - RESERVE..PAGE - RESERVE + 16];
    let mut data = image[start..PAGE - RESERVE].to_vec();
    Aes256CbcDec::new(key.into(), iv.into())
        .decrypt_padded_mut::<aes::cipher::block_padding::NoPadding>(&mut data)
        .unwrap();
    data
}

/// Every page of the database file and every frame of the WAL, decrypted: (where, plaintext).
fn all_pages(dir: &Path, key: &[u8; 32]) -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    let db = std::fs::read(dir.join(SQLITE_FILE)).unwrap();
    assert_eq!(db.len() % PAGE, 0);
    for (i, image) in db.chunks(PAGE).enumerate() {
        let no = u32::try_from(i + 1).unwrap();
        let plain = decrypt_page(key, no, image);
        if no == 1 {
            // Bytes 16–17 of the SQLite header: the page size. Proves the key and layout.
            assert_eq!(&plain[..2], &[0x10, 0x00], "page 1 did not decrypt");
        }
        pages.push((format!("db page {no}"), plain));
    }
    let wal = std::fs::read(dir.join(format!("{SQLITE_FILE}-wal"))).unwrap_or_default();
    if wal.len() > WAL_HEADER {
        for (i, frame) in wal[WAL_HEADER..].chunks(FRAME_HEADER + PAGE).enumerate() {
            if frame.len() < FRAME_HEADER + PAGE {
                break;
            }
            let no = u32::from_be_bytes(frame[..4].try_into().unwrap());
            pages.push((
                format!("wal frame {i} (page {no})"),
                decrypt_page(key, no, &frame[FRAME_HEADER..]),
            ));
        }
    }
    pages
}

/// Where `needle` appears in any decrypted page.
fn found(dir: &Path, key: &[u8; 32], needle: &str) -> Vec<String> {
    all_pages(dir, key)
        .into_iter()
        .filter(|(_, p)| p.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(w, _)| w)
        .collect()
}

fn wal_len(dir: &Path) -> u64 {
    std::fs::metadata(dir.join(format!("{SQLITE_FILE}-wal"))).map_or(0, |m| m.len())
}

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
