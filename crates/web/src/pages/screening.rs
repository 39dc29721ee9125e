//! Screening pages (charter 12.4, 16.2, 16.3; SPEC R4.1–R4.5): lookup with interval bars,
//! "My history with this buyer", "Report an issue", rating a buyer, rating codes, and the buyer's
//! two-step rating of a seller. All of it works without JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use tessera_core::reputation::{Band, Score};
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};

use super::{error_page, render, render_status, Base};
use crate::auth::session::{Ctx, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::screening::{self as uc, Lookup, RateInput, SellerRating};
use crate::state::AppState;

/// A number as the charter shows it: two decimals, in the reader's notation.
pub fn num(l: Lang, x: f64) -> String {
    l.decimal(x, 2)
}

fn q(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A small server-rendered bar of the confidence interval (R4.1): no script, no style. The
/// label comes from the catalogue, never from user input, and is escaped anyway.
pub fn interval_bar(score: &Score, label: &str) -> String {
    let (Some(s), Some((lo, hi))) = (score.score, score.ci) else {
        return String::new();
    };
    let label: String = label
        .chars()
        .map(|c| match c {
            '"' | '<' | '>' | '&' => ' ',
            c => c,
        })
        .collect();
    let start = lo * 200.0;
    let width = ((hi - lo) * 200.0).max(1.0);
    let mark = s.min(0.99) * 200.0;
    format!(
        "<svg class=\"bar\" width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" role=\"img\" aria-label=\"{label}\">\
         <rect x=\"0\" y=\"5\" width=\"200\" height=\"4\" fill=\"#d5d9df\"/>\
         <rect x=\"{start:.1}\" y=\"2\" width=\"{width:.1}\" height=\"10\" fill=\"#1f5f8b\"/>\
         <rect x=\"{mark:.1}\" y=\"0\" width=\"2\" height=\"14\" fill=\"#1c1f23\"/></svg>"
    )
}

pub struct ResultView {
    pub buyer: String,
    pub buyer_q: String,
    pub safe_score: String,
    pub safe_detail: String,
    pub safe_bar: String,
    pub unsafe_line: String,
    pub reliable_score: String,
    pub reliable_detail: String,
    pub reliable_bar: String,
    pub unreliable_line: String,
    pub trust: String,
    pub influence: String,
    pub verified: String,
    pub age: String,
    pub band: String,
    pub band_class: &'static str,
    pub low_sample: bool,
    pub meets: bool,
    pub verdict: String,
    pub alerts: String,
    pub params_line: String,
}

fn detail(l: Lang, s: &Score) -> String {
    match s.ci {
        Some((lo, hi)) => l.ta(
            "lookup-detail",
            &[
                ("n", s.n.to_string()),
                ("lo", num(l, lo)),
                ("hi", num(l, hi)),
            ],
        ),
        None => l.ta("lookup-detail-none", &[("n", s.n.to_string())]),
    }
}

fn result_view(l: Lang, r: &Lookup) -> ResultView {
    let unknown = l.t("lookup-unknown");
    let score = |s: &Score| {
        s.score
            .map(|v| num(l, v))
            .unwrap_or_else(|| unknown.clone())
    };
    let sellers = r.buyer.sellers.to_string();
    let band_key = match r.rep.band {
        Band::High => "band-high",
        Band::Moderate => "band-moderate",
        Band::Low => "band-low",
        Band::Unknown => "band-unknown",
    };
    let verdict = if r.verdict.meets {
        l.t("pref-meets")
    } else {
        let missed: Vec<String> = r
            .verdict
            .missed
            .iter()
            .map(|m| l.t(&format!("pref-missed-{}", m.replace('_', "-"))))
            .collect();
        l.ta("pref-misses", &[("which", missed.join(", "))])
    };
    ResultView {
        buyer: r.buyer.display_name.clone(),
        buyer_q: q(&r.buyer.display_name),
        safe_score: score(&r.rep.safe),
        safe_detail: detail(l, &r.rep.safe),
        safe_bar: interval_bar(&r.rep.safe, &l.t("lookup-bar-safe")),
        unsafe_line: l.ta(
            "lookup-unsafe-count",
            &[
                ("flagged", r.rep.safe.flagged.to_string()),
                ("n", r.rep.safe.n.to_string()),
                ("sellers", sellers.clone()),
            ],
        ),
        reliable_score: score(&r.rep.reliable),
        reliable_detail: detail(l, &r.rep.reliable),
        reliable_bar: interval_bar(&r.rep.reliable, &l.t("lookup-bar-reliable")),
        unreliable_line: l.ta(
            "lookup-unreliable-count",
            &[
                ("flagged", r.rep.reliable.flagged.to_string()),
                ("n", r.rep.reliable.n.to_string()),
                ("sellers", sellers),
            ],
        ),
        trust: r
            .rep
            .trust
            .map(|v| num(l, v))
            .unwrap_or_else(|| unknown.clone()),
        influence: num(l, r.rep.influence),
        verified: l.ta(
            "lookup-verified-count",
            &[
                ("verified", r.buyer.verified.to_string()),
                ("n", r.buyer.interactions.to_string()),
            ],
        ),
        age: if r.age_months < 1 {
            l.t("lookup-new-account")
        } else {
            l.ta("lookup-age-months", &[("months", r.age_months.to_string())])
        },
        band: l.t(band_key),
        band_class: r.rep.band.as_str(),
        low_sample: r.rep.low_sample,
        meets: r.verdict.meets,
        verdict,
        alerts: l.t("lookup-no-alerts"),
        params_line: l.ta(
            "lookup-params",
            &[("version", r.params_version.to_string())],
        ),
    }
}

#[derive(Template)]
#[template(path = "lookup.html")]
struct LookupPage {
    b: Base,
    query: String,
    error: Option<String>,
    not_found: bool,
    signup_url: String,
    notice: Option<String>,
    result: Option<ResultView>,
}

#[derive(Deserialize)]
pub struct PseudonymQuery {
    pseudonym: Option<String>,
}

async fn lookup_page(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    query: &str,
    notice: Option<String>,
) -> Response {
    let mut page = LookupPage {
        b: Base::from_ctx(ctx),
        query: query.to_owned(),
        error: None,
        not_found: false,
        signup_url: state.config.url("/signup"),
        notice,
        result: None,
    };
    if query.trim().is_empty() {
        return render(&page);
    }
    match uc::lookup(state, &u.account, query).await {
        Ok(r) => {
            page.result = Some(result_view(ctx.lang, &r));
            render(&page)
        }
        Err(e) if e.status.is_client_error() => {
            page.not_found = e.status == StatusCode::NOT_FOUND;
            page.error = Some(e.message(ctx.lang));
            render_status(e.status, &page)
        }
        Err(e) => error_page(ctx, &e),
    }
}

pub async fn lookup(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<PseudonymQuery>,
) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e);
    }
    lookup_page(&state, &ctx, &u, q.pseudonym.as_deref().unwrap_or(""), None).await
}

