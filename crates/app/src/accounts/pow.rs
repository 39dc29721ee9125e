//! Proof-of-work for buyer sign-ups above the global rate (SPEC R9.3). The challenge is
//! stateless (expiry and randomness, authenticated with a keyed hash); a solution is accepted
//! once (recorded as a security event by `signup`). The page's own script (`static/pow.js`)
//! solves it: find a nonce such that SHA-256(challenge ":" nonce) starts with `bits` zero bits.

use sha2::{Digest, Sha256};
use tessera_store::crypto::random_token;
use tessera_store::Crypto;

const VALID_SECS: i64 = 600;

pub fn challenge(crypto: &Crypto, now: i64) -> String {
    let body = format!("{}.{}", now + VALID_SECS, random_token(12));
    let tag = crypto.keyed_hash("pow", body.as_bytes());
    format!(
        "{body}.{}",
        data_encoding::BASE32_NOPAD
            .encode(&tag[..12])
            .to_ascii_lowercase()
    )
}

fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut bits = 0;
    for b in hash {
        if *b == 0 {
            bits += 8;
        } else {
            bits += b.leading_zeros();
            break;
        }
    }
    bits
}

/// Checks the challenge's authenticity and expiry and the work; not whether it was used before.
pub fn verify(crypto: &Crypto, challenge: &str, nonce: &str, bits: u32, now: i64) -> bool {
    let mut parts = challenge.rsplitn(2, '.');
    let (Some(tag), Some(body)) = (parts.next(), parts.next()) else {
        return false;
    };
    let expected = crypto.keyed_hash("pow", body.as_bytes());
    let expected = data_encoding::BASE32_NOPAD
        .encode(&expected[..12])
        .to_ascii_lowercase();
    if !bool::from(subtle::ConstantTimeEq::ct_eq(
        expected.as_bytes(),
        tag.as_bytes(),
    )) {
        return false;
    }
    let expires: i64 = body
        .split('.')
        .next()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    if expires < now || nonce.len() > 32 {
        return false;
    }
    let hash = Sha256::digest(format!("{challenge}:{nonce}").as_bytes());
    leading_zero_bits(&hash) >= bits
}

#[cfg(test)]
mod tests {
    use super::*;
    use tessera_store::MasterKey;

    #[test]
    fn r9_3_proof_of_work_round_trip() {
        let c = Crypto::new(&MasterKey::generate());
        let ch = challenge(&c, 1000);
        let nonce = (0u64..)
            .find(|n| verify(&c, &ch, &n.to_string(), 8, 1000))
            .unwrap();
        assert!(verify(&c, &ch, &nonce.to_string(), 8, 1000));
        // Expired, forged or unsolved challenges fail.
        assert!(!verify(
            &c,
            &ch,
            &nonce.to_string(),
            8,
            1000 + VALID_SECS + 1
        ));
        let forged = ch.replacen('1', "2", 1);
        assert!(!verify(&c, &forged, &nonce.to_string(), 8, 1000));
        assert!(!verify(&c, &ch, &nonce.to_string(), 40, 1000));
    }
}
