//! The JSON API of buddies, check-ins, PINs, panic and alarms (API.md "Buddies, check-ins,
//! panic, alarms"; SPEC R6.6, R6.7). Sellers only: a buyer gets 403 on every path.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde::{Deserialize, Serialize};
use tessera_app::network::safety::alarms::{self, AlarmView};
use tessera_app::network::safety::buddies::{self, Buddy, Direction};
use tessera_app::network::safety::checkins::{self, Checkin, Start};
use tessera_app::network::safety::pins::{self, Role};
use utoipa::{IntoParams, ToSchema};

use super::parse_id;
use crate::api::{opt_whole_number, Json};
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::timefmt::rfc3339;

/// The routes, merged into `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/buddies", get(list_buddies).post(ask_buddy))
        .route("/buddies/{pseudonym}/accept", post(accept_buddy))
        .route("/buddies/{pseudonym}", axum::routing::delete(end_buddy))
        .route("/watch", get(get_watch).put(put_watch))
        .route("/account/checkin-pin", put(put_checkin_pin))
        .route("/account/duress-pin", put(put_duress_pin))
        .route("/checkins", get(list_checkins).post(start_checkin))
        .route("/checkins/{id}/safe", post(safe))
        .route("/checkins/{id}/extend", post(extend))
        .route("/panic", post(panic))
        .route("/alarms", get(list_alarms))
        .route("/alarms/{id}/ack", post(ack_alarm))
        .route("/alarms/{id}/close", post(close_alarm))
}

fn not_found() -> AppError {
    AppError::not_found("error-not-found")
}

// ---------------------------------------------------------------------------------------------
// Buddies and "on watch"

#[derive(Deserialize, ToSchema)]
pub struct AskBuddy {
    /// The seller asked to watch over the caller.
    pub seller: String,
}

#[derive(Serialize, ToSchema)]
pub struct BuddyBody {
    pub pseudonym: String,
    /// `watches_me` or `i_watch`.
    pub direction: String,
    /// `pending` or `active`.
    pub state: String,
}

fn buddy_body(b: &Buddy) -> BuddyBody {
    BuddyBody {
        pseudonym: b.pseudonym.clone(),
        direction: b.direction.as_str().into(),
        state: b.state.as_str().into(),
    }
}

#[utoipa::path(post, path = "/api/buddies", operation_id = "ask_buddy", tag = "buddies",
    request_body = AskBuddy,
    responses((status = 201, body = BuddyBody, description = "asked; pending until she accepts")))]
pub async fn ask_buddy(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<AskBuddy>,
) -> Result<Response, AppError> {
    let buddy = buddies::ask(&state, &u.account, &b.seller).await?;
    Ok((StatusCode::CREATED, axum::Json(buddy_body(&buddy))).into_response())
}

#[utoipa::path(post, path = "/api/buddies/{pseudonym}/accept", operation_id = "accept_buddy",
    tag = "buddies",
    params(("pseudonym" = String, Path, description = "the seller who asked")),
    responses((status = 200, body = BuddyBody, description = "the caller now watches over her")))]
pub async fn accept_buddy(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(pseudonym): Path<String>,
) -> Result<axum::Json<BuddyBody>, AppError> {
    let buddy = buddies::accept(&state, &u.account, &pseudonym).await?;
    Ok(axum::Json(buddy_body(&buddy)))
}

#[derive(Deserialize, IntoParams)]
pub struct DirectionQuery {
    /// `watches_me` or `i_watch`.
    pub direction: Option<String>,
}

#[utoipa::path(delete, path = "/api/buddies/{pseudonym}", operation_id = "end_buddy",
    tag = "buddies",
    params(("pseudonym" = String, Path, description = "the other seller"), DirectionQuery),
    responses((status = 204, description = "ended")))]
pub async fn end_buddy(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(pseudonym): Path<String>,
    Query(q): Query<DirectionQuery>,
) -> Result<StatusCode, AppError> {
    let direction = q
        .direction
        .as_deref()
        .and_then(Direction::parse)
        .ok_or_else(|| AppError::invalid("error-buddy-direction", &["direction"]))?;
    buddies::end(&state, &u.account, &pseudonym, direction).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/buddies", operation_id = "list_buddies", tag = "buddies",
    responses((status = 200, body = [BuddyBody])))]
