//! The Security Committee's page for emergency changes (SPEC R7.5, R7.9, R10.1): `/emergency`
//! asks for a change (the complete parameter set, starting from the one in force, and a reason)
//! and lists the changes waiting for a second member, each with what it would change and, for
//! everyone but the one who asked, the button that approves it (`POST /approvals/{id}`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::governance::emergency as uc;

use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new().route("/emergency", get(page).post(request))
}

/// One waiting change: its id, its lines "name: from → to", whether she may approve it.
pub struct Waiting {
    id: String,
    changes: Vec<(String, String, String)>,
    may_approve: bool,
}

#[derive(Deserialize, Default)]
pub struct RequestForm {
    params: Option<String>,
    reason: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/emergency.html")]
struct Page {
    b: Base,
    error: Option<String>,
    notice: Option<String>,
    waiting: Vec<Waiting>,
    /// The set in force as JSON, where the form starts.
    current: String,
    f: RequestForm,
}

async fn view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
    f: RequestForm,
) -> Response {
    let waiting = match uc::pending(state, &u.account).await {
        Ok(w) => w,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let current = match state.store.current_params().await {
        Ok(v) => serde_json::to_string_pretty(&v.params).unwrap_or_default(),
        Err(e) => return error_page(ctx, &e.into()),
    };
    render_status(
        status,
        &Page {
            b: Base::from_ctx(ctx),
            error,
            notice,
            waiting: waiting
                .into_iter()
                .map(|w| Waiting {
                    id: w.id,
                    changes: w
                        .diff
                        .into_iter()
                        .map(|c| (c.name, c.from.to_string(), c.to.to_string()))
                        .collect(),
                    may_approve: !w.mine,
                })
                .collect(),
            current,
            f,
        },
    )
}

pub async fn page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    view(
        &state,
        &ctx,
        &u,
        StatusCode::OK,
        None,
        None,
        RequestForm::default(),
    )
    .await
}

pub async fn request(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<RequestForm>,
) -> Response {
    let l = ctx.lang;
    let params = match opt(&f.params).map(serde_json::from_str::<serde_json::Value>) {
        Some(Ok(v)) => v,
        _ => serde_json::Value::Null,
    };
    let reason = f.reason.clone().unwrap_or_default();
    match uc::request(&state, &u.account, params, &reason).await {
        Ok(_) => {
            let notice = l.t("emergency-requested");
            view(
                &state,
                &ctx,
                &u,
                StatusCode::OK,
                None,
                Some(notice),
                RequestForm::default(),
            )
            .await
        }
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() || e.status == StatusCode::FORBIDDEN {
                return error_page(&ctx, &e);
            }
            let fields: Vec<String> = e
                .fields
                .iter()
                .map(|f| match *f {
                    "reason" => l.t("emergency-field-reason"),
                    "params" => l.t("emergency-field-params"),
                    // A parameter's own name, as the set spells it.
                    other => other.to_owned(),
                })
                .collect();
            let msg = format!("{} {}", e.message(l), fields.join(", "));
            view(&state, &ctx, &u, e.status, Some(msg), None, f).await
        }
    }
}
