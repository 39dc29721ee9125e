//! Server-rendered pages (SPEC §10): the router over the areas' page handlers, what every page
//! shares (layout data, rendering, the error page), and the pages of no one area (home,
//! dashboard, static assets). Every flow works without JavaScript; forms post back to the
//! server and carry the CSRF token (R2.8).

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tessera_core::AccountType;

use crate::auth::session::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::network::safety::notice::WatchView;
use crate::state::AppState;

pub mod assets;
pub mod dashboard;
pub mod home;

use crate::accounts::pages as signup;
use crate::accounts::{recover, settings};
use crate::auth::pages as auth;
use crate::screening::{buyer_pages, code_pages, pages as screening};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/robots.txt", get(assets::robots))
        .route("/static/{file}", get(assets::file))
        .route("/signup", get(signup::signup_page).post(signup::signup))
        .route("/join/{token}", get(signup::join_page).post(signup::join))
        .route(
            "/claim/{token}",
            get(signup::claim_page).post(signup::claim),
        )
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/login/totp", post(auth::login_totp))
        .route("/logout", post(auth::logout))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/settings", get(settings::page))
        .route("/settings/preferences", post(settings::preferences))
        .route("/settings/password", post(settings::password))
        .route("/settings/totp", get(settings::totp_required))
        .route("/settings/totp/start", post(settings::totp_start))
        .route("/settings/totp/confirm", post(settings::totp_confirm))
        .route("/settings/totp/disable", post(settings::totp_disable))
        .route("/settings/recovery-email", post(settings::recovery_email))
        .route("/settings/recovery-codes", post(settings::recovery_codes))
        .route("/settings/sessions/end", post(settings::end_session))
        .route("/settings/invitations", post(settings::invitation))
        .route("/settings/delete", post(settings::delete))
        .route("/lookup", get(screening::lookup))
        .route("/history", get(screening::history))
        .route("/report", post(screening::report))
        .route("/rate", get(screening::rate_form).post(screening::rate))
        .route("/codes", get(code_pages::codes).post(code_pages::generate))
        .route("/codes/invalidate", post(code_pages::invalidate))
        .route(
            "/rate-seller",
            get(buyer_pages::rate_seller_form).post(buyer_pages::rate_seller_verify),
        )
        .route("/rate-seller/submit", post(buyer_pages::rate_seller_submit))
        .route("/verify/{slug}", get(buyer_pages::profile))
        .route("/help", get(crate::screening::help::page))
        .merge(crate::screening::links::page_routes())
        .merge(crate::network::messages::page_routes())
        .merge(crate::network::coop_pages::page_routes())
        .merge(crate::network::coop_threads::page_routes())
        .merge(crate::network::safety::pages::page_routes())
        .merge(crate::network::alerts::pages::page_routes())
        .merge(crate::governance::pages::page_routes())
        .merge(crate::governance::dispute_pages::page_routes())
        .merge(crate::governance::transparency::page_routes())
        .merge(crate::governance::flags::page_routes())
        .merge(crate::governance::emergency_pages::page_routes())
        .merge(crate::governance::approval_pages::page_routes())
        .route("/recover", get(recover::page))
        .route("/recover/code", post(recover::with_code))
        .route("/recover/email", post(recover::with_email))
        .route(
            "/recover/{token}",
            get(recover::link_page).post(recover::with_link),
        )
        .fallback(not_found)
}

/// What every page's layout needs.
pub struct Base {
    pub l: Lang,
    pub user: Option<UserView>,
    pub csrf: String,
    /// The alarm badge and notice of a seller who watches over someone (R6.7).
    pub watch: Option<WatchView>,
    /// The emergency banner (R7.5).
    pub emergency: bool,
}

pub struct UserView {
    pub name: String,
    pub seller: bool,
}

impl Base {
    pub fn from_ctx(ctx: &Ctx) -> Base {
        Base {
            l: ctx.lang,
            user: ctx.user.as_ref().map(|u| UserView {
                name: u.account.display_name.clone(),
                seller: u.account.account_type == AccountType::Seller,
            }),
            csrf: ctx.csrf.clone(),
            watch: ctx.watch.map(|w| WatchView::new(ctx.lang, w)),
            emergency: ctx.emergency,
        }
    }

    /// Without the alarm badge, notice and polling: for the panic control's answer, which must
    /// show nothing beyond a neutral "Saved" (R6.7), not even other sellers' alarms that an
    /// onlooker could take for hers.
    pub fn quiet(mut self) -> Base {
        self.watch = None;
        self.emergency = false;
        self
    }
}

pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub b: Base,
    pub title: String,
    pub message: String,
}

/// An error as an HTML page in the reader's language.
pub fn error_page(ctx: &Ctx, e: &AppError) -> Response {
    let mut resp = render_status(
        e.status,
        &ErrorPage {
            b: Base::from_ctx(ctx),
            title: ctx.lang.t("error-title"),
            message: e.message(ctx.lang),
        },
    );
    e.add_retry_after(&mut resp);
    resp
}

/// A page shown again with an error: the error's status, and its `Retry-After` when it is a
/// 429 (the lookup limit, R9.3).
pub fn render_refused<T: Template>(e: &AppError, t: &T) -> Response {
    let mut resp = render_status(e.status, t);
    e.add_retry_after(&mut resp);
    resp
}

async fn not_found(ctx: Ctx) -> Response {
    error_page(&ctx, &AppError::not_found("error-page-not-found"))
}

/// The value of an optional form field: `None` when empty.
pub fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
