//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the handlers' annotations.

use utoipa::OpenApi;

use super::{accounts, invitations, rating_sellers, screening, session};
use crate::screening::links as screening_links;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tessera API",
        description = "The JSON API of Tessera (see API.md)."
    ),
    paths(
        accounts::create,
        accounts::pow_challenge,
        accounts::delete,
        accounts::get_settings,
        accounts::put_settings,
        session::login,
        session::current,
        session::logout,
        invitations::create,
        screening::reputation,
        screening::submit,
        screening::history,
        screening::report,
        screening::generate,
        screening::code_history,
        screening::invalidate,
        screening::seller_me,
        rating_sellers::verify_code,
        rating_sellers::submit_rating,
        rating_sellers::buyer_me,
        rating_sellers::profile,
        screening_links::create,
        screening_links::lookup,
    ),
    components(schemas(
        accounts::CreateAccount,
        accounts::Created,
        accounts::PowChallenge,
        accounts::DeleteAccount,
        accounts::Screening,
        accounts::SettingsBody,
        accounts::SettingsUpdate,
        session::Login,
        session::SessionBody,
        invitations::Invitation,
        screening_links::ScreeningLinkBody,
    ))
)]
pub struct ApiDoc;

pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