pub async fn report(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<PseudonymQuery>,
) -> Response {
    let p = f.pseudonym.unwrap_or_default();
    match uc::report(&state, &u.account, &p).await {
        Ok(()) => lookup_page(&state, &ctx, &u, &p, Some(ctx.lang.t("report-recorded"))).await,
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    b: Base,
    heading: String,
    buyer_q: String,
    rows: Vec<(String, String, String, String)>,
}

pub async fn history(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<PseudonymQuery>,
) -> Response {
    let l = ctx.lang;
    let raw = q.pseudonym.unwrap_or_default();
    match uc::history(&state, &u.account, &raw).await {
        Ok((buyer, rows)) => {
            let yn = |v: Option<bool>| match v {
                Some(true) => l.t("yes"),
                Some(false) => l.t("no"),
                None => "–".to_owned(),
            };
            let rows = rows
                .into_iter()
                .map(|r| {
                    (
                        r.day.to_string(),
                        yn(r.safe),
                        yn(r.reliable),
                        if r.verified { l.t("yes") } else { l.t("no") },
                    )
                })
                .collect();
            render(&HistoryPage {
                b: Base::from_ctx(&ctx),
                heading: l.ta("history-heading", &[("buyer", buyer.display_name.clone())]),
                buyer_q: q_of(&buyer.display_name),
                rows,
            })
        }
        Err(e) => error_page(&ctx, &e),
    }
}

fn q_of(s: &str) -> String {
    q(s)
}

#[derive(Template)]
#[template(path = "rate_buyer.html")]
struct RatePage {
    b: Base,
    buyer: String,
    day: String,
    min_day: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct RateQuery {
    buyer: Option<String>,
}

fn rate_page(
    state: &AppState,
    ctx: &Ctx,
    buyer: String,
    notice: Option<String>,
    error: Option<String>,
) -> RatePage {
    let today = state.clock.today();
    RatePage {
        b: Base::from_ctx(ctx),
        buyer,
        day: today.to_string(),
        min_day: today.plus_days(-uc::MAX_DAYS_BACK).to_string(),
        notice,
        error,
    }
}

pub async fn rate_form(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(q): Query<RateQuery>,
) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e);
    }
    render(&rate_page(
        &state,
        &ctx,
        q.buyer.unwrap_or_default(),
        None,
        None,
    ))
}

#[derive(Deserialize)]
pub struct RateForm {
    buyer: String,
    safe: Option<String>,
    reliable: Option<String>,
    day: Option<String>,
}

