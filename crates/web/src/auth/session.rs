//! Server-side sessions (SPEC R2.7): a 160-bit token in the `__Host-tessera` cookie, only its
//! SHA-256 in the database; idle and absolute timeouts; last-seen written at most once a minute
//! so that a page view is not a database write.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::sessions::NewSession;

pub use super::current::{CurrentUser, UserData};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "__Host-tessera";
pub const ANON_CSRF_COOKIE: &str = "__Host-tessera-csrf";
/// How stale `last_seen_at` may get before a request refreshes it.
const TOUCH_EVERY_SECS: i64 = 60;

/// The CSRF token a form on this page must carry: the session's, or the anonymous cookie's.
#[derive(Clone, Debug)]
pub struct PageCsrf(pub String);

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn set_cookie_value(name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let age = max_age
        .map(|a| format!("; Max-Age={a}"))
        .unwrap_or_default();
    let v = format!("{name}={value}; Secure; HttpOnly; SameSite=Strict; Path=/{age}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Creates a session for the account and returns (cookie header, csrf token). A new token at
/// every login (R2.7).
pub async fn start(
    state: &AppState,
    account_id: tessera_core::AccountId,
) -> Result<(HeaderValue, String), AppError> {
    let token = random_token(20);
    let csrf = random_token(20);
    let handle = random_token(10);
    let hash = token_hash(&token);
    state
        .store
        .create_session(&NewSession {
            token_hash: &hash,
            handle: &handle,
            account_id,
            csrf_token: &csrf,
            now: state.now(),
        })
        .await?;
    Ok((set_cookie_value(SESSION_COOKIE, &token, None), csrf))
}

pub fn clear_cookie() -> HeaderValue {
    set_cookie_value(SESSION_COOKIE, "", Some(0))
}

async fn current_user(
    state: &AppState,
    token: &str,
    now: i64,
) -> Result<Option<CurrentUser>, AppError> {
    let hash = token_hash(token);
    let (user, cached) = match state.sessions.get(&hash) {
        Some(u) => (u, true),
        None => match state.store.session(&hash).await? {
            Some((session, account)) => {
                let data = UserData {
                    account,
                    session,
                    token_hash: hash.clone(),
                };
                (CurrentUser(Arc::new(data)), false)
            }
            None => return Ok(None),
        },
    };
    let seen = user.session.last_seen_at;
    let idle = now - seen >= state.config.idle_secs();
    let expired = now - user.session.created_at >= state.config.absolute_secs();
    if idle || expired {
        state.sessions.remove(&hash);
        state.store.delete_session(&hash).await?;
        return Ok(None);
    }
    if now - seen >= TOUCH_EVERY_SECS {
        state.store.touch_session(&hash, now).await?;
        let mut session = user.session.clone();
        session.last_seen_at = now;
        let touched = CurrentUser(Arc::new(UserData {
            account: user.account.clone(),
            session,
            token_hash: hash,
        }));
        state.sessions.put(touched.clone());
        return Ok(Some(touched));
    }
    if !cached {
        state.sessions.put(user.clone());
    }
    Ok(Some(user))
}

/// Loads the session (if any), the page language and the page's CSRF token into request
/// extensions, and sets the anonymous CSRF cookie on a first visit to a page.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = state.now();
    let user = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => match current_user(&state, token, now).await {
            Ok(u) => u,
            Err(e) => {
                tracing::error!(error = e.code, "session lookup failed");
                return AppError::internal().into_response();
            }
        },
        None => None,
    };
    let changes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let account_id = user.as_ref().map(|u| u.account.id);
    let lang = user
        .as_ref()
        .and_then(|u| u.account.settings.language.as_deref())
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::from_accept_language)
                .unwrap_or_default()
        });
    req.extensions_mut().insert(lang);
    // Only HTML pages carry forms, so only they need the anonymous CSRF cookie.
    let path = req.uri().path();
    let is_page = !path.starts_with("/api/") && !path.starts_with("/static/") && path != "/healthz";
    let mut new_anon = None;
    let csrf = match &user {
        Some(u) => u.session.csrf_token.clone(),
        None => match cookie(req.headers(), ANON_CSRF_COOKIE) {
            Some(v) if v.len() >= 26 => v.to_owned(),
            _ if is_page => {
                let t = random_token(20);
                new_anon = Some(t.clone());
                t
            }
            _ => String::new(),
        },
    };
    req.extensions_mut().insert(PageCsrf(csrf));
    if let Some(u) = user {
        req.extensions_mut().insert(u);
    }
    let mut resp = next.run(req).await;
    if let (true, Some(id)) = (changes, account_id) {
        state.sessions.evict_account(id);
    }
    if let Some(t) = new_anon {
        resp.headers_mut().append(
            header::SET_COOKIE,
            set_cookie_value(ANON_CSRF_COOKIE, &t, None),
        );
    }
    resp
}

/// A logged-in account, for the JSON API: 401 otherwise.
pub struct ApiUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(ApiUser)
            .ok_or_else(AppError::unauthenticated)
    }
}

/// A logged-in account, for pages: a redirect to the login page otherwise.
pub struct PageUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for PageUser {
    type Rejection = Redirect;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Redirect> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(PageUser)
            .ok_or_else(|| {
                // Come back here after logging in (GET pages only; forms start over).
                let target = parts
                    .uri
                    .path_and_query()
                    .map_or("/dashboard", axum::http::uri::PathAndQuery::as_str);
                if parts.method == axum::http::Method::GET && target != "/dashboard" {
                    let next: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
                    Redirect::to(&format!("/login?next={next}"))
                } else {
                    Redirect::to("/login")
                }
            })
    }
}

/// A local path to return to after login: only same-site paths, never `//host` or a scheme.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.contains("://") =>
        {
            n
        }
        _ => "/dashboard",
    }
}

/// The optional account, the language and the CSRF token of a page request.
pub struct Ctx {
    pub user: Option<CurrentUser>,
    pub lang: Lang,
    pub csrf: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Ctx {
            user: parts.extensions.get::<CurrentUser>().cloned(),
            lang: parts.extensions.get::<Lang>().copied().unwrap_or_default(),
            csrf: parts
                .extensions
                .get::<PageCsrf>()
                .map(|c| c.0.clone())
                .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn r2_8_login_returns_only_to_local_paths() {
        assert_eq!(
            safe_next(Some("/rate-seller?seller=Anna")),
            "/rate-seller?seller=Anna"
        );
        for bad in [
            "//evil.example/x",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/dashboard", "{bad}");
        }
        assert_eq!(safe_next(None), "/dashboard");
    }
}
