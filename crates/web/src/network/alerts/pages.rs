//! The pages of safety alerts and disputes (SPEC R6.4, R6.5), in English and German, without
//! JavaScript: `/alerts` (the live alerts she can see, and the form to post one), `/alerts/{id}`
//! (one alert: dispute it, or decide it when she moderates it) and `/alerts/queue` (the queues
//! she moderates). Every action is a form that posts back and is answered by a redirect, or by
//! the page again with the refusal.
//!
//! The contact-details check is the server's (R6.4): when it finds something, the form comes
//! back with the charter's warning, what she typed kept, and a button to post as it is.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::network::alerts::{self as uc, AlertInput, AlertView, QueueItem};
use tessera_app::network::coops as coops_uc;
use tessera_core::alert::{AlertAction, AlertFlag, AlertOutcome, AlertState, DisputeReason};
use tessera_core::coop::MemberState;

use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::network::{refused, sellers_only};
use crate::pages::{error_page, opt, render, Base};
use crate::screening::views::q;
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/alerts", get(alerts_page).post(post_alert))
        .route("/alerts/queue", get(queue_page))
        .route("/alerts/{id}", get(alert_page))
        .route("/alerts/{id}/dispute", post(dispute))
        .route("/alerts/{id}/moderate", post(moderate))
}

/// One alert as the pages show it (the list, the lookup, the queue).
pub struct AlertItem {
    pub id: String,
    pub flags: String,
    pub buyer: Option<String>,
    pub buyer_q: String,
    pub text: Option<String>,
    /// "Posted by X" or "Posted by a member", with the days.
    pub by: String,
    /// "In the whole collective" or "In coop X".
    pub place: String,
    pub expires: String,
    pub disputed: bool,
    pub withdrawn: bool,
    pub may_dispute: bool,
    pub may_moderate: bool,
    /// Its disputes, in the moderators' queue only.
    pub disputes: Vec<DisputeItem>,
    /// The level of its heading: 3 in a list under an h2 (the alerts, the queue, the lookup),
    /// 2 on its own page, right under the h1 (heading levels go down one at a time, WCAG 1.3.1).
    pub heading: u8,
}

fn flag_key(f: AlertFlag) -> &'static str {
    match f {
        AlertFlag::Unsafe => "alert-flag-unsafe",
        AlertFlag::Aggressive => "alert-flag-aggressive",
        AlertFlag::BoundaryViolation => "alert-flag-boundary-violation",
        AlertFlag::NonPayment => "alert-flag-non-payment",
        AlertFlag::TimeWaster => "alert-flag-time-waster",
        AlertFlag::Scam => "alert-flag-scam",
        AlertFlag::Other => "alert-flag-other",
    }
}

fn reason_key(r: DisputeReason) -> &'static str {
    match r {
        DisputeReason::Inaccurate => "dispute-reason-inaccurate",
        DisputeReason::PersonalDispute => "dispute-reason-personal-dispute",
        DisputeReason::CompetitiveSuppression => "dispute-reason-competitive-suppression",
        DisputeReason::Revenge => "dispute-reason-revenge",
        DisputeReason::PersonalData => "dispute-reason-personal-data",
        DisputeReason::Other => "dispute-reason-other",
    }
}

fn action_key(a: AlertAction) -> &'static str {
    match a {
        AlertAction::Uphold => "alert-action-uphold",
        AlertAction::Withdraw => "alert-action-withdraw",
        AlertAction::SuspendPoster => "alert-action-suspend-poster",
        AlertAction::Escalate => "alert-action-escalate",
    }
}

/// An outcome in words, for the dashboard (R6.5).
pub fn outcome_text(l: Lang, o: AlertOutcome, posted: bool) -> String {
    let key = match o {
        AlertOutcome::Upheld => "alert-outcome-upheld",
        AlertOutcome::Withdrawn => "alert-outcome-withdrawn",
        AlertOutcome::PosterSuspended => "alert-outcome-poster-suspended",
        AlertOutcome::Escalated => "alert-outcome-escalated",
    };
    let role = if posted {
        "alert-outcome-yours"
    } else {
        "alert-outcome-disputed"
    };
    format!("{} {}", l.t(role), l.t(key))
}

pub fn alert_item(l: Lang, v: &AlertView) -> AlertItem {
    let r = &v.row;
    let flags = r
        .flags
        .iter()
        .map(|f| l.t(flag_key(f)))
        .collect::<Vec<_>>()
        .join(", ");
    let by = match &v.posted_by {
        Some(name) => l.ta(
            "alert-posted-by",
            &[("name", name.clone()), ("day", r.posted_on.to_string())],
        ),
        None => l.ta(
            "alert-posted-anonymous",
            &[("day", r.posted_on.to_string())],
        ),
    };
    let place = match &r.coop_name {
        Some(name) => l.ta("alert-in-coop", &[("coop", name.clone())]),
        None => l.t("alert-in-collective"),
    };
    AlertItem {
        id: r.id.clone(),
        flags,
        buyer_q: r.buyer.as_deref().map(q).unwrap_or_default(),
        buyer: r.buyer.clone(),
        text: r.text.clone(),
        by,
        place,
        expires: l.ta("alert-expires", &[("day", r.expires_on.to_string())]),
        disputed: r.disputed,
        withdrawn: r.state == AlertState::Withdrawn,
        may_dispute: v.may_dispute,
        may_moderate: v.may_moderate,
        disputes: Vec::new(),
        heading: 3,
    }
}

