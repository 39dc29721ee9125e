//! `POST /api/accounts`, `GET /api/accounts/pow`, `DELETE /api/account`,
//! `GET|PUT /api/account/settings` (API.md "Accounts and sessions"; SPEC R2.1–R2.12).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tessera_core::AccountType;
use tessera_store::accounts::Settings;
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::{clear_cookie, ApiUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use tessera_app::accounts::{self as uc, SignupInput};

#[derive(Deserialize, ToSchema)]
pub struct CreateAccount {
    pub pseudonym: String,
    pub password: String,
    /// "buyer" or "seller".
    pub account_type: String,
    /// Required for sellers (R2.3).
    pub invitation: Option<String>,
    pub recovery_email: Option<String>,
    pub recovery_codes: Option<bool>,
    /// A solved proof-of-work, when buyer sign-ups are above the hourly rate (R9.3).
    pub pow_challenge: Option<String>,
    pub pow_nonce: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub pseudonym: String,
    pub account_type: String,
    pub recovery_codes: Option<Vec<String>>,
}

#[utoipa::path(post, path = "/api/accounts", operation_id = "create_account", request_body = CreateAccount,
    responses((status = 201, body = Created), (status = 400, description = "bad pseudonym or weak password"),
              (status = 403, description = "invitation_invalid or proof_of_work_required"), (status = 409, description = "pseudonym taken")))]
pub async fn create(
    State(state): State<AppState>,
    Json(b): Json<CreateAccount>,
) -> Result<Response, AppError> {
    let account_type = AccountType::parse(&b.account_type)
        .ok_or_else(|| AppError::invalid("error-account-type", &["account_type"]))?;
    let done = uc::signup(
        &state,
        SignupInput {
            pseudonym: b.pseudonym,
            password: b.password,
            account_type,
            invitation: b.invitation,
            recovery_email: b.recovery_email,
            recovery_codes: b.recovery_codes.unwrap_or(false),
            pow: b.pow_challenge.zip(b.pow_nonce),
            language: None,
        },
    )
    .await?;
    let body = Created {
        pseudonym: done.account.display_name,
        account_type: done.account.account_type.as_str().to_owned(),
        recovery_codes: done.recovery_codes,
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct PowChallenge {
    /// Whether a buyer sign-up needs the proof-of-work right now.
    pub required: bool,
    pub challenge: String,
    /// Leading zero bits SHA-256(challenge ":" nonce) must have.
    pub bits: u32,
}

#[utoipa::path(get, path = "/api/accounts/pow", operation_id = "get_pow_challenge", responses((status = 200, body = PowChallenge)))]
pub async fn pow_challenge(
    State(state): State<AppState>,
) -> Result<axum::Json<PowChallenge>, AppError> {
    Ok(axum::Json(PowChallenge {
        required: uc::signup_needs_pow(&state).await?,
        challenge: uc::pow_challenge(&state),
        bits: state.config.pow_bits,
    }))
}

/// Re-authentication (R2.10): the current password, and with TOTP on a current code
/// (step-up, ASVS 7.5.1).
#[derive(Deserialize, ToSchema)]
pub struct Reauthentication {
    pub password: String,
    /// The current code from the authenticator app; required when TOTP is on.
    pub totp: Option<String>,
}

fn proof(b: &Reauthentication) -> uc::Reauth<'_> {
    step_up(&b.password, b.totp.as_deref())
}

/// The password, and the current code when one was sent (an empty field counts as none).
fn step_up<'a>(password: &'a str, totp: Option<&'a str>) -> uc::Reauth<'a> {
    uc::Reauth::StepUp(password, totp.map(str::trim).filter(|c| !c.is_empty()))
}

/// `DELETE /api/account`: re-authentication, and whether she wants a restore code.
#[derive(Deserialize, ToSchema)]
pub struct DeleteInput {
    pub password: String,
    /// The current code from the authenticator app; required when TOTP is on.
    pub totp: Option<String>,
    /// Give a restore code (charter 18.6): 200 with it instead of 204.
    pub restore_code: Option<bool>,
}

/// The restore code, shown once.
#[derive(Serialize, ToSchema)]
pub struct RestoreCodeBody {
    pub restore_code: String,
}

#[utoipa::path(delete, path = "/api/account", operation_id = "delete_account", request_body = DeleteInput,
    responses((status = 204, description = "deleted (R2.11)"),
        (status = 200, body = RestoreCodeBody, description = "deleted; the restore code asked for (charter 18.6), shown once"),
        (status = 403, description = "wrong password (re-authentication, R2.10)")))]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(b): Json<DeleteInput>,
) -> Result<Response, AppError> {
    let proof = step_up(&b.password, b.totp.as_deref());
    let code =
        uc::delete_account(&state, &user.account, proof, b.restore_code == Some(true)).await?;
    let cookie = [(axum::http::header::SET_COOKIE, clear_cookie())];
    Ok(match code {
        Some(restore_code) => (
            StatusCode::OK,
            cookie,
            axum::Json(RestoreCodeBody { restore_code }),
        )
            .into_response(),
        None => (StatusCode::NO_CONTENT, cookie).into_response(),
    })
}

