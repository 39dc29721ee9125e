//! The JSON API of API.md, under `/api`: the router over the areas' `api` modules, and the
//! JSON extractor whose rejections use the API's error shape.

use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::state::AppState;

pub mod openapi;

// The areas' API modules under the names the OpenAPI document has always tagged them with.
use crate::accounts::api as accounts;
use crate::accounts::invitations;
use crate::auth::api as session;
use crate::screening::api as screening;
use crate::screening::buyer_api as rating_sellers;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", post(accounts::create))
        .route("/accounts/pow", get(accounts::pow_challenge))
        .route("/account", axum::routing::delete(accounts::delete))
        .route(
            "/account/sessions/end-others",
            post(accounts::end_other_sessions),
        )
        .route(
            "/account/settings",
            get(accounts::get_settings).put(accounts::put_settings),
        )
        .route(
            "/session",
            post(session::login)
                .get(session::current)
                .delete(session::logout),
        )
        .route("/invitations", post(invitations::create))
        .route("/buyer/{pseudonym}/reputation", get(screening::reputation))
        .route("/buyer/{pseudonym}/history", get(screening::history))
        .route("/buyer/{pseudonym}/report", post(screening::report))
        .route("/ratings/submit", post(screening::submit))
        .route("/codes/generate", post(screening::generate))
        .route("/codes/history", get(screening::code_history))
        .route("/codes/invalidate", post(screening::invalidate))
        .route("/seller/me/reputation", get(screening::seller_me))
        .route("/ratings/verify_code", post(rating_sellers::verify_code))
        .route(
            "/ratings/submit_rating",
            post(rating_sellers::submit_rating),
        )
        .route("/buyer/me/reputation", get(rating_sellers::buyer_me))
        .route("/seller/{pseudonym}/profile", get(rating_sellers::profile))
        .route("/openapi.json", get(openapi::document))
        .merge(crate::screening::links::api_routes())
        .merge(crate::network::messages::api_routes())
        .merge(crate::network::coops::api_routes())
        .merge(crate::network::safety::api::routes())
        .merge(crate::network::alerts::api::routes())
        .merge(crate::governance::api::routes())
        .fallback(|| async { AppError::not_found("error-not-found") })
}

/// `Json` whose rejections use the API's error shape (400 `invalid_input`).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;
    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(JsonRejection::BytesRejection(_)) => Err(AppError::too_large()),
            Err(_) => Err(AppError::invalid("error-json", &[])),
        }
    }
}

/// A whole number that also accepts `40.0` (see [`opt_whole_number`]).
pub fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_whole_number(d)?.ok_or_else(|| serde::de::Error::custom("a whole number is needed"))
}

/// An optional whole number that also accepts `40.0`: JSON Schema's `integer` (the OpenAPI
/// document's type) counts any number without a fraction as one, serde's `i64` does not.
pub fn opt_whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::Deserialize;
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    // The filter keeps only whole numbers well inside i64's range.
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("not a whole number")),
    }
}
