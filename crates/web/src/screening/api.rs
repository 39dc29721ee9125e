//! "Screening (sellers)" of API.md: lookups, ratings of buyers, history, codes, the seller's own
//! score (SPEC R4.1–R4.4, R4.7, R4.8).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;
use tessera_app::screening::{self as uc, round4, RateInput};

#[derive(Serialize, ToSchema)]
pub struct ScoreBody {
    pub score: Option<f64>,
    pub n: u64,
    pub flagged: u64,
    pub ci: Option<[f64; 2]>,
}

#[derive(Serialize, ToSchema)]
pub struct PreferencesBody {
    pub meets: bool,
    pub missed: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReputationBody {
    pub buyer: String,
    pub interactions: i64,
    pub sellers: i64,
    pub verified: i64,
    pub account_age_months: i64,
    pub safe: ScoreBody,
    pub reliable: ScoreBody,
    pub trust: Option<f64>,
    pub influence: f64,
    /// "high", "moderate", "low" or "unknown".
    pub band: String,
    pub low_sample: bool,
    pub preferences: PreferencesBody,
    /// How many live alerts name him that the caller can see (R6.4).
    pub alerts: i64,
    /// Those alerts, newest first.
    pub alert_list: Vec<crate::network::alerts::api::AlertBody>,
    pub params_version: i64,
    /// How many distinct sellers flagged him unsafe (R3.8).
    pub unsafe_sellers: i64,
    /// True only for a lookup by screening link or code (R4.11): a pseudonym proves nothing
    /// about who is asking.
    pub verified_control: bool,
}

pub fn score_body(s: &tessera_core::reputation::Score) -> ScoreBody {
    ScoreBody {
        score: s.score.map(round4),
        n: s.n,
        flagged: s.flagged,
        ci: s.ci.map(|(lo, hi)| [round4(lo), round4(hi)]),
    }
}

#[utoipa::path(get, path = "/api/buyer/{pseudonym}/reputation", operation_id = "get_buyer_reputation", params(("pseudonym" = String, Path)),
    responses((status = 200, body = ReputationBody), (status = 403), (status = 404), (status = 429)))]
pub async fn reputation(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(pseudonym): Path<String>,
) -> Result<axum::Json<ReputationBody>, AppError> {
    let l = uc::lookup(&state, &u.account, &pseudonym).await?;
    Ok(axum::Json(reputation_body(&l)))
}

/// The lookup object of API.md, for a lookup by pseudonym or by screening link (R4.11).
pub fn reputation_body(l: &uc::Lookup) -> ReputationBody {
    ReputationBody {
        buyer: l.buyer.display_name.clone(),
        interactions: l.buyer.interactions,
        sellers: l.buyer.sellers,
        verified: l.buyer.verified,
        account_age_months: l.age_months,
        safe: score_body(&l.rep.safe),
        reliable: score_body(&l.rep.reliable),
        trust: l.rep.trust.map(round4),
        influence: round4(l.rep.influence),
        band: l.rep.band.as_str().to_owned(),
        low_sample: l.rep.low_sample,
        preferences: PreferencesBody {
            meets: l.verdict.meets,
            missed: l
                .verdict
                .missed
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        },
        alerts: i64::try_from(l.alerts.len()).unwrap_or(i64::MAX),
        alert_list: l
            .alerts
            .iter()
            .map(crate::network::alerts::api::alert_body)
            .collect(),
        params_version: l.params_version,
        unsafe_sellers: l.unsafe_sellers,
        verified_control: l.verified_control,
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RateBuyer {
    pub buyer: String,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    /// YYYY-MM-DD, default today, at most 90 days back.
    pub day: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RatingBody {
    pub buyer: String,
    pub day: String,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub verified: bool,
}

#[utoipa::path(post, path = "/api/ratings/submit", operation_id = "rate_buyer", request_body = RateBuyer,
    responses((status = 201, body = RatingBody), (status = 200, body = RatingBody, description = "updated the same day's rating"),
              (status = 400), (status = 404)))]
pub async fn submit(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<RateBuyer>,
) -> Result<Response, AppError> {
    let (safe, reliable) = (b.safe, b.reliable);
    let (buyer, day, saved) = uc::rate(
        &state,
        &u.account,
        RateInput {
            buyer: b.buyer,
            safe,
            reliable,
            day: b.day,
        },
    )
    .await?;
    let status = if saved.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body = RatingBody {
        buyer: buyer.display_name,
        day: day.to_string(),
        safe,
        reliable,
        verified: saved.verified,
    };
    Ok((status, axum::Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct HistoryItem {
    pub day: String,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub verified: bool,
}

#[utoipa::path(get, path = "/api/buyer/{pseudonym}/history", operation_id = "get_buyer_history", params(("pseudonym" = String, Path)),
    responses((status = 200, body = [HistoryItem]), (status = 404)))]
pub async fn history(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(pseudonym): Path<String>,
) -> Result<axum::Json<Vec<HistoryItem>>, AppError> {
    let (_, rows) = uc::history(&state, &u.account, &pseudonym).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| HistoryItem {
                day: r.day.to_string(),
                safe: r.safe,
                reliable: r.reliable,
                verified: r.verified,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/buyer/{pseudonym}/report", operation_id = "report_buyer", params(("pseudonym" = String, Path)),
    responses((status = 201, description = "recorded for the Dispute Resolution Committee"), (status = 404)))]
pub async fn report(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(pseudonym): Path<String>,
) -> Result<Response, AppError> {
    uc::report(&state, &u.account, &pseudonym).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(serde_json::json!({"recorded": true})),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema, Default)]
pub struct GenerateCode {
    pub buyer: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CodeBody {
    pub code: String,
    pub expires_on: String,
    pub bound_to: Option<String>,
}

#[utoipa::path(post, path = "/api/codes/generate", operation_id = "generate_code", request_body = Option<GenerateCode>,
    responses((status = 201, body = CodeBody), (status = 409, description = "too_many_active_codes")))]
