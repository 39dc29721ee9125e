//! Settings changes (SPEC R2.12): language, screening preferences, message expiry default,
//! password, TOTP, recovery, sessions, invitations (sellers) and account deletion. Changes to
//! credentials and deletion need the current password (R2.10), checked by the use cases.

use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use tessera_app::accounts::{self as uc, AccountsError, Reauth, TotpEnrolment};
use tessera_core::AccountType;

use super::api::{settings_change, Screening, SettingsUpdate};
use super::views::{outcome, view, CodesPage, Extra, TotpSetup};
use crate::auth::session::{clear_cookie, Ctx, PageUser};
use crate::auth::totp;
use crate::error::AppError;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;

pub async fn page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    view(&state, &ctx, &u, Extra::default()).await
}

#[derive(Deserialize)]
pub struct PrefsForm {
    language: Option<String>,
    min_trust: Option<String>,
    min_ratings: Option<String>,
    max_unsafe: Option<String>,
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
    let max_unsafe = match opt(&f.max_unsafe) {
        Some(n) => Some(
            n.parse::<i64>()
                .map_err(|_| AppError::invalid("error-max-unsafe", &["max_unsafe"]))?,
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
            max_unsafe,
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
        let change = settings_change(parse_prefs(&f, seller)?)?;
        uc::update_settings(&state, &u.account, change).await?;
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
        uc::change_password(
            &state,
            &u.account,
            &f.current_password,
            &f.new_password,
            &u.token_hash,
        )
        .await?;
        Ok("notice-password-changed")
    }
    .await;
    rotated(&state, &ctx, &u, r).await
}

/// The outcome of a credential change; when it succeeded, the session making it gets a new
/// token (ASVS 7.2.4: re-authentication rotates it), so a copy of the old cookie is worthless.
async fn rotated(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    r: Result<&'static str, AppError>,
) -> Response {
    if r.is_err() {
        return outcome(state, ctx, u, r).await;
    }
    match crate::auth::session::rotate(state, u).await {
        Ok(cookie) => {
            let mut resp = outcome(state, ctx, u, r).await;
            resp.headers_mut().append(header::SET_COOKIE, cookie);
            resp
        }
        Err(e) => error_page(ctx, &e),
    }
}

pub async fn totp_start(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    // The pending secret travels sealed in the form until a code confirms it.
    let TotpEnrolment { secret, sealed } = TotpEnrolment::start(&state);
    let url = totp::otpauth_url(&secret, &u.account.display_name);
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
    let r: Result<&'static str, AppError> = async {
        uc::confirm_totp(
            &state,
            &u.account,
            &f.current_password,
            &f.sealed,
            &f.code,
            &u.token_hash,
        )
        .await?;
        Ok("notice-totp-on")
    }
    .await;
    match r {
        // A seller held at the enrolment (ASVS 6.3.3) stays on it, with the same secret.
        Err(e) if totp_gated(&state, &u) => {
            let setup = uc::TotpEnrolment::resume(&state, &f.sealed)
                .unwrap_or_else(|| TotpEnrolment::start(&state));
            totp_required_page(&u, &ctx, setup, Some(&e))
        }
        r => rotated(&state, &ctx, &u, r).await,
    }
}

/// Whether the operator requires TOTP of sellers and this seller has not turned it on: then the
/// enrolment is her only page (ASVS 6.3.3, `auth::session::load`).
pub fn totp_gated(state: &AppState, u: &crate::auth::session::CurrentUser) -> bool {
    state.config.require_seller_totp
        && u.account.account_type == AccountType::Seller
        && !u.account.totp_enabled
}

#[derive(Template)]
#[template(path = "accounts/totp_required.html")]
struct TotpRequiredPage {
    b: Base,
    setup: TotpSetup,
    error: Option<String>,
}

fn totp_required_page(
    u: &crate::auth::session::CurrentUser,
    ctx: &Ctx,
    e: TotpEnrolment,
    error: Option<&AppError>,
) -> Response {
    let url = totp::otpauth_url(&e.secret, &u.account.display_name);
    let setup = TotpSetup {
        qr_svg: totp::qr_svg(&url),
        secret: totp::secret_base32(&e.secret),
        sealed: e.sealed,
    };
    render_status(
        error.map_or(StatusCode::OK, |e| e.status),
        &TotpRequiredPage {
            b: Base::from_ctx(ctx),
            setup,
            error: error.map(|e| e.message(ctx.lang)),
        },
    )
}

