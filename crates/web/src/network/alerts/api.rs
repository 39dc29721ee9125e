//! The JSON API of safety alerts and disputes (API.md "Safety alerts"; SPEC R6.4, R6.5).
//! Sellers only: a buyer gets 403 on every path.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tessera_app::network::alerts::{self as uc, AlertInput, AlertView, QueueItem};
use tessera_core::alert::AlertAction;
use tessera_core::AccountType;
use tessera_store::alerts::DisputeRow;
use utoipa::{IntoParams, ToSchema};

use crate::api::{opt_whole_number, Json};
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

/// The routes, merged into `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/alerts", post(create).get(list))
        .route("/alerts/queue", get(committee_queue))
        .route("/alerts/{id}/disputes", post(dispute))
        .route("/alerts/{id}/moderation", post(moderate))
        .route("/coops/{id}/queue", get(coop_queue))
}

/// API.md's alert object.
#[derive(Serialize, ToSchema)]
pub struct AlertBody {
    pub id: String,
    /// The coop's id; null for the whole collective.
    pub coop: Option<String>,
    pub flags: Vec<String>,
    pub buyer: Option<String>,
    pub text: Option<String>,
    /// Null for an anonymous alert ("a member"), except for the poster and its moderators.
    pub posted_by: Option<String>,
    pub posted_on: String,
    /// The alert is live until this day begins (UTC).
    pub expires_on: String,
    pub disputed: bool,
    pub state: String,
}

pub fn alert_body(v: &AlertView) -> AlertBody {
    let r = &v.row;
    AlertBody {
        id: r.id.clone(),
        coop: r.coop.as_ref().map(|(id, _)| id.clone()),
        flags: r.flags.iter().map(|f| f.as_str().to_owned()).collect(),
        buyer: r.buyer.clone(),
        text: r.text.clone(),
        posted_by: v.posted_by.clone(),
        posted_on: r.posted_on.to_string(),
        expires_on: r.expires_on.to_string(),
        disputed: r.disputed,
        state: r.state.as_str().to_owned(),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CreateAlert {
    /// The coop's id; null or absent for the whole collective.
    #[serde(default)]
    pub coop: Option<String>,
    pub flags: Vec<String>,
    #[serde(default)]
    pub buyer: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default, deserialize_with = "opt_whole_number")]
    #[schema(value_type = Option<i64>)]
    pub days: Option<i64>,
    #[serde(default)]
    pub anonymous: Option<bool>,
    #[serde(default)]
    pub confirm_contact_details: Option<bool>,
}

/// Buyers have no network (R6.1): 403 before any word of the body counts.
fn sellers_only(u: &ApiUser) -> Result<(), AppError> {
    if u.0.account.account_type == AccountType::Seller {
        Ok(())
    } else {
        Err(AppError::forbidden("error-sellers-only"))
    }
}

#[utoipa::path(post, path = "/api/alerts", operation_id = "create_alert", tag = "alerts",
    request_body = CreateAlert,
    responses((status = 201, body = AlertBody, description = "the alert, live at once")))]
pub async fn create(
    State(state): State<AppState>,
    u: ApiUser,
    Json(b): Json<CreateAlert>,
) -> Result<Response, AppError> {
    sellers_only(&u)?;
    let input = AlertInput {
        coop: b.coop,
        flags: b.flags,
        buyer: b.buyer,
        text: b.text,
        days: b.days,
        anonymous: b.anonymous,
        confirm_contact_details: b.confirm_contact_details.unwrap_or(false),
    };
    let v = uc::post(&state, &u.0.account, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(alert_body(&v))).into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct AlertFilter {
    /// Only the alerts naming this buyer.
    pub buyer: Option<String>,
}

#[utoipa::path(get, path = "/api/alerts", operation_id = "list_alerts", tag = "alerts",
    params(AlertFilter),
    responses((status = 200, body = [AlertBody], description = "the live alerts the caller can see, newest first")))]
pub async fn list(
    State(state): State<AppState>,
    u: ApiUser,
    Query(f): Query<AlertFilter>,
) -> Result<axum::Json<Vec<AlertBody>>, AppError> {
    let v = uc::list(&state, &u.0.account, f.buyer.as_deref()).await?;
    Ok(axum::Json(v.iter().map(alert_body).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateDispute {
    pub reason: String,
    #[serde(default)]
    pub context: Option<String>,
}

#[utoipa::path(post, path = "/api/alerts/{id}/disputes", operation_id = "dispute_alert", tag = "alerts",
    params(("id" = String, Path, description = "the alert's id")),
    request_body = CreateDispute,
    responses((status = 201, body = AlertBody, description = "disputed: the alert says so and stays live")))]
pub async fn dispute(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
    Json(b): Json<CreateDispute>,
) -> Result<Response, AppError> {
    sellers_only(&u)?;
    let v = uc::dispute(&state, &u.0.account, &id, &b.reason, b.context.as_deref()).await?;
    Ok((StatusCode::CREATED, axum::Json(alert_body(&v))).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct DisputeBody {
    pub reason: String,
    pub context: Option<String>,
    /// The day it was filed.
    pub on: String,
}

#[derive(Serialize, ToSchema)]
pub struct QueueEntry {
    pub alert: AlertBody,
    pub disputes: Vec<DisputeBody>,
}

fn dispute_body(d: &DisputeRow) -> DisputeBody {
    DisputeBody {
        reason: d.reason.as_str().to_owned(),
        context: d.context.clone(),
        on: d.filed_on.to_string(),
    }
}

fn queue_body(items: &[QueueItem]) -> Vec<QueueEntry> {
    items
        .iter()
        .map(|i| QueueEntry {
            alert: alert_body(&i.alert),
            disputes: i.disputes.iter().map(dispute_body).collect(),
        })
        .collect()
}

#[utoipa::path(get, path = "/api/coops/{id}/queue", operation_id = "coop_alert_queue", tag = "alerts",
    params(("id" = String, Path, description = "the coop's opaque id")),
    responses((status = 200, body = [QueueEntry], description = "the coop's disputed alerts awaiting a decision")))]
pub async fn coop_queue(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<QueueEntry>>, AppError> {
    let items = uc::coop_queue(&state, &u.0.account, &id).await?;
    Ok(axum::Json(queue_body(&items)))
}

#[utoipa::path(get, path = "/api/alerts/queue", operation_id = "committee_alert_queue", tag = "alerts",
    responses((status = 200, body = [QueueEntry], description = "disputed collective alerts and alerts escalated to the Dispute Resolution Committee")))]
pub async fn committee_queue(
    State(state): State<AppState>,
    u: ApiUser,
) -> Result<axum::Json<Vec<QueueEntry>>, AppError> {
    let items = uc::committee_queue(&state, &u.0.account).await?;
    Ok(axum::Json(queue_body(&items)))
}

#[derive(Deserialize, ToSchema)]
pub struct Moderation {
    pub action: String,
}

#[utoipa::path(post, path = "/api/alerts/{id}/moderation", operation_id = "moderate_alert", tag = "alerts",
    params(("id" = String, Path, description = "the alert's id")),
    request_body = Moderation,
    responses((status = 200, body = AlertBody, description = "the alert after the decision")))]
pub async fn moderate(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
    Json(b): Json<Moderation>,
) -> Result<axum::Json<AlertBody>, AppError> {
    sellers_only(&u)?;
    let action = AlertAction::parse(&b.action)
        .ok_or_else(|| AppError::invalid("error-alert-invalid", &["action"]))?;
    let v = uc::moderate(&state, &u.0.account, &id, action).await?;
    Ok(axum::Json(alert_body(&v)))
}
