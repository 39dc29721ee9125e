//! CSRF protection (SPEC R2.8) for every state-changing request, in one place:
//! - a sent `Origin` must be this site's;
//! - JSON API requests with a session carry `X-CSRF-Token` equal to the session's token;
//! - form posts carry a `csrf` field equal to the session's token, or, before login, to the
//!   anonymous `__Host-tessera-csrf` cookie (double submit).
//!
//! GET never changes state: the router has no GET handler that writes.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::session::{cookie, Ctx, CurrentUser, PageCsrf, ANON_CSRF_COOKIE};
use crate::error::AppError;
use crate::i18n::Lang;

/// Form bodies are small; anything larger is refused before parsing.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

fn origin_ok(req: &Request) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN) else {
        return true;
    };
    // With `Referrer-Policy: no-referrer` (R8.5) browsers send `Origin: null` even for
    // same-origin form posts: it carries no origin, so it counts as not sent and the token
    // decides.
    if origin.as_bytes() == b"null" {
        return true;
    }
    let Some(host) = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let origin = origin.to_str().unwrap_or("");
    let origin_host = origin.split_once("://").map_or("", |(_, h)| h);
    origin_host.eq_ignore_ascii_case(host)
}

/// 403: JSON for the API, the error page in the reader's language for pages.
fn forbidden(req: &Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return AppError::forbidden("error-csrf").into_response();
    }
    refuse_page(&req.extensions().clone())
}

fn refuse_page(ext: &axum::http::Extensions) -> Response {
    let ctx = Ctx {
        user: ext.get::<CurrentUser>().cloned(),
        lang: ext.get::<Lang>().copied().unwrap_or_default(),
        csrf: ext
            .get::<PageCsrf>()
            .map(|c| c.0.clone())
            .unwrap_or_default(),
    };
    crate::pages::error_page(&ctx, &AppError::forbidden("error-csrf"))
}

pub async fn protect(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if !origin_ok(&req) {
        return forbidden(&req);
    }
    let session_token = req
        .extensions()
        .get::<CurrentUser>()
        .map(|u| u.session.csrf_token.clone());
    if req.uri().path().starts_with("/api/") {
        if let Some(expected) = session_token {
            let sent = req
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same(sent, &expected) {
                return forbidden(&req);
            }
        }
        return next.run(req).await;
    }
    let expected = match session_token {
        Some(t) => t,
        None => match cookie(req.headers(), ANON_CSRF_COOKIE) {
            Some(c) => c.to_owned(),
            None => return forbidden(&req),
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
        return refuse_page(&parts.extensions);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
