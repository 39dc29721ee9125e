//! `/help`: how screening works, for members in plain words (SPEC R10.5): why unsafe flags are
//! shown apart from the safety score (R3.8, R4.6) and what a screening link proves (R4.11). The
//! "see why" of the lookup's unsafe warning and the screening-link texts link here. Public: it
//! holds no data, and a client deciding whether to create a link may read it too.

use askama::Template;
use axum::response::Response;

use crate::auth::session::Ctx;
use crate::pages::{render, Base};

#[derive(Template)]
#[template(path = "screening/help.html")]
struct HelpPage {
    b: Base,
}

pub async fn page(ctx: Ctx) -> Response {
    render(&HelpPage {
        b: Base::from_ctx(&ctx),
    })
}
