//! How each coop failure answers (SPEC R6.2; API.md "Seller network"): a seller with no place
//! in a coop gets 404 as if it did not exist, a member without the role 403 `forbidden`.

use tessera_app::network::coops::CoopError;

use crate::error::AppError;

impl From<CoopError> for AppError {
    fn from(e: CoopError) -> Self {
        use CoopError as E;
        match e {
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::NotFound => AppError::not_found("error-coop-not-found"),
            E::NoSeller => AppError::not_found("error-coop-no-seller"),
            E::Forbidden => AppError::forbidden("error-coop-role"),
            E::Conflict => AppError::conflict("conflict", "error-coop-conflict"),
            E::LinkNotFound => AppError::not_found("error-coop-link"),
            E::Invalid(field) => AppError::invalid("error-coop-invalid", &[field]),
            E::Store(s) => s.into(),
        }
    }
}
