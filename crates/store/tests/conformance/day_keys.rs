//! Encryption that forgets (issue 12 §3, R8.2, R8.3) on both backends: a value sealed until a
//! day opens until that day's key is shredded, and never after; two stores (two processes)
//! share one key per day; a value cannot be moved to another context.

use tessera_store::StoreError;

use crate::common::{each_backend, each_backend_twice};

const DAY: i64 = 86_400;
/// 2026-12-03 12:00 UTC.
const NOON: i64 = 1_796_299_200;

#[tokio::test]
async fn r8_3_issue12_a_shredded_day_key_makes_its_texts_unreadable() {
    each_backend(|store, name| async move {
        let s = &store;
        let today = s
            .seal_until(NOON + 3_600, "message", b"meet at the usual place")
            .await
            .unwrap();
        let next_week = s
            .seal_until(NOON + 7 * DAY, "message", b"still here next week")
            .await
            .unwrap();
        assert!(!today
            .windows(b"usual place".len())
            .any(|w| w == b"usual place"));
        assert_eq!(
            s.open_sealed("message", &today).await.unwrap().as_deref(),
            Some(&b"meet at the usual place"[..]),
            "{name}"
        );
        // Bound to its context.
        assert!(matches!(
            s.open_sealed("alert", &today).await,
            Err(StoreError::Decrypt)
        ));
        // Relabelled with another day: refused, not decrypted.
        let mut moved = today.clone();
        moved[7] ^= 1;
        assert!(matches!(
            s.open_sealed("message", &moved).await,
            Ok(None) | Err(StoreError::Decrypt)
        ));
        // While the day lasts, the purge keeps its key.
        assert_eq!(s.shred_day_keys(NOON + 3_600).await.unwrap(), 0, "{name}");
        assert!(s.open_sealed("message", &today).await.unwrap().is_some());
        // The next day the key is gone, and with it the text; next week's is untouched.
        let report = s.purge(NOON + DAY, 1_800, 43_200).await.unwrap();
        assert_eq!(report.day_keys, 1, "{name}");
        assert_eq!(
            s.open_sealed("message", &today).await.unwrap(),
            None,
            "{name}"
        );
        assert_eq!(
            s.open_sealed("message", &next_week)
                .await
                .unwrap()
                .as_deref(),
            Some(&b"still here next week"[..])
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r9_2_issue12_two_stores_share_one_key_per_day() {
    each_backend_twice(|one, two, name| async move {
        // Both create the day's key at the same instant: one wins, both use it.
        let (a, b) = tokio::join!(
            one.seal_until(NOON, "note", b"from one"),
            two.seal_until(NOON, "note", b"from two")
        );
        let (a, b) = (a.expect("seal in one"), b.expect("seal in two"));
        assert_eq!(
            two.open_sealed("note", &a).await.unwrap().as_deref(),
            Some(&b"from one"[..]),
            "{name}"
        );
        assert_eq!(
            one.open_sealed("note", &b).await.unwrap().as_deref(),
            Some(&b"from two"[..]),
            "{name}"
        );
    })
    .await;
}
