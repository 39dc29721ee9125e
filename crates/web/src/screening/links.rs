//! Screening links in the web layer (SPEC R4.11, proof of control): the buyer creates one on his
//! dashboard or with `POST /api/buyer/me/screening-links`; the seller opens `/s/{token}`, types
//! the code on the lookup page, or calls `GET /api/screening/{code}`, and sees the lookup marked
//! `verified_control`.
//!
//! Opening a link uses it up, on a GET: the issue and API.md ask for it ("used up on first view
//! by a seller"), and it is the one exception to "GET never changes state" (R2.8). It cannot be
//! forced on a seller from another site: the session cookie is `SameSite=Strict`, so a request
//! from elsewhere arrives logged out and changes nothing. That is also why a logged-out visit to
//! `/s/{token}` gets a page with a link to log in and come back, not a redirect: a seller who
//! taps the link in a messenger arrives without her cookie even when she is logged in, and the
//! link, followed from this site, carries it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::{Deserialize, Serialize};
use tessera_app::screening::{self as uc, CreatedLink};
use tessera_core::AccountType;
use utoipa::ToSchema;

use super::api::{reputation_body, ReputationBody};
use super::pages::LookupPage;
use super::views::result_view;
use crate::auth::session::{ApiUser, Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{error_page, render, render_refused, Base};
use crate::state::AppState;
use crate::timefmt::rfc3339;

/// The API routes, merged into `/api`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/buyer/me/screening-links", post(create))
        .route("/screening/{code}", get(lookup))
}

/// The page routes.
pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/screening-links", post(create_page))
        .route("/s/{token}", get(open_link))
        .route("/lookup/code", post(lookup_code))
}

/// The path of a link's page.
fn link_path(token: &str) -> String {
    format!("/s/{token}")
}

// ---------------------------------------------------------------------------------------------
// JSON API

