//! Disputes over HTTP (SPEC R7.8; API.md "Disputes and the two-person rule"). Buyers may open
//! appeals and see their own cases; everything else is the sellers'.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tessera_app::governance::disputes::{self as uc, AdvanceInput, CaseView, OpenInput};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/disputes", post(open).get(list))
        .route("/disputes/{id}", get(one))
        .route("/disputes/{id}/advance", post(advance))
        .route("/disputes/{id}/signatures", post(sign))
        .route("/disputes/{id}/ratings", get(ratings))
        .route("/disputes/{id}/exclusions", post(exclusions))
}

#[derive(Deserialize, ToSchema)]
pub struct DisputeInput {
    /// `appeal` (buyers), `report` or `alert` (sellers).
    pub kind: String,
    pub context: Option<String>,
    /// A report: the buyer's pseudonym.
    pub buyer: Option<String>,
    /// An escalation: the alert's id.
    pub alert: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OpenedBody {
    pub id: String,
    pub stage: String,
}

/// API.md's case, with its deadline and panel.
#[derive(Serialize, ToSchema)]
pub struct CaseBody {
    pub id: String,
    pub kind: String,
    pub stage: String,
    pub outcome: Option<String>,
    pub opened_on: String,
    /// The last day of the current stage (mediation and arbitration: 30 days).
    pub deadline: Option<String>,
    /// The deadline has passed (R7.8).
    pub overdue: bool,
    pub panel: Vec<String>,
    /// Signatures of the petition for a membership vote, and how many it needs.
    pub signatures: i64,
    pub needed: i64,
    /// The membership vote's proposal id, once the case went to one (R7.8).
    pub vote: Option<String>,
}

pub(super) fn case_body(v: &CaseView) -> CaseBody {
    let d = &v.dispute;
    CaseBody {
        id: d.id.clone(),
        kind: d.kind.as_str().into(),
        stage: d.stage.as_str().into(),
        outcome: d.outcome.map(|o| o.as_str().into()),
        opened_on: d.opened_on.to_string(),
        deadline: v.deadline.map(|d| d.to_string()),
        overdue: v.overdue,
        panel: v.panel.clone(),
        signatures: v.signatures,
        needed: uc::PETITION_SIGNATURES,
        vote: d.vote.clone(),
    }
}

#[utoipa::path(post, path = "/api/disputes", operation_id = "open_dispute", tag = "governance",
    request_body = DisputeInput,
    responses((status = 201, body = OpenedBody, description = "the case, in mediation (R7.8)")))]
pub async fn open(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<DisputeInput>,
) -> Result<Response, AppError> {
    let d = uc::open(
        &state,
        &u.account,
        &OpenInput {
            kind: b.kind,
            context: b.context,
            buyer: b.buyer,
            alert: b.alert,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(OpenedBody {
            id: d.id,
            stage: d.stage.as_str().into(),
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/disputes", operation_id = "list_disputes", tag = "governance",
    responses((status = 200, body = [CaseBody], description = "every case for the Dispute Resolution Committee, her own for a party or panel member")))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<CaseBody>>, AppError> {
    let cases = uc::list(&state, &u.account).await?;
    Ok(axum::Json(cases.iter().map(case_body).collect()))
}

#[utoipa::path(get, path = "/api/disputes/{id}", operation_id = "get_dispute", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = CaseBody, description = "one case, for the committee, its parties and its panel")))]
pub async fn one(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<CaseBody>, AppError> {
    Ok(axum::Json(case_body(
        &uc::one(&state, &u.account, &id).await?,
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct AdvanceBody {
    /// `arbitration`, `membership_vote` or `closed`.
    pub to: String,
    /// Closing: `no_change` or `ratings_excluded`.
    pub outcome: Option<String>,
    /// Arbitration: three Dispute Resolution Committee members, none a party.
    pub panel: Option<Vec<String>>,
    /// Membership vote: the motion the members vote on (a default text otherwise).
    pub motion: Option<String>,
}

#[utoipa::path(post, path = "/api/disputes/{id}/advance", operation_id = "advance_dispute", tag = "governance",
    params(("id" = String, Path)), request_body = AdvanceBody,
    responses((status = 200, body = CaseBody, description = "the case at its new stage")))]
pub async fn advance(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    Json(b): Json<AdvanceBody>,
) -> Result<axum::Json<CaseBody>, AppError> {
    let v = uc::advance(
        &state,
        &u.account,
        &id,
        &AdvanceInput {
            to: b.to,
            outcome: b.outcome,
            panel: b.panel,
            motion: b.motion,
        },
    )
    .await?;
    Ok(axum::Json(case_body(&v)))
}

#[derive(Serialize, ToSchema)]
pub struct DisputePetitionBody {
    pub signatures: i64,
    pub needed: i64,
}

#[utoipa::path(post, path = "/api/disputes/{id}/signatures", operation_id = "sign_dispute_petition", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 201, body = DisputePetitionBody, description = "her signature for a membership vote on the case")))]
pub async fn sign(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let n = uc::sign(&state, &u.account, &id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(DisputePetitionBody {
            signatures: n,
            needed: uc::PETITION_SIGNATURES,
        }),
    )
        .into_response())
}

/// One of the buyer's ratings as the panel sees it: no seller.
#[derive(Serialize, ToSchema)]
pub struct PanelRatingBody {
    pub id: String,
    pub day: String,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub verified: bool,
}

#[utoipa::path(get, path = "/api/disputes/{id}/ratings", operation_id = "list_dispute_ratings", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = [PanelRatingBody], description = "the buyer's ratings without seller identity; the view is audit-logged")))]
pub async fn ratings(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<PanelRatingBody>>, AppError> {
    let rows = uc::ratings(&state, &u.account, &id).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| PanelRatingBody {
                id: r.id,
                day: r.day.to_string(),
                safe: r.safe,
                reliable: r.reliable,
                verified: r.verified,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ExclusionInput {
    /// Ids from `GET /api/disputes/{id}/ratings`.
    pub ratings: Vec<String>,
}

#[utoipa::path(post, path = "/api/disputes/{id}/exclusions", operation_id = "request_exclusion", tag = "governance",
    params(("id" = String, Path)), request_body = ExclusionInput,
    responses((status = 201, body = super::two_person::ApprovalBody, description = "awaiting a second committee member (R7.9)")))]
pub async fn exclusions(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    Json(b): Json<ExclusionInput>,
) -> Result<Response, AppError> {
    let approval = uc::request_exclusion(&state, &u.account, &id, &b.ratings).await?;
    Ok(super::two_person::awaiting(approval))
}
