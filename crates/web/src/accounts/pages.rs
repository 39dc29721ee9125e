//! Sign-up (buyers, SPEC R2.3, R9.3), joining by invitation (sellers, R2.3), and claiming an
//! imported account by its link (R4.10).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tessera_core::AccountType;

use super::views::{CodesPage, PowView, SignupPage};
use crate::auth::pages::logged_in;
use crate::auth::session::Ctx;
use crate::error::AppError;
use crate::pages::{error_page, render, render_status, Base};
use crate::state::AppState;
use tessera_app::accounts::{self as uc, SignupInput};

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
            challenge: uc::pow_challenge(state),
            bits: state.config.pow_bits,
        })
    } else {
        None
    })
}

fn buyer_page(
    state: &AppState,
    ctx: &Ctx,
    pseudonym: String,
    error: Option<String>,
    pow: Option<PowView>,
) -> SignupPage {
    let l = ctx.lang;
    SignupPage {
        mail: crate::mail::enabled(state),
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

fn seller_page(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    pseudonym: String,
    error: Option<String>,
) -> SignupPage {
    let l = ctx.lang;
    SignupPage {
        mail: crate::mail::enabled(state),
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
        Ok(p) => render(&buyer_page(&state, &ctx, String::new(), None, p)),
        Err(e) => error_page(&ctx, &e),
    }
}

/// After a successful sign-up: log in, then show the recovery codes once if any were made.
async fn signed_up(state: &AppState, ctx: &Ctx, done: uc::SignupDone) -> Response {
    let (cookie, csrf) =
        match crate::auth::session::start(state, done.account.id, ctx.user.as_ref()).await {
            Ok(v) => v,
            Err(e) => return error_page(ctx, &e),
        };
    let mut resp = match done.recovery_codes {
        Some(codes) => {
            let mut b = Base::from_ctx(ctx);
            b.csrf = csrf;
            b.user = Some(crate::pages::UserView {
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
        language: Some(ctx.lang.code().to_owned()),
    };
    match uc::signup(&state, input).await.map_err(AppError::from) {
        Ok(done) => signed_up(&state, &ctx, done).await,
        Err(e) if e.status.is_client_error() => {
            let p = pow_view(&state).await.unwrap_or(None);
            render_status(
                e.status,
                &buyer_page(&state, &ctx, f.pseudonym, Some(e.message(ctx.lang)), p),
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
    match uc::invitation_is_open(&state, &token).await {
        Ok(true) => render(&seller_page(&state, &ctx, &token, String::new(), None)),
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
        language: Some(ctx.lang.code().to_owned()),
    };
    match uc::signup(&state, input).await.map_err(AppError::from) {
        Ok(done) => signed_up(&state, &ctx, done).await,
        Err(e) if e.code == "invitation_invalid" => error_page(&ctx, &e),
        Err(e) if e.status.is_client_error() => render_status(
            e.status,
            &seller_page(&state, &ctx, &token, f.pseudonym, Some(e.message(ctx.lang))),
        ),
        Err(e) => error_page(&ctx, &e),
    }
}
#[derive(Template)]
#[template(path = "accounts/claim.html")]
struct ClaimPage {
    b: Base,
    name: String,
    token: String,
    error: Option<String>,
}

/// An imported account is claimed by setting its password through a single-use link (R4.10).
pub async fn claim_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match uc::claim_target(&state, &token).await {
        Ok(a) => render(&ClaimPage {
            b: Base::from_ctx(&ctx),
            name: a.display_name,
            token,
            error: None,
        }),
        Err(e) => error_page(&ctx, &e.into()),
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
    let account = match uc::claim_target(&state, &token).await {
        Ok(a) => a,
        Err(e) => return error_page(&ctx, &e.into()),
    };
    match uc::claim(&state, &token, &account, &f.password).await {
        Ok(id) => logged_in(&state, &ctx, id).await,
        Err(e @ uc::AccountsError::Password(..)) => {
            let e = AppError::from(e);
            render_status(
                e.status,
                &ClaimPage {
                    b: Base::from_ctx(&ctx),
                    name: account.display_name,
                    token,
                    error: Some(e.message(ctx.lang)),
                },
            )
        }
        Err(e) => error_page(&ctx, &e.into()),
    }
}
