//! The abuse flags for the Security Committee (SPEC R9.7): `GET /api/security/flags` and the
//! page `/security`. Which rule, when, the numbers, and whom the flag concerns: to the
//! committee's members only (403 for everyone else). Flags never act by themselves.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tessera_app::governance::flags as uc;
use tessera_store::abuse::Flag;
use utoipa::ToSchema;

use crate::auth::session::{ApiUser, Ctx, PageUser};
use crate::error::AppError;
use crate::pages::{error_page, render, Base};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/security/flags", get(list))
}

pub fn page_routes() -> Router<AppState> {
    Router::new().route("/security", get(page))
}

/// The rules of R9.7.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlagRule {
    Brigading,
    UnusedCodes,
    RepeatCodes,
    UnverifiedUnsafe,
    CodeFailures,
}

/// One flag.
#[derive(Serialize, ToSchema)]
pub struct FlagBody {
    pub id: i64,
    pub rule: FlagRule,
    /// The day the pattern was complete.
    pub raised_on: String,
    /// The seller concerned, if the rule names one.
    pub seller: Option<String>,
    /// The buyer concerned, if the rule names one.
    pub buyer: Option<String>,
    /// The aggregate number that crossed the threshold.
    pub count: i64,
    /// The governed threshold it crossed (R7.4).
    pub threshold: i64,
}

fn rule(r: tessera_core::screening::abuse::Rule) -> FlagRule {
    use tessera_core::screening::abuse::Rule;
    match r {
        Rule::Brigading => FlagRule::Brigading,
        Rule::UnusedCodes => FlagRule::UnusedCodes,
        Rule::RepeatCodes => FlagRule::RepeatCodes,
        Rule::UnverifiedUnsafe => FlagRule::UnverifiedUnsafe,
        Rule::CodeFailures => FlagRule::CodeFailures,
    }
}

fn body(f: Flag) -> FlagBody {
    FlagBody {
        id: f.id,
        rule: rule(f.rule),
        raised_on: f.raised_on.to_string(),
        seller: f.seller,
        buyer: f.buyer,
        count: f.count,
        threshold: f.threshold,
    }
}

#[utoipa::path(get, path = "/api/security/flags", operation_id = "list_abuse_flags", tag = "governance",
    responses((status = 200, body = [FlagBody], description = "the newest abuse flags, at most 200 (Security Committee, R9.7)")))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<FlagBody>>, AppError> {
    let flags = uc::flags(&state, &u.account).await?;
    Ok(axum::Json(flags.into_iter().map(body).collect()))
}

/// One flag on the page, in her language.
pub struct Row {
    rule: String,
    explain: String,
    on: String,
    concerns: String,
    numbers: String,
}

#[derive(Template)]
#[template(path = "governance/security.html")]
struct Page {
    b: Base,
    rows: Vec<Row>,
}

pub async fn page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    let flags = match uc::flags(&state, &u.account).await {
        Ok(f) => f,
        Err(e) => return error_page(&ctx, &e.into()),
    };
    let l = ctx.lang;
    let rows = flags
        .into_iter()
        .map(|f| {
            let names: Vec<String> = [
                f.seller
                    .map(|s| l.ta("security-flag-seller", &[("name", s)])),
                f.buyer.map(|b| l.ta("security-flag-buyer", &[("name", b)])),
            ]
            .into_iter()
            .flatten()
            .collect();
            Row {
                rule: l.t(&format!("security-rule-{}", f.rule.as_str())),
                explain: l.t(&format!("security-rule-{}-explain", f.rule.as_str())),
                on: f.raised_on.to_string(),
                concerns: if names.is_empty() {
                    l.t("security-flag-nobody")
                } else {
                    names.join(", ")
                },
                numbers: l.ta(
                    "security-flag-numbers",
                    &[
                        ("count", f.count.to_string()),
                        ("threshold", f.threshold.to_string()),
                    ],
                ),
            }
        })
        .collect();
    render(&Page {
        b: Base::from_ctx(&ctx),
        rows,
    })
}
