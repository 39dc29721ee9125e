//! The pages of disputes (SPEC R7.8, R7.9, R10.1), without JavaScript, in English and German:
//! `/disputes` (her cases; every case, with overdue ones flagged, for the Dispute Resolution
//! Committee), `/disputes/new` (a buyer's appeal, a seller's report), `/disputes/{id}` (one case:
//! its stage and deadline, the committee's form to move it on, the petition, the exclusions
//! waiting for a second member), `/disputes/{id}/ratings` (the panel's view of the buyer's
//! ratings, audit-logged, with the exclusion request), and `POST /approvals/{id}`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::governance::approvals::{self, Approved};
use tessera_app::governance::disputes::{self as uc, AdvanceInput, CaseView, OpenInput};
use tessera_core::governance::{DisputeKind, Stage};
use tessera_core::AccountType;

use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{error_page, opt, render, render_status, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/disputes", get(list_page).post(open))
        .route("/disputes/new", get(new_page))
        .route("/disputes/{id}", get(case_page))
        .route("/disputes/{id}/advance", post(advance))
        .route("/disputes/{id}/signatures", post(sign))
        .route("/disputes/{id}/ratings", get(ratings_page))
        .route("/disputes/{id}/exclusions", post(exclude))
        .route("/approvals/{id}", post(approve))
}

/// A refusal in the page's words, naming the fields that were wrong.
fn refusal(l: Lang, e: &AppError) -> String {
    if e.fields.is_empty() {
        return e.message(l);
    }
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| l.t(&format!("dispute-field-{f}")))
        .collect();
    format!("{} {}", e.message(l), fields.join(", "))
}

fn stage_text(l: Lang, s: Stage) -> String {
    l.t(&format!("dispute-stage-{}", s.as_str()))
}

/// One line of the list.
pub struct Row {
    id: String,
    what: String,
    stage: String,
    overdue: bool,
}

fn row(l: Lang, v: &CaseView) -> Row {
    let d = &v.dispute;
    Row {
        id: d.id.clone(),
        what: l.ta(
            &format!("dispute-kind-{}", d.kind.as_str()),
            &[("on", d.opened_on.to_string())],
        ),
        stage: stage_text(l, d.stage),
        overdue: v.overdue,
    }
}

#[derive(Template)]
#[template(path = "governance/disputes.html")]
struct ListPage {
    b: Base,
    rows: Vec<Row>,
}

pub async fn list_page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    match uc::list(&state, &u.account).await {
        Ok(all) => render(&ListPage {
            b: Base::from_ctx(&ctx),
            rows: all.iter().map(|v| row(ctx.lang, v)).collect(),
        }),
        Err(e) => error_page(&ctx, &e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct NewForm {
    buyer: Option<String>,
    context: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/dispute_new.html")]
struct NewPage {
    b: Base,
    error: Option<String>,
    /// A buyer appeals; a seller reports a buyer.
    appeal: bool,
    f: NewForm,
}

fn new_form(
    ctx: &Ctx,
    u: &CurrentUser,
    status: StatusCode,
    error: Option<String>,
    f: NewForm,
) -> Response {
    render_status(
        status,
        &NewPage {
            b: Base::from_ctx(ctx),
            error,
            appeal: u.account.account_type == AccountType::Buyer,
            f,
        },
    )
}

pub async fn new_page(PageUser(u): PageUser, ctx: Ctx) -> Response {
    new_form(&ctx, &u, StatusCode::OK, None, NewForm::default())
}

pub async fn open(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<NewForm>,
) -> Response {
    let kind = if u.account.account_type == AccountType::Buyer {
        DisputeKind::Appeal
    } else {
        DisputeKind::Report
    };
    let input = OpenInput {
        kind: kind.as_str().into(),
        context: opt(&f.context).map(str::to_owned),
        buyer: opt(&f.buyer).map(str::to_owned),
        alert: None,
    };
    match uc::open(&state, &u.account, &input).await {
        Ok(d) => Redirect::to(&format!("/disputes/{}", d.id)).into_response(),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() {
                return error_page(&ctx, &e);
            }
            new_form(&ctx, &u, e.status, Some(refusal(ctx.lang, &e)), f)
        }
    }
}

/// A select's choice: (value, label).
pub struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "governance/dispute.html")]
struct CasePage {
    b: Base,
    id: String,
    heading: String,
    error: Option<String>,
    notice: Option<String>,
    stage: String,
    outcome: Option<String>,
    deadline: Option<String>,
    overdue: bool,
    panel: String,
    context: Option<String>,
    petition: Option<String>,
    may_sign: bool,
    may_advance: bool,
    on_panel: bool,
    stages: Vec<Choice>,
    outcomes: Vec<Choice>,
    pending: Vec<(String, String, bool)>,
    /// The panel she typed, kept when the form was refused.
    typed: [String; 3],
    /// The membership vote's proposal id (R7.8).
    vote: Option<String>,
}

