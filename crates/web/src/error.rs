//! One error type for the web layer. Its message is a Fluent message id, so the JSON API
//! (English) and the pages (the reader's language) say the same thing in the charter's wording.
//! Database and internal errors never reach the client: they are logged once, without request
//! data, and answered with a plain 500. Each area maps its use-case errors in its own
//! `errors.rs` (`accounts::errors`, `screening::errors`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tessera_store::StoreError;

use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    /// Fluent message id of the human sentence.
    pub key: &'static str,
    pub fields: Vec<&'static str>,
    pub retry_after: Option<u64>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    message: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fields: &'a [&'static str],
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, key: &'static str) -> Self {
        AppError {
            status,
            code,
            key,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// 400 `invalid_input`, naming the offending fields.
    pub fn invalid(key: &'static str, fields: &[&'static str]) -> Self {
        AppError {
            fields: fields.to_vec(),
            ..Self::new(StatusCode::BAD_REQUEST, "invalid_input", key)
        }
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "error-unauthenticated",
        )
    }

    pub fn forbidden(key: &'static str) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", key)
    }

    pub fn not_found(key: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", key)
    }

    pub fn conflict(code: &'static str, key: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, code, key)
    }

    pub fn rate_limited(code: &'static str, key: &'static str, retry_after: u64) -> Self {
        AppError {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, code, key)
        }
    }

    pub fn too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "error-too-large",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "error-internal",
        )
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    pub fn message(&self, lang: Lang) -> String {
        lang.t(self.key)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => AppError::conflict("conflict", "error-conflict"),
            StoreError::NotFound => AppError::not_found("error-not-found"),
            other => {
                // The store's message names tables and constraints, never user data.
                tracing::error!(error = %other, "store error");
                AppError::internal()
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = Body {
            error: self.code,
            message: self.message(Lang::En),
            fields: &self.fields,
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        self.add_retry_after(&mut resp);
        resp
    }
}

impl AppError {
    /// The `Retry-After` of a 429 (R9.3), on whatever answer carries this error: JSON, the
    /// error page, or a form page shown again with the error.
    pub fn add_retry_after(&self, resp: &mut Response) {
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
    }
}