pub async fn generate(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    // The body is optional: no body, `null` or `{}` means an unbound code.
    let b: GenerateCode = if body.iter().all(u8::is_ascii_whitespace) {
        GenerateCode::default()
    } else {
        serde_json::from_slice::<Option<GenerateCode>>(&body)
            .map_err(|_| AppError::invalid("error-json", &[]))?
            .unwrap_or_default()
    };
    let g = uc::generate_code(&state, &u.account, b.buyer.as_deref()).await?;
    let body = CodeBody {
        code: g.code.as_string(),
        expires_on: g.expires_on.to_string(),
        bound_to: g.bound_to,
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct CodeHistoryItem {
    pub code: String,
    /// RFC 3339, UTC.
    pub generated_at: String,
    /// "unused", "used" or "expired".
    pub status: String,
    pub expires_on: String,
    pub bound_to: Option<String>,
}

#[utoipa::path(get, path = "/api/codes/history", operation_id = "get_code_history", responses((status = 200, body = [CodeHistoryItem])))]
pub async fn code_history(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<CodeHistoryItem>>, AppError> {
    let rows = uc::code_history(&state, &u.account).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| CodeHistoryItem {
                generated_at: crate::timefmt::rfc3339(r.generated_at),
                status: r.status.as_str().to_owned(),
                expires_on: tessera_core::Day::from_unix(r.expires_at).to_string(),
                bound_to: r.bound_to,
                code: r.code,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Invalidated {
    pub invalidated: u64,
}

#[utoipa::path(post, path = "/api/codes/invalidate", operation_id = "invalidate_codes", responses((status = 200, body = Invalidated)))]
pub async fn invalidate(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Invalidated>, AppError> {
    Ok(axum::Json(Invalidated {
        invalidated: uc::invalidate_codes(&state, &u.account).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct SellerMe {
    pub score: Option<f64>,
    pub stars: Option<f64>,
    pub counted: u64,
    pub received: u64,
    pub released_on: Option<String>,
}

#[utoipa::path(get, path = "/api/seller/me/reputation", operation_id = "get_own_seller_reputation", responses((status = 200, body = SellerMe)))]
pub async fn seller_me(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<SellerMe>, AppError> {
    let v = uc::seller_view(&state, &u.account).await?;
    Ok(axum::Json(SellerMe {
        score: v.score,
        stars: v.stars,
        counted: v.counted,
        received: v.received,
        released_on: v.released_on,
    }))
}