async fn case_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
) -> Result<CasePage, AppError> {
    let l = ctx.lang;
    let v = uc::one(state, &u.account, id).await?;
    let pending = uc::pending_exclusions(state, &u.account, id).await?;
    let d = &v.dispute;
    let open_stage = d.stage != Stage::Closed;
    Ok(CasePage {
        b: Base::from_ctx(ctx),
        id: d.id.clone(),
        heading: row(l, &v).what,
        error: None,
        notice: None,
        stage: stage_text(l, d.stage),
        outcome: d
            .outcome
            .map(|o| l.t(&format!("dispute-outcome-{}", o.as_str()))),
        deadline: v
            .deadline
            .filter(|_| open_stage)
            .map(|day| l.ta("dispute-deadline", &[("day", day.to_string())])),
        overdue: v.overdue,
        panel: v.panel.join(", "),
        context: v.context.clone(),
        vote: d.vote.clone(),
        petition: (d.stage == Stage::Arbitration).then(|| {
            l.ta(
                "dispute-petition",
                &[
                    ("n", v.signatures.to_string()),
                    ("needed", uc::PETITION_SIGNATURES.to_string()),
                ],
            )
        }),
        may_sign: d.stage == Stage::Arbitration && u.account.account_type == AccountType::Seller,
        may_advance: v.may_advance,
        on_panel: v.on_panel,
        stages: [Stage::Arbitration, Stage::MembershipVote, Stage::Closed]
            .into_iter()
            .filter(|s| d.stage.may_advance_to(*s))
            .map(|s| Choice {
                value: s.as_str(),
                label: stage_text(l, s),
            })
            .collect(),
        outcomes: ["no_change", "ratings_excluded"]
            .into_iter()
            .map(|o| Choice {
                value: o,
                label: l.t(&format!("dispute-outcome-{o}")),
            })
            .collect(),
        pending: pending
            .into_iter()
            .map(|p| {
                (
                    p.approval,
                    l.ta("dispute-pending", &[("n", p.ratings.to_string())]),
                    !p.mine,
                )
            })
            .collect(),
        typed: Default::default(),
    })
}

/// The case page with what the last form did: a notice, or the refusal in its status.
async fn answer(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    outcome: Result<String, AppError>,
    typed: [String; 3],
) -> Response {
    let (status, error, notice) = match outcome {
        Ok(n) => (StatusCode::OK, None, Some(n)),
        Err(e) if e.status.is_server_error() || e.status == StatusCode::NOT_FOUND => {
            return error_page(ctx, &e)
        }
        Err(e) => (e.status, Some(refusal(ctx.lang, &e)), None),
    };
    match case_view(state, ctx, u, id).await {
        Ok(mut p) => {
            p.error = error;
            p.notice = notice;
            if status != StatusCode::OK {
                p.typed = typed;
            }
            render_status(status, &p)
        }
        Err(e) => error_page(ctx, &e),
    }
}

pub async fn case_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    match case_view(&state, &ctx, &u, &id).await {
        Ok(p) => render(&p),
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Deserialize)]
pub struct AdvanceForm {
    to: Option<String>,
    outcome: Option<String>,
    panel1: Option<String>,
    panel2: Option<String>,
    panel3: Option<String>,
    motion: Option<String>,
}

