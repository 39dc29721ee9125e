//! Messages in the web layer (SPEC R6.1, R6.3; API.md "### Messages"): the JSON API and the
//! pages `/messages` (her threads, a new thread) and `/messages/{id}` (one thread). Every message
//! shows when it will be deleted, in plain text, without script.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::{Deserialize, Serialize};
use tessera_app::network::messages::{self as uc, MessagesError, ThreadInput};
use tessera_store::network::messages::{MessageRow, ThreadRow};
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::{ApiUser, Ctx, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;
use crate::timefmt::rfc3339;

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/threads", post(create).get(list))
        .route("/threads/{id}/accept", post(accept))
        .route("/threads/{id}/messages", post(send).get(messages))
}

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/messages", get(threads_page).post(create_page))
        .route("/messages/{id}", get(thread_page).post(send_page))
        .route("/messages/{id}/accept", post(accept_page))
}

impl From<MessagesError> for AppError {
    fn from(e: MessagesError) -> Self {
        match e {
            MessagesError::SellersOnly => AppError::forbidden("error-sellers-only"),
            MessagesError::Invalid(field) => AppError::invalid("error-message-invalid", &[field]),
            MessagesError::NotFound => AppError::not_found("error-not-found"),
            MessagesError::NotAccepted => AppError::forbidden("error-thread-not-accepted"),
            MessagesError::Suspended => AppError::forbidden("error-thread-suspended"),
            MessagesError::Store(s) => s.into(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewThreadBody {
    /// "direct", "group" or "coop".
    pub kind: String,
    /// Direct: exactly one pseudonym; group: 1 to 50.
    pub members: Option<Vec<String>>,
    /// The coop's id (kind "coop").
    pub coop: Option<String>,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    pub expiry_days: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ThreadBody {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub coop: Option<String>,
    pub expiry_days: Option<i64>,
    /// "invited" or "active".
    pub state: String,
    pub unread: i64,
    pub last_at: Option<String>,
}

fn thread_body(t: ThreadRow) -> ThreadBody {
    ThreadBody {
        id: t.id,
        kind: t.kind,
        title: t.title,
        coop: t.coop_id,
        expiry_days: t.expiry_days,
        state: t.state,
        unread: t.unread,
        last_at: t.last_at.map(rfc3339),
    }
}

#[utoipa::path(post, path = "/api/threads", operation_id = "create_thread", request_body = NewThreadBody,
    responses((status = 201, body = ThreadBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Json(b): Json<NewThreadBody>,
) -> Result<Response, AppError> {
    let t = uc::create_thread(
        &state,
        &u.account,
        ThreadInput {
            kind: b.kind,
            members: b.members.unwrap_or_default(),
            coop: b.coop,
            title: b.title,
            expiry_days: b.expiry_days,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(thread_body(t))).into_response())
}

#[utoipa::path(get, path = "/api/threads", operation_id = "list_threads",
    responses((status = 200, body = [ThreadBody])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
) -> Result<axum::Json<Vec<ThreadBody>>, AppError> {
    let ts = uc::threads(&state, &u.account).await?;
    Ok(axum::Json(ts.into_iter().map(thread_body).collect()))
}

#[utoipa::path(post, path = "/api/threads/{id}/accept", operation_id = "accept_thread",
    params(("id" = String, Path)), responses((status = 200, body = ThreadBody)))]
pub async fn accept(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<ThreadBody>, AppError> {
    Ok(axum::Json(thread_body(
        uc::accept(&state, &u.account, &id).await?,
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct NewMessageBody {
    pub body: String,
    #[serde(default, deserialize_with = "crate::api::opt_whole_number")]
    pub expiry_days: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SentBody {
    pub id: String,
    pub sent_at: String,
    pub expires_at: String,
}

#[utoipa::path(post, path = "/api/threads/{id}/messages", operation_id = "send_message",
    params(("id" = String, Path)), request_body = NewMessageBody, responses((status = 201, body = SentBody)))]
pub async fn send(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
    Json(b): Json<NewMessageBody>,
) -> Result<Response, AppError> {
    let s = uc::send(&state, &u.account, &id, &b.body, b.expiry_days).await?;
    let body = SentBody {
        id: s.id,
        sent_at: rfc3339(s.sent_at),
        expires_at: rfc3339(s.expires_at),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct MessageBody {
    pub id: String,
    /// The author's pseudonym; null for a deleted account.
    pub author: Option<String>,
    pub body: String,
    pub sent_at: String,
    pub expires_at: String,
}

#[utoipa::path(get, path = "/api/threads/{id}/messages", operation_id = "read_messages",
    params(("id" = String, Path)), responses((status = 200, body = [MessageBody])))]
pub async fn messages(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<MessageBody>>, AppError> {
    let ms = uc::read(&state, &u.account, &id).await?;
    Ok(axum::Json(
        ms.into_iter()
            .map(|m| MessageBody {
                id: m.id,
                author: m.author,
                body: m.body,
                sent_at: rfc3339(m.sent_at),
                expires_at: rfc3339(m.expires_at),
            })
            .collect(),
    ))
}

// ---- pages ----

/// "3 Jan, 21:15 UTC" / "3. Jan., 21:15 UTC": when a message will be deleted, in words.
fn when(l: Lang, unix: i64) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DE: [&str; 12] = [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
        "Dez.",
    ];
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    let m = usize::from(u8::from(t.month())) - 1;
    match l {
        Lang::De => format!(
            "{}. {}, {:02}:{:02} UTC",
            t.day(),
            DE[m],
            t.hour(),
            t.minute()
        ),
        _ => format!(
            "{} {}, {:02}:{:02} UTC",
            t.day(),
            EN[m],
            t.hour(),
            t.minute()
        ),
    }
}

struct ThreadView {
    id: String,
    title: String,
    invited: bool,
    /// "2 unread", when there are any.
    unread: Option<String>,
}

fn thread_view(l: Lang, t: &ThreadRow) -> ThreadView {
    let kind = l.t(match t.kind.as_str() {
        "group" => "thread-kind-group",
        "coop" => "thread-kind-coop",
        _ => "thread-kind-direct",
    });
    ThreadView {
        id: t.id.clone(),
        title: t.title.clone().unwrap_or(kind),
        invited: t.state == "invited",
        unread: (t.unread > 0).then(|| l.ta("messages-unread", &[("n", t.unread.to_string())])),
    }
}

#[derive(Template)]
#[template(path = "network/threads.html")]
struct ThreadsPage {
    b: Base,
    threads: Vec<ThreadView>,
    error: Option<String>,
}

struct MessageView {
    author: String,
    body: String,
    deleted_on: String,
}

#[derive(Template)]
#[template(path = "network/thread.html")]
struct ThreadPage {
    b: Base,
    thread: ThreadView,
    messages: Vec<MessageView>,
    error: Option<String>,
}

async fn show_threads(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    match uc::threads(state, &u.account).await {
        Ok(ts) => render_status(
            status,
            &ThreadsPage {
                b: Base::from_ctx(ctx),
                threads: ts.iter().map(|t| thread_view(ctx.lang, t)).collect(),
                error,
            },
        ),
        Err(e) => error_page(ctx, &e.into()),
    }
}

pub async fn threads_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
) -> Response {
    show_threads(&state, &ctx, &u, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub struct NewThreadForm {
    members: String,
    title: Option<String>,
    expiry_days: Option<String>,
}

/// One form for both kinds: one pseudonym is a direct thread, several (comma-separated) a group.
pub async fn create_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<NewThreadForm>,
) -> Response {
    let members: Vec<String> = f
        .members
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect();
    let expiry = match opt(&f.expiry_days).map(str::parse::<i64>) {
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            let e = AppError::invalid("error-message-invalid", &["expiry_days"]);
            return show_threads(&state, &ctx, &u, e.status, Some(e.message(ctx.lang))).await;
        }
        None => None,
    };
    let kind = if members.len() == 1 {
        "direct"
    } else {
        "group"
    };
    let r = uc::create_thread(
        &state,
        &u.account,
        ThreadInput {
            kind: kind.into(),
            members,
            coop: None,
            title: f.title,
            expiry_days: expiry,
        },
    )
    .await;
    match r {
        Ok(t) => Redirect::to(&format!("/messages/{}", t.id)).into_response(),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() {
                return error_page(&ctx, &e);
            }
            show_threads(&state, &ctx, &u, e.status, Some(e.message(ctx.lang))).await
        }
    }
}

async fn show_thread(
    state: &AppState,
    ctx: &Ctx,
    u: &crate::auth::session::CurrentUser,
    id: &str,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let t = match uc::thread(state, &u.account, id).await {
        Ok(t) => t,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let messages = if t.state == "active" {
        match uc::read(state, &u.account, id).await {
            Ok(ms) => ms,
            Err(e) => return error_page(ctx, &e.into()),
        }
    } else {
        Vec::new()
    };
    let l = ctx.lang;
    let view = |m: MessageRow| MessageView {
        author: m.author.unwrap_or_else(|| l.t("message-author-deleted")),
        body: m.body,
        deleted_on: l.ta("message-deleted-on", &[("when", when(l, m.expires_at))]),
    };
    render_status(
        status,
        &ThreadPage {
            b: Base::from_ctx(ctx),
            thread: thread_view(l, &t),
            messages: messages.into_iter().map(view).collect(),
            error,
        },
    )
}

pub async fn thread_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    show_thread(&state, &ctx, &u, &id, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub struct SendForm {
    body: String,
}

pub async fn send_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<SendForm>,
) -> Response {
    match uc::send(&state, &u.account, &id, &f.body, None).await {
        Ok(_) => Redirect::to(&format!("/messages/{id}")).into_response(),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_server_error() || e.status == StatusCode::NOT_FOUND {
                return error_page(&ctx, &e);
            }
            show_thread(&state, &ctx, &u, &id, e.status, Some(e.message(ctx.lang))).await
        }
    }
}

pub async fn accept_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    match uc::accept(&state, &u.account, &id).await {
        Ok(_) => Redirect::to(&format!("/messages/{id}")).into_response(),
        Err(e) => error_page(&ctx, &e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r6_3_deletion_time_in_words() {
        // 2026-01-03 21:15 UTC.
        assert_eq!(when(Lang::En, 1_767_474_900), "3 Jan, 21:15 UTC");
        assert_eq!(when(Lang::De, 1_767_474_900), "3. Jan., 21:15 UTC");
    }
}
