//! The seller network in the web layer (SPEC §6), one room per area.

pub mod alerts;
pub mod coop_errors;
pub mod coop_pages;
pub mod coop_threads;
pub mod coops;
pub mod messages;
pub mod safety;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::AccountType;

use crate::auth::session::{Ctx, CurrentUser};
use crate::error::AppError;
use crate::pages::{error_page, render_refused};

/// Buyers have no network (R6.1): the error page for a buyer, `None` for a seller.
pub(crate) fn sellers_only(ctx: &Ctx, u: &CurrentUser) -> Option<Response> {
    (u.account.account_type != AccountType::Seller)
        .then(|| error_page(ctx, &AppError::forbidden("error-sellers-only")))
}

/// A network page shown again with a refusal (its status kept), or the error page for a
/// server error or a refusal of the caller herself.
pub(crate) fn refused<T: Template>(
    ctx: &Ctx,
    e: AppError,
    page: impl FnOnce(String) -> T,
) -> Response {
    if e.status.is_server_error() || (e.status == StatusCode::FORBIDDEN && e.code == "forbidden") {
        return error_page(ctx, &e);
    }
    let t = page(e.message(ctx.lang));
    render_refused(&e, &t)
}
