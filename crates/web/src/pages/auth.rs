//! Sign-up (buyers, R2.3), joining by invitation (sellers), login with a TOTP step (R2.5,
//! R2.9) and logout.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tessera_core::AccountType;
use tessera_store::crypto::token_hash;

use super::{error_page, render, render_status, Base};
use crate::accounts::{self as uc, LoginError, SignupInput};
use crate::auth::pow;
use crate::auth::session::{self, clear_cookie, safe_next, Ctx};
use crate::error::AppError;
use crate::state::AppState;

pub struct PowView {
    pub challenge: String,
    pub bits: u32,
}

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub b: Base,
    pub title: String,
    pub intro: String,
    pub action: String,
    pub submit: String,
    pub pseudonym: String,
    pub error: Option<String>,
    pub pow: Option<PowView>,
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
pub struct CodesPage {
    pub b: Base,
    pub codes: Vec<String>,
    pub notice: Option<String>,
    pub next: String,
}

#[derive(Deserialize)]
pub struct SignupForm {
    pseudonym: String,
    password: String,
    recovery_email: Option<String>,
    recovery_codes: Option<String>,
    pow_challenge: Option<String>,
    pow_nonce: Option<String>,
}

async fn pow_view(state: &AppState) -> Result<Option<PowView>, AppError> {
    Ok(if uc::signup_needs_pow(state).await? {
        Some(PowView {
            challenge: pow::challenge(state.store.crypto(), state.now()),
            bits: state.config.pow_bits,
        })
    } else {
        None
    })
}

fn buyer_page(
    ctx: &Ctx,
    pseudonym: String,
    error: Option<String>,
    pow: Option<PowView>,
) -> SignupPage {
    let l = ctx.lang;
    SignupPage {
        b: Base::from_ctx(ctx),
        title: l.t("signup-title"),
        intro: l.t("signup-intro"),
        action: "/signup".into(),
        submit: l.t("signup-submit"),
        pseudonym,
        error,
        pow,
    }
}

fn seller_page(ctx: &Ctx, token: &str, pseudonym: String, error: Option<String>) -> SignupPage {
    let l = ctx.lang;
    SignupPage {
        b: Base::from_ctx(ctx),
        title: l.t("join-title"),
        intro: l.t("join-intro"),
        action: format!("/join/{token}"),
        submit: l.t("join-submit"),
        pseudonym,
        error,
        pow: None,
    }
}

pub async fn signup_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    if ctx.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    match pow_view(&state).await {
        Ok(p) => render(&buyer_page(&ctx, String::new(), None, p)),
        Err(e) => error_page(&ctx, &e),
    }
}

/// After a successful sign-up: log in, then show the recovery codes once if any were made.
async fn signed_up(state: &AppState, ctx: &Ctx, done: uc::SignupDone) -> Response {
    let (cookie, csrf) = match session::start(state, done.account.id).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, &e),
    };
    let mut resp = match done.recovery_codes {
        Some(codes) => {
            let mut b = Base::from_ctx(ctx);
            b.csrf = csrf;
            b.user = Some(super::UserView {
                name: done.account.display_name.clone(),
                seller: done.account.account_type == AccountType::Seller,
            });
            render(&CodesPage {
                b,
                codes,
                notice: Some(ctx.lang.t("signup-done")),
                next: "/dashboard".into(),
            })
        }
        None => Redirect::to("/dashboard").into_response(),
    };
    resp.headers_mut().append(header::SET_COOKIE, cookie);
    resp
}

