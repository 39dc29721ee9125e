//! CSRF protection (SPEC R2.8) for every state-changing request, in one place:
//! - a sent `Origin` must be this site's;
//! - JSON API requests with a session carry `X-CSRF-Token` equal to the session's token;
//! - form posts carry a `csrf` field equal to the session's token, or, before login, to the
//!   anonymous `__Host-tessera-csrf` cookie (double submit).
//!
//! GET changes no state, with one exception the contract asks for: opening a screening link
//! or code uses it up (R4.11, `screening::links`); `SameSite=Strict` keeps another site from
//! making a seller's browser do it.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tessera_app::security::{self, SecurityEvent};

use super::session::{cookie, Ctx, CurrentUser, ANON_CSRF_COOKIE};
use crate::config::WebConfig;
use crate::error::AppError;
use crate::state::AppState;

/// Form bodies are small; anything larger is refused before parsing.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// An origin as browsers compare it: `(scheme, host[:port])`, lowercased, without the scheme's
/// default port, so `https://A.example:443` and `https://a.example` are one origin (the `url`
/// crate's WHATWG parsing). `None` for anything that is not an http(s) URL with a host, or that
/// carries credentials.
pub fn origin_parts(url: &str) -> Option<(String, String)> {
    let u = url::Url::parse(url).ok()?;
    if !matches!(u.scheme(), "http" | "https") || !u.username().is_empty() || u.password().is_some()
    {
        return None;
    }
    let host = u.host_str()?;
    let authority = match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    };
    Some((u.scheme().to_owned(), authority))
}

/// The authority the client addressed: the URI's (HTTP/2 `:authority`, absolute-form) or else
/// the `Host` header (HTTP/1.1).
fn request_authority(req: &Request) -> Option<&str> {
    match req.uri().authority() {
        Some(a) => Some(a.as_str()),
        None => req.headers().get(header::HOST)?.to_str().ok(),
    }
}

/// R2.8: a sent `Origin` must be this site's, scheme and authority. This site is the configured
/// base URL; when none was configured (it is derived from `--listen` and TLS), also the
/// authority the request addressed, with the scheme of the base URL (the one the server
/// speaks). The `Host` header alone would not do: HTTP/2 does not send it, and it says nothing
/// of the scheme.
fn origin_ok(req: &Request, config: &WebConfig) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN) else {
        return true;
    };
    // With `Referrer-Policy: no-referrer` (R8.5) browsers send `Origin: null` even for
    // same-origin form posts: it carries no origin, so it counts as not sent and the token
    // decides.
    if origin.as_bytes() == b"null" {
        return true;
    }
    let Some(sent) = origin.to_str().ok().and_then(origin_parts) else {
        return false;
    };
    let Some((scheme, authority)) = origin_parts(&config.base_url) else {
        return false;
    };
    if sent.0 != scheme {
        return false;
    }
    if sent.1 == authority {
        return true;
    }
    !config.base_url_configured
        && request_authority(req)
            .and_then(|a| origin_parts(&format!("{scheme}://{a}")))
            .is_some_and(|own| own.1 == sent.1)
}

/// 403: JSON for the API, the error page in the reader's language for pages.
fn forbidden(req: &Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return AppError::forbidden("error-csrf").into_response();
    }
    refuse_page(&req.extensions().clone())
}

fn refuse_page(ext: &axum::http::Extensions) -> Response {
    crate::pages::error_page(
        &Ctx::from_extensions(ext),
        &AppError::forbidden("error-csrf"),
    )
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    // Only the methods that change state are checked. Pages have no handler for any method
    // but GET and POST, so a PUT or TRACE to a page goes on to the router's 405 (issue 10)
    // rather than a CSRF refusal.
    let checked = if api {
        !matches!(
            *req.method(),
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
        )
    } else {
        *req.method() == Method::POST
    };
    if !checked {
        return next.run(req).await;
    }
    if !origin_ok(&req, &state.config) {
        security::log(SecurityEvent::OriginRefused);
        return forbidden(&req);
    }
    let session_token = req
        .extensions()
        .get::<CurrentUser>()
        .map(|u| u.session.csrf_token.clone());
    if api {
        if let Some(expected) = session_token {
            let sent = req
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same(sent, &expected) {
                security::log(SecurityEvent::CsrfRefused);
                return forbidden(&req);
            }
        }
        return next.run(req).await;
    }
    let expected = match session_token {
        Some(t) => t,
        None => match cookie(req.headers(), ANON_CSRF_COOKIE) {
            Some(c) => c.to_owned(),
            None => {
                security::log(SecurityEvent::CsrfRefused);
                return forbidden(&req);
            }
        },
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return AppError::too_large().into_response();
    };
    let sent = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    if !sent.is_some_and(|s| same(&s, &expected)) {
        security::log(SecurityEvent::CsrfRefused);
        return refuse_page(&parts.extensions);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::origin_parts;

    #[test]
    fn r2_8_origins_compare_by_scheme_and_authority() {
        let o = |s: &str| origin_parts(s).map(|(a, b)| format!("{a} {b}"));
        assert_eq!(
            o("https://A.example:443").as_deref(),
            Some("https a.example")
        );
        assert_eq!(
            o("https://a.example/path?q").as_deref(),
            Some("https a.example")
        );
        assert_eq!(
            o("http://a.example:8080").as_deref(),
            Some("http a.example:8080")
        );
        assert_eq!(o("http://[::1]:80").as_deref(), Some("http [::1]"));
        assert_eq!(o("https://user@a.example"), None);
        assert_eq!(o("ftp://a.example"), None);
        assert_eq!(o("null"), None);
    }
}
