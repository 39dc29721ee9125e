//! Issue 11 on both backends: the one attempt guard (ASVS 6.3.1, R2.9, R4.5) holds across two
//! stores (two server processes, R9.2); ending sessions empties the session cache here and, on
//! PostgreSQL, in the other store at once (ASVS 7.4.3, R2.7); recovery codes are stored under a
//! salted slow hash, and codes stored before it are wrapped (ASVS 6.5.2, R2.6).

use std::time::{Duration, Instant};

use tessera_core::AccountType;
use tessera_store::crypto::recovery_code_hash;
use tessera_store::events::{Attempt, LOGIN_FAILURE};
use tessera_store::sessions::{EndSessions, NewSession};
use tessera_store::Store;

use crate::common::{account, each_backend, each_backend_twice};

async fn attempt(s: &Store, subject: &[u8]) -> Attempt {
    s.begin_attempt(LOGIN_FAILURE, subject, 0, 1_000, |r| {
        (r.count >= 10).then_some(2)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r2_9_asvs_6_3_1_two_stores_grant_at_most_the_limit() {
    each_backend_twice(|one, two, name| async move {
        // 100 attempts at once, half through each store: exactly 10 are granted.
        let tasks: Vec<_> = (0..100)
            .map(|i| {
                let s = if i % 2 == 0 { one.clone() } else { two.clone() };
                tokio::spawn(async move { attempt(&s, b"racing subject").await })
            })
            .collect();
        let mut granted = Vec::new();
        for t in tasks {
            if let Attempt::Granted(id) = t.await.unwrap() {
                granted.push(id);
            }
        }
        assert_eq!(granted.len(), 10, "{name}");
        // A refused attempt is not recorded; another subject has its own count.
        let (n, last) = one
            .count_events(LOGIN_FAILURE, b"racing subject", 0)
            .await
            .unwrap();
        assert_eq!((n, last), (10, Some(1_000)), "{name}");
        assert!(matches!(attempt(&two, b"other").await, Attempt::Granted(_)));
        // A right secret forgets its attempt: one more may be evaluated.
        one.forget_attempt(granted[0]).await.unwrap();
        assert!(matches!(
            attempt(&two, b"racing subject").await,
            Attempt::Granted(_)
        ));
        assert_eq!(attempt(&one, b"racing subject").await, Attempt::Refused(2));
    })
    .await;
}

async fn session(s: &Store, id: tessera_core::AccountId, hash: &[u8], handle: &str) {
    s.create_session(&NewSession {
        token_hash: hash,
        handle,
        account_id: id,
        csrf_token: "c",
        now: 1,
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn r2_7_asvs_7_4_3_ending_sessions_empties_every_cache() {
    each_backend_twice(|one, two, name| async move {
        let id = account(&one, "ending", AccountType::Seller).await;
        for (hash, handle) in [([1u8; 32], "h1"), ([2; 32], "h2"), ([3; 32], "h3")] {
            session(&one, id, &hash, handle).await;
        }
        // Cached in store one.
        for h in [[1u8; 32], [2; 32], [3; 32]] {
            assert!(one.cached_session(&h).await.unwrap().is_some(), "{name}");
        }
        // Same store: all but the first end, at once, in the cache too.
        assert_eq!(
            one.end_sessions(id, EndSessions::AllBut(&[1; 32]))
                .await
                .unwrap(),
            2,
            "{name}"
        );
        assert!(
            one.cached_session(&[2; 32]).await.unwrap().is_none(),
            "{name}"
        );
        assert!(
            one.cached_session(&[1; 32]).await.unwrap().is_some(),
            "{name}"
        );
        if name == "postgres" {
            // The other store (another process) ends them all; the first store's cache,
            // filled a moment ago, must drop the session well inside its two seconds. (First
            // let the listening, started by the first read, subscribe: it empties the cache
            // once when it does, which would pass this test without any announcement.)
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert!(one.cached_session(&[1; 32]).await.unwrap().is_some());
            two.end_sessions(id, EndSessions::All).await.unwrap();
            let start = Instant::now();
            while one.cached_session(&[1; 32]).await.unwrap().is_some() {
                assert!(
                    start.elapsed() < Duration::from_millis(1_000),
                    "still cached after {:?}",
                    start.elapsed()
                );
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        } else {
            two.end_sessions(id, EndSessions::All).await.unwrap();
            assert!(two.cached_session(&[1; 32]).await.unwrap().is_none());
        }
        assert!(one.list_sessions(id).await.unwrap().is_empty(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn r2_6_asvs_6_5_2_recovery_codes_salted_and_old_ones_wrapped() {
    each_backend(|store, name| async move {
        let s = &store;
        let id = account(s, "salted", AccountType::Buyer).await;
        assert_eq!(s.recovery_code_salt(id).await.unwrap(), None, "{name}");
        let salt = vec![7u8; 16];
        let digest = [9u8; 32];
        let stored = recovery_code_hash(&digest, &salt);
        s.replace_recovery_codes(id, &salt, std::slice::from_ref(&stored))
            .await
            .unwrap();
        assert_eq!(
            s.recovery_code_salt(id).await.unwrap(),
            Some(salt),
            "{name}"
        );
        assert!(s.use_recovery_code(id, &stored).await.unwrap(), "{name}");
        // Nothing to wrap: every code has its salt.
        assert_eq!(s.salt_old_recovery_codes().await.unwrap(), 0, "{name}");
    })
    .await;
}
