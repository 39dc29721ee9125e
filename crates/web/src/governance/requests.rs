//! The two-person requests beside exclusions and emergency changes (SPEC R7.9; API.md "Disputes
//! and the two-person rule"): a suspension after a vote, a reputation restore, a coop's
//! dissolution, and the list of what waits for a second member. Each is approved at
//! `POST /api/approvals/{id}` ([`super::two_person`]).

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tessera_app::governance::{approvals, dissolutions, restorations, suspensions};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/suspensions", post(suspension))
        .route("/restorations", post(restoration))
        .route("/coops/{id}/dissolution", post(dissolution))
        .route("/approvals", get(pending))
}

#[derive(Deserialize, ToSchema)]
pub struct SuspensionInput {
    /// The account's pseudonym (a buyer or a seller).
    pub account: String,
    /// The passed proposal (operational, structural or constitutional) that decided it.
    pub proposal: String,
    /// Its last day, 1 to 365 days ahead; absent or null to end a suspension early.
    pub until: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct RestoreInput {
    /// The restore code its holder was given when she deleted her old account.
    pub code: String,
    /// Her new account's pseudonym (of the same type).
    pub account: String,
    /// What the committee verified: a platform error or a safety concern (charter 18.6).
    pub reason: String,
}

#[derive(Deserialize, ToSchema)]
pub struct DissolutionInput {
    pub reason: String,
}

/// A request waiting for its second member.
#[derive(Serialize, ToSchema)]
pub struct PendingBody {
    pub id: String,
    /// `emergency`, `exclusion`, `suspension`, `restore` or `dissolution`.
    pub kind: String,
    pub requested_on: String,
    /// She asked for it, so she cannot approve it.
    pub mine: bool,
}

#[utoipa::path(post, path = "/api/suspensions", operation_id = "request_suspension", tag = "governance",
    request_body = SuspensionInput,
    responses((status = 201, body = super::two_person::ApprovalBody, description = "awaiting a second Governance committee member (R7.8, R7.9)")))]
pub async fn suspension(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<SuspensionInput>,
) -> Result<Response, AppError> {
    let id = suspensions::request(
        &state,
        &u.account,
        &suspensions::SuspensionInput {
            account: b.account,
            proposal: b.proposal,
            until: b.until,
        },
    )
    .await?;
    Ok(super::two_person::awaiting(id))
}

#[utoipa::path(post, path = "/api/restorations", operation_id = "request_restore", tag = "governance",
    request_body = RestoreInput,
    responses((status = 201, body = super::two_person::ApprovalBody, description = "awaiting a second Dispute Resolution Committee member (charter 18.6, R7.9)")))]
pub async fn restoration(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<RestoreInput>,
) -> Result<Response, AppError> {
    let id = restorations::request(&state, &u.account, &b.code, &b.account, &b.reason).await?;
    Ok(super::two_person::awaiting(id))
}

#[utoipa::path(post, path = "/api/coops/{id}/dissolution", operation_id = "request_dissolution", tag = "governance",
    params(("id" = String, Path)), request_body = DissolutionInput,
    responses((status = 201, body = super::two_person::ApprovalBody, description = "awaiting another moderator or a Dispute Resolution Committee member (R6.2, R7.9)")))]
pub async fn dissolution(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    Json(b): Json<DissolutionInput>,
) -> Result<Response, AppError> {
    let approval = dissolutions::request(&state, &u.account, &id, &b.reason).await?;
    Ok(super::two_person::awaiting(approval))
}

#[utoipa::path(get, path = "/api/approvals", operation_id = "list_approvals", tag = "governance",
    responses((status = 200, body = [PendingBody], description = "what waits for a second member and concerns her, oldest first")))]
pub async fn pending(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<PendingBody>>, AppError> {
    let list = approvals::pending(&state, &u.account).await?;
    Ok(axum::Json(
        list.into_iter()
            .map(|p| PendingBody {
                id: p.id,
                kind: p.kind,
                requested_on: p.requested_on.to_string(),
                mine: p.mine,
            })
            .collect(),
    ))
}
