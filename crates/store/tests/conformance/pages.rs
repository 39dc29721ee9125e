//! Every page of the database, as someone with a copy of it would read them (SPEC R2.11, R8.2),
//! for the tests that search for what must be gone: on SQLite every page of the SQLCipher file
//! and every frame of its WAL, decrypted with the key (free pages and old frames too); on
//! PostgreSQL every page of every table, index and TOAST table (dead row versions and free
//! space too).

use std::path::Path;

use aes::cipher::{BlockDecryptMut, KeyIvInit};
use tessera_store::SQLITE_FILE;

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
pub fn all_pages(dir: &Path, key: &[u8; 32]) -> Vec<(String, Vec<u8>)> {
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
pub fn found(dir: &Path, key: &[u8; 32], needle: &str) -> Vec<String> {
    all_pages(dir, key)
        .into_iter()
        .filter(|(_, p)| p.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(w, _)| w)
        .collect()
}

pub fn wal_len(dir: &Path) -> u64 {
    std::fs::metadata(dir.join(format!("{SQLITE_FILE}-wal"))).map_or(0, |m| m.len())
}

/// Every page of every table, index and TOAST table of the current schema, read through
/// `pageinspect` (which the caller has created), shared buffers included, so nothing waits for
/// a checkpoint: (where, page).
pub async fn pg_pages(pool: &sqlx::PgPool) -> Vec<(String, Vec<u8>)> {
    let relations: Vec<String> = sqlx::query_scalar(
        "WITH mine AS (SELECT oid, reltoastrelid FROM pg_class \
           WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r') \
         SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind IN ('r', 'i', 't') AND \
           (c.oid IN (SELECT oid FROM mine) OR c.oid IN (SELECT reltoastrelid FROM mine) \
            OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN \
               (SELECT oid FROM mine UNION SELECT reltoastrelid FROM mine)))",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(relations.len() > 20, "{relations:?}");
    let mut pages = Vec::new();
    for rel in relations {
        let blocks: i64 = sqlx::query_scalar("SELECT pg_relation_size($1::regclass) / 8192")
            .bind(&rel)
            .fetch_one(pool)
            .await
            .unwrap();
        for b in 0..blocks {
            let page: Vec<u8> = sqlx::query_scalar("SELECT get_raw_page($1, $2)")
                .bind(&rel)
                .bind(i32::try_from(b).unwrap())
                .fetch_one(pool)
                .await
                .unwrap();
            pages.push((format!("{rel} block {b}"), page));
        }
    }
    pages
}
