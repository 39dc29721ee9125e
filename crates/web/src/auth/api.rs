//! `POST|GET|DELETE /api/session` (API.md; SPEC R2.7, R2.9).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::{self, clear_cookie, ApiUser};
use crate::error::AppError;
use crate::state::AppState;
use tessera_app::accounts as uc;

#[derive(Deserialize, ToSchema)]
pub struct Login {
    pub pseudonym: String,
    pub password: String,
    pub totp: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionBody {
    pub pseudonym: String,
    pub account_type: String,
    pub csrf_token: String,
}

#[utoipa::path(post, path = "/api/session", operation_id = "login", request_body = Login,
    responses((status = 200, body = SessionBody), (status = 401, description = "invalid_credentials (the same for every failure)"),
              (status = 429, description = "throttled after 10 failures in 15 minutes")))]
pub async fn login(
    State(state): State<AppState>,
    ctx: session::Ctx,
    Json(b): Json<Login>,
) -> Result<Response, AppError> {
    // Every failure (a wrong TOTP code included) answers 401 `invalid_credentials`; when the
    // password was right but the code is missing, the message says so (see accounts::errors).
    let account = uc::login(&state, &b.pseudonym, &b.password, b.totp.as_deref()).await?;
    let (cookie, csrf) = session::start(&state, account.id, ctx.user.as_ref()).await?;
    let body = SessionBody {
        pseudonym: account.display_name,
        account_type: account.account_type.as_str().to_owned(),
        csrf_token: csrf,
    };
    Ok(([(header::SET_COOKIE, cookie)], axum::Json(body)).into_response())
}

#[utoipa::path(get, path = "/api/session", operation_id = "get_session", responses((status = 200, body = SessionBody), (status = 401)))]
pub async fn current(ApiUser(u): ApiUser) -> axum::Json<SessionBody> {
    axum::Json(SessionBody {
        pseudonym: u.account.display_name.clone(),
        account_type: u.account.account_type.as_str().to_owned(),
        csrf_token: u.session.csrf_token.clone(),
    })
}

#[utoipa::path(delete, path = "/api/session", operation_id = "logout", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<Response, AppError> {
    state.store.delete_session(&u.token_hash).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie())],
    )
        .into_response())
}