/// `POST /api/account/sessions/end-others` (R2.7, ASVS 7.4.3, 7.5.1): every session of the
/// account but this one ends, in every server process. The body is [`Reauthentication`]:
/// the password, and the code with TOTP on.
#[utoipa::path(post, path = "/api/account/sessions/end-others", operation_id = "end_other_sessions",
    request_body = Reauthentication, responses((status = 204)))]
pub async fn end_other_sessions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(b): Json<Reauthentication>,
) -> Result<StatusCode, AppError> {
    uc::end_other_sessions(&state, &user.account, proof(&b), &user.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema, Clone, Debug, PartialEq)]
pub struct Screening {
    pub min_trust: Option<f64>,
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    pub min_ratings: Option<i64>,
    /// At most this many unsafe flags (R4.6, R3.8); null: no maximum.
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    pub max_unsafe: Option<i64>,
    pub unknown_is_below: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SettingsBody {
    /// "en", "de", or null for the browser's choice.
    pub language: Option<String>,
    pub screening: Screening,
    pub message_expiry_days: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct SettingsUpdate {
    pub language: Option<String>,
    pub screening: Option<Screening>,
    /// "cautious", "moderate" or "open" (charter 11.9) instead of `screening`.
    pub preset: Option<String>,
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    pub message_expiry_days: Option<i64>,
}

fn settings_body(s: &Settings) -> SettingsBody {
    SettingsBody {
        language: s.language.clone(),
        screening: Screening {
            min_trust: s.min_trust,
            min_ratings: s.min_ratings,
            max_unsafe: s.max_unsafe,
            unknown_is_below: s.unknown_is_below,
        },
        message_expiry_days: s.message_expiry_days,
    }
}

/// The request in the use case's terms. The language is checked here: which languages exist
/// is the web layer's to know (its catalogues).
pub fn settings_change(u: SettingsUpdate) -> Result<uc::SettingsChange, AppError> {
    let language = match u.language {
        None => None,
        // Exactly the values the OpenAPI document lists (issue 10), not any tag that starts
        // like one.
        Some(l) => Some(match l.as_str() {
            "" | "auto" => None,
            "en" => Some(Lang::En.code().to_owned()),
            "de" => Some(Lang::De.code().to_owned()),
            _ => return Err(AppError::invalid("error-language", &["language"])),
        }),
    };
    Ok(uc::SettingsChange {
        language,
        screening: u.screening.map(|s| uc::ScreeningPrefs {
            min_trust: s.min_trust,
            min_ratings: s.min_ratings,
            max_unsafe: s.max_unsafe,
            unknown_is_below: s.unknown_is_below,
        }),
        preset: u.preset,
        message_expiry_days: u.message_expiry_days,
    })
}

#[utoipa::path(get, path = "/api/account/settings", operation_id = "get_settings", responses((status = 200, body = SettingsBody)))]
pub async fn get_settings(ApiUser(user): ApiUser) -> axum::Json<SettingsBody> {
    axum::Json(settings_body(&user.account.settings))
}

#[utoipa::path(put, path = "/api/account/settings", operation_id = "update_settings", request_body = SettingsUpdate,
    responses((status = 200, body = SettingsBody), (status = 400, description = "invalid value")))]
pub async fn put_settings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(u): Json<SettingsUpdate>,
) -> Result<axum::Json<SettingsBody>, AppError> {
    let s = uc::update_settings(&state, &user.account, settings_change(u)?).await?;
    Ok(axum::Json(settings_body(&s)))
}
