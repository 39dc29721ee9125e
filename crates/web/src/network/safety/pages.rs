//! The pages of buddies, check-ins, PINs, panic and alarms (SPEC R6.6, R6.7), in English and
//! German, without JavaScript: every action is a form that posts back and is answered by a
//! redirect to its page (with a fixed notice) or by the page again with the error.
//!
//! "I'm safe" with the duress PIN answers exactly as with the check-in PIN: the same redirect
//! to the same address, and the page then shows the same "ended" notice (R6.6).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::network::safety::alarms::{self, AlarmView};
use tessera_app::network::safety::buddies::{self, BuddyState, Direction};
use tessera_app::network::safety::checkins::{self, Start};
use tessera_app::network::safety::pins::{self, Role};

use super::parse_id;
use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::network::{refused, sellers_only};
use crate::pages::{error_page, opt, render, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/checkin", get(checkin_page))
        .route("/checkin/start", post(start))
        .route("/checkin/extend", post(extend))
        .route("/checkin/safe", post(safe))
        .route("/buddies", get(buddies_page))
        .route("/buddies/ask", post(ask))
        .route("/buddies/accept", post(accept))
        .route("/buddies/end", post(end))
        .route("/buddies/watch", post(watch))
        .route("/buddies/pin", post(pin))
        .route("/alarms", get(alarms_page))
        .route("/alarms/ack", post(ack))
        .route("/alarms/close", post(close))
        .route("/panic", post(panic))
}

/// "UTC time of day and date" for a page.
fn minute(unix: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// The notices a redirect may ask for: a fixed set, nothing of the request is reflected.
#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

fn notice(l: Lang, d: &Done) -> Option<String> {
    let key = match d.done.as_deref()? {
        "ended" => "checkin-ended",
        "asked" => "buddies-asked",
        "pin" => "buddies-pin-saved",
        _ => return None,
    };
    Some(l.t(key))
}

// ---------------------------------------------------------------------------------------------
// The check-in page

pub struct OpenView {
    id: i64,
    due: String,
    soon: bool,
    left: String,
    can_extend: bool,
}

#[derive(Template)]
#[template(path = "network/checkin.html")]
struct CheckinPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    on_watch: String,
    open: Option<OpenView>,
}

async fn checkin_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    notice: Option<String>,
) -> Result<CheckinPage, AppError> {
    let l = ctx.lang;
    let (n, _) = buddies::watch(state, &u.account).await?;
    let now = state.now();
    let open = checkins::open(state, &u.account).await?.map(|c| OpenView {
        id: c.id,
        due: l.ta("checkin-open", &[("time", minute(c.due_at))]),
        // Issue 12 §5: five minutes before the deadline the page says so, without script.
        soon: c.due_at - now <= 5 * 60,
        left: l.ta(
            "checkin-extensions-left",
            &[("n", c.extensions_left.to_string())],
        ),
        can_extend: c.extensions_left > 0,
    });
    Ok(CheckinPage {
        b: Base::from_ctx(ctx),
        notice,
        error: None,
        on_watch: l.ta("checkin-on-watch", &[("n", n.to_string())]),
        open,
    })
}

pub async fn checkin_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(d): Query<Done>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match checkin_view(&state, &ctx, &u, notice(ctx.lang, &d)).await {
        Ok(p) => render(&p),
        Err(e) => error_page(&ctx, &e),
    }
}

/// The check-in page again with `e`.
async fn checkin_refused(state: &AppState, ctx: &Ctx, u: &CurrentUser, e: AppError) -> Response {
    match checkin_view(state, ctx, u, None).await {
        Ok(mut p) => refused(ctx, e, |m| {
            p.error = Some(m);
            p
        }),
        Err(e) => error_page(ctx, &e),
    }
}

#[derive(Deserialize)]
pub struct StartForm {
    minutes: String,
    note: Option<String>,
    buyer: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<StartForm>,
) -> Response {
    let minutes = f.minutes.trim().parse::<i64>().unwrap_or(0);
    let r = checkins::start(
        &state,
        &u.account,
        &Start {
            minutes,
            note: opt(&f.note),
            buyer: opt(&f.buyer),
        },
    )
    .await;
    match r {
        Ok(_) => Redirect::to("/checkin").into_response(),
        Err(e) => checkin_refused(&state, &ctx, &u, e.into()).await,
    }
}

#[derive(Deserialize)]
pub struct IdForm {
    id: String,
}

#[derive(Deserialize)]
pub struct SafeForm {
    id: String,
    pin: Option<String>,
}

