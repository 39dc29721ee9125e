//! Server-side sessions (SPEC R2.7): a 160-bit token in the `__Host-tessera` cookie, only its
//! SHA-256 in the database; idle and absolute timeouts; last-seen written at most once a minute
//! so that a page view is not a database write.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Extensions, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::sessions::NewSession;

pub use super::current::{CurrentUser, UserData};
use crate::error::AppError;
use crate::i18n::Lang;
pub use crate::network::safety::notice::WatchNotice;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "__Host-tessera";
pub const ANON_CSRF_COOKIE: &str = "__Host-tessera-csrf";
/// How stale `last_seen_at` may get before a request refreshes it.
const TOUCH_EVERY_SECS: i64 = 60;
/// Sent by the pages' own background requests (static/watch.js polling for alarms, R6.7): they
/// authenticate as usual but do not count as activity, so a page left open still reaches the
/// idle timeout (R2.7). A client that leaves it off only keeps her own session alive longer.
pub const POLL_HEADER: &str = "x-tessera-poll";

/// Whether `path` is an HTML page (not the API, an asset, or a health probe).
pub fn is_page(path: &str) -> bool {
    !path.starts_with("/api/")
        && !path.starts_with("/static/")
        && !crate::ops::is_probe(path)
        && path != "/robots.txt"
}

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
/// every login (R2.7), and the session the browser presented, if any, ends (ASVS 7.2.4):
/// whoever copied the old cookie does not keep a session.
pub async fn start(
    state: &AppState,
    account_id: tessera_core::AccountId,
    replacing: Option<&CurrentUser>,
) -> Result<(HeaderValue, String), AppError> {
    tessera_app::accounts::require_not_suspended(state, account_id).await?;
    if let Some(old) = replacing {
        state.store.delete_session(&old.token_hash).await?;
    }
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

/// Gives the request's session a new token, keeping everything else (ASVS 7.2.4: a
/// re-authentication, such as a credential change, rotates the token); the cookie to set.
pub async fn rotate(state: &AppState, user: &CurrentUser) -> Result<HeaderValue, AppError> {
    let token = random_token(20);
    state
        .store
        .rotate_session(&user.token_hash, &token_hash(&token))
        .await?;
    Ok(set_cookie_value(SESSION_COOKIE, &token, None))
}

pub fn clear_cookie() -> HeaderValue {
    set_cookie_value(SESSION_COOKIE, "", Some(0))
}

async fn current_user(
    state: &AppState,
    token: &str,
    now: i64,
    activity: bool,
) -> Result<Option<CurrentUser>, AppError> {
    let hash = token_hash(token);
    let Some(user) = state.store.cached_session(&hash).await? else {
        return Ok(None);
    };
    let seen = user.session.last_seen_at;
    let idle = now - seen >= state.config.idle_secs();
    let expired = now - user.session.created_at >= state.config.absolute_secs();
    if idle || expired {
        state.store.delete_session(&hash).await?;
        return Ok(None);
    }
    if activity && now - seen >= TOUCH_EVERY_SECS {
        state.store.touch_session(&hash, now).await?;
        let mut session = user.session.clone();
        session.last_seen_at = now;
        let touched = Arc::new(UserData {
            account: user.account.clone(),
            session,
            token_hash: hash,
        });
        state.store.recache_session(touched.clone());
        return Ok(Some(CurrentUser(touched)));
    }
    Ok(Some(CurrentUser(user)))
}

/// Loads the session (if any), the page language and the page's CSRF token into request
/// extensions, and sets the anonymous CSRF cookie on a first visit to a page.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = state.now();
    let activity = !req.headers().contains_key(POLL_HEADER);
    let user = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => match current_user(&state, token, now, activity).await {
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
    let is_page = is_page(req.uri().path());
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
        if crate::accounts::settings::totp_gated(&state, &u) && !enrolment_path(&req) {
            return totp_gate(is_page);
        }
        req.extensions_mut().insert(u);
    }
    let mut resp = next.run(req).await;
    if let (true, Some(id)) = (changes, account_id) {
        state.store.forget_cached_sessions(id);
    }
    if let Some(t) = new_anon {
        resp.headers_mut().append(
            header::SET_COOKIE,
            set_cookie_value(ANON_CSRF_COOKIE, &t, None),
        );
    }
    resp
}