/// `GET /settings/totp`: the enrolment page of a seller who must turn TOTP on (ASVS 6.3.3);
/// anyone else goes to the settings.
pub async fn totp_required(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    if !totp_gated(&state, &u) {
        return axum::response::Redirect::to("/settings").into_response();
    }
    totp_required_page(&u, &ctx, TotpEnrolment::start(&state), None)
}

/// The password, and with TOTP on the current code (step-up, ASVS 7.5.1).
#[derive(Deserialize)]
pub struct ReauthForm {
    current_password: String,
    totp: Option<String>,
}

impl ReauthForm {
    fn proof(&self) -> Reauth<'_> {
        Reauth::StepUp(&self.current_password, opt(&self.totp))
    }
}

pub async fn totp_disable(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<ReauthForm>,
) -> Response {
    let r = async {
        uc::disable_totp(&state, &u.account, f.proof(), &u.token_hash).await?;
        Ok("notice-totp-off")
    }
    .await;
    rotated(&state, &ctx, &u, r).await
}

#[derive(Deserialize)]
pub struct EmailForm {
    recovery_email: Option<String>,
    current_password: String,
    totp: Option<String>,
}

pub async fn recovery_email(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> Response {
    let r = async {
        uc::set_recovery_email(
            &state,
            &u.account,
            Reauth::StepUp(&f.current_password, opt(&f.totp)),
            opt(&f.recovery_email),
        )
        .await?;
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
        uc::reauthenticate(&state, &u.account, f.proof()).await?;
        let codes = uc::new_recovery_codes(&state, u.account.id).await?;
        tessera_app::security::log(tessera_app::security::SecurityEvent::RecoveryCodesRenewed);
        Ok::<_, AccountsError>(codes)
    }
    .await
    .map_err(AppError::from);
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

/// One form for the session list (R2.7): the chosen session, or all the others ("which" =
/// "others"), after step-up (ASVS 7.5.1).
#[derive(Deserialize)]
pub struct EndSessionForm {
    handle: Option<String>,
    which: Option<String>,
    current_password: String,
    totp: Option<String>,
}

pub async fn end_session(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<EndSessionForm>,
) -> Response {
    let proof = Reauth::StepUp(&f.current_password, opt(&f.totp));
    let r = async {
        if f.which.as_deref() == Some("others") {
            uc::end_other_sessions(&state, &u.account, proof, &u.token_hash).await?;
            return Ok("notice-sessions-ended");
        }
        let handle =
            opt(&f.handle).ok_or_else(|| AppError::invalid("error-session-choose", &["handle"]))?;
        uc::end_session(&state, &u.account, proof, handle).await?;
        Ok("notice-session-ended")
    }
    .await;
    outcome(&state, &ctx, &u, r).await
}

pub async fn invitation(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    match uc::create_invitation(&state, &u.account).await {
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
        // Not a seller: a page of its own, not a notice on the settings page.
        Err(e @ AccountsError::SellersOnly) => error_page(&ctx, &e.into()),
        Err(e) => outcome(&state, &ctx, &u, Err(e.into())).await,
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    current_password: String,
    totp: Option<String>,
    confirm: Option<String>,
    /// "Give me a restore code" (charter 18.6).
    restore_code: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/deleted.html")]
struct Goodbye {
    b: Base,
    title: String,
    message: String,
    restore_code: Option<String>,
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
        uc::delete_account(
            &state,
            &u.account,
            Reauth::StepUp(&f.current_password, opt(&f.totp)),
            f.restore_code.is_some(),
        )
        .await
        .map_err(AppError::from)
    }
    .await;
    match r {
        Ok(restore_code) => {
            let mut b = Base::from_ctx(&ctx);
            b.user = None;
            let page = Goodbye {
                b,
                title: ctx.lang.t("deleted-title"),
                message: ctx.lang.t("deleted-text"),
                restore_code,
            };
            let mut resp = render_status(StatusCode::OK, &page);
            resp.headers_mut()
                .append(header::SET_COOKIE, clear_cookie());
            resp.into_response()
        }
        Err(e) => outcome(&state, &ctx, &u, Err(e)).await,
    }
}
