//! How each safety failure answers (API.md "Buddies, check-ins, panic, alarms").

use axum::http::StatusCode;
use tessera_app::network::safety::SafetyError;

use crate::error::AppError;

impl From<SafetyError> for AppError {
    fn from(e: SafetyError) -> Self {
        use SafetyError as E;
        match e {
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::NoSeller => AppError::not_found("error-no-seller"),
            E::NoBuyer => AppError::not_found("error-no-buyer"),
            E::Myself => AppError::invalid("error-buddy-myself", &["seller"]),
            E::TooManyBuddies => AppError::conflict("too_many_buddies", "error-too-many-buddies"),
            E::AskedAlready => AppError::conflict("conflict", "error-buddy-asked"),
            E::CheckinOpen => AppError::conflict("conflict", "error-checkin-open"),
            E::NotFound => AppError::not_found("error-not-found"),
            E::Minutes => AppError::invalid("error-checkin-minutes", &["minutes"]),
            E::NoteTooLong => AppError::invalid("error-checkin-note", &["note"]),
            E::WatchUntil => AppError::invalid("error-watch-until", &["until"]),
            E::PinFormat => AppError::invalid("error-pin-format", &["pin"]),
            E::PinsEqual => AppError::invalid("error-pins-equal", &["pin"]),
            E::PinInvalid => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "pin_invalid",
                "error-pin-invalid",
            ),
            E::NoExtensionsLeft => {
                AppError::conflict("no_extensions_left", "error-no-extensions-left")
            }
            E::Accounts(a) => a.into(),
            E::Store(s) => s.into(),
        }
    }
}