/// What a seller who must still turn TOTP on may reach (ASVS 6.3.3): the enrolment, logout,
/// her session, and what every page needs.
fn enrolment_path(req: &Request) -> bool {
    let path = req.uri().path();
    let get = *req.method() == axum::http::Method::GET;
    path.starts_with("/static/")
        || path == "/healthz"
        || path == "/logout"
        || path == "/api/session"
        || path == "/settings/totp/confirm"
        || (get && (path == "/settings/totp" || path == "/api/openapi.json"))
}

/// Everything else: pages go to the enrolment, the API answers 403 `totp_required`.
fn totp_gate(is_page: bool) -> Response {
    if is_page {
        Redirect::to("/settings/totp").into_response()
    } else {
        AppError::from(tessera_app::accounts::AccountsError::TotpEnrolmentRequired).into_response()
    }
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

/// A local path to return to after login (R2.8, ASVS 3.7.2): one `/`, then neither `/` nor
/// `\`, only visible ASCII, and the same once percent-decoded, so no `//host`, `/\host` or a
/// tab or newline that a browser would drop to make one (`/%09/evil.example`). Anything else
/// goes to the dashboard.
pub fn safe_next(next: Option<&str>) -> &str {
    fn local(p: &[u8]) -> bool {
        p.first() == Some(&b'/')
            && !matches!(p.get(1), Some(b'/' | b'\\'))
            && !p.iter().any(|b| b.is_ascii_control() || *b == b'\\')
    }
    match next {
        Some(n) => {
            // Decoded, a pseudonym may hold letters beyond ASCII (R2.2); raw, it is all ASCII.
            let decoded: Vec<u8> = percent_encoding::percent_decode_str(n).collect();
            if n.bytes().all(|b| b.is_ascii_graphic()) && local(n.as_bytes()) && local(&decoded) {
                n
            } else {
                "/dashboard"
            }
        }
        None => "/dashboard",
    }
}

/// The optional account, the language and the CSRF token of a page request, and for a seller
/// who watches over someone, the open alarms of those she watches over (R6.7).
pub struct Ctx {
    pub user: Option<CurrentUser>,
    pub lang: Lang,
    pub csrf: String,
    pub watch: Option<WatchNotice>,
    /// An emergency change of the scoring is in force (R7.5).
    pub emergency: bool,
}

impl Ctx {
    /// What the middleware put into the request for its pages.
    pub fn from_extensions(ext: &Extensions) -> Ctx {
        Ctx {
            user: ext.get::<CurrentUser>().cloned(),
            lang: ext.get::<Lang>().copied().unwrap_or_default(),
            csrf: ext
                .get::<PageCsrf>()
                .map(|c| c.0.clone())
                .unwrap_or_default(),
            watch: ext.get::<WatchNotice>().copied(),
            emergency: ext
                .get::<crate::governance::banner::EmergencyBanner>()
                .is_some(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Ctx::from_extensions(&parts.extensions))
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn r2_8_asvs_3_7_2_login_returns_only_to_local_paths() {
        assert_eq!(
            safe_next(Some("/rate-seller?seller=Anna")),
            "/rate-seller?seller=Anna"
        );
        assert_eq!(safe_next(Some("/s/ABC?x=%2F")), "/s/ABC?x=%2F");
        assert_eq!(
            safe_next(Some("/lookup?pseudonym=Ren%C3%A9e")),
            "/lookup?pseudonym=Ren%C3%A9e"
        );
        for bad in [
            "//evil.example/x",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "",
            // ASVS 3.7.2: browsers drop tabs and newlines, leaving `//evil.example`.
            "/\t/evil.example",
            "/%09/evil.example",
            "/\n/evil.example",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/ /evil.example",
            "/\u{7f}/evil.example",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(Some(bad)), "/dashboard", "{bad}");
        }
        assert_eq!(safe_next(None), "/dashboard");
    }
}
