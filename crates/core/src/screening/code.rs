//! Rating codes (SPEC R4.3): six decimal digits, 000000–999999. Generation (from the OS
//! CSPRNG) lives in the store, next to the uniqueness rule it must satisfy.

use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RatingCode(u32);

impl RatingCode {
    pub const SPACE: u32 = 1_000_000;

    /// Six digits, surrounding spaces ignored; anything else is not a code.
    pub fn parse(s: &str) -> Option<RatingCode> {
        let s = s.trim();
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().map(RatingCode)
    }

    /// From a uniformly drawn number below [`RatingCode::SPACE`].
    pub fn from_number(n: u32) -> Option<RatingCode> {
        (n < Self::SPACE).then_some(RatingCode(n))
    }

    pub fn as_string(self) -> String {
        format!("{:06}", self.0)
    }
}

impl fmt::Display for RatingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

// Debug never prints the digits: a code must not reach a log line (R8.4).
impl fmt::Debug for RatingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RatingCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_3_six_digits_with_leading_zeros() {
        assert_eq!(RatingCode::parse("042917").unwrap().to_string(), "042917");
        assert_eq!(RatingCode::parse(" 000000 ").unwrap().as_string(), "000000");
        for bad in ["42917", "1234567", "12a456", "", "-12345", "+12345"] {
            assert!(RatingCode::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            RatingCode::from_number(999_999).unwrap().to_string(),
            "999999"
        );
        assert!(RatingCode::from_number(1_000_000).is_none());
        assert!(!format!("{:?}", RatingCode::parse("123456").unwrap()).contains("123456"));
    }
}
