//! Screening links and codes (SPEC R4.11, proof of control): what a buyer hands a seller to show
//! that whoever gives it controls his account. One link has two keys, each stored only hashed:
//!
//! - the **token** of the short link `/s/{token}`: 20 symbols of Crockford's base32, 100 bits;
//! - the **code** he can read out: 10 symbols, 50 bits, shown grouped as `XXXXX-XXXXX`.
//!
//! Ten readable characters cannot carry 80 bits (that needs 16 of these symbols), so the code is
//! the weaker key on purpose; it is protected by what surrounds it: only sellers (members, by
//! invitation) can try one, every try counts toward the seller's lookup limit, a code lives
//! 24 hours at most and is used up at the first view. `docs/algorithm.md` gives the arithmetic.
//!
//! The alphabet is Crockford's: digits and letters without I, L, O and U, so nothing read out
//! can be mistaken for something else; on input, O reads as 0 and I or L as 1, and case,
//! spaces and hyphens do not matter.

/// Crockford's base32: 32 symbols, no I, L, O, U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols of the read-out code: 50 bits.
pub const CODE_LEN: usize = 10;
/// Symbols of the link's token: 100 bits.
pub const TOKEN_LEN: usize = 20;
/// Bits per symbol.
pub const BITS_PER_SYMBOL: usize = 5;

/// A screening key as a seller typed or followed it, in canonical form (upper-case symbols of
/// [`ALPHABET`], no separators).
#[derive(Clone, PartialEq, Eq)]
pub enum ScreeningKey {
    Code(String),
    Token(String),
}

impl std::fmt::Debug for ScreeningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key itself: Debug output may reach a log (R8.4).
        f.write_str(match self {
            ScreeningKey::Code(_) => "ScreeningKey::Code",
            ScreeningKey::Token(_) => "ScreeningKey::Token",
        })
    }
}

/// One typed character in canonical form, `None` when it is no symbol; separators are `Some(None)`.
fn canonical_symbol(c: char) -> Option<Option<u8>> {
    let c = c.to_ascii_uppercase();
    let mapped = match c {
        '-' | ' ' | '\t' => return Some(None),
        'O' => b'0',
        'I' | 'L' => b'1',
        c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c as u8,
        _ => return None,
    };
    Some(Some(mapped))
}

impl ScreeningKey {
    /// Reads a code (10 symbols, grouped or not) or a link's token (20 symbols). Anything else is
    /// `None`: it cannot be a key, and the caller answers exactly as for an unknown one.
    pub fn parse(raw: &str) -> Option<ScreeningKey> {
        if raw.len() > 64 {
            return None;
        }
        let mut out = String::with_capacity(TOKEN_LEN);
        for c in raw.trim().chars() {
            if let Some(s) = canonical_symbol(c)? {
                out.push(char::from(s));
            }
        }
        match out.len() {
            CODE_LEN => Some(ScreeningKey::Code(out)),
            TOKEN_LEN => Some(ScreeningKey::Token(out)),
            _ => None,
        }
    }

    /// The canonical symbols, what is hashed and stored.
    pub fn canonical(&self) -> &str {
        match self {
            ScreeningKey::Code(s) | ScreeningKey::Token(s) => s,
        }
    }
}

/// `n` symbols from `n` random bytes: each byte's low five bits pick one symbol. 256 is a
/// multiple of 32, so every symbol is equally likely and each carries 5 bits of the bytes'
/// entropy.
pub fn symbols(random: &[u8]) -> String {
    random
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect()
}

/// A code as it is shown and read out: `XXXXX-XXXXX`.
pub fn group_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(CODE_LEN / 2));
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_11_the_token_carries_at_least_80_bits_and_the_code_50() {
        const { assert!(TOKEN_LEN * BITS_PER_SYMBOL >= 80) };
        assert_eq!(CODE_LEN * BITS_PER_SYMBOL, 50);
        assert_eq!(ALPHABET.len(), 1 << BITS_PER_SYMBOL);
    }

    #[test]
    fn r4_11_no_ambiguous_characters_in_the_alphabet() {
        for c in [b'I', b'L', b'O', b'U'] {
            assert!(!ALPHABET.contains(&c));
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 32, "symbols are distinct");
    }

    #[test]
    fn r4_11_a_code_reads_back_however_it_is_typed() {
        let code = "K7F29QXM3T";
        assert_eq!(group_code(code), "K7F29-QXM3T");
        for typed in ["K7F29-QXM3T", "k7f29 qxm3t", " K7F29QXM3T ", "k7f2-9qxm-3t"] {
            assert_eq!(
                ScreeningKey::parse(typed),
                Some(ScreeningKey::Code(code.into())),
                "{typed}"
            );
        }
        // O is read as 0, I and L as 1.
        assert_eq!(
            ScreeningKey::parse("OIL00-11000"),
            Some(ScreeningKey::Code("0110011000".into()))
        );
    }

    #[test]
    fn r4_11_tokens_and_codes_are_told_apart_by_length() {
        let t = "abcdefghjkmnpqrstvwx";
        assert_eq!(
            ScreeningKey::parse(t),
            Some(ScreeningKey::Token(t.to_ascii_uppercase()))
        );
        let long = "A".repeat(65);
        for bad in [
            "",
            "K7F29",
            "K7F29QXM3",
            "K7F29QXM3TX",
            "K7F29QXM3U",
            "K7F29-QXM3Ü",
            long.as_str(),
        ] {
            assert_eq!(ScreeningKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn r4_11_random_bytes_map_uniformly_onto_symbols() {
        let all: Vec<u8> = (0..=255).collect();
        let s = symbols(&all);
        assert_eq!(s.len(), 256);
        for c in ALPHABET {
            assert_eq!(s.bytes().filter(|b| b == c).count(), 8);
        }
        assert_eq!(
            format!("{:?}", ScreeningKey::Code("K7F29QXM3T".into())),
            "ScreeningKey::Code"
        );
    }
}