pub async fn extend(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<IdForm>,
) -> Response {
    let Some(id) = parse_id(&f.id) else {
        return error_page(&ctx, &AppError::not_found("error-not-found"));
    };
    match checkins::extend(&state, &u.account, id).await {
        Ok(_) => Redirect::to("/checkin").into_response(),
        Err(e) => checkin_refused(&state, &ctx, &u, e.into()).await,
    }
}

pub async fn safe(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<SafeForm>,
) -> Response {
    let Some(id) = parse_id(&f.id) else {
        return error_page(&ctx, &AppError::not_found("error-not-found"));
    };
    match checkins::safe(&state, &u.account, id, opt(&f.pin)).await {
        // The one answer for "I'm safe" and the duress PIN (R6.6).
        Ok(()) => Redirect::to("/checkin?done=ended").into_response(),
        Err(e) => checkin_refused(&state, &ctx, &u, e.into()).await,
    }
}

// ---------------------------------------------------------------------------------------------
// Buddies, "on watch" and PINs

pub struct BuddyRow {
    pseudonym: String,
    state: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "network/buddies.html")]
struct BuddiesPage {
    b: Base,
    notice: Option<String>,
    error: Option<String>,
    watch_me: Vec<BuddyRow>,
    i_watch: Vec<BuddyRow>,
    my_watch: Option<String>,
}

async fn buddies_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    notice: Option<String>,
) -> Result<BuddiesPage, AppError> {
    let l = ctx.lang;
    let list = buddies::list(state, &u.account).await?;
    let (_, mine) = buddies::watch(state, &u.account).await?;
    let row = |b: &buddies::Buddy| BuddyRow {
        pseudonym: b.pseudonym.clone(),
        state: l.t(match b.state {
            BuddyState::Pending => "buddies-pending",
            BuddyState::Active => "buddies-active",
        }),
        pending: b.state == BuddyState::Pending,
    };
    Ok(BuddiesPage {
        b: Base::from_ctx(ctx),
        notice,
        error: None,
        watch_me: list
            .iter()
            .filter(|b| b.direction == Direction::WatchesMe)
            .map(row)
            .collect(),
        i_watch: list
            .iter()
            .filter(|b| b.direction == Direction::IWatch)
            .map(row)
            .collect(),
        my_watch: mine.map(|t| l.ta("buddies-watch-until", &[("time", minute(t))])),
    })
}

pub async fn buddies_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Query(d): Query<Done>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match buddies_view(&state, &ctx, &u, notice(ctx.lang, &d)).await {
        Ok(p) => render(&p),
        Err(e) => error_page(&ctx, &e),
    }
}

/// The buddies page after an action: its page, or the page again with the refusal.
async fn buddies_after(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    r: Result<(), AppError>,
    done: &str,
) -> Response {
    match r {
        Ok(()) => Redirect::to(&format!("/buddies{done}")).into_response(),
        Err(e) => match buddies_view(state, ctx, u, None).await {
            Ok(mut p) => refused(ctx, e, |m| {
                p.error = Some(m);
                p
            }),
            Err(e) => error_page(ctx, &e),
        },
    }
}

#[derive(Deserialize)]
pub struct AskForm {
    seller: String,
}

pub async fn ask(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<AskForm>,
) -> Response {
    let r = buddies::ask(&state, &u.account, &f.seller).await;
    buddies_after(
        &state,
        &ctx,
        &u,
        r.map(|_| ()).map_err(Into::into),
        "?done=asked",
    )
    .await
}

#[derive(Deserialize)]
pub struct BuddyForm {
    pseudonym: String,
    direction: Option<String>,
}

pub async fn accept(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<BuddyForm>,
) -> Response {
    let r = buddies::accept(&state, &u.account, &f.pseudonym).await;
    buddies_after(&state, &ctx, &u, r.map(|_| ()).map_err(Into::into), "").await
}

pub async fn end(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<BuddyForm>,
) -> Response {
    let r = match f.direction.as_deref().and_then(Direction::parse) {
        Some(d) => buddies::end(&state, &u.account, &f.pseudonym, d)
            .await
            .map_err(Into::into),
        None => Err(AppError::invalid("error-buddy-direction", &["direction"])),
    };
    buddies_after(&state, &ctx, &u, r, "").await
}

#[derive(Deserialize)]
pub struct WatchForm {
    hours: String,
}

pub async fn watch(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<WatchForm>,
) -> Response {
    let r = match f.hours.trim().parse::<i64>() {
        Ok(0) => buddies::set_watch(&state, &u.account, None).await,
        Ok(h) if (1..=12).contains(&h) => {
            let until = state.now() + h * 3600;
            buddies::set_watch(&state, &u.account, Some(until)).await
        }
        _ => Err(tessera_app::network::safety::SafetyError::WatchUntil),
    };
    buddies_after(&state, &ctx, &u, r.map(|_| ()).map_err(Into::into), "").await
}

