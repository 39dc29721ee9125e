//! Coops in the JSON API (SPEC R6.2; API.md "### Coops"): create, list, one coop, invitations
//! by pseudonym, the moderator's request link and the request through it, join, leave, the
//! member list and the moderators' actions. Ids are the coops' opaque random ids.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tessera_app::network::coops::{self as uc, CoopInput};
use tessera_core::coop::{MemberState, ModeratorAction};
use tessera_store::coops::{CoopView, MemberRow};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

/// The API routes, merged into `/api`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/coops", post(create).get(list))
        .route("/coops/requests/{token}", post(request))
        .route("/coops/{id}", get(one))
        .route("/coops/{id}/invitations", post(invite))
        .route("/coops/{id}/link", post(link))
        .route("/coops/{id}/join", post(join))
        .route("/coops/{id}/leave", post(leave))
        .route("/coops/{id}/members", get(members))
        .route("/coops/{id}/members/{pseudonym}", post(moderate))
}

/// The path of a request link's page.
pub fn request_path(token: &str) -> String {
    format!("/coops/requests/{token}")
}

/// API.md's coop object; `state` and `moderator` are the caller's.
#[derive(Serialize, ToSchema)]
pub struct CoopBody {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub scope: Option<String>,
    pub state: String,
    pub moderator: bool,
    /// Members and suspended members.
    pub members: i64,
    pub anonymous_alerts: bool,
    pub min_member_days: i64,
}

pub fn coop_body(v: &CoopView) -> CoopBody {
    CoopBody {
        id: v.coop.id.clone(),
        name: v.coop.name.clone(),
        kind: v.coop.kind.as_str().to_owned(),
        scope: v.coop.scope.clone(),
        state: v
            .me
            .map_or(MemberState::Left, |m| m.state)
            .as_str()
            .to_owned(),
        moderator: v.me.is_some_and(|m| m.moderator),
        members: v.coop.members,
        anonymous_alerts: v.coop.anonymous_alerts,
        min_member_days: v.coop.min_member_days,
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CreateCoop {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub anonymous_alerts: Option<bool>,
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    #[schema(value_type = Option<i64>)]
    pub min_member_days: Option<i64>,
}

#[utoipa::path(post, path = "/api/coops", operation_id = "create_coop", tag = "coops",
    request_body = CreateCoop,
    responses(
        (status = 201, body = CoopBody, description = "the new coop; the caller is its first moderator")))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<CreateCoop>,
) -> Result<Response, AppError> {
    let input = CoopInput {
        name: b.name,
        kind: b.kind,
        scope: b.scope,
        anonymous_alerts: b.anonymous_alerts,
        min_member_days: b.min_member_days,
    };
    let v = uc::create_coop(&state, &u.account, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(coop_body(&v))).into_response())
}

#[utoipa::path(get, path = "/api/coops", operation_id = "list_coops", tag = "coops",
    responses((status = 200, body = [CoopBody], description = "the caller's coops in every state but left")))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<CoopBody>>, AppError> {
    let v = uc::my_coops(&state, &u.account).await?;
    Ok(axum::Json(v.iter().map(coop_body).collect()))
}

#[utoipa::path(get, path = "/api/coops/{id}", operation_id = "get_coop", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 200, body = CoopBody, description = "the coop")))]
pub async fn one(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<CoopBody>, AppError> {
    let v = uc::get_coop(&state, &u.account, &id).await?;
    Ok(axum::Json(coop_body(&v)))
}

#[derive(Deserialize, ToSchema)]
pub struct InviteSeller {
    /// The seller's pseudonym.
    pub seller: String,
}

#[derive(Serialize, ToSchema)]
pub struct Invited {
    pub seller: String,
    pub state: String,
}

#[utoipa::path(post, path = "/api/coops/{id}/invitations", operation_id = "invite_to_coop", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    request_body = InviteSeller,
    responses((status = 201, body = Invited, description = "the seller is invited")))]
