//! The settings page (SPEC R2.12) and the sign-up pages' templates: what they show and how a
//! change's outcome is shown (a notice, or the error in place).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::AccountType;

use crate::auth::session::{Ctx, CurrentUser};
use crate::error::AppError;
use crate::pages::{error_page, render_status, Base};
use crate::state::AppState;

pub struct PowView {
    pub challenge: String,
    pub bits: u32,
}

#[derive(Template)]
#[template(path = "accounts/signup.html")]
pub struct SignupPage {
    pub b: Base,
    pub title: String,
    pub intro: String,
    pub action: String,
    pub submit: String,
    pub pseudonym: String,
    pub error: Option<String>,
    pub pow: Option<PowView>,
    /// Whether a recovery e-mail can be sent: without a mail server the field is not offered
    /// (R2.6), as on `/recover`.
    pub mail: bool,
}

#[derive(Template)]
#[template(path = "accounts/recovery_codes.html")]
pub struct CodesPage {
    pub b: Base,
    pub codes: Vec<String>,
    pub notice: Option<String>,
    pub next: String,
}

pub struct TotpSetup {
    pub qr_svg: String,
    pub secret: String,
    pub sealed: String,
}

pub struct SessionRow {
    pub handle: String,
    pub created: String,
    pub last_seen: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "accounts/settings.html")]
pub struct SettingsPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    seller: bool,
    language: String,
    min_trust: String,
    min_ratings: String,
    max_unsafe: String,
    unknown_is_below: bool,
    message_expiry_days: i64,
    new_invitation: Option<String>,
    open_invitations: Vec<String>,
    totp_enabled: bool,
    totp_setup: Option<TotpSetup>,
    recovery_status: String,
    /// Whether a recovery e-mail can be sent (R2.6): the field is offered only then.
    mail: bool,
    sessions: Vec<SessionRow>,
}

#[derive(Default)]
pub struct Extra {
    pub notice: Option<String>,
    pub error: Option<AppError>,
    pub totp_setup: Option<TotpSetup>,
    pub new_invitation: Option<String>,
}

pub async fn view(state: &AppState, ctx: &Ctx, u: &CurrentUser, extra: Extra) -> Response {
    // Re-read the account: a change made by this request must show.
    let account = match state.store.account_by_id(u.account.id).await {
        Ok(Some(a)) => a,
        Ok(None) => return error_page(ctx, &AppError::unauthenticated()),
        Err(e) => return error_page(ctx, &e.into()),
    };
    let l = ctx.lang;
    let now = state.now();
    let (sessions, invitations, codes) = match (
        state.store.list_sessions(account.id).await,
        // Invitations are counted by their creator; a buyer has created none.
        state
            .store
            .open_invitations(account.id.as_seller(), now)
            .await,
        state.store.count_recovery_codes(account.id).await,
    ) {
        (Ok(s), Ok(i), Ok(c)) => (s, i, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return error_page(ctx, &e.into()),
    };
    let mail = crate::mail::enabled(state);
    let recovery_status = l.ta(
        if mail {
            "recovery-status"
        } else {
            "recovery-status-codes"
        },
        &[
            (
                "email",
                if account.recovery_email_hash.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
            ),
            ("codes", codes.to_string()),
        ],
    );
    let s = &account.settings;
    let status = extra.error.as_ref().map_or(StatusCode::OK, |e| e.status);
    let page = SettingsPage {
        b: Base::from_ctx(ctx),
        notice: extra.notice,
        error: extra.error.map(|e| e.message(l)),
        seller: account.account_type == AccountType::Seller,
        language: s.language.clone().unwrap_or_else(|| "auto".into()),
        min_trust: s.min_trust.map(|t| t.to_string()).unwrap_or_default(),
        min_ratings: s.min_ratings.map(|n| n.to_string()).unwrap_or_default(),
        max_unsafe: s.max_unsafe.map(|n| n.to_string()).unwrap_or_default(),
        unknown_is_below: s.unknown_is_below,
        message_expiry_days: s.message_expiry_days,
        new_invitation: extra.new_invitation,
        open_invitations: invitations
            .iter()
            .map(|e| {
                l.ta(
                    "invitation-open-until",
                    &[("day", tessera_core::Day::from_unix(*e).to_string())],
                )
            })
            .collect(),
        totp_enabled: account.totp_enabled,
        totp_setup: extra.totp_setup,
        recovery_status,
        mail,
        sessions: sessions
            .into_iter()
            .map(|s| SessionRow {
                current: s.handle == u.session.handle,
                handle: s.handle,
                created: s.created_on.to_string(),
                last_seen: s.last_seen_on.to_string(),
            })
            .collect(),
    };
    render_status(status, &page)
}

/// Renders the settings page with the outcome of a change: a notice, or the error.
pub async fn outcome(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    r: Result<&'static str, AppError>,
) -> Response {
    match r {
        Ok(key) => {
            view(
                state,
                ctx,
                u,
                Extra {
                    notice: Some(ctx.lang.t(key)),
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) if e.status.is_server_error() => error_page(ctx, &e),
        Err(e) => {
            view(
                state,
                ctx,
                u,
                Extra {
                    error: Some(e),
                    ..Extra::default()
                },
            )
            .await
        }
    }
}