pub async fn signup(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SignupForm>,
) -> Response {
    let input = SignupInput {
        pseudonym: f.pseudonym.clone(),
        password: f.password,
        account_type: AccountType::Buyer,
        invitation: None,
        recovery_email: f.recovery_email,
        recovery_codes: f.recovery_codes.is_some(),
        pow: f.pow_challenge.zip(f.pow_nonce),
        language: Some(ctx.lang),
    };
    match uc::signup(&state, input).await {
        Ok(done) => signed_up(&state, &ctx, done).await,
        Err(e) if e.status.is_client_error() => {
            let p = pow_view(&state).await.unwrap_or(None);
            render_status(
                e.status,
                &buyer_page(&ctx, f.pseudonym, Some(e.message(ctx.lang)), p),
            )
        }
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn join_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match state
        .store
        .invitation_is_open(&token_hash(&token), state.now())
        .await
    {
        Ok(true) => render(&seller_page(&ctx, &token, String::new(), None)),
        Ok(false) => error_page(&ctx, &AppError::forbidden("error-invitation-invalid")),
        Err(e) => error_page(&ctx, &e.into()),
    }
}

pub async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<SignupForm>,
) -> Response {
    let input = SignupInput {
        pseudonym: f.pseudonym.clone(),
        password: f.password,
        account_type: AccountType::Seller,
        invitation: Some(token.clone()),
        recovery_email: f.recovery_email,
        recovery_codes: f.recovery_codes.is_some(),
        pow: None,
        language: Some(ctx.lang),
    };
    match uc::signup(&state, input).await {
        Ok(done) => signed_up(&state, &ctx, done).await,
        Err(e) if e.code == "invitation_invalid" => error_page(&ctx, &e),
        Err(e) if e.status.is_client_error() => render_status(
            e.status,
            &seller_page(&ctx, &token, f.pseudonym, Some(e.message(ctx.lang))),
        ),
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
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

pub(crate) async fn logged_in(state: &AppState, ctx: &Ctx, account_id: i64) -> Response {
    logged_in_to(state, ctx, account_id, "/dashboard").await
}

/// Starts a session and goes on to `next` (a checked local path).
async fn logged_in_to(state: &AppState, ctx: &Ctx, account_id: i64, next: &str) -> Response {
    match session::start(state, account_id).await {
        Ok((cookie, _)) => {
            let mut resp = Redirect::to(safe_next(Some(next))).into_response();
            resp.headers_mut().append(header::SET_COOKIE, cookie);
            resp
        }
        Err(e) => error_page(ctx, &e),
    }
}

fn login_failed(ctx: &Ctx, e: LoginError, pseudonym: String, next: &str) -> Response {
    let (status, key, retry) = match e {
        LoginError::Throttled(w) => (StatusCode::TOO_MANY_REQUESTS, "error-throttled", Some(w)),
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
        Err(LoginError::TotpRequired(a)) => render(&LoginPage {
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
        return login_failed(&ctx, LoginError::Invalid, String::new(), &next);
    };
    match uc::login_totp(&state, &account, &f.totp).await {
        Ok(()) => logged_in_to(&state, &ctx, account.id, &next).await,
        Err(e) => login_failed(&ctx, e, String::new(), &next),
    }
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Response {
    if let Some(u) = &ctx.user {
        if let Err(e) = state.store.delete_session(&u.token_hash).await {
            return error_page(&ctx, &e.into());
        }
    }
    ([(header::SET_COOKIE, clear_cookie())], Redirect::to("/")).into_response()
}

#[derive(Template)]
#[template(path = "claim.html")]
struct ClaimPage {
    b: Base,
    name: String,
    token: String,
    error: Option<String>,
}

async fn claim_target(
    state: &AppState,
    token: &str,
) -> Result<tessera_store::accounts::Account, AppError> {
    let invalid = || AppError::forbidden("error-claim-invalid");
    let id = state
        .store
        .claim_account(&token_hash(token), state.now())
        .await?
        .ok_or_else(invalid)?;
    state.store.account_by_id(id).await?.ok_or_else(invalid)
}

/// An imported account is claimed by setting its password through a single-use link (R4.10).
pub async fn claim_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match claim_target(&state, &token).await {
        Ok(a) => render(&ClaimPage {
            b: Base::from_ctx(&ctx),
            name: a.display_name,
            token,
            error: None,
        }),
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Deserialize)]
pub struct ClaimForm {
    password: String,
}

pub async fn claim(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<ClaimForm>,
) -> Response {
    let account = match claim_target(&state, &token).await {
        Ok(a) => a,
        Err(e) => return error_page(&ctx, &e),
    };
    let pw = match tessera_core::Password::parse(
        &f.password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    ) {
        Ok(p) => p,
        Err(e) => {
            let e = uc::password_error(e, "password");
            return render_status(
                e.status,
                &ClaimPage {
                    b: Base::from_ctx(&ctx),
                    name: account.display_name,
                    token,
                    error: Some(e.message(ctx.lang)),
                },
            );
        }
    };
    let hash = crate::auth::password::hash(pw.expose().to_owned()).await;
    match state
        .store
        .complete_claim(&token_hash(&token), state.now(), &hash)
        .await
    {
        Ok(Some(id)) => logged_in(&state, &ctx, id).await,
        Ok(None) => error_page(&ctx, &AppError::forbidden("error-claim-invalid")),
        Err(e) => error_page(&ctx, &e.into()),
    }
}
