//! `POST /api/invitations` (seller; SPEC R2.3). Its own module: the OpenAPI document tags
//! operations by module, and API clients know this one as `invitations`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tessera_app::accounts as uc;
use tessera_core::Day;
use utoipa::ToSchema;

use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Invitation {
    pub token: String,
    pub url: String,
    pub expires_on: String,
}

#[utoipa::path(post, path = "/api/invitations", operation_id = "create_invitation",
    responses((status = 201, body = Invitation), (status = 403, description = "not a seller"), (status = 409, description = "3 invitations are open")))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<Response, AppError> {
    let (token, expires) = uc::create_invitation(&state, &u.account).await?;
    let body = Invitation {
        url: state.config.url(&format!("/join/{token}")),
        token,
        expires_on: Day::from_unix(expires).to_string(),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}
