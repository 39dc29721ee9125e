//! The two-person rule over HTTP (SPEC R7.5, R7.9; API.md "Parameters, emergency changes" and
//! "Disputes and the two-person rule"): an emergency change's request, and the one approval
//! route that puts every kind of request into effect.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tessera_app::governance::approvals::{self, Approved};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/emergency", post(emergency))
        .route("/emergency/{id}/approve", post(approve_emergency))
        .route("/approvals/{id}", post(approve))
}

#[derive(Deserialize, ToSchema)]
pub struct EmergencyInput {
    /// The complete parameter set to put in force.
    #[schema(value_type = Object)]
    pub params: Value,
    pub reason: String,
}

/// A request waiting for its second member.
#[derive(Serialize, ToSchema)]
pub struct ApprovalBody {
    pub id: String,
    /// `awaiting_second`.
    pub state: String,
}

/// What an approval put into effect: an emergency change's version and retroactive vote, or
/// how many ratings an exclusion took off the scores.
#[derive(Serialize, ToSchema)]
pub struct EnactedBody {
    /// `enacted`.
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// The retroactive vote's proposal id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<u64>,
    /// A suspension's last day (absent when one was ended early).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// How many ratings a restore moved to the new account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restored: Option<u64>,
}

pub(super) fn awaiting(id: String) -> Response {
    (
        StatusCode::CREATED,
        axum::Json(ApprovalBody {
            id,
            state: "awaiting_second".into(),
        }),
    )
        .into_response()
}

#[utoipa::path(post, path = "/api/emergency", operation_id = "request_emergency_change", tag = "governance",
    request_body = EmergencyInput,
    responses((status = 201, body = ApprovalBody, description = "awaiting a second Security Committee member (R7.5, R7.9)")))]
pub async fn emergency(
    State(state): State<AppState>,
    u: ApiUser,
    Json(b): Json<EmergencyInput>,
) -> Result<Response, AppError> {
    let id = tessera_app::governance::emergency::request(&state, &u.0.account, b.params, &b.reason)
        .await?;
    Ok(awaiting(id))
}

fn enacted(a: Approved) -> EnactedBody {
    let mut body = EnactedBody {
        state: "enacted".into(),
        version: None,
        vote: None,
        excluded: None,
        until: None,
        restored: None,
    };
    match a {
        Approved::Emergency(e) => {
            body.version = Some(e.version);
            body.vote = Some(e.vote);
        }
        Approved::Exclusion(x) => body.excluded = Some(x.ratings),
        Approved::Suspension(s) => body.until = s.until.map(|d| d.to_string()),
        Approved::Restore(r) => body.restored = Some(r.ratings + r.buyer_ratings),
        Approved::Dissolution => {}
    }
    body
}

#[utoipa::path(post, path = "/api/emergency/{id}/approve", operation_id = "approve_emergency_change", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = EnactedBody, description = "in force; the retroactive vote is open")))]
pub async fn approve_emergency(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<EnactedBody>, AppError> {
    let e = tessera_app::governance::emergency::approve(&state, &u.0.account, &id).await?;
    Ok(axum::Json(enacted(Approved::Emergency(e))))
}

#[utoipa::path(post, path = "/api/approvals/{id}", operation_id = "approve", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = EnactedBody, description = "the second member's approval: the action takes effect")))]
pub async fn approve(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<EnactedBody>, AppError> {
    let a = approvals::approve(&state, &u.0.account, &id).await?;
    Ok(axum::Json(enacted(a)))
}
