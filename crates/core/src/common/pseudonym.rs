//! Pseudonyms (SPEC R2.2): 3 to 32 characters after NFKC normalisation; letters, digits,
//! `.`, `_`, `-`. The canonical form (NFKC, lower-cased) decides uniqueness and lookup; the
//! display form keeps the user's case. Look-alikes: the UTS #39 confusable skeleton of the
//! canonical form ([`skeleton`]) decides whether a new pseudonym is taken, and a new pseudonym
//! may not mix scripts beyond one script plus common characters ([`Pseudonym::mixes_scripts`]).

use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;

pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 32;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pseudonym {
    display: String,
    canonical: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PseudonymError {
    #[error("A pseudonym needs at least 3 characters.")]
    TooShort,
    #[error("A pseudonym can have at most 32 characters.")]
    TooLong,
    #[error("A pseudonym may contain only letters, digits, dots, underscores and hyphens.")]
    BadCharacter,
    /// Only for new pseudonyms (R2.2): existing (imported) accounts keep working.
    #[error("A pseudonym may not mix letters of different scripts, such as Latin and Cyrillic.")]
    MixedScripts,
}

/// The confusable skeleton (UTS #39) of a canonical pseudonym (R2.2): two pseudonyms with the
/// same skeleton look alike (`аnna` with a Cyrillic `а` and `anna`; `ѕteady_sam` and
/// `steady_sam`). Uniqueness is case-insensitive, so the skeleton is lower-cased and taken
/// once more: `0` maps to `O`, which must meet the `o` of a lower-cased `ANNAO`.
pub fn skeleton(canonical: &str) -> String {
    let once: String = unicode_security::skeleton(canonical).collect();
    unicode_security::skeleton(&once.to_lowercase()).collect()
}

impl Pseudonym {
    pub fn parse(input: &str) -> Result<Self, PseudonymError> {
        let trimmed = input.trim();
        // ASCII is already in NFKC: skip the normalisation tables (imports parse millions).
        let display: String = if trimmed.is_ascii() {
            trimmed.to_owned()
        } else {
            trimmed.nfkc().collect()
        };
        let len = display.chars().count();
        if len < MIN_LEN {
            return Err(PseudonymError::TooShort);
        }
        if len > MAX_LEN {
            return Err(PseudonymError::TooLong);
        }
        if !display
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(PseudonymError::BadCharacter);
        }
        // Lower-casing can leave a string that is no longer NFKC (e.g. 'İ' → "i̇"), so the
        // canonical form is normalised once more.
        let canonical: String = if display.is_ascii() {
            display.to_ascii_lowercase()
        } else {
            display.to_lowercase().nfkc().collect()
        };
        Ok(Pseudonym { display, canonical })
    }

    /// The form used for uniqueness and lookups.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// The confusable skeleton of the canonical form ([`skeleton`], R2.2).
    pub fn skeleton(&self) -> String {
        skeleton(&self.canonical)
    }

    /// Whether the pseudonym mixes scripts beyond one script plus common characters (digits,
    /// `.`, `_`, `-`), the UTS #39 single-script test (R2.2). Refused for new accounts only.
    pub fn mixes_scripts(&self) -> bool {
        !self.display.is_ascii() && !self.canonical.as_str().is_single_script()
    }

    /// The form the user chose, shown on screens.
    pub fn display(&self) -> &str {
        &self.display
    }
}

impl fmt::Display for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

// Debug never prints the pseudonym itself: a stray `{:?}` in a log line must not leak it (R8.4).
impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonym(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_2_accepts_letters_digits_and_three_marks() {
        let p = Pseudonym::parse("Anna_K.-9").unwrap();
        assert_eq!(p.display(), "Anna_K.-9");
        assert_eq!(p.canonical(), "anna_k.-9");
    }

    #[test]
    fn r2_2_length_counts_characters_after_nfkc() {
        assert_eq!(Pseudonym::parse("ab"), Err(PseudonymError::TooShort));
        assert!(Pseudonym::parse("abc").is_ok());
        assert!(Pseudonym::parse(&"a".repeat(32)).is_ok());
        assert_eq!(
            Pseudonym::parse(&"a".repeat(33)),
            Err(PseudonymError::TooLong)
        );
        // 32 non-ASCII letters are 32 characters, not 64 bytes.
        assert!(Pseudonym::parse(&"ä".repeat(32)).is_ok());
        // The ligature "ﬁ" becomes "fi" under NFKC: two characters.
        assert_eq!(Pseudonym::parse("ﬁ").unwrap_err(), PseudonymError::TooShort);
        assert_eq!(Pseudonym::parse("ﬁx").unwrap().canonical(), "fix");
    }

    #[test]
    fn r2_2_rejects_spaces_symbols_and_controls() {
        for bad in ["an na", "anna!", "anna@x", "a/b/c", "anna\u{0}", "<script>"] {
            assert_eq!(
                Pseudonym::parse(bad),
                Err(PseudonymError::BadCharacter),
                "{bad}"
            );
        }
    }

    #[test]
    fn r2_2_canonical_form_is_case_and_width_insensitive() {
        let a = Pseudonym::parse("Anna").unwrap();
        let b = Pseudonym::parse("ANNA").unwrap();
        let c = Pseudonym::parse("Ａｎｎａ").unwrap(); // full-width letters
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(a.canonical(), c.canonical());
        assert_eq!(c.display(), "Anna");
        assert_eq!(b.display(), "ANNA");
    }

    #[test]
    fn r2_2_look_alikes_share_a_skeleton() {
        let sk = |s: &str| Pseudonym::parse(s).unwrap().skeleton();
        // Cyrillic а (U+0430) and ѕ (U+0455).
        assert_eq!(sk("\u{430}nna"), sk("anna"));
        assert_eq!(sk("\u{455}teady_sam"), sk("steady_sam"));
        assert_eq!(sk("ANNA"), sk("anna"));
        // Digits that look like letters, whatever the case.
        assert_eq!(sk("ANNA0"), sk("annao"));
        assert_eq!(sk("anna1"), sk("annal"));
        assert_ne!(sk("anna"), sk("anne"));
        assert_ne!(sk("steady_sam"), sk("steady_tom"));
    }

    #[test]
    fn r2_2_mixed_scripts_are_detected_single_scripts_pass() {
        let mixed = |s: &str| Pseudonym::parse(s).unwrap().mixes_scripts();
        assert!(mixed("\u{430}nna"));
        assert!(mixed("\u{455}teady_sam"));
        assert!(mixed("annaαβ"));
        for one in [
            "anna",
            "Anna_K.-9",
            "Анна_2",
            "Ελένη",
            "mädchen",
            "たなか太郎",
            "123",
        ] {
            assert!(!mixed(one), "{one}");
        }
    }

    #[test]
    fn r8_4_debug_does_not_print_the_pseudonym() {
        let p = Pseudonym::parse("secretname").unwrap();
        assert!(!format!("{p:?}").contains("secretname"));
    }
}
