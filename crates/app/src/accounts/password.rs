//! Argon2id (m=19456 KiB, t=2, p=1; SPEC R2.4), always off the async runtime, for passwords,
//! for the salted hash of a recovery address (R2.6) and of recovery codes (ASVS 6.5.2).
//!
//! Every run takes a slot of one bounded pool (ASVS 15.2.2, issue 11): at most two per core at
//! once, so 200 parallel logins hold at most 2 × cores × 19 MiB; the others wait at most
//! [`SLOT_WAIT`] and then answer [`Busy`] (503 with Retry-After) instead of queueing without end.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tessera_store::crypto::argon2id;
use tokio::sync::Semaphore;

/// How long a hash waits for a slot before the request is answered "busy".
pub const SLOT_WAIT: Duration = Duration::from_secs(2);
/// What a busy answer tells the client to wait, in seconds.
pub const BUSY_RETRY_SECS: u64 = 2;

/// No slot came free within [`SLOT_WAIT`]: the server is at its hashing limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Two slots per core.
pub fn slots() -> usize {
    2 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

static SLOTS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(slots())));

/// Runs `f` on the blocking pool once a slot is free.
pub async fn run_bounded<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Busy> {
    let permit = tokio::time::timeout(SLOT_WAIT, SLOTS.clone().acquire_owned())
        .await
        .map_err(|_| Busy)?
        .map_err(|_| Busy)?;
    tokio::task::spawn_blocking(move || {
        let _slot = permit;
        f()
    })
    .await
    .map_err(|_| Busy)
}

/// Hashes on the calling thread; use [`hash`] from async code.
pub fn hash_blocking(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2id()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn verify_blocking(secret: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2id()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

pub async fn hash(secret: String) -> Result<String, Busy> {
    run_bounded(move || hash_blocking(&secret)).await
}

pub async fn verify(secret: String, hash: String) -> Result<bool, Busy> {
    run_bounded(move || verify_blocking(&secret, &hash)).await
}

/// The recovery address in the form that is hashed: trimmed and lower-cased (R2.6).
pub fn normalise_email(address: &str) -> Option<String> {
    let a = address.trim().to_lowercase();
    let (local, domain) = a.split_once('@')?;
    if local.is_empty()
        || !domain.contains('.')
        || a.len() > 254
        || a.chars().any(char::is_whitespace)
    {
        return None;
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_4_argon2id_with_the_required_parameters() {
        let h = hash_blocking("velvet lantern orbit quietly");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking("velvet lantern orbit quietly", &h));
        assert!(!verify_blocking("velvet lantern orbit quietl", &h));
        // Salted: the same input hashes differently.
        assert_ne!(h, hash_blocking("velvet lantern orbit quietly"));
    }

    /// One test, not two: the pool is the process's, and a second test holding it would make
    /// this one's hashes busy.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn r2_4_asvs_15_2_2_the_hash_pool_is_bounded_and_answers_busy_when_full() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(run_bounded(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for t in tasks {
            // 40 × 20 ms over the slots is far below the two-second wait: all run.
            assert_eq!(t.await.unwrap(), Ok(()));
        }
        let most = most.load(Ordering::SeqCst);
        assert!(most >= 1 && most <= slots(), "{most} ran at once");

        // Hold every slot longer than the wait: the next hash is refused, not queued.
        let hold: Vec<_> = (0..slots())
            .map(|_| tokio::spawn(run_bounded(|| std::thread::sleep(Duration::from_secs(3)))))
            .collect();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let start = std::time::Instant::now();
        assert_eq!(verify("x".into(), "y".into()).await, Err(Busy));
        assert!(start.elapsed() >= SLOT_WAIT);
        for h in hold {
            assert_eq!(h.await.unwrap(), Ok(()));
        }
        // Free again.
        assert_eq!(verify("x".into(), "y".into()).await, Ok(false));
    }

    #[test]
    fn r2_6_recovery_address_is_normalised_before_hashing() {
        assert_eq!(
            normalise_email("  Anna@Example.ORG ").as_deref(),
            Some("anna@example.org")
        );
        assert_eq!(normalise_email("not an address"), None);
        assert_eq!(normalise_email("a@b"), None);
    }
}
