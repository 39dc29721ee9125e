//! How each alert failure answers (API.md "Safety alerts"): a seller outside an alert's coop
//! gets 404 as if it did not exist, a party to a dispute who tries to decide it 403 `recused`.

use axum::http::StatusCode;
use tessera_app::network::alerts::AlertError;

use crate::error::AppError;

impl From<AlertError> for AppError {
    fn from(e: AlertError) -> Self {
        use AlertError as E;
        match e {
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::NotFound => AppError::not_found("error-alert-not-found"),
            E::NoCoop => AppError::not_found("error-coop-not-found"),
            E::NoBuyer => AppError::not_found("error-no-buyer"),
            E::Invalid(field) => AppError::invalid("error-alert-invalid", &[field]),
            E::AnonymousNotAllowed => AppError::invalid("error-alert-anonymous", &["anonymous"]),
            E::NotAllowedYet => AppError::new(
                StatusCode::FORBIDDEN,
                "not_allowed_yet",
                "error-alert-not-allowed-yet",
            ),
            // R6.4, in the charter's words.
            E::ContactDetails => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "contact_details",
                "error-alert-contact-details",
            ),
            E::Forbidden => AppError::forbidden("error-alert-forbidden"),
            E::Recused => AppError::new(StatusCode::FORBIDDEN, "recused", "error-alert-recused"),
            E::Conflict => AppError::conflict("conflict", "error-alert-conflict"),
            E::Store(s) => s.into(),
        }
    }
}
