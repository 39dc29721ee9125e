//! One error shape per kind of path (issue 10 part 4, API.md "Errors"). Some refusals are made
//! by the framework, not by a handler: 405 for a method a route does not have (an empty body
//! with `Allow`), 400 or 415 from a path or body extractor (plain text), 413 before a form is
//! parsed. On `/api/` every error answer is the API's JSON `{"error", "message"}`; on a page it
//! is the error page in the reader's language. Headers such as `Allow` and `Retry-After` stay.

use axum::extract::Request;
use axum::http::{header, Extensions, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::session::Ctx;
use crate::error::AppError;

/// The API's code and message for a status the framework answered.
fn api_error(status: StatusCode) -> AppError {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            AppError::new(status, "method_not_allowed", "error-method-not-allowed")
        }
        StatusCode::PAYLOAD_TOO_LARGE => AppError::too_large(),
        StatusCode::NOT_FOUND => AppError::not_found("error-not-found"),
        StatusCode::UNAUTHORIZED => AppError::unauthenticated(),
        StatusCode::FORBIDDEN => AppError::forbidden("error-csrf"),
        s if s.is_server_error() => AppError::internal(),
        // 400, 411, 415, 422 … from an extractor: the request could not be read.
        _ => AppError::invalid("error-request", &[]),
    }
}

fn is(resp: &Response, mime: &str) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(mime))
}

fn page_ctx(ext: &Extensions) -> Ctx {
    Ctx::from_extensions(ext)
}

pub async fn shape(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    // The operator's probes answer in plain text, for their tools.
    if crate::ops::is_probe(req.uri().path()) {
        return next.run(req).await;
    }
    let head = *req.method() == axum::http::Method::HEAD;
    let ext = if api {
        None
    } else {
        Some(req.extensions().clone())
    };
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) || head {
        return resp;
    }
    let fresh = match &ext {
        None if !is(&resp, "application/json") => {
            let mut e = api_error(status);
            e.status = status;
            e.into_response()
        }
        Some(ext) if !is(&resp, "text/html") => {
            let mut e = api_error(status);
            e.status = status;
            if status == StatusCode::NOT_FOUND {
                e.key = "error-page-not-found";
            }
            crate::pages::error_page(&page_ctx(ext), &e)
        }
        _ => return resp,
    };
    let (mut parts, _) = resp.into_parts();
    let (new_parts, body) = fresh.into_parts();
    // Keep what the first answer said about the request (`Allow`, `Retry-After`, …) and take
    // the new body's type and length.
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH] {
        parts.headers.remove(&name);
        if let Some(v) = new_parts.headers.get(&name) {
            parts.headers.insert(name, v.clone());
        }
    }
    Response::from_parts(parts, body)
}
