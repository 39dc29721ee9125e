//! Login with a TOTP step (SPEC R2.5, R2.9) and logout; the session start every way in ends with.

use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::auth::session::{self, clear_cookie, safe_next, Ctx};
use crate::error::AppError;
use crate::pages::{error_page, render, render_status, Base};
use crate::state::AppState;
use tessera_app::accounts::{self as uc, AccountsError};

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    b: Base,
    pseudonym: String,
    error: Option<String>,
    ticket: Option<String>,
    next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<NextQuery>,
) -> Response {
    let next = safe_next(q.next.as_deref()).to_owned();
    if ctx.user.is_some() {
        return Redirect::to(&next).into_response();
    }
    render(&LoginPage {
        b: Base::from_ctx(&ctx),
        pseudonym: String::new(),
        error: None,
        ticket: None,
        next,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    pseudonym: String,
    password: String,
    next: Option<String>,
}

pub(crate) async fn logged_in(
    state: &AppState,
    ctx: &Ctx,
    account_id: tessera_core::AccountId,
) -> Response {
    logged_in_to(state, ctx, account_id, "/dashboard").await
}

/// Starts a session and goes on to `next` (a checked local path).
async fn logged_in_to(
    state: &AppState,
    ctx: &Ctx,
    account_id: tessera_core::AccountId,
    next: &str,
) -> Response {
    match session::start(state, account_id, ctx.user.as_ref()).await {
        Ok((cookie, _)) => {
            let mut resp = Redirect::to(safe_next(Some(next))).into_response();
            resp.headers_mut().append(header::SET_COOKIE, cookie);
            resp
        }
        Err(e) => error_page(ctx, &e),
    }
}

fn login_failed(ctx: &Ctx, e: AccountsError, pseudonym: String, next: &str) -> Response {
    let (status, key, retry) = match e {
        AccountsError::Throttled(w) => (StatusCode::TOO_MANY_REQUESTS, "error-throttled", Some(w)),
        _ => (StatusCode::UNAUTHORIZED, "error-invalid-credentials", None),
    };
    let mut resp = render_status(
        status,
        &LoginPage {
            b: Base::from_ctx(ctx),
            pseudonym,
            error: Some(ctx.lang.t(key)),
            ticket: None,
            next: safe_next(Some(next)).to_owned(),
        },
    );
    if let Some(Ok(v)) = retry.map(|w| w.to_string().parse()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

pub async fn login(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LoginForm>) -> Response {
    let next = safe_next(f.next.as_deref()).to_owned();
    match uc::login(&state, &f.pseudonym, &f.password, None).await {
        Ok(a) => logged_in_to(&state, &ctx, a.id, &next).await,
        Err(AccountsError::TotpRequired(a)) => render(&LoginPage {
            b: Base::from_ctx(&ctx),
            pseudonym: String::new(),
            error: None,
            ticket: Some(uc::login_ticket(&state, a.id)),
            next,
        }),
        Err(e) => login_failed(&ctx, e, f.pseudonym, &next),
    }
}

#[derive(Deserialize)]
pub struct TotpForm {
    ticket: String,
    totp: String,
    next: Option<String>,
}

pub async fn login_totp(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TotpForm>,
) -> Response {
    let account = match uc::check_login_ticket(&state, &f.ticket) {
        Some(id) => state.store.account_by_id(id).await.ok().flatten(),
        None => None,
    };
    let next = safe_next(f.next.as_deref()).to_owned();
    let Some(account) = account else {
        return login_failed(
            &ctx,
            AccountsError::InvalidCredentials,
            String::new(),
            &next,
        );
    };
    match uc::login_totp(&state, &account, &f.ticket, &f.totp).await {
        Ok(()) => logged_in_to(&state, &ctx, account.id, &next).await,
        Err(e) => login_failed(&ctx, e, String::new(), &next),
    }
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Response {
    if let Some(u) = &ctx.user {
        if let Err(e) = state.store.delete_session(&u.token_hash).await {
            return error_page(&ctx, &AppError::from(e));
        }
    }
    ([(header::SET_COOKIE, clear_cookie())], Redirect::to("/")).into_response()
}