fn yes_no(v: &Option<String>) -> Option<bool> {
    match v.as_deref() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

pub async fn rate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<RateForm>,
) -> Response {
    let input = RateInput {
        buyer: f.buyer.clone(),
        safe: yes_no(&f.safe),
        reliable: yes_no(&f.reliable),
        day: f.day,
    };
    match uc::rate(&state, &u.account, input).await {
        Ok((buyer, day, saved)) => {
            let key = if saved.created {
                "rate-saved"
            } else {
                "rate-updated"
            };
            let notice = ctx.lang.ta(
                key,
                &[("buyer", buyer.display_name), ("day", day.to_string())],
            );
            render(&rate_page(&state, &ctx, String::new(), Some(notice), None))
        }
        Err(e) if e.status.is_client_error() => render_status(
            e.status,
            &rate_page(&state, &ctx, f.buyer, None, Some(e.message(ctx.lang))),
        ),
        Err(e) => error_page(&ctx, &e),
    }
}

pub struct GeneratedView {
    pub code: String,
    pub bound_to: Option<String>,
    pub valid_line: String,
}

#[derive(Template)]
#[template(path = "codes.html")]
struct CodesPage {
    b: Base,
    error: Option<String>,
    notice: Option<String>,
    generated: Option<GeneratedView>,
    history: Vec<(String, String, String)>,
}

/// "5 min ago", "2 days ago": relative times only (charter 16.2, R8.1).
fn relative(l: Lang, secs: i64) -> String {
    let (key, n) = match secs.max(0) {
        s if s < 3600 => ("ago-minutes", (s / 60).max(1)),
        s if s < 86_400 => ("ago-hours", s / 3600),
        s if s < 14 * 86_400 => ("ago-days", s / 86_400),
        s => ("ago-weeks", s / (7 * 86_400)),
    };
    l.ta(key, &[("n", n.to_string())])
}

async fn codes_page(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    generated: Option<GeneratedView>,
    notice: Option<String>,
    error: Option<AppError>,
) -> Response {
    let l = ctx.lang;
    let history = match uc::code_history(state, &u.account).await {
        Ok(h) => h,
        Err(e) => return error_page(ctx, &e),
    };
    let now = state.now();
    let history = history
        .into_iter()
        .map(|h| {
            let status = match h.status {
                tessera_store::codes::CodeStatus::Unused => l.t("code-status-unused"),
                tessera_store::codes::CodeStatus::Used => l.t("code-status-used"),
                tessera_store::codes::CodeStatus::Expired => l.t("code-status-expired"),
            };
            (
                h.code,
                l.ta(
                    "code-generated-ago",
                    &[("when", relative(l, now - h.generated_at))],
                ),
                status,
            )
        })
        .collect();
    let status = error.as_ref().map(|e| e.status).unwrap_or(StatusCode::OK);
    render_status(
        status,
        &CodesPage {
            b: Base::from_ctx(ctx),
            error: error.map(|e| e.message(l)),
            notice,
            generated,
            history,
        },
    )
}

pub async fn codes(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if let Err(e) = uc::require(&u.account, tessera_core::AccountType::Seller) {
        return error_page(&ctx, &e);
    }
    codes_page(&state, &ctx, &u, None, None, None).await
}

#[derive(Deserialize)]
pub struct GenerateForm {
    buyer: Option<String>,
}

pub async fn generate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<GenerateForm>,
) -> Response {
    let l = ctx.lang;
    match uc::generate_code(&state, &u.account, f.buyer.as_deref()).await {
        Ok(g) => {
            let pv = uc::params(&state)
                .await
                .map(|p| p.params.code_ttl_days)
                .unwrap_or(30);
            let view = GeneratedView {
                code: g.code.as_string(),
                bound_to: g.bound_to.map(|b| l.ta("codes-bound-to", &[("buyer", b)])),
                valid_line: l.ta("codes-valid-days", &[("days", pv.to_string())]),
            };
            codes_page(&state, &ctx, &u, Some(view), None, None).await
        }
        Err(e) if e.status.is_client_error() => {
            codes_page(&state, &ctx, &u, None, None, Some(e)).await
        }
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn invalidate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    match uc::invalidate_codes(&state, &u.account).await {
        Ok(n) => {
            let notice = ctx.lang.ta("codes-invalidated", &[("n", n.to_string())]);
            codes_page(&state, &ctx, &u, None, Some(notice), None).await
        }
        Err(e) => error_page(&ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "rate_seller.html")]
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
        return error_page(&ctx, &e);
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
    match uc::verify_code(&state, &u.account, &f.seller, &f.code).await {
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
    match uc::submit_seller_rating(&state, &u.account, &f.seller, &f.code, &r).await {
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
#[template(path = "profile.html")]
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
