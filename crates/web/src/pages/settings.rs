//! Settings (SPEC R2.12): language, screening preferences, message expiry default, password,
//! TOTP, recovery, sessions, invitations (sellers) and account deletion. Changes to credentials
//! and deletion need the current password (R2.10).

use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use tessera_core::AccountType;

use super::auth::CodesPage;
use super::{error_page, opt, render_status, Base};
use crate::accounts as uc;
use crate::api::accounts::{apply_settings, Screening, SettingsUpdate};
use crate::auth::session::{clear_cookie, Ctx, CurrentUser, PageUser};
use crate::auth::totp;
use crate::error::AppError;
use crate::state::AppState;

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
#[template(path = "settings.html")]
struct SettingsPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    seller: bool,
    language: String,
    min_trust: String,
    min_ratings: String,
    unknown_is_below: bool,
    message_expiry_days: i64,
    new_invitation: Option<String>,
    open_invitations: Vec<String>,
    totp_enabled: bool,
    totp_setup: Option<TotpSetup>,
    recovery_status: String,
    sessions: Vec<SessionRow>,
}

#[derive(Default)]
struct Extra {
    notice: Option<String>,
    error: Option<AppError>,
    totp_setup: Option<TotpSetup>,
    new_invitation: Option<String>,
}

async fn view(state: &AppState, ctx: &Ctx, u: &CurrentUser, extra: Extra) -> Response {
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
        state.store.open_invitations(account.id, now).await,
        state.store.count_recovery_codes(account.id).await,
    ) {
        (Ok(s), Ok(i), Ok(c)) => (s, i, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return error_page(ctx, &e.into()),
    };
    let recovery_status = l.ta(
        "recovery-status",
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
    let status = extra
        .error
        .as_ref()
        .map(|e| e.status)
        .unwrap_or(StatusCode::OK);
    let page = SettingsPage {
        b: Base::from_ctx(ctx),
        notice: extra.notice,
        error: extra.error.map(|e| e.message(l)),
        seller: account.account_type == AccountType::Seller,
        language: s.language.clone().unwrap_or_else(|| "auto".into()),
        min_trust: s.min_trust.map(|t| t.to_string()).unwrap_or_default(),
        min_ratings: s.min_ratings.map(|n| n.to_string()).unwrap_or_default(),
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
async fn outcome(
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

pub async fn page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    view(&state, &ctx, &u, Extra::default()).await
}

#[derive(Deserialize)]
pub struct PrefsForm {
    language: Option<String>,
    min_trust: Option<String>,
    min_ratings: Option<String>,
    unknown_is_below: Option<String>,
    preset: Option<String>,
    message_expiry_days: Option<String>,
}

fn parse_prefs(f: &PrefsForm, seller: bool) -> Result<SettingsUpdate, AppError> {
    if !seller {
        return Ok(SettingsUpdate {
            language: f.language.clone(),
            screening: None,
            preset: None,
            message_expiry_days: None,
        });
    }
    let min_trust = match opt(&f.min_trust) {
        Some(t) => Some(
            t.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| AppError::invalid("error-min-trust", &["min_trust"]))?,
        ),
        None => None,
    };
    let min_ratings = match opt(&f.min_ratings) {
        Some(n) => Some(
            n.parse::<i64>()
                .map_err(|_| AppError::invalid("error-min-ratings", &["min_ratings"]))?,
        ),
        None => None,
    };
    let expiry = match opt(&f.message_expiry_days) {
        Some(d) => Some(
            d.parse::<i64>()
                .map_err(|_| AppError::invalid("error-expiry", &["message_expiry_days"]))?,
        ),
        None => None,
    };
    Ok(SettingsUpdate {
        language: f.language.clone(),
        screening: Some(Screening {
            min_trust,
            min_ratings,
            unknown_is_below: f.unknown_is_below.is_some(),
        }),
        preset: opt(&f.preset).map(str::to_owned),
        message_expiry_days: expiry,
    })
}

pub async fn preferences(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<PrefsForm>,
) -> Response {
    let seller = u.account.account_type == AccountType::Seller;
    let r = async {
        let s = apply_settings(&u.account.settings, parse_prefs(&f, seller)?)?;
        state.store.update_settings(u.account.id, &s).await?;
        Ok("notice-saved")
    }
    .await;
    // A language change applies to the page that confirms it.
    let mut ctx = ctx;
    if r.is_ok() {
        if let Some(l) = f.language.as_deref().and_then(crate::i18n::Lang::parse) {
            ctx.lang = l;
        }
    }
    outcome(&state, &ctx, &u, r).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn password(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> Response {
    let r = async {
        uc::reauthenticate(&u.account, &f.current_password).await?;
        uc::change_password(&state, &u.account, &f.new_password).await?;
        // Other sessions may belong to whoever knew the old password.
        state
            .store
            .delete_other_sessions(u.account.id, &u.token_hash)
            .await?;
        Ok("notice-password-changed")
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

pub async fn totp_start(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    let secret = totp::new_secret();
    let url = totp::otpauth_url(&secret, &u.account.display_name);
    // The pending secret travels sealed in the form until a code confirms it.
    let sealed =
        data_encoding::BASE64URL_NOPAD.encode(&state.store.crypto().seal("totp-pending", &secret));
    let setup = TotpSetup {
        qr_svg: totp::qr_svg(&url),
        secret: totp::secret_base32(&secret),
        sealed,
    };
    view(
        &state,
        &ctx,
        &u,
        Extra {
            totp_setup: Some(setup),
            ..Extra::default()
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct TotpConfirmForm {
    sealed: String,
    code: String,
    current_password: String,
}

pub async fn totp_confirm(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<TotpConfirmForm>,
) -> Response {
    let r = async {
        uc::reauthenticate(&u.account, &f.current_password).await?;
        let secret = data_encoding::BASE64URL_NOPAD
            .decode(f.sealed.as_bytes())
            .ok()
            .and_then(|b| state.store.crypto().open("totp-pending", &b).ok())
            .ok_or_else(|| AppError::invalid("error-totp", &["code"]))?;
        let step = totp::matching_step(&secret, &f.code, state.now())
            .ok_or_else(|| AppError::invalid("error-totp", &["code"]))?;
        state
            .store
            .set_totp_secret(u.account.id, Some(&secret))
            .await?;
        state.store.claim_totp_step(u.account.id, step).await?;
        Ok("notice-totp-on")
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

#[derive(Deserialize)]
pub struct ReauthForm {
    current_password: String,
}

pub async fn totp_disable(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<ReauthForm>,
) -> Response {
    let r = async {
        uc::reauthenticate(&u.account, &f.current_password).await?;
        state.store.set_totp_secret(u.account.id, None).await?;
        Ok("notice-totp-off")
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

#[derive(Deserialize)]
pub struct EmailForm {
    recovery_email: Option<String>,
    current_password: String,
}

pub async fn recovery_email(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> Response {
    let r = async {
        uc::reauthenticate(&u.account, &f.current_password).await?;
        uc::set_recovery_email(&state, &u.account, opt(&f.recovery_email)).await?;
        Ok(if opt(&f.recovery_email).is_some() {
            "notice-email-saved"
        } else {
            "notice-email-removed"
        })
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

pub async fn recovery_codes(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<ReauthForm>,
) -> Response {
    let r = async {
        uc::reauthenticate(&u.account, &f.current_password).await?;
        uc::new_recovery_codes(&state, u.account.id).await
    }
    .await;
    match r {
        Ok(codes) => render_status(
            StatusCode::OK,
            &CodesPage {
                b: Base::from_ctx(&ctx),
                codes,
                notice: None,
                next: "/settings".into(),
            },
        ),
        Err(e) => outcome(&state, &ctx, &u, Err(e)).await,
    }
}

#[derive(Deserialize)]
pub struct EndSessionForm {
    handle: String,
}

pub async fn end_session(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<EndSessionForm>,
) -> Response {
    let r = async {
        if state
            .store
            .delete_session_by_handle(u.account.id, &f.handle)
            .await?
        {
            Ok("notice-session-ended")
        } else {
            Err(AppError::not_found("error-not-found"))
        }
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

pub async fn invitation(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    if u.account.account_type != AccountType::Seller {
        return error_page(&ctx, &AppError::forbidden("error-sellers-only"));
    }
    match uc::create_invitation(&state, Some(u.account.id)).await {
        Ok((token, _)) => {
            let url = state.config.url(&format!("/join/{token}"));
            view(
                &state,
                &ctx,
                &u,
                Extra {
                    new_invitation: Some(url),
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => outcome(&state, &ctx, &u, Err(e)).await,
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    current_password: String,
    confirm: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct Goodbye {
    b: Base,
    title: String,
    message: String,
}

pub async fn delete(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<DeleteForm>,
) -> Response {
    let r = async {
        if f.confirm.is_none() {
            return Err(AppError::invalid("error-delete-confirm", &["confirm"]));
        }
        uc::reauthenticate(&u.account, &f.current_password).await?;
        state.store.delete_account(u.account.id).await?;
        Ok(())
    }
    .await;
    match r {
        Ok(()) => {
            let mut b = Base::from_ctx(&ctx);
            b.user = None;
            let page = Goodbye {
                b,
                title: ctx.lang.t("deleted-title"),
                message: ctx.lang.t("deleted-text"),
            };
            let mut resp = render_status(StatusCode::OK, &page);
            resp.headers_mut()
                .append(header::SET_COOKIE, clear_cookie());
            resp.into_response()
        }
        Err(e) => outcome(&state, &ctx, &u, Err(e)).await,
    }
}
