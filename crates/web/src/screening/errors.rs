//! How each screening failure answers (SPEC §4; API.md "Errors"): status, JSON `code` and the
//! Fluent message id, in the charter's words (R4.5).

use axum::http::StatusCode;
use tessera_app::screening::ScreeningError;

use crate::error::AppError;

impl From<ScreeningError> for AppError {
    fn from(e: ScreeningError) -> Self {
        use ScreeningError as E;
        match e {
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::BuyersOnly => AppError::forbidden("error-buyers-only"),
            E::LookupLimit(w) => AppError::rate_limited("rate_limited", "error-lookup-limit", w),
            E::NoBuyer => AppError::not_found("error-no-buyer"),
            E::NotMember => AppError::not_found("error-not-member"),
            E::RatingEmpty => AppError::invalid("error-rating-empty", &["safe", "reliable"]),
            E::RatingDay => AppError::invalid("error-rating-day", &["day"]),
            E::RatingExcluded => AppError::conflict("conflict", "error-rating-excluded"),
            E::RatingFields(fields) => AppError::invalid("error-rating-fields", &fields),
            E::TooManyCodes => AppError::conflict("too_many_active_codes", "error-too-many-codes"),
            E::CodeInvalid => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "code_invalid_or_expired",
                "error-code-invalid",
            ),
            E::CodeUsed => AppError::conflict("code_already_used", "error-code-used"),
            // The oldest failure in the window decides when one more attempt is allowed; an
            // hour is the honest upper bound.
            E::CodeAttempts => {
                AppError::rate_limited("too_many_attempts", "error-code-attempts", 3600)
            }
            E::TooManyLinks => AppError::conflict("too_many_open_links", "error-too-many-links"),
            // R4.11: unknown, used or expired, one answer.
            E::LinkNotFound => AppError::not_found("error-link-not-found"),
            E::Store(s) => s.into(),
        }
    }
}
