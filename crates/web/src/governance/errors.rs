//! How each governance failure answers (API.md "Proposals and ballots").

use axum::http::StatusCode;
use tessera_app::governance::GovernanceError;

use crate::error::AppError;

impl From<GovernanceError> for AppError {
    fn from(e: GovernanceError) -> Self {
        use GovernanceError as E;
        match e {
            E::SellersOnly => AppError::forbidden("error-sellers-only"),
            E::Forbidden => AppError::forbidden("error-governance-forbidden"),
            E::NotFound => AppError::not_found("error-proposal-not-found"),
            E::NoMember => AppError::not_found("error-member-not-found"),
            E::NoCase => AppError::not_found("error-dispute-not-found"),
            E::NoApproval => AppError::not_found("error-approval-not-found"),
            E::NoBuyer => AppError::not_found("error-dispute-no-buyer"),
            E::NoAlert => AppError::not_found("error-alert-not-found"),
            E::NoCoop => AppError::not_found("error-coop-not-found"),
            E::NoRestoreCode => AppError::not_found("error-restore-code-not-found"),
            E::Recused => AppError::new(StatusCode::FORBIDDEN, "recused", "error-dispute-recused"),
            E::Invalid(fields) => AppError {
                fields,
                ..AppError::invalid("error-proposal-invalid", &[])
            },
            E::NotVoting => AppError::conflict("not_voting", "error-not-voting"),
            E::AlreadyVoted => AppError::conflict("already_voted", "error-already-voted"),
            E::NotInGoodStanding => AppError::new(
                StatusCode::FORBIDDEN,
                "not_in_good_standing",
                "error-not-in-good-standing",
            ),
            E::NotClosed => AppError::conflict("not_closed", "error-not-closed"),
            E::Conflict => AppError::conflict("conflict", "error-governance-conflict"),
            E::TermLimit => AppError::conflict("term_limit", "error-term-limit"),
            E::Store(s) => s.into(),
        }
    }
}
