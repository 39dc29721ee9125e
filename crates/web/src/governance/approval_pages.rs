//! `/approvals` (SPEC R7.9, R10.1): what waits for a second member and concerns her, each with
//! the button that approves it (`POST /approvals/{id}`) for everyone but the one who asked; and
//! the committees' requests that have no page of their own: a suspension after a vote
//! (Governance committee) and a reputation restore (Dispute Resolution Committee). A coop's
//! moderators ask for its dissolution from the coop's page (`POST /coops/{id}/dissolve`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::governance::{approvals, dissolutions, restorations, suspensions};
use tessera_core::committee::Committee;

use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/approvals", get(page))
        .route("/suspensions", post(suspension))
        .route("/restorations", post(restoration))
        .route("/coops/{id}/dissolve", post(dissolve))
}

/// One waiting request as the page shows it.
pub struct Row {
    id: String,
    /// Its kind, in her language.
    kind: String,
    on: String,
    mine: bool,
}

#[derive(Deserialize, Default)]
pub struct SuspensionForm {
    account: Option<String>,
    proposal: Option<String>,
    until: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct RestoreForm {
    code: Option<String>,
    account: Option<String>,
    reason: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct DissolveForm {
    reason: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/approvals.html")]
struct Page {
    b: Base,
    error: Option<String>,
    notice: Option<String>,
    rows: Vec<Row>,
    governance: bool,
    disputes: bool,
    s: SuspensionForm,
    r: RestoreForm,
}

/// The page, with a notice or an error and the forms as they were typed.
pub(super) async fn view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    status: StatusCode,
    outcome: Result<Option<String>, String>,
    s: SuspensionForm,
    r: RestoreForm,
) -> Response {
    let l = ctx.lang;
    let pending = match approvals::pending(state, &u.account).await {
        Ok(p) => p,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let on = |c| state.store.is_committee_member(u.account.id, c);
    let (governance, disputes) = match (
        on(Committee::Governance).await,
        on(Committee::Disputes).await,
    ) {
        (Ok(g), Ok(d)) => (g, d),
        (Err(e), _) | (_, Err(e)) => return error_page(ctx, &e.into()),
    };
    let (notice, error) = match outcome {
        Ok(n) => (n, None),
        Err(e) => (None, Some(e)),
    };
    render_status(
        status,
        &Page {
            b: Base::from_ctx(ctx),
            error,
            notice,
            rows: pending
                .into_iter()
                .map(|p| Row {
                    kind: l.t(&format!("approval-kind-{}", p.kind)),
                    on: p.requested_on.to_string(),
                    mine: p.mine,
                    id: p.id,
                })
                .collect(),
            governance,
            disputes,
            s,
            r,
        },
    )
}

pub async fn page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if u.account.account_type != tessera_core::AccountType::Seller {
        return error_page(
            &ctx,
            &tessera_app::governance::GovernanceError::SellersOnly.into(),
        );
    }
    view(
        &state,
        &ctx,
        &u,
        StatusCode::OK,
        Ok(None),
        Default::default(),
        Default::default(),
    )
    .await
}

/// A refusal on the page: 403 and server errors get the error page; the rest say what and
/// which field, with the forms as typed.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    e: tessera_app::governance::GovernanceError,
    s: SuspensionForm,
    r: RestoreForm,
) -> Response {
    let e = AppError::from(e);
    if e.status.is_server_error() || e.status == StatusCode::FORBIDDEN {
        return error_page(ctx, &e);
    }
    let l = ctx.lang;
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| l.t(&format!("approvals-field-{f}")))
        .collect();
    let msg = format!("{} {}", e.message(l), fields.join(", "))
        .trim()
        .to_owned();
    view(state, ctx, u, e.status, Err(msg), s, r).await
}

/// The page after a request was made.
async fn requested(state: &AppState, ctx: &Ctx, u: &CurrentUser) -> Response {
    let n = ctx.lang.t("approvals-requested");
    view(
        state,
        ctx,
        u,
        StatusCode::OK,
        Ok(Some(n)),
        Default::default(),
        Default::default(),
    )
    .await
}

pub async fn suspension(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<SuspensionForm>,
) -> Response {
    let input = suspensions::SuspensionInput {
        account: f.account.clone().unwrap_or_default(),
        proposal: f.proposal.clone().unwrap_or_default(),
        until: opt(&f.until).map(str::to_owned),
    };
    match suspensions::request(&state, &u.account, &input).await {
        Ok(_) => requested(&state, &ctx, &u).await,
        Err(e) => refused(&state, &ctx, &u, e, f, Default::default()).await,
    }
}

pub async fn restoration(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<RestoreForm>,
) -> Response {
    let (code, account, reason) = (
        f.code.clone().unwrap_or_default(),
        f.account.clone().unwrap_or_default(),
        f.reason.clone().unwrap_or_default(),
    );
    match restorations::request(&state, &u.account, &code, &account, &reason).await {
        Ok(_) => requested(&state, &ctx, &u).await,
        // The code is a secret: it is not typed back into the page.
        Err(e) => {
            let r = RestoreForm { code: None, ..f };
            refused(&state, &ctx, &u, e, Default::default(), r).await
        }
    }
}

pub async fn dissolve(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DissolveForm>,
) -> Response {
    let reason = f.reason.unwrap_or_default();
    match dissolutions::request(&state, &u.account, &id, &reason).await {
        Ok(_) => requested(&state, &ctx, &u).await,
        Err(e) => refused(&state, &ctx, &u, e, Default::default(), Default::default()).await,
    }
}
