//! The emergency banner (SPEC R7.5): while an emergency change of the scoring is in force and
//! its vote runs, every member's page says so, rendered by the server (no script), at once: the
//! parameter version is read through the app's five-second cache, so this costs a page nothing.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tessera_core::AccountType;

use crate::auth::session::{is_page, CurrentUser};
use crate::state::AppState;

/// The version in force is an emergency change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmergencyBanner;

/// Puts an [`EmergencyBanner`] into the requests for sellers' pages while one is in force.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let seller = req
        .extensions()
        .get::<CurrentUser>()
        .is_some_and(|u| u.account.account_type == AccountType::Seller);
    if seller && is_page(req.uri().path()) {
        match tessera_app::screening::params(&state).await {
            Ok(v) if v.source.starts_with("emergency:") => {
                req.extensions_mut().insert(EmergencyBanner);
            }
            Ok(_) => {}
            // The page itself will say what is wrong with the database; nothing about her.
            Err(_) => tracing::error!("could not read the parameter version for a page"),
        }
    }
    next.run(req).await
}