pub fn alert_items(l: Lang, vs: &[AlertView]) -> Vec<AlertItem> {
    vs.iter().map(|v| alert_item(l, v)).collect()
}

/// The notices a redirect may ask for: a fixed set, nothing of the request is reflected.
#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

fn notice(l: Lang, d: &Done) -> Option<String> {
    let key = match d.done.as_deref()? {
        "posted" => "alert-posted",
        "disputed" => "alert-disputed-notice",
        "decided" => "alert-decided-notice",
        _ => return None,
    };
    Some(l.t(key))
}

// ---------------------------------------------------------------------------------------------
// The list and the form

/// A choice of the form: (value, label, checked).
pub struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// What she typed, kept when the form comes back. Read from the body by hand: the flags are
/// one checkbox each, so the key repeats.
#[derive(Default)]
pub struct AlertForm {
    coop: Option<String>,
    flags: Vec<String>,
    buyer: Option<String>,
    text: Option<String>,
    days: Option<String>,
    anonymous: Option<String>,
    confirm: Option<String>,
}

impl AlertForm {
    fn parse(body: &[u8]) -> AlertForm {
        let mut f = AlertForm::default();
        for (k, v) in form_urlencoded::parse(body) {
            let v = v.into_owned();
            match &*k {
                "coop" => f.coop = Some(v),
                "flags" => f.flags.push(v),
                "buyer" => f.buyer = Some(v),
                "text" => f.text = Some(v),
                "days" => f.days = Some(v),
                "anonymous" => f.anonymous = Some(v),
                "confirm" => f.confirm = Some(v),
                _ => {}
            }
        }
        f
    }
}

#[derive(Template)]
#[template(path = "network/alerts.html")]
struct AlertsPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    /// The contact-details warning (R6.4): the form is shown again with "post as it is".
    contact_warning: bool,
    alerts: Vec<AlertItem>,
    places: Vec<Choice>,
    flags: Vec<Choice>,
    buyer: String,
    text: String,
    days: String,
    anonymous: bool,
    moderates: bool,
}

async fn alerts_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    form: &AlertForm,
) -> Result<AlertsPage, AppError> {
    let l = ctx.lang;
    let list = uc::list(state, &u.account, None).await?;
    let coops = coops_uc::my_coops(state, &u.account).await?;
    let chosen = form.coop.as_deref().unwrap_or("");
    let mut places = vec![Choice {
        value: String::new(),
        label: l.t("alert-in-collective"),
        checked: chosen.is_empty(),
    }];
    let mut moderates = false;
    for c in &coops {
        let Some(m) = c.me else { continue };
        moderates |= m.moderates();
        if m.state == MemberState::Member {
            places.push(Choice {
                label: l.ta("alert-in-coop", &[("coop", c.coop.name.clone())]),
                checked: chosen == c.coop.id,
                value: c.coop.id.clone(),
            });
        }
    }
    let flags = AlertFlag::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().to_owned(),
            label: l.t(flag_key(*f)),
            checked: form.flags.iter().any(|x| x == f.as_str()),
        })
        .collect();
    Ok(AlertsPage {
        b: Base::from_ctx(ctx),
        notice: None,
        error: None,
        contact_warning: false,
        alerts: alert_items(l, &list),
        places,
        flags,
        buyer: form.buyer.clone().unwrap_or_default(),
        text: form.text.clone().unwrap_or_default(),
        days: form
            .days
            .clone()
            .unwrap_or_else(|| tessera_core::alert::DEFAULT_DAYS.to_string()),
        anonymous: form.anonymous.is_some(),
        moderates: moderates || uc::on_committee(state, &u.account).await?,
    })
}

