//! The buyer's two-step rating of a seller with her code (charter 16.3; SPEC R4.4, R4.5), and
//! the public profile page that confirms a seller's membership (R4.9).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};

use super::views::q;
use crate::auth::session::{Ctx, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, render, render_status, Base};
use crate::state::AppState;
use tessera_app::screening::{self as uc, SellerRating};

#[derive(Template)]
#[template(path = "screening/rate_seller.html")]
struct RateSellerPage {
    b: Base,
    error: Option<String>,
    seller: String,
    verified_seller: Option<String>,
    code: String,
    rate_heading: String,
    accuracy: Vec<(&'static str, String)>,
    punctuality: Vec<(&'static str, String)>,
    professionalism: Vec<(&'static str, String)>,
}

fn rate_seller_page(
    ctx: &Ctx,
    seller: String,
    verified: Option<String>,
    code: String,
    error: Option<String>,
) -> RateSellerPage {
    let l = ctx.lang;
    let opt = |k: &'static str| (k, l.t(&format!("vocab-{}", k.replace('_', "-"))));
    RateSellerPage {
        b: Base::from_ctx(ctx),
        error,
        rate_heading: l.ta(
            "rs-heading",
            &[("seller", verified.clone().unwrap_or_default())],
        ),
        seller,
        verified_seller: verified,
        code,
        accuracy: ListingAccuracy::ALL
            .iter()
            .map(|v| opt(v.as_str()))
            .collect(),
        punctuality: Punctuality::ALL.iter().map(|v| opt(v.as_str())).collect(),
        professionalism: Professionalism::ALL
            .iter()
            .map(|v| opt(v.as_str()))
            .collect(),
    }
}

/// A failed code check or rating: back to the code step with the charter's wording (R4.5), or
/// the error page for a server fault.
fn back_to_code_step(ctx: &Ctx, seller: String, e: &AppError) -> Response {
    if e.status.is_server_error() {
        return error_page(ctx, e);
    }
    render_status(
        e.status,
        &rate_seller_page(ctx, seller, None, String::new(), Some(e.message(ctx.lang))),
    )
}

#[derive(Deserialize)]
pub struct SellerQuery {
    seller: Option<String>,
}

pub async fn rate_seller_form(
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<SellerQuery>,
) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Buyer) {
        return error_page(&ctx, &e.into());
    }
    render(&rate_seller_page(
        &ctx,
        q.seller.unwrap_or_default(),
        None,
        String::new(),
        None,
    ))
}

#[derive(Deserialize)]
pub struct VerifyForm {
    seller: String,
    code: String,
}

pub async fn rate_seller_verify(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<VerifyForm>,
) -> Response {
    match uc::verify_code(&state, &u.account, &f.seller, &f.code)
        .await
        .map_err(AppError::from)
    {
        Ok(seller) => render(&rate_seller_page(
            &ctx,
            f.seller,
            Some(seller.display_name),
            f.code.trim().to_owned(),
            None,
        )),
        Err(e) => back_to_code_step(&ctx, f.seller, &e),
    }
}

#[derive(Deserialize)]
pub struct SubmitForm {
    seller: String,
    code: String,
    listing_accuracy: Option<String>,
    punctuality: Option<String>,
    professionalism: Option<String>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct Done {
    b: Base,
    title: String,
    message: String,
    next: &'static str,
}

pub async fn rate_seller_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<SubmitForm>,
) -> Response {
    let r = SellerRating {
        listing_accuracy: f.listing_accuracy.unwrap_or_default(),
        punctuality: f.punctuality.unwrap_or_default(),
        professionalism: f.professionalism.unwrap_or_default(),
    };
    match uc::submit_seller_rating(&state, &u.account, &f.seller, &f.code, &r)
        .await
        .map_err(AppError::from)
    {
        Ok((seller, _)) => render(&Done {
            b: Base::from_ctx(&ctx),
            title: ctx.lang.t("rs-done-title"),
            message: ctx.lang.ta("rs-done", &[("seller", seller.display_name)]),
            next: "/dashboard",
        }),
        Err(e) if e.code == "invalid_input" => {
            let verified = Some(f.seller.clone());
            render_status(
                e.status,
                &rate_seller_page(&ctx, f.seller, verified, f.code, Some(e.message(ctx.lang))),
            )
        }
        Err(e) => back_to_code_step(&ctx, f.seller, &e),
    }
}

#[derive(Template)]
#[template(path = "screening/profile.html")]
struct ProfilePage {
    b: Base,
    seller: String,
    seller_q: String,
}

/// The public verification profile (R4.9, charter 12.6): pseudonym, membership, three steps.
pub async fn profile(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(slug): axum::extract::Path<String>,
) -> Response {
    match state.store.account_by_profile_slug(&slug).await {
        Ok(Some(seller)) => render(&ProfilePage {
            b: Base::from_ctx(&ctx),
            seller_q: q(&seller.display_name),
            seller: seller.display_name,
        }),
        Ok(None) => error_page(&ctx, &AppError::not_found("error-page-not-found")),
        Err(e) => error_page(&ctx, &e.into()),
    }
}
