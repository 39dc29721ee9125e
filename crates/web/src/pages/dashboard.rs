//! Dashboards (charter 16.2, 16.3; SPEC R4.7). They show what exists so far.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tessera_core::AccountType;

use super::{error_page, render, Base};
use crate::auth::session::{Ctx, PageUser};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dashboard_seller.html")]
struct SellerDash {
    b: Base,
    welcome: String,
    open_invitations: String,
}

#[derive(Template)]
#[template(path = "dashboard_buyer.html")]
struct BuyerDash {
    b: Base,
    welcome: String,
}

pub async fn dashboard(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    let l = ctx.lang;
    let welcome = l.ta("dash-welcome", &[("name", u.account.display_name.clone())]);
    match u.account.account_type {
        AccountType::Seller => {
            let open = match state
                .store
                .open_invitations(u.account.id, state.now())
                .await
            {
                Ok(v) => v.len(),
                Err(e) => return error_page(&ctx, &e.into()),
            };
            let open_invitations = l.ta("dash-open-invitations", &[("count", open.to_string())]);
            render(&SellerDash {
                b: Base::from_ctx(&ctx),
                welcome,
                open_invitations,
            })
        }
        AccountType::Buyer => render(&BuyerDash {
            b: Base::from_ctx(&ctx),
            welcome,
        }),
    }
}
