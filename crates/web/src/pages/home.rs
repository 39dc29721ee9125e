//! The neutral home page (SPEC R10.3, R10.5): what the service is, plainly, with nothing that
//! suggests sex work at a glance.

use askama::Template;
use axum::response::Response;

use super::{render, Base};
use crate::auth::session::Ctx;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct Home {
    b: Base,
}

pub async fn home(ctx: Ctx) -> Response {
    render(&Home {
        b: Base::from_ctx(&ctx),
    })
}
