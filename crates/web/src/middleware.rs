//! The request envelope: one log line per request (SPEC R8.4), security headers (R8.5) and the
//! per-address limit (R9.3).

use std::time::Instant;

use tracing::Instrument;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::client_ip::client_ip;
use crate::error::AppError;
use crate::state::AppState;

/// Method, route template (never the concrete path: it may hold a pseudonym), status and
/// latency. Nothing else: no address, no query, no header, no body (R8.4). What the request
/// logs meanwhile (the security events of ASVS 16.3, `tessera_app::security`) carries the
/// route through the request's span.
pub async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    // MatchedPath is shared (an Arc), so keeping it costs no copy of the template.
    let route = req.extensions().get::<MatchedPath>().cloned();
    let span = tracing::info_span!(
        target: "tessera::http",
        "request",
        route = %route.as_ref().map_or("(unmatched)", MatchedPath::as_str),
    );
    let resp = next.run(req).instrument(span).await;
    tracing::info!(
        target: "tessera::http",
        method = %method,
        route = %route.as_ref().map_or("(unmatched)", MatchedPath::as_str),
        status = resp.status().as_u16(),
        latency_ms = format_args!("{:.2}", start.elapsed().as_secs_f64() * 1000.0),
    );
    crate::ops::record_request(
        &method,
        route.as_ref().map_or("(unmatched)", MatchedPath::as_str),
        resp.status().as_u16(),
        start.elapsed(),
    );
    resp
}

pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// R8.5 headers on every response; `no-store` on everything but the static assets found.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/static/");
    let mut resp = next.run(req).await;
    // Only an asset that exists may be cached; a 404 under /static/ is not (a file added by
    // the next release must not stay "missing" in browsers for a day).
    let cache = is_static && resp.status().is_success();
    let h = resp.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, v: &'static str| {
        h.insert(name, HeaderValue::from_static(v));
    };
    set(
        h,
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=63072000; includeSubDomains",
    );
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("x-robots-tag"),
        "noindex, nofollow",
    );
    if cache {
        set(h, header::CACHE_CONTROL, "public, max-age=86400");
    } else {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    resp
}

/// The whole request, its body included, within the configured time (ASVS 15.2.2): a client
/// that trickles a body cannot hold a handler open; it gets 408 and the connection closes (the
/// outermost layer, so no draining of the body it is too slow to send). Logged like any
/// request, without the route, which the router had no time to match.
pub async fn request_timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let http1 = req.version() <= axum::http::Version::HTTP_11;
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::info!(target: "tessera::http", method = %method, route = "(timed out)", status = 408);
            let mut resp = AppError::new(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "error-request-timeout",
            )
            .into_response();
            if http1 {
                resp.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            resp
        }
    }
}

/// Per-address token bucket (R9.3). The address is used here and dropped.
pub async fn limit_ip(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.ip_limiter.enabled() {
        if let Some(ip) = client_ip(&req, state.config.trusted_proxy) {
            if let Err(wait) = state.ip_limiter.check(ip) {
                return AppError::rate_limited("rate_limited", "error-rate-limited", wait)
                    .into_response();
            }
        }
    }
    next.run(req).await
}
