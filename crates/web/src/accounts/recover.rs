//! Account recovery pages (SPEC R2.6): a one-time recovery code, or an e-mailed single-use
//! link when mail is configured (the e-mail form is hidden otherwise).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use crate::auth::pages::logged_in;
use crate::auth::session::Ctx;
use crate::error::AppError;
use crate::mail;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;
use tessera_app::accounts as uc;

#[derive(Template)]
#[template(path = "accounts/recover.html")]
struct RecoverPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    link_token: Option<String>,
    mail_enabled: bool,
}

fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
    link: Option<String>,
) -> Response {
    render_status(
        status,
        &RecoverPage {
            b: Base::from_ctx(ctx),
            notice,
            error,
            link_token: link,
            mail_enabled: mail::enabled(state),
        },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Response {
    show(&state, &ctx, StatusCode::OK, None, None, None)
}

#[derive(Deserialize)]
pub struct CodeForm {
    pseudonym: String,
    code: String,
    new_password: String,
}

pub async fn with_code(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CodeForm>,
) -> Response {
    let r = uc::recover_with_code(&state, &f.pseudonym, &f.code, &f.new_password).await;
    match r.map_err(AppError::from) {
        Ok(a) => logged_in(&state, &ctx, a.id).await,
        Err(e) if e.status.is_server_error() => error_page(&ctx, &e),
        Err(e) => show(
            &state,
            &ctx,
            e.status,
            None,
            Some(e.message(ctx.lang)),
            None,
        ),
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    pseudonym: String,
    email: String,
}

pub async fn with_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> Response {
    if !mail::enabled(&state) {
        return error_page(&ctx, &AppError::not_found("error-not-found"));
    }
    match uc::start_email_recovery(&state, &f.pseudonym, &f.email).await {
        Ok(mail) => {
            if let Some(m) = mail {
                let link = state.config.url(&format!("/recover/{}", m.token));
                mail::send_recovery(&state, &m.address, &link, ctx.lang).await;
            }
            show(
                &state,
                &ctx,
                StatusCode::OK,
                Some(ctx.lang.t("recover-mail-sent")),
                None,
                None,
            )
        }
        Err(e) => error_page(&ctx, &e.into()),
    }
}

pub async fn link_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    show(&state, &ctx, StatusCode::OK, None, None, Some(token))
}

#[derive(Deserialize)]
pub struct LinkForm {
    new_password: String,
    totp: Option<String>,
}

pub async fn with_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    let r = uc::finish_email_recovery(&state, &token, &f.new_password, opt(&f.totp)).await;
    match r.map_err(AppError::from) {
        Ok(a) => logged_in(&state, &ctx, a.id).await,
        Err(e) if e.status.is_server_error() => error_page(&ctx, &e),
        Err(e) => show(
            &state,
            &ctx,
            e.status,
            None,
            Some(e.message(ctx.lang)),
            Some(token),
        ),
    }
}
