//! The seller's rating codes page (charter 16.2; SPEC R4.3): generate (optionally bound to a
//! buyer), the 90-day history, invalidate all.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use crate::auth::session::{Ctx, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{error_page, render_status, Base};
use crate::state::AppState;
use tessera_app::screening as uc;

pub struct GeneratedView {
    pub code: String,
    pub bound_to: Option<String>,
    pub valid_line: String,
}

#[derive(Template)]
#[template(path = "screening/codes.html")]
struct CodesPage {
    b: Base,
    error: Option<String>,
    notice: Option<String>,
    generated: Option<GeneratedView>,
    history: Vec<(String, String, String)>,
}

/// "5 min ago", "2 days ago": relative times only (charter 16.2, R8.1).
fn relative(l: Lang, secs: i64) -> String {
    let (key, n) = match secs.max(0) {
        s if s < 3600 => ("ago-minutes", (s / 60).max(1)),
        s if s < 86_400 => ("ago-hours", s / 3600),
        s if s < 14 * 86_400 => ("ago-days", s / 86_400),
        s => ("ago-weeks", s / (7 * 86_400)),
    };
    l.ta(key, &[("n", n.to_string())])
}

async fn codes_page(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    generated: Option<GeneratedView>,
    notice: Option<String>,
    error: Option<AppError>,
) -> Response {
    let l = ctx.lang;
    let history = match uc::code_history(state, &u.account)
        .await
        .map_err(AppError::from)
    {
        Ok(h) => h,
        Err(e) => return error_page(ctx, &e),
    };
    let now = state.now();
    let history = history
        .into_iter()
        .map(|h| {
            let status = match h.status {
                tessera_store::codes::CodeStatus::Unused => l.t("code-status-unused"),
                tessera_store::codes::CodeStatus::Used => l.t("code-status-used"),
                tessera_store::codes::CodeStatus::Expired => l.t("code-status-expired"),
            };
            // Only an active code keeps its exact time; a used or ended one has its day (R8.1).
            let generated = if h.status == tessera_store::codes::CodeStatus::Unused {
                l.ta(
                    "code-generated-ago",
                    &[("when", relative(l, now - h.generated_at))],
                )
            } else {
                let day = tessera_core::Day::from_unix(h.generated_at).to_string();
                l.ta("code-generated-on", &[("day", day)])
            };
            (h.code, generated, status)
        })
        .collect();
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.status);
    render_status(
        status,
        &CodesPage {
            b: Base::from_ctx(ctx),
            error: error.map(|e| e.message(l)),
            notice,
            generated,
            history,
        },
    )
}

pub async fn codes(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e.into());
    }
    codes_page(&state, &ctx, &u, None, None, None).await
}

#[derive(Deserialize)]
pub struct GenerateForm {
    buyer: Option<String>,
}

pub async fn generate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<GenerateForm>,
) -> Response {
    let l = ctx.lang;
    match uc::generate_code(&state, &u.account, f.buyer.as_deref())
        .await
        .map_err(AppError::from)
    {
        Ok(g) => {
            let pv = uc::params(&state)
                .await
                .map_or(30, |p| p.params.code_ttl_days);
            let view = GeneratedView {
                code: g.code.as_string(),
                bound_to: g.bound_to.map(|b| l.ta("codes-bound-to", &[("buyer", b)])),
                valid_line: l.ta("codes-valid-days", &[("days", pv.to_string())]),
            };
            codes_page(&state, &ctx, &u, Some(view), None, None).await
        }
        Err(e) if e.status.is_client_error() => {
            codes_page(&state, &ctx, &u, None, None, Some(e)).await
        }
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn invalidate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    match uc::invalidate_codes(&state, &u.account)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => {
            let notice = ctx.lang.ta("codes-invalidated", &[("n", n.to_string())]);
            codes_page(&state, &ctx, &u, None, Some(notice), None).await
        }
        Err(e) => error_page(&ctx, &e),
    }
}