#[derive(Serialize, ToSchema)]
pub struct ScreeningLinkBody {
    /// `/s/<token>`: the link to send the seller.
    pub url: String,
    /// The code to read out, `XXXXX-XXXXX`; a key of the same link.
    pub code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

#[utoipa::path(post, path = "/api/buyer/me/screening-links", operation_id = "create_screening_link",
    tag = "screening links",
    responses(
        (status = 201, body = ScreeningLinkBody, description = "a new single-use link and its code"),
        (status = 401, description = "unauthenticated"),
        (status = 403, description = "forbidden: not a buyer, or no CSRF token"),
        (status = 409, description = "too_many_open_links: 20 are open"),
        (status = 429, description = "rate_limited")))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<Response, AppError> {
    let l = uc::create_link(&state, &u.account).await?;
    let body = ScreeningLinkBody {
        url: link_path(&l.token),
        code: l.code,
        expires_at: rfc3339(l.expires_at),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[utoipa::path(get, path = "/api/screening/{code}", operation_id = "lookup_by_screening_code",
    tag = "screening links",
    params(("code" = String, Path, description = "the read-out code or the link's token")),
    responses(
        (status = 200, body = ReputationBody, description = "the lookup, with verified_control true; the code is used up"),
        (status = 401, description = "unauthenticated"),
        (status = 403, description = "forbidden: not a seller"),
        (status = 404, description = "not_found: unknown, used or expired"),
        (status = 429, description = "rate_limited: the seller's lookup limit")))]
pub async fn lookup(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(code): Path<String>,
) -> Result<axum::Json<ReputationBody>, AppError> {
    let l = uc::lookup_by_link(&state, &u.account, &code).await?;
    Ok(axum::Json(reputation_body(&l)))
}

// ---------------------------------------------------------------------------------------------
// The buyer's dashboard section

/// A link just created, as the dashboard shows it once.
pub struct CreatedView {
    pub url: String,
    pub code: String,
    pub expires: String,
}

/// What the buyer dashboard shows of screening links.
pub struct LinksSection {
    pub explain: String,
    pub created: Option<CreatedView>,
    pub error: Option<String>,
    pub used: String,
    pub open: String,
}

/// What a dashboard request adds to the section: a link just created, or why none was.
#[derive(Default)]
pub struct LinksExtra {
    pub created: Option<CreatedLink>,
    pub error: Option<String>,
}

fn minute(unix: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

pub async fn links_section(
    state: &AppState,
    l: Lang,
    u: &CurrentUser,
    extra: LinksExtra,
) -> Result<LinksSection, AppError> {
    let counts = uc::link_counts(state, &u.account).await?;
    let hours = uc::params(state)
        .await?
        .params
        .screening_link_ttl_hours
        .to_string();
    Ok(LinksSection {
        explain: l.ta("links-explain", &[("hours", hours)]),
        created: extra.created.map(|c| CreatedView {
            url: state.config.url(&link_path(&c.token)),
            code: c.code,
            expires: l.ta("links-expires", &[("time", minute(c.expires_at))]),
        }),
        error: extra.error,
        used: l.ta("links-used", &[("used", counts.used.to_string())]),
        open: l.ta("links-open", &[("open", counts.open.to_string())]),
    })
}

/// "Create screening link" on the buyer dashboard (works without JavaScript).
pub async fn create_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    if u.account.account_type != AccountType::Buyer {
        return error_page(&ctx, &AppError::forbidden("error-buyers-only"));
    }
    let (status, extra) = match uc::create_link(&state, &u.account).await {
        Ok(c) => (
            StatusCode::OK,
            LinksExtra {
                created: Some(c),
                error: None,
            },
        ),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() {
                return error_page(&ctx, &e);
            }
            (
                e.status,
                LinksExtra {
                    created: None,
                    error: Some(e.message(ctx.lang)),
                },
            )
        }
    };
    let mut resp = crate::pages::dashboard::buyer_page(&state, &ctx, &u, extra)
        .await
        .unwrap_or_else(|e| error_page(&ctx, &e));
    if resp.status().is_success() {
        *resp.status_mut() = status;
    }
    resp
}

// ---------------------------------------------------------------------------------------------
// The seller's side

#[derive(Template)]
#[template(path = "screening/link_login.html")]
struct LinkLoginPage {
    b: Base,
    login_url: String,
}

/// `/s/{token}`: a logged-in seller sees the verified lookup (and uses the link up); anyone
/// else is asked to log in first and comes back here.
pub async fn open_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    let Some(u) = ctx.user.clone() else {
        // Only the symbols of a token go into the way back.
        let token: String = token
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(64)
            .collect();
        let next: String = form_urlencoded::byte_serialize(link_path(&token).as_bytes()).collect();
        return render(&LinkLoginPage {
            b: Base::from_ctx(&ctx),
            login_url: format!("/login?next={next}"),
        });
    };
    verified_lookup(&state, &ctx, &u, &token, String::new()).await
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

/// The code field of the lookup page.
pub async fn lookup_code(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<CodeForm>,
) -> Response {
    let code = f.code.trim().chars().take(64).collect::<String>();
    verified_lookup(&state, &ctx, &u, &f.code, code).await
}

/// The lookup page with the result of a link or code, or the one "not valid" error with the
/// code kept in its field.
async fn verified_lookup(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    key: &str,
    typed: String,
) -> Response {
    if let Err(e) = uc::require(&u.account, AccountType::Seller) {
        return error_page(ctx, &e.into());
    }
    let mut page = LookupPage {
        b: Base::from_ctx(ctx),
        query: String::new(),
        error: None,
        not_found: false,
        signup_url: state.config.url("/signup"),
        notice: None,
        result: None,
        code: String::new(),
        // The code proves control of this very account (R4.11): the spelling warning of a
        // look-alike (R2.2) is for pseudonyms typed by hand.
        look_alike: false,
    };
    match uc::lookup_by_link(state, &u.account, key)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => {
            page.result = Some(result_view(ctx.lang, &r));
            render(&page)
        }
        Err(e) if e.status.is_client_error() => {
            page.error = Some(e.message(ctx.lang));
            page.code = typed;
            render_refused(&e, &page)
        }
        Err(e) => error_page(ctx, &e),
    }
}