pub async fn list_buddies(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<BuddyBody>>, AppError> {
    let list = buddies::list(&state, &u.account).await?;
    Ok(axum::Json(list.iter().map(buddy_body).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct WatchUpdate {
    /// RFC 3339, at most 12 hours ahead; null ends the watch.
    pub until: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct WatchSet {
    pub until: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct WatchBody {
    /// How many of the sellers who watch over the caller are on watch now.
    pub on_watch: i64,
    pub my_watch_until: Option<String>,
}

#[utoipa::path(put, path = "/api/watch", operation_id = "set_watch", tag = "buddies",
    request_body = WatchUpdate, responses((status = 200, body = WatchSet)))]
pub async fn put_watch(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<WatchUpdate>,
) -> Result<axum::Json<WatchSet>, AppError> {
    let until = match b.until.as_deref() {
        None => None,
        Some(s) => Some(
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .map_err(|_| AppError::invalid("error-watch-until", &["until"]))?
                .unix_timestamp(),
        ),
    };
    let until = buddies::set_watch(&state, &u.account, until).await?;
    Ok(axum::Json(WatchSet {
        until: until.map(rfc3339),
    }))
}

#[utoipa::path(get, path = "/api/watch", operation_id = "get_watch", tag = "buddies",
    responses((status = 200, body = WatchBody)))]
pub async fn get_watch(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<WatchBody>, AppError> {
    let (on_watch, mine) = buddies::watch(&state, &u.account).await?;
    Ok(axum::Json(WatchBody {
        on_watch,
        my_watch_until: mine.map(rfc3339),
    }))
}

// ---------------------------------------------------------------------------------------------
// PINs

#[derive(Deserialize, ToSchema)]
pub struct PinUpdate {
    /// The current password (re-authentication, R2.10).
    pub password: String,
    /// 4 to 8 digits; null removes the PIN.
    pub pin: Option<String>,
}

async fn set_pin(
    state: &AppState,
    u: &ApiUser,
    b: &PinUpdate,
    role: Role,
) -> Result<StatusCode, AppError> {
    pins::set_pin(state, &u.0.account, &b.password, role, b.pin.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/account/checkin-pin", operation_id = "set_checkin_pin",
    tag = "check-ins", request_body = PinUpdate,
    responses((status = 204, description = "set; ending a check-in needs it from now on")))]
pub async fn put_checkin_pin(
    State(state): State<AppState>,
    u: ApiUser,
    Json(b): Json<PinUpdate>,
) -> Result<StatusCode, AppError> {
    set_pin(&state, &u, &b, Role::Checkin).await
}

#[utoipa::path(put, path = "/api/account/duress-pin", operation_id = "set_duress_pin",
    tag = "check-ins", request_body = PinUpdate,
    responses((status = 204, description = "set")))]
pub async fn put_duress_pin(
    State(state): State<AppState>,
    u: ApiUser,
    Json(b): Json<PinUpdate>,
) -> Result<StatusCode, AppError> {
    set_pin(&state, &u, &b, Role::Duress).await
}

// ---------------------------------------------------------------------------------------------
// Check-ins and panic

#[derive(Deserialize, ToSchema)]
pub struct StartCheckin {
    /// 15 to 720.
    #[serde(default, deserialize_with = "opt_whole_number")]
    pub minutes: Option<i64>,
    /// At most 1000 characters; sealed.
    pub note: Option<String>,
    /// The buyer she is meeting (an existing pseudonym); sealed.
    pub buyer: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CheckinBody {
    pub id: String,
    pub due_at: String,
    pub extensions_left: i64,
    /// Always `open`.
    pub state: String,
}

fn checkin_body(c: &Checkin) -> CheckinBody {
    CheckinBody {
        id: c.id.to_string(),
        due_at: rfc3339(c.due_at),
        extensions_left: c.extensions_left,
        state: "open".into(),
    }
}

#[utoipa::path(post, path = "/api/checkins", operation_id = "start_checkin", tag = "check-ins",
    request_body = StartCheckin, responses((status = 201, body = CheckinBody)))]
pub async fn start_checkin(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<StartCheckin>,
) -> Result<Response, AppError> {
    let minutes = b
        .minutes
        .ok_or_else(|| AppError::invalid("error-checkin-minutes", &["minutes"]))?;
    let c = checkins::start(
        &state,
        &u.account,
        &Start {
            minutes,
            note: b.note.as_deref(),
            buyer: b.buyer.as_deref(),
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(checkin_body(&c))).into_response())
}

#[utoipa::path(get, path = "/api/checkins", operation_id = "list_checkins", tag = "check-ins",
    responses((status = 200, body = [CheckinBody], description = "[] or her one open check-in")))]
