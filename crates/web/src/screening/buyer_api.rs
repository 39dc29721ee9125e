//! "Rating sellers (buyers)" and "Public" of API.md (SPEC R4.4, R4.5, R4.7–R4.9).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;
use tessera_app::screening::{self as uc, round4, SellerRating};

#[derive(Deserialize, ToSchema)]
pub struct VerifyCode {
    pub seller: String,
    pub code: String,
}

#[derive(Serialize, ToSchema)]
pub struct Verified {
    pub seller: String,
    pub valid: bool,
}

#[utoipa::path(post, path = "/api/ratings/verify_code", operation_id = "verify_code", request_body = VerifyCode,
    responses((status = 200, body = Verified), (status = 422, description = "code_invalid_or_expired"),
              (status = 409, description = "code_already_used"), (status = 429, description = "too_many_attempts")))]
pub async fn verify_code(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<VerifyCode>,
) -> Result<axum::Json<Verified>, AppError> {
    let seller = uc::verify_code(&state, &u.account, &b.seller, &b.code).await?;
    Ok(axum::Json(Verified {
        seller: seller.display_name,
        valid: true,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct SubmitRating {
    pub seller: String,
    pub code: String,
    /// accurate | minor_deviation | significant_deviation
    pub listing_accuracy: String,
    /// on_time | slightly_late | very_late | did_not_show
    pub punctuality: String,
    /// professional | adequate | unprofessional
    pub professionalism: String,
}

#[derive(Serialize, ToSchema)]
pub struct Submitted {
    pub seller: String,
    pub day: String,
}

#[utoipa::path(post, path = "/api/ratings/submit_rating", operation_id = "rate_seller", request_body = SubmitRating,
    responses((status = 201, body = Submitted), (status = 400), (status = 422), (status = 409), (status = 429)))]
pub async fn submit_rating(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<SubmitRating>,
) -> Result<Response, AppError> {
    let r = SellerRating {
        listing_accuracy: b.listing_accuracy,
        punctuality: b.punctuality,
        professionalism: b.professionalism,
    };
    let (seller, day) =
        uc::submit_seller_rating(&state, &u.account, &b.seller, &b.code, &r).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Submitted {
            seller: seller.display_name,
            day: day.to_string(),
        }),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct OwnScore {
    pub score: Option<f64>,
    pub n: u64,
    pub flagged: u64,
}

#[derive(Serialize, ToSchema)]
pub struct BuyerMe {
    pub safe: OwnScore,
    pub reliable: OwnScore,
    pub as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/buyer/me/reputation", operation_id = "get_own_buyer_reputation", responses((status = 200, body = BuyerMe)))]
pub async fn buyer_me(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<BuyerMe>, AppError> {
    let v = uc::buyer_view(&state, &u.account).await?;
    let own = |s: &tessera_core::reputation::Score| OwnScore {
        score: s.score.map(round4),
        n: s.n,
        flagged: s.flagged,
    };
    Ok(axum::Json(BuyerMe {
        safe: own(&v.safe),
        reliable: own(&v.reliable),
        as_of: v.as_of.map(|d| d.to_string()),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Profile {
    pub pseudonym: String,
    pub member: bool,
    pub profile_url: String,
}

#[utoipa::path(get, path = "/api/seller/{pseudonym}/profile", operation_id = "get_seller_profile", params(("pseudonym" = String, Path)),
    responses((status = 200, body = Profile), (status = 404), (status = 429)))]
pub async fn profile(
    State(state): State<AppState>,
    Path(pseudonym): Path<String>,
) -> Result<axum::Json<Profile>, AppError> {
    let (seller, path) = uc::seller_profile(&state, &pseudonym).await?;
    Ok(axum::Json(Profile {
        pseudonym: seller.display_name,
        member: true,
        profile_url: path,
    }))
}
