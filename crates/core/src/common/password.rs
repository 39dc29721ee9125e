//! Passwords (SPEC R2.4): at least 12 and at most 128 characters, not weak by zxcvbn (score at
//! least 3, with the pseudonym as a user input). No composition rules.

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;
pub const MIN_SCORE: u8 = 3;

/// A checked password. Its `Debug` never prints it.
#[derive(Clone)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Use at least 12 characters for your password.")]
    TooShort,
    #[error("Use at most 128 characters for your password.")]
    TooLong,
    #[error("This password is too easy to guess. Try a few unrelated words together.")]
    Weak,
}

impl Password {
    /// Checks a new password. `user_inputs` (the pseudonym) counts against its strength.
    pub fn parse(input: &str, user_inputs: &[&str]) -> Result<Self, PasswordError> {
        let len = input.chars().count();
        if len < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if len > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let score = zxcvbn::zxcvbn(input, user_inputs).score();
        if u8::from(score) < MIN_SCORE {
            return Err(PasswordError::Weak);
        }
        Ok(Password(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_4_length_bounds() {
        assert_eq!(
            Password::parse("short", &[]).unwrap_err(),
            PasswordError::TooShort
        );
        let long = "correct horse battery staple ".repeat(5);
        assert_eq!(
            Password::parse(&long, &[]).unwrap_err(),
            PasswordError::TooLong
        );
    }

    #[test]
    fn r2_4_weak_passwords_are_rejected_without_composition_rules() {
        assert_eq!(
            Password::parse("password1234", &[]).unwrap_err(),
            PasswordError::Weak
        );
        assert_eq!(
            Password::parse("aaaaaaaaaaaaaaa", &[]).unwrap_err(),
            PasswordError::Weak
        );
        // All lower case, no digits or symbols, and still accepted: no composition rules.
        assert!(Password::parse("velvet lantern orbit quietly", &[]).is_ok());
    }

    #[test]
    fn r2_4_pseudonym_counts_as_user_input() {
        // Pseudonym plus a short suffix is guessable once the pseudonym is known.
        let pw = "moonlightdancer12";
        let with = Password::parse(pw, &["moonlightdancer"]);
        assert_eq!(with.unwrap_err(), PasswordError::Weak);
    }

    #[test]
    fn r8_4_debug_hides_the_password() {
        let p = Password::parse("velvet lantern orbit quietly", &[]).unwrap();
        assert!(!format!("{p:?}").contains("velvet"));
    }
}
