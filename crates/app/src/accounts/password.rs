//! Argon2id (m=19456 KiB, t=2, p=1; SPEC R2.4), always off the async runtime, for passwords and
//! for the salted hash of a recovery address (R2.6).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    // These parameters are constants that Params::new accepts; the fallback is never taken.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes on the calling thread; use [`hash`] from async code.
pub fn hash_blocking(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn verify_blocking(secret: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2().verify_password(secret.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

pub async fn hash(secret: String) -> String {
    tokio::task::spawn_blocking(move || hash_blocking(&secret))
        .await
        .unwrap_or_default()
}

pub async fn verify(secret: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify_blocking(&secret, &hash))
        .await
        .unwrap_or(false)
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
