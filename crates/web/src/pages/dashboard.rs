//! Dashboards (charter 16.2, 16.3; SPEC R4.7): the seller's quick actions, activity, score as
//! of the last release and profile link; the buyer's own delayed S and R with their counts,
//! never T or I.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tessera_core::AccountType;

use super::{error_page, render, Base};
use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::screening::links::{links_section, LinksExtra, LinksSection};
use crate::screening::views::num;
use crate::state::AppState;
use tessera_app::screening as uc;

#[derive(Template)]
#[template(path = "pages/dashboard_seller.html")]
struct SellerDash {
    b: Base,
    welcome: String,
    unused_codes: String,
    open_invitations: String,
    /// Unread messages in all her threads (R6.3).
    unread_messages: String,
    /// Whether a score is shown (then its explanation is offered).
    scored: bool,
    score_line: String,
    received: Vec<(String, String, String, String)>,
    profile_url: String,
    /// Her check-in's last five minutes.
    checkin_line: Option<String>,
    /// Disputed alerts waiting in the queues she moderates (R4.7, R6.5).
    pending_disputes: String,
    /// Decisions on alerts she posted or disputed (R6.5).
    alert_outcomes: Vec<(String, String)>,
    /// Cases past their deadline, for the Dispute Resolution Committee (R7.8).
    overdue_cases: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/dashboard_buyer.html")]
struct BuyerDash {
    b: Base,
    welcome: String,
    has_record: bool,
    safe_line: String,
    reliable_line: String,
    as_of_line: String,
    links: LinksSection,
}

async fn seller(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    welcome: String,
) -> Result<Response, AppError> {
    let l = ctx.lang;
    let now = state.now();
    // This is the seller dashboard: the caller has checked the account type.
    let seller_id = u.account.id.as_seller();
    let open = state.store.open_invitations(seller_id, now).await?.len();
    let unused = state.store.count_unused_codes(seller_id, now).await?;
    let view = uc::seller_view(state, &u.account).await?;
    let score_line = match (view.stars, view.released_on.as_deref()) {
        (Some(stars), _) => l.ta(
            "dash-score",
            &[
                ("stars", l.decimal(stars, 1)),
                ("counted", view.counted.to_string()),
                ("received", view.received.to_string()),
            ],
        ),
        (None, Some(_)) => l.t("dash-score-none-counting"),
        (None, None) => l.t("dash-score-none"),
    };
    let v = |k: &str| l.t(&format!("vocab-{}", k.replace('_', "-")));
    let received = view
        .ratings
        .iter()
        .rev()
        .map(|r| {
            (
                r.day.to_string(),
                v(&r.listing_accuracy),
                v(&r.punctuality),
                v(&r.professionalism),
            )
        })
        .collect();
    let profile_url = state
        .config
        .url(&uc::profile_path(state, &u.account).await?);
    let alerts = tessera_app::network::alerts::pending_disputes(state, &u.account)
        .await
        .map_err(AppError::from)?;
    let alert_outcomes = tessera_app::network::alerts::outcomes(state, &u.account)
        .await
        .map_err(AppError::from)?
        .iter()
        .map(|o| {
            (
                o.alert.clone(),
                crate::network::alerts::pages::outcome_text(l, o.outcome, o.posted),
            )
        })
        .collect();
    Ok(render(&SellerDash {
        b: Base::from_ctx(ctx),
        welcome,
        unused_codes: l.ta("dash-unused-codes", &[("count", unused.to_string())]),
        open_invitations: l.ta("dash-open-invitations", &[("count", open.to_string())]),
        unread_messages: l.ta(
            "dash-unread-messages",
            &[(
                "count",
                tessera_app::network::messages::unread(state, &u.account)
                    .await
                    .map_err(AppError::from)?
                    .to_string(),
            )],
        ),
        scored: view.stars.is_some(),
        score_line,
        received,
        profile_url,
        checkin_line: crate::network::safety::pages::checkin_soon_line(state, l, u).await,
        pending_disputes: l.ta("dash-pending-disputes", &[("count", alerts.to_string())]),
        alert_outcomes,
        overdue_cases: match tessera_app::governance::disputes::overdue(state, &u.account)
            .await
            .map_err(AppError::from)?
        {
            0 => None,
            n => Some(l.ta("dash-overdue-cases", &[("count", n.to_string())])),
        },
    }))
}

fn own_line(l: Lang, key: &str, s: &tessera_core::reputation::Score) -> String {
    l.ta(
        key,
        &[
            (
                "score",
                s.score.map_or_else(|| l.t("lookup-unknown"), |v| num(l, v)),
            ),
            ("n", s.n.to_string()),
            ("flagged", s.flagged.to_string()),
        ],
    )
}

fn welcome(ctx: &Ctx, u: &CurrentUser) -> String {
    ctx.lang
        .ta("dash-welcome", &[("name", u.account.display_name.clone())])
}

/// The buyer's dashboard, with what a screening-link request adds to it (R4.11).
pub(crate) async fn buyer_page(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    links: LinksExtra,
) -> Result<Response, AppError> {
    let l = ctx.lang;
    let v = uc::buyer_view(state, &u.account).await?;
    let links = links_section(state, l, u, links).await?;
    Ok(render(&BuyerDash {
        links,
        b: Base::from_ctx(ctx),
        welcome: welcome(ctx, u),
        has_record: v.as_of.is_some(),
        safe_line: own_line(l, "buyer-safe-line", &v.safe),
        reliable_line: own_line(l, "buyer-reliable-line", &v.reliable),
        as_of_line: v
            .as_of
            .map(|d| l.ta("buyer-as-of", &[("day", d.to_string())]))
            .unwrap_or_default(),
    }))
}

pub async fn dashboard(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    let r = match u.account.account_type {
        AccountType::Seller => seller(&state, &ctx, &u, welcome(&ctx, &u)).await,
        AccountType::Buyer => buyer_page(&state, &ctx, &u, LinksExtra::default()).await,
    };
    r.unwrap_or_else(|e| error_page(&ctx, &e))
}