pub async fn alerts_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(d): Query<Done>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match alerts_view(&state, &ctx, &u, &AlertForm::default()).await {
        Ok(mut p) => {
            p.notice = notice(ctx.lang, &d);
            render(&p)
        }
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn post_alert(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Response {
    let f = AlertForm::parse(&body);
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let days = match opt(&f.days) {
        Some(d) => match d.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => Some(0),
        },
        None => None,
    };
    let input = AlertInput {
        coop: opt(&f.coop).map(str::to_owned),
        flags: f.flags.clone(),
        buyer: opt(&f.buyer).map(str::to_owned),
        text: f.text.clone(),
        days,
        anonymous: Some(f.anonymous.is_some()),
        confirm_contact_details: f.confirm.is_some(),
    };
    match uc::post(&state, &u.account, &input).await {
        Ok(_) => Redirect::to("/alerts?done=posted").into_response(),
        Err(e) => {
            let contact = matches!(e, uc::AlertError::ContactDetails);
            let e: AppError = e.into();
            match alerts_view(&state, &ctx, &u, &f).await {
                Ok(mut p) => refused(&ctx, e, |m| {
                    p.error = Some(m);
                    p.contact_warning = contact;
                    p
                }),
                Err(e) => error_page(&ctx, &e),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One alert: dispute it, or decide it

#[derive(Template)]
#[template(path = "network/alert.html")]
struct AlertPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    a: AlertItem,
    reasons: Vec<Choice>,
    actions: Vec<Choice>,
}

fn reasons(l: Lang) -> Vec<Choice> {
    DisputeReason::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: l.t(reason_key(*r)),
            checked: false,
        })
        .collect()
}

/// The decisions she may make on this alert: the committee does not escalate to itself.
fn actions(l: Lang, v: &AlertView) -> Vec<Choice> {
    if !v.may_moderate {
        return Vec::new();
    }
    AlertAction::ALL
        .iter()
        .filter(|a| **a != AlertAction::Escalate || (v.row.coop.is_some() && !v.row.escalated))
        .map(|a| Choice {
            value: a.as_str().to_owned(),
            label: l.t(action_key(*a)),
            checked: false,
        })
        .collect()
}

async fn alert_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
) -> Result<AlertPage, AppError> {
    let l = ctx.lang;
    let v = uc::one(state, &u.account, id).await?;
    Ok(AlertPage {
        b: Base::from_ctx(ctx),
        notice: None,
        error: None,
        a: AlertItem {
            heading: 2,
            ..alert_item(l, &v)
        },
        reasons: reasons(l),
        actions: actions(l, &v),
    })
}

pub async fn alert_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(d): Query<Done>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match alert_view(&state, &ctx, &u, &id).await {
        Ok(mut p) => {
            p.notice = notice(ctx.lang, &d);
            render(&p)
        }
        Err(e) => error_page(&ctx, &e),
    }
}

async fn alert_after(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    r: Result<(), AppError>,
    done: &str,
) -> Response {
    match r {
        Ok(()) => Redirect::to(&format!("/alerts/{}?done={done}", q(id))).into_response(),
        Err(e) => match alert_view(state, ctx, u, id).await {
            Ok(mut p) => refused(ctx, e, |m| {
                p.error = Some(m);
                p
            }),
            Err(e) => error_page(ctx, &e),
        },
    }
}

#[derive(Deserialize)]
pub struct DisputeForm {
    reason: String,
    context: Option<String>,
}

pub async fn dispute(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DisputeForm>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let r = uc::dispute(&state, &u.account, &id, &f.reason, f.context.as_deref())
        .await
        .map(|_| ())
        .map_err(AppError::from);
    alert_after(&state, &ctx, &u, &id, r, "disputed").await
}

#[derive(Deserialize)]
pub struct ModerateForm {
    action: String,
}

pub async fn moderate(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ModerateForm>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let r = match AlertAction::parse(&f.action) {
        Some(a) => uc::moderate(&state, &u.account, &id, a)
            .await
            .map(|_| ())
            .map_err(AppError::from),
        None => Err(AppError::invalid("error-alert-invalid", &["action"])),
    };
    alert_after(&state, &ctx, &u, &id, r, "decided").await
}

// ---------------------------------------------------------------------------------------------
// The queues she moderates

pub struct DisputeItem {
    pub reason: String,
    pub context: Option<String>,
    pub on: String,
}

pub struct QueueSection {
    title: String,
    alerts: Vec<AlertItem>,
}

#[derive(Template)]
#[template(path = "network/alert_queue.html")]
struct QueuePage {
    b: Base,
    sections: Vec<QueueSection>,
}

fn section(l: Lang, title: String, items: &[QueueItem]) -> QueueSection {
    QueueSection {
        title,
        alerts: items
            .iter()
            .map(|i| AlertItem {
                disputes: i
                    .disputes
                    .iter()
                    .map(|d| DisputeItem {
                        reason: l.t(reason_key(d.reason)),
                        context: d.context.clone(),
                        on: d.filed_on.to_string(),
                    })
                    .collect(),
                ..alert_item(l, &i.alert)
            })
            .collect(),
    }
}

pub async fn queue_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let l = ctx.lang;
    let build = async {
        let mut sections = Vec::new();
        for c in coops_uc::my_coops(&state, &u.account).await? {
            if c.me.is_some_and(|m| m.moderates()) {
                let items = uc::coop_queue(&state, &u.account, &c.coop.id).await?;
                sections.push(section(
                    l,
                    l.ta("alert-queue-coop", &[("coop", c.coop.name.clone())]),
                    &items,
                ));
            }
        }
        match uc::committee_queue(&state, &u.account).await {
            Ok(items) => sections.push(section(l, l.t("alert-queue-committee"), &items)),
            Err(uc::AlertError::Forbidden) => {}
            Err(e) => return Err(AppError::from(e)),
        }
        Ok::<_, AppError>(sections)
    };
    match build.await {
        Ok(sections) => render(&QueuePage {
            b: Base::from_ctx(&ctx),
            sections,
        }),
        Err(e) => error_page(&ctx, &e),
    }
}
