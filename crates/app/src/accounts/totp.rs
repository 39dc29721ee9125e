//! The TOTP rules (SPEC R2.5): RFC 6238, SHA-1, 30 s, 6 digits, a 160-bit secret from the OS
//! CSPRNG; one step of clock drift either way. That each code is usable once is the store's
//! part (it records the last used time step). Showing the secret (text, QR code) is the web's.

use rand::RngCore;
use totp_rs::{Algorithm, TOTP};

pub const STEP: u64 = 30;

pub fn new_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut s);
    s
}

/// The time step the code matches (allowing one step of clock drift either way), if any.
pub fn matching_step(secret: &[u8], code: &str, unix_now: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, STEP, secret.to_vec()).ok()?;
    let now = u64::try_from(unix_now).ok()?;
    let current = now / STEP;
    (current.saturating_sub(1)..=current + 1)
        .find(|s| {
            let expected = totp.generate(s * STEP);
            subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
        })
        .and_then(|s| i64::try_from(s).ok())
}

/// The code for a moment (tests and the e2e helper use it like an authenticator app would).
pub fn code_at(secret: &[u8], unix: i64) -> String {
    TOTP::new(Algorithm::SHA1, 6, 1, STEP, secret.to_vec())
        .map(|t| t.generate(u64::try_from(unix).unwrap_or(0)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_5_rfc6238_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → last 6 digits.
        let secret = b"12345678901234567890".to_vec();
        assert_eq!(code_at(&secret, 59), "287082");
        assert_eq!(matching_step(&secret, "287082", 59), Some(1));
        assert_eq!(matching_step(&secret, "287082", 59 + 3 * 30), None);
        assert_eq!(matching_step(&secret, "28708x", 59), None);
    }

    #[test]
    fn r2_5_fresh_secrets() {
        let s = new_secret();
        assert_eq!(s.len(), 20);
        assert_ne!(s, new_secret());
    }
}