pub async fn list_checkins(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<CheckinBody>>, AppError> {
    let open = checkins::open(&state, &u.account).await?;
    Ok(axum::Json(open.iter().map(checkin_body).collect()))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct SafeBody {
    /// The check-in PIN (or the duress PIN).
    pub pin: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Ended {
    /// Always `ended`.
    pub state: String,
}

#[utoipa::path(post, path = "/api/checkins/{id}/safe", operation_id = "checkin_safe",
    tag = "check-ins", request_body(content = Option<SafeBody>, description = "optional"),
    params(("id" = String, Path, description = "the check-in")),
    responses((status = 200, body = Ended, description = "ended: the same bytes for the duress PIN")))]
pub async fn safe(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<axum::Json<Ended>, AppError> {
    // No body, or `null`, is "I'm safe" without a PIN.
    let b: SafeBody = if body.iter().all(u8::is_ascii_whitespace) {
        SafeBody::default()
    } else {
        serde_json::from_slice::<Option<SafeBody>>(&body)
            .map_err(|_| AppError::invalid("error-json", &[]))?
            .unwrap_or_default()
    };
    let id = parse_id(&id).ok_or_else(not_found)?;
    checkins::safe(&state, &u.account, id, b.pin.as_deref()).await?;
    // The one answer for "I'm safe" and the duress PIN (R6.6).
    Ok(axum::Json(Ended {
        state: "ended".into(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Extended {
    pub due_at: String,
    pub extensions_left: i64,
}

#[utoipa::path(post, path = "/api/checkins/{id}/extend", operation_id = "checkin_extend",
    tag = "check-ins", params(("id" = String, Path, description = "the check-in")),
    responses((status = 200, body = Extended, description = "30 minutes later")))]
pub async fn extend(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Extended>, AppError> {
    let id = parse_id(&id).ok_or_else(not_found)?;
    let c = checkins::extend(&state, &u.account, id).await?;
    Ok(axum::Json(Extended {
        due_at: rfc3339(c.due_at),
        extensions_left: c.extensions_left,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Saved {
    /// Always `saved`.
    pub status: String,
}

#[utoipa::path(post, path = "/api/panic", operation_id = "panic", tag = "check-ins",
    responses((status = 200, body = Saved, description = "the alarm is raised; nothing else is said")))]
pub async fn panic(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Saved>, AppError> {
    checkins::panic(&state, &u.account).await?;
    Ok(axum::Json(Saved {
        status: "saved".into(),
    }))
}

// ---------------------------------------------------------------------------------------------
// Alarms

#[derive(Serialize, ToSchema)]
pub struct AlarmBody {
    pub id: String,
    pub seller: String,
    /// `missed_checkin`, `panic` or `duress`.
    pub kind: String,
    pub case: String,
    pub raised_at: String,
    pub note: Option<String>,
    pub buyer: Option<String>,
    pub checked_in_late_at: Option<String>,
    pub acknowledged_by: Option<String>,
    /// `open` or `closed`.
    pub state: String,
}

pub fn alarm_body(a: &AlarmView) -> AlarmBody {
    AlarmBody {
        id: a.id.to_string(),
        seller: a.seller.clone(),
        kind: a.kind.as_str().into(),
        case: a.case.clone(),
        raised_at: rfc3339(a.raised_at),
        note: a.note.clone(),
        buyer: a.buyer.clone(),
        checked_in_late_at: a.checked_in_late_at.map(rfc3339),
        acknowledged_by: a.acknowledged_by.clone(),
        state: if a.closed { "closed" } else { "open" }.into(),
    }
}

#[utoipa::path(get, path = "/api/alarms", operation_id = "list_alarms", tag = "alarms",
    params(("X-Tessera-Poll" = Option<String>, Header, description = "Sent by a page's polling script (R6.7): the request does not count as activity, so the session still reaches its idle timeout (R2.7).")),
    responses((status = 200, body = [AlarmBody], description = "the alarms of the sellers the caller watches over, open ones first")))]
pub async fn list_alarms(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<AlarmBody>>, AppError> {
    let list = alarms::list(&state, &u.account).await?;
    Ok(axum::Json(list.iter().map(alarm_body).collect()))
}

#[utoipa::path(post, path = "/api/alarms/{id}/ack", operation_id = "ack_alarm", tag = "alarms",
    params(("id" = String, Path, description = "the alarm")),
    responses((status = 200, body = AlarmBody, description = "\"I'm on it\": acknowledged_by set")))]
pub async fn ack_alarm(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<AlarmBody>, AppError> {
    let id = parse_id(&id).ok_or_else(not_found)?;
    let a = alarms::ack(&state, &u.account, id).await?;
    Ok(axum::Json(alarm_body(&a)))
}

#[utoipa::path(post, path = "/api/alarms/{id}/close", operation_id = "close_alarm", tag = "alarms",
    params(("id" = String, Path, description = "the alarm")),
    responses((status = 200, body = AlarmBody, description = "closed")))]
pub async fn close_alarm(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<AlarmBody>, AppError> {
    let id = parse_id(&id).ok_or_else(not_found)?;
    let a = alarms::close(&state, &u.account, id).await?;
    Ok(axum::Json(alarm_body(&a)))
}