#[derive(Deserialize)]
pub struct PinForm {
    role: String,
    pin: Option<String>,
    password: String,
}

pub async fn pin(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<PinForm>,
) -> Response {
    let role = if f.role == "duress" {
        Role::Duress
    } else {
        Role::Checkin
    };
    let r = pins::set_pin(&state, &u.account, &f.password, role, opt(&f.pin)).await;
    buddies_after(&state, &ctx, &u, r.map_err(Into::into), "?done=pin").await
}

// ---------------------------------------------------------------------------------------------
// Alarms, for the sellers who watch over her

pub struct AlarmRow {
    id: i64,
    kind: String,
    case: String,
    seller: String,
    raised: String,
    note: Option<String>,
    /// The line, and the pseudonym for the lookup link.
    buyer: Option<(String, String)>,
    late: Option<String>,
    acked: Option<String>,
    closed: bool,
}

#[derive(Template)]
#[template(path = "network/alarms.html")]
struct AlarmsPage {
    b: Base,
    error: Option<String>,
    alarms: Vec<AlarmRow>,
}

fn alarm_row(l: Lang, a: &AlarmView) -> AlarmRow {
    AlarmRow {
        id: a.id,
        kind: l.t(&format!("alarm-kind-{}", a.kind.as_str())),
        case: l.ta("alarm-case", &[("case", a.case.clone())]),
        seller: l.ta("alarm-seller", &[("seller", a.seller.clone())]),
        raised: l.ta("alarm-raised", &[("time", minute(a.raised_at))]),
        note: a
            .note
            .as_ref()
            .map(|n| l.ta("alarm-note", &[("note", n.clone())])),
        buyer: a
            .buyer
            .as_ref()
            .map(|b| (l.ta("alarm-buyer", &[("buyer", b.clone())]), b.clone())),
        late: a
            .checked_in_late_at
            .map(|t| l.ta("alarm-late", &[("time", minute(t))])),
        acked: a
            .acknowledged_by
            .as_ref()
            .map(|n| l.ta("alarm-acked", &[("name", n.clone())])),
        closed: a.closed,
    }
}

async fn alarms_view(state: &AppState, ctx: &Ctx, u: &CurrentUser) -> Result<AlarmsPage, AppError> {
    let list = alarms::list(state, &u.account).await?;
    Ok(AlarmsPage {
        b: Base::from_ctx(ctx),
        error: None,
        alarms: list.iter().map(|a| alarm_row(ctx.lang, a)).collect(),
    })
}

pub async fn alarms_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match alarms_view(&state, &ctx, &u).await {
        Ok(p) => render(&p),
        Err(e) => error_page(&ctx, &e),
    }
}

async fn alarm_action(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    r: Result<AlarmView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to("/alarms").into_response(),
        Err(e) => match alarms_view(state, ctx, u).await {
            Ok(mut p) => refused(ctx, e, |m| {
                p.error = Some(m);
                p
            }),
            Err(e) => error_page(ctx, &e),
        },
    }
}

pub async fn ack(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<IdForm>,
) -> Response {
    let r = match parse_id(&f.id) {
        Some(id) => alarms::ack(&state, &u.account, id)
            .await
            .map_err(Into::into),
        None => Err(AppError::not_found("error-not-found")),
    };
    alarm_action(&state, &ctx, &u, r).await
}

pub async fn close(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<IdForm>,
) -> Response {
    let r = match parse_id(&f.id) {
        Some(id) => alarms::close(&state, &u.account, id)
            .await
            .map_err(Into::into),
        None => Err(AppError::not_found("error-not-found")),
    };
    alarm_action(&state, &ctx, &u, r).await
}

// ---------------------------------------------------------------------------------------------
// Panic

#[derive(Template)]
#[template(path = "message.html")]
struct SavedPage {
    b: Base,
    title: String,
    message: String,
    next: String,
}

/// The discreet control on every seller page (R6.7): the alarm is raised, the page says only
/// "Saved".
pub async fn panic(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if let Err(e) = checkins::panic(&state, &u.account).await {
        return error_page(&ctx, &e.into());
    }
    render(&SavedPage {
        b: Base::from_ctx(&ctx).quiet(),
        title: ctx.lang.t("panic-saved-title"),
        message: ctx.lang.t("panic-saved"),
        next: "/dashboard".into(),
    })
}

/// What the seller dashboard adds about her own check-in: a plain warning in its last five
/// minutes (issue 12 §5), without script.
pub async fn checkin_soon_line(state: &AppState, l: Lang, u: &CurrentUser) -> Option<String> {
    let c = checkins::open(state, &u.account).await.ok()??;
    (c.due_at - state.now() <= 5 * 60).then(|| l.t("checkin-soon"))
}
