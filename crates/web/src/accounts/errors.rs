//! How each account failure answers (SPEC §2; API.md "Errors"): status, JSON `code` and the
//! Fluent message id, exactly as the API and the pages have always answered.

use axum::http::StatusCode;
use tessera_app::accounts::{self as uc, AccountsError, PasswordField};
use tessera_core::{PasswordError, PseudonymError};

use crate::error::AppError;

pub fn pseudonym_error(e: PseudonymError) -> AppError {
    let key = match e {
        PseudonymError::TooShort => "error-pseudonym-short",
        PseudonymError::TooLong => "error-pseudonym-long",
        PseudonymError::BadCharacter => "error-pseudonym-chars",
        PseudonymError::MixedScripts => "error-pseudonym-scripts",
    };
    AppError::invalid(key, &["pseudonym"])
}

pub fn password_error(e: PasswordError, field: PasswordField) -> AppError {
    let key = match e {
        PasswordError::TooShort => "error-password-short",
        PasswordError::TooLong => "error-password-long",
        PasswordError::Weak => "error-password-weak",
    };
    let field = match field {
        PasswordField::Password => "password",
        PasswordField::NewPassword => "new_password",
    };
    AppError::invalid(key, &[field])
}

/// The one answer to every failed login (R2.9).
pub fn invalid_credentials() -> AppError {
    AppError::new(
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
        "error-invalid-credentials",
    )
}

impl From<AccountsError> for AppError {
    fn from(e: AccountsError) -> Self {
        use AccountsError as E;
        match e {
            E::Pseudonym(p) => pseudonym_error(p),
            E::Password(p, field) => password_error(p, field),
            E::RecoveryEmail => AppError::invalid("error-email", &["recovery_email"]),
            E::PseudonymTaken => AppError::conflict("conflict", "error-pseudonym-taken"),
            E::InvitationInvalid => {
                AppError::forbidden("error-invitation-invalid").with_code("invitation_invalid")
            }
            E::ProofOfWorkRequired => {
                AppError::forbidden("error-pow-required").with_code("proof_of_work_required")
            }
            E::InvalidCredentials => invalid_credentials(),
            // Same status and code as any failure, plus a hint only a password holder sees.
            E::TotpRequired(_) => AppError {
                key: "error-totp-required",
                ..invalid_credentials()
            },
            E::Throttled(w) => AppError::rate_limited("rate_limited", "error-throttled", w),
            E::ReauthenticationFailed => {
                AppError::forbidden("error-reauth").with_code("reauthentication_failed")
            }
            // The same code as a wrong password (API.md), a sentence that names the code too.
            E::StepUpFailed => {
                AppError::forbidden("error-reauth-totp").with_code("reauthentication_failed")
            }
            E::TotpEnrolmentRequired => {
                AppError::forbidden("error-totp-enrolment-required").with_code("totp_required")
            }
            // ASVS 15.2.2: every Argon2 slot stayed taken; retry soon rather than queue.
            E::Busy => AppError {
                retry_after: Some(uc::password::BUSY_RETRY_SECS),
                ..AppError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "error-busy")
            },
            E::Suspended => AppError::forbidden("error-account-suspended").with_code("suspended"),
            E::TotpInvalid => AppError::forbidden("error-totp").with_code("totp_invalid"),
            E::TotpEnrolmentCode => AppError::invalid("error-totp", &["code"]),
            E::RecoveryLinkInvalid => {
                AppError::forbidden("error-recovery-link").with_code("recovery_link_invalid")
            }
            E::RecoveryCodeInvalid => {
                AppError::forbidden("error-recovery-code").with_code("recovery_code_invalid")
            }
            E::ClaimInvalid => AppError::forbidden("error-claim-invalid"),
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::TooManyInvitations => {
                AppError::conflict("too_many_invitations", "error-too-many-invitations")
            }
            E::Preset => AppError::invalid("error-preset", &["preset"]),
            E::MinTrust => AppError::invalid("error-min-trust", &["min_trust"]),
            E::MinRatings => AppError::invalid("error-min-ratings", &["min_ratings"]),
            E::MaxUnsafe => AppError::invalid("error-max-unsafe", &["max_unsafe"]),
            E::MessageExpiry => AppError::invalid("error-expiry", &["message_expiry_days"]),
            E::NoSuchSession => AppError::not_found("error-not-found"),
            E::AccountMissing => {
                tracing::error!("an account vanished during its own request");
                AppError::internal()
            }
            E::Store(s) => s.into(),
        }
    }
}