pub async fn advance(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AdvanceForm>,
) -> Response {
    let to = opt(&f.to).unwrap_or_default().to_owned();
    let typed = [&f.panel1, &f.panel2, &f.panel3].map(|p| opt(p).unwrap_or_default().to_owned());
    let panel: Vec<String> = typed.iter().filter(|p| !p.is_empty()).cloned().collect();
    // The form always sends every field; only those the chosen stage takes are passed on.
    let input = AdvanceInput {
        outcome: (to == "closed")
            .then(|| opt(&f.outcome).map(str::to_owned))
            .flatten(),
        panel: (to == "arbitration").then_some(panel),
        motion: (to == "membership_vote")
            .then(|| opt(&f.motion).map(str::to_owned))
            .flatten(),
        to,
    };
    let outcome = uc::advance(&state, &u.account, &id, &input)
        .await
        .map(|v| {
            ctx.lang.ta(
                "dispute-advanced",
                &[("stage", stage_text(ctx.lang, v.dispute.stage))],
            )
        })
        .map_err(AppError::from);
    answer(&state, &ctx, &u, &id, outcome, typed).await
}

pub async fn sign(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let outcome = uc::sign(&state, &u.account, &id)
        .await
        .map(|_| ctx.lang.t("proposal-signed-notice"))
        .map_err(AppError::from);
    answer(&state, &ctx, &u, &id, outcome, Default::default()).await
}

/// One rating on the panel's page.
pub struct RatingRow {
    id: String,
    day: String,
    safe: String,
    reliable: String,
    verified: String,
}

#[derive(Template)]
#[template(path = "governance/dispute_ratings.html")]
struct RatingsPage {
    b: Base,
    id: String,
    error: Option<String>,
    rows: Vec<RatingRow>,
}

fn flag(l: Lang, f: Option<bool>) -> String {
    l.t(match f {
        Some(true) => "dispute-flag-yes",
        Some(false) => "dispute-flag-no",
        None => "dispute-flag-none",
    })
}

async fn ratings_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let l = ctx.lang;
    match uc::ratings(state, &u.account, id).await {
        Ok(rows) => render_status(
            status,
            &RatingsPage {
                b: Base::from_ctx(ctx),
                id: id.to_owned(),
                error,
                rows: rows
                    .into_iter()
                    .map(|r| RatingRow {
                        id: r.id,
                        day: r.day.to_string(),
                        safe: flag(l, r.safe),
                        reliable: flag(l, r.reliable),
                        verified: flag(l, Some(r.verified)),
                    })
                    .collect(),
            },
        ),
        Err(e) => error_page(ctx, &e.into()),
    }
}

/// The panel's view of the buyer's ratings: every load is in the audit log (R7.8, R7.10).
pub async fn ratings_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    ratings_view(&state, &ctx, &u, &id, StatusCode::OK, None).await
}

/// The exclusion request: one `rating` field per checked box.
pub async fn exclude(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let ratings: Vec<String> = form_urlencoded::parse(&body)
        .filter(|(k, _)| k == "rating")
        .map(|(_, v)| v.into_owned())
        .collect();
    match uc::request_exclusion(&state, &u.account, &id, &ratings).await {
        Ok(_) => {
            let notice = ctx.lang.t("dispute-exclusion-requested");
            answer(&state, &ctx, &u, &id, Ok(notice), Default::default()).await
        }
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() || e.status == StatusCode::NOT_FOUND {
                return error_page(&ctx, &e);
            }
            let msg = refusal(ctx.lang, &e);
            ratings_view(&state, &ctx, &u, &id, e.status, Some(msg)).await
        }
    }
}

#[derive(Deserialize)]
pub struct ApproveForm {
    /// The page to return to (a case), when the form came from one.
    case: Option<String>,
}

/// The second member's approval (R7.9), from a case page or the emergency page.
pub async fn approve(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(approval): Path<String>,
    Form(f): Form<ApproveForm>,
) -> Response {
    let result = approvals::approve(&state, &u.account, &approval)
        .await
        .map_err(AppError::from);
    match (result, opt(&f.case)) {
        (Ok(Approved::Exclusion(x)), Some(case)) => {
            let n = ctx
                .lang
                .ta("dispute-excluded", &[("n", x.ratings.to_string())]);
            answer(&state, &ctx, &u, case, Ok(n), Default::default()).await
        }
        (Ok(Approved::Emergency(_)), _) => Redirect::to("/changelog").into_response(),
        (Ok(_), _) => {
            let n = ctx.lang.t("approvals-approved");
            super::approval_pages::view(
                &state,
                &ctx,
                &u,
                StatusCode::OK,
                Ok(Some(n)),
                Default::default(),
                Default::default(),
            )
            .await
        }
        (Err(e), Some(case)) => answer(&state, &ctx, &u, case, Err(e), Default::default()).await,
        (Err(e), None) => error_page(&ctx, &e),
    }
}