pub async fn invite(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    Json(b): Json<InviteSeller>,
) -> Result<Response, AppError> {
    let (who, m) = uc::invite(&state, &u.account, &id, &b.seller).await?;
    let body = Invited {
        seller: who.display_name,
        state: m.state.as_str().to_owned(),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct CoopLinkBody {
    /// The link a seller opens to ask to join.
    pub url: String,
    /// YYYY-MM-DD.
    pub expires_on: String,
}

#[utoipa::path(post, path = "/api/coops/{id}/link", operation_id = "create_coop_link", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 201, body = CoopLinkBody, description = "a request link")))]
pub async fn link(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let l = uc::create_link(&state, &u.account, &id).await?;
    let body = CoopLinkBody {
        url: state.config.url(&request_path(&l.token)),
        expires_on: l.expires_on.to_string(),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[utoipa::path(post, path = "/api/coops/requests/{token}", operation_id = "request_coop", tag = "coops",
    params(("token" = String, Path, description = "the request link's token")),
    responses((status = 201, body = CoopBody, description = "the request is made: state pending")))]
pub async fn request(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let v = uc::request_by_link(&state, &u.account, &token).await?;
    Ok((StatusCode::CREATED, axum::Json(coop_body(&v))).into_response())
}

#[utoipa::path(post, path = "/api/coops/{id}/join", operation_id = "join_coop", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 200, body = CoopBody, description = "the invitation is accepted: state member")))]
pub async fn join(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<CoopBody>, AppError> {
    let v = uc::join(&state, &u.account, &id).await?;
    Ok(axum::Json(coop_body(&v)))
}

#[utoipa::path(post, path = "/api/coops/{id}/leave", operation_id = "leave_coop", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 200, body = CoopBody, description = "left: state left")))]
pub async fn leave(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<CoopBody>, AppError> {
    let v = uc::leave(&state, &u.account, &id).await?;
    Ok(axum::Json(coop_body(&v)))
}

#[derive(Serialize, ToSchema)]
pub struct MemberBody {
    pub pseudonym: String,
    pub state: String,
    pub moderator: bool,
    /// YYYY-MM-DD: the day she entered her state (a member's: the day she became one).
    pub since: String,
}

pub fn member_body(m: &MemberRow) -> MemberBody {
    MemberBody {
        pseudonym: m.pseudonym.clone(),
        state: m.membership.state.as_str().to_owned(),
        moderator: m.membership.moderator,
        since: m.membership.since.to_string(),
    }
}

#[utoipa::path(get, path = "/api/coops/{id}/members", operation_id = "list_coop_members", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 200, body = [MemberBody], description = "everyone in the coop but those who left")))]
pub async fn members(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<MemberBody>>, AppError> {
    let (_, rows) = uc::members(&state, &u.account, &id).await?;
    Ok(axum::Json(rows.iter().map(member_body).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct Moderate {
    pub action: String,
}

#[utoipa::path(post, path = "/api/coops/{id}/members/{pseudonym}", operation_id = "moderate_coop_member", tag = "coops",
    params(("id" = String, Path, description = "the coop's opaque id"),
           ("pseudonym" = String, Path, description = "the member's pseudonym")),
    request_body = Moderate,
    responses((status = 200, body = MemberBody, description = "the member row after the action")))]
pub async fn moderate(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path((id, pseudonym)): Path<(String, String)>,
    Json(b): Json<Moderate>,
) -> Result<axum::Json<MemberBody>, AppError> {
    // Buyers have no network (R6.1): 403 before any word of the body counts.
    if u.account.account_type != tessera_core::AccountType::Seller {
        return Err(AppError::forbidden("error-sellers-only"));
    }
    let action = ModeratorAction::parse(&b.action)
        .ok_or_else(|| AppError::invalid("error-coop-invalid", &["action"]))?;
    let row = uc::moderate(&state, &u.account, &id, &pseudonym, action).await?;
    Ok(axum::Json(member_body(&row)))
}
