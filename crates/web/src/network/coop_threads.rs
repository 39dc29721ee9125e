//! Starting a coop discussion from the coop page (SPEC R6.3, R6.2), without JavaScript: the
//! form on `/coops/{id}` posts here and lands in the new conversation under `/messages`, where
//! every member and suspended member of the coop sees it. Who may start one is the use case's
//! rule (members only); anything refused is the error page, and a coop she has no place in is
//! "not found" as everywhere (no catalogue).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::network::messages::{self as uc, ThreadInput};

use crate::auth::session::{Ctx, PageUser};
use crate::error::AppError;
use crate::pages::error_page;
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new().route("/coops/{id}/threads", post(start))
}

#[derive(Deserialize)]
pub struct StartForm {
    title: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StartForm>,
) -> Response {
    let r = uc::create_thread(
        &state,
        &u.account,
        ThreadInput {
            kind: "coop".into(),
            members: Vec::new(),
            coop: Some(id),
            title: f.title,
            expiry_days: None,
        },
    )
    .await;
    match r {
        Ok(t) => Redirect::to(&format!("/messages/{}", t.id)).into_response(),
        Err(e) => error_page(&ctx, &AppError::from(e)),
    }
}
