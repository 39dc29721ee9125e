//! The yearly transparency report (SPEC R7.6; charter 13.5), public: `GET /api/transparency`
//! and the page `/transparency` for anyone, without logging in; `PUT /api/transparency/{year}`
//! and the page's form for the Governance committee.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, put};
use axum::{Form, Router};
use serde::{Deserialize, Serialize};
use tessera_app::governance::transparency::{self as uc, Published};
use tessera_core::governance::transparency::Report;
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::{ApiUser, Ctx, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/transparency", get(list))
        .route("/transparency/{year}", put(record))
}

pub fn page_routes() -> Router<AppState> {
    Router::new().route("/transparency", get(page).post(submit))
}

/// One year's report.
#[derive(Serialize, ToSchema)]
pub struct TransparencyBody {
    pub year: i32,
    pub received: i64,
    pub disclosed: i64,
    pub refused: i64,
    pub notified: i64,
    pub summary: String,
    pub recorded_on: String,
}

fn body(p: Published) -> TransparencyBody {
    TransparencyBody {
        year: p.report.year,
        received: p.report.received,
        disclosed: p.report.disclosed,
        refused: p.report.refused,
        notified: p.report.notified,
        summary: p.report.summary,
        recorded_on: p.recorded_on.to_string(),
    }
}

#[utoipa::path(get, path = "/api/transparency", operation_id = "list_transparency_reports", tag = "governance",
    responses((status = 200, body = [TransparencyBody], description = "every yearly report, newest year first (public, R7.6)")))]
pub async fn list(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<TransparencyBody>>, AppError> {
    let all = uc::reports(&state).await?;
    Ok(axum::Json(all.into_iter().map(body).collect()))
}

/// A year's report as the committee enters it.
#[derive(Deserialize, ToSchema)]
pub struct TransparencyInput {
    /// Legal requests for data received in the year.
    #[serde(deserialize_with = "crate::api::whole_number")]
    pub received: i64,
    /// Answered with data.
    #[serde(deserialize_with = "crate::api::whole_number")]
    pub disclosed: i64,
    /// Refused or challenged.
    #[serde(deserialize_with = "crate::api::whole_number")]
    pub refused: i64,
    /// Requests whose members were told.
    #[serde(deserialize_with = "crate::api::whole_number")]
    pub notified: i64,
    /// How they were answered.
    pub summary: String,
}

#[utoipa::path(put, path = "/api/transparency/{year}", operation_id = "record_transparency_report", tag = "governance",
    params(("year" = i32, Path)), request_body = TransparencyInput,
    responses((status = 200, body = TransparencyBody, description = "the year's report, entered or replaced")))]
pub async fn record(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(year): Path<i32>,
    Json(b): Json<TransparencyInput>,
) -> Result<axum::Json<TransparencyBody>, AppError> {
    let report = Report {
        year,
        received: b.received,
        disclosed: b.disclosed,
        refused: b.refused,
        notified: b.notified,
        summary: b.summary,
    };
    Ok(axum::Json(body(
        uc::record(&state, &u.account, report).await?,
    )))
}

/// One report on the page.
pub struct Row {
    heading: String,
    counts: Vec<String>,
    summary: String,
    recorded: String,
}

#[derive(Deserialize, Default)]
pub struct ReportForm {
    year: Option<String>,
    received: Option<String>,
    disclosed: Option<String>,
    refused: Option<String>,
    notified: Option<String>,
    summary: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/transparency.html")]
struct Page {
    b: Base,
    error: Option<String>,
    rows: Vec<Row>,
    /// The committee's form, with what she typed when it was refused.
    form: Option<ReportForm>,
}

async fn render_page(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    error: Option<String>,
    typed: ReportForm,
) -> Response {
    let l = ctx.lang;
    let all = match uc::reports(state).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let may = match &ctx.user {
        Some(u) => match uc::may_record(state, &u.account).await {
            Ok(m) => m,
            Err(e) => return error_page(ctx, &e.into()),
        },
        None => false,
    };
    let rows = all
        .into_iter()
        .map(|p| {
            let r = p.report;
            let n = |key: &str, v: i64| l.ta(key, &[("n", v.to_string())]);
            Row {
                heading: l.ta("transparency-year", &[("year", r.year.to_string())]),
                counts: vec![
                    n("transparency-received", r.received),
                    n("transparency-disclosed", r.disclosed),
                    n("transparency-refused", r.refused),
                    n("transparency-notified", r.notified),
                ],
                summary: r.summary,
                recorded: l.ta(
                    "transparency-recorded",
                    &[("day", p.recorded_on.to_string())],
                ),
            }
        })
        .collect();
    render_status(
        status,
        &Page {
            b: Base::from_ctx(ctx),
            error,
            rows,
            form: may.then_some(typed),
        },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Response {
    render_page(&state, &ctx, StatusCode::OK, None, ReportForm::default()).await
}

/// A whole number from the form, or the field named as wrong.
fn number(v: &Option<String>, field: &'static str, bad: &mut Vec<&'static str>) -> i64 {
    match opt(v).map(str::parse::<i64>) {
        Some(Ok(n)) => n,
        _ => {
            bad.push(field);
            0
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<ReportForm>,
) -> Response {
    let mut bad = Vec::new();
    let year = i32::try_from(number(&f.year, "year", &mut bad)).unwrap_or(0);
    let report = Report {
        year,
        received: number(&f.received, "received", &mut bad),
        disclosed: number(&f.disclosed, "disclosed", &mut bad),
        refused: number(&f.refused, "refused", &mut bad),
        notified: number(&f.notified, "notified", &mut bad),
        summary: f.summary.clone().unwrap_or_default(),
    };
    let outcome = if bad.is_empty() {
        uc::record(&state, &u.account, report)
            .await
            .map_err(AppError::from)
    } else {
        Err(AppError::from(
            tessera_app::governance::GovernanceError::Invalid(bad),
        ))
    };
    match outcome {
        // Post/redirect/get: a reload does not enter the report twice.
        Ok(_) => Redirect::to("/transparency").into_response(),
        Err(e) if e.status.is_server_error() => error_page(&ctx, &e),
        Err(e) => {
            let l = ctx.lang;
            let fields: Vec<String> = e
                .fields
                .iter()
                .map(|f| l.t(&format!("transparency-field-{f}")))
                .collect();
            let msg = format!("{} {}", e.message(l), fields.join(", "));
            render_page(&state, &ctx, e.status, Some(msg), f).await
        }
    }
}
