//! Sellers' screening pages (charter 12.4, 16.2; SPEC R4.1, R4.2): lookup with interval bars,
//! "My history with this buyer", "Report an issue" and rating a buyer. All of it works without
//! JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use super::views::{q, result_view, ResultView};
use crate::auth::session::{Ctx, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, render, render_refused, render_status, Base};
use crate::state::AppState;
use tessera_app::screening::{self as uc, RateInput};

#[derive(Template)]
#[template(path = "screening/lookup.html")]
pub(super) struct LookupPage {
    pub(super) b: Base,
    pub(super) query: String,
    pub(super) error: Option<String>,
    pub(super) not_found: bool,
    pub(super) signup_url: String,
    pub(super) notice: Option<String>,
    pub(super) result: Option<ResultView>,
    /// The screening code typed into the code form (R4.11), kept after a failure.
    pub(super) code: String,
    /// Another account's pseudonym looks like this one (R2.2, imported accounts).
    pub(super) look_alike: bool,
}

#[derive(Deserialize)]
pub struct PseudonymQuery {
    pseudonym: Option<String>,
}

async fn lookup_page(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    query: &str,
    notice: Option<String>,
) -> Response {
    let mut page = LookupPage {
        b: Base::from_ctx(ctx),
        query: query.to_owned(),
        error: None,
        not_found: false,
        signup_url: state.config.url("/signup"),
        notice,
        result: None,
        code: String::new(),
        look_alike: false,
    };
    if query.trim().is_empty() {
        return render(&page);
    }
    match uc::lookup(state, &u.account, query)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => {
            page.look_alike = match uc::looks_alike(state, r.buyer.id).await {
                Ok(x) => x,
                Err(e) => return error_page(ctx, &e.into()),
            };
            page.result = Some(result_view(ctx.lang, &r));
            render(&page)
        }
        Err(e) if e.status.is_client_error() => {
            page.not_found = e.status == StatusCode::NOT_FOUND;
            page.error = Some(e.message(ctx.lang));
            render_refused(&e, &page)
        }
        Err(e) => error_page(ctx, &e),
    }
}

pub async fn lookup(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<PseudonymQuery>,
) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e.into());
    }
    lookup_page(&state, &ctx, &u, q.pseudonym.as_deref().unwrap_or(""), None).await
}

pub async fn report(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<PseudonymQuery>,
) -> Response {
    let p = f.pseudonym.unwrap_or_default();
    match uc::report(&state, &u.account, &p)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => lookup_page(&state, &ctx, &u, &p, Some(ctx.lang.t("report-recorded"))).await,
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "screening/history.html")]
struct HistoryPage {
    b: Base,
    heading: String,
    buyer_q: String,
    rows: Vec<(String, String, String, String)>,
}

pub async fn history(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<PseudonymQuery>,
) -> Response {
    let l = ctx.lang;
    let raw = q.pseudonym.unwrap_or_default();
    match uc::history(&state, &u.account, &raw)
        .await
        .map_err(AppError::from)
    {
        Ok((buyer, rows)) => {
            let yn = |v: Option<bool>| match v {
                Some(true) => l.t("yes"),
                Some(false) => l.t("no"),
                None => "–".to_owned(),
            };
            let rows = rows
                .into_iter()
                .map(|r| {
                    (
                        r.day.to_string(),
                        yn(r.safe),
                        yn(r.reliable),
                        if r.verified { l.t("yes") } else { l.t("no") },
                    )
                })
                .collect();
            render(&HistoryPage {
                b: Base::from_ctx(&ctx),
                heading: l.ta("history-heading", &[("buyer", buyer.display_name.clone())]),
                buyer_q: q_of(&buyer.display_name),
                rows,
            })
        }
        Err(e) => error_page(&ctx, &e),
    }
}

fn q_of(s: &str) -> String {
    q(s)
}

#[derive(Template)]
#[template(path = "screening/rate_buyer.html")]
struct RatePage {
    b: Base,
    buyer: String,
    day: String,
    min_day: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct RateQuery {
    buyer: Option<String>,
}

fn rate_page(
    state: &AppState,
    ctx: &Ctx,
    buyer: String,
    notice: Option<String>,
    error: Option<String>,
) -> RatePage {
    let today = state.clock.today();
    RatePage {
        b: Base::from_ctx(ctx),
        buyer,
        day: today.to_string(),
        min_day: today.plus_days(-uc::MAX_DAYS_BACK).to_string(),
        notice,
        error,
    }
}

pub async fn rate_form(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<RateQuery>,
) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e.into());
    }
    render(&rate_page(
        &state,
        &ctx,
        q.buyer.unwrap_or_default(),
        None,
        None,
    ))
}

#[derive(Deserialize)]
pub struct RateForm {
    buyer: String,
    safe: Option<String>,
    reliable: Option<String>,
    day: Option<String>,
}

fn yes_no(v: &Option<String>) -> Option<bool> {
    match v.as_deref() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

pub async fn rate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<RateForm>,
) -> Response {
    let input = RateInput {
        buyer: f.buyer.clone(),
        safe: yes_no(&f.safe),
        reliable: yes_no(&f.reliable),
        day: f.day,
    };
    match uc::rate(&state, &u.account, input)
        .await
        .map_err(AppError::from)
    {
        Ok((buyer, day, saved)) => {
            let key = if saved.created {
                "rate-saved"
            } else {
                "rate-updated"
            };
            let notice = ctx.lang.ta(
                key,
                &[("buyer", buyer.display_name), ("day", day.to_string())],
            );
            render(&rate_page(&state, &ctx, String::new(), Some(notice), None))
        }
        Err(e) if e.status.is_client_error() => render_status(
            e.status,
            &rate_page(&state, &ctx, f.buyer, None, Some(e.message(ctx.lang))),
        ),
        Err(e) => error_page(&ctx, &e),
    }
}
