//! What the operator's tools read (SPEC R9.6): `/healthz` (the process answers), `/readyz`
//! (the database answers and its schema is current) and `/metrics` (Prometheus text: aggregate
//! counters and latency histograms, no per-user label). `/metrics` is served on the admin
//! listener (`--admin-listen`, for a loopback or private address) or, on the public address,
//! only with the bearer token of `--metrics-token-file`; with neither it does not exist (404).

use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use crate::state::AppState;

const REQUESTS: &str = "tessera_http_requests_total";
const LATENCY: &str = "tessera_http_request_duration_seconds";
const POOL: &str = "tessera_db_pool_connections";

/// Latency buckets in seconds: a lookup takes about a millisecond, an Argon2 login a few
/// hundred.
const BUCKETS: &[f64] = &[
    0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's metrics recorder, once; `None` if another recorder was installed
/// first. Until this runs (metrics off) every counter in the code is a no-op.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), BUCKETS)
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            tessera_app::metrics::describe();
            metrics::describe_counter!(
                REQUESTS,
                "HTTP requests by method, route template and status"
            );
            metrics::describe_histogram!(
                LATENCY,
                metrics::Unit::Seconds,
                "HTTP request latency by method and route template"
            );
            metrics::describe_gauge!(POOL, "Database connections of this process, by state");
            Some(handle)
        })
        .as_ref()
}

/// One request, by its route *template* (never the concrete path, which may hold a
/// pseudonym; R8.4), method and status.
pub fn record_request(method: &axum::http::Method, route: &str, status: u16, elapsed: Duration) {
    if HANDLE.get().is_none_or(Option::is_none) {
        return;
    }
    let method = method_label(method);
    metrics::counter!(REQUESTS, "method" => method, "route" => route.to_owned(), "status" => status.to_string())
        .increment(1);
    metrics::histogram!(LATENCY, "method" => method, "route" => route.to_owned())
        .record(elapsed.as_secs_f64());
}

/// A method from the closed list; anything else is "other", so a client cannot make labels.
fn method_label(m: &axum::http::Method) -> &'static str {
    match m.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

/// The Prometheus text, with the pool gauges read now.
fn render(state: &AppState) -> Response {
    let Some(handle) = HANDLE.get().and_then(Option::as_ref) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (in_use, idle) = state.store.pool_use();
    #[allow(clippy::cast_precision_loss)] // a few dozen connections
    {
        metrics::gauge!(POOL, "state" => "in_use").set(in_use as f64);
        metrics::gauge!(POOL, "state" => "idle").set(idle as f64);
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// `/readyz`: 200 when the database answers and every migration this build knows is applied;
/// 503 otherwise, with the reason (no data).
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.schema_version().await {
        Ok(v) if v.current() => (StatusCode::OK, "ready").into_response(),
        Ok(v) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: schema {} of {}", v.applied, v.known),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database does not answer",
            )
                .into_response()
        }
    }
}

/// `/metrics` on the public address: only with the configured bearer token (compared in
/// constant time).
async fn metrics_with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.config.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let expected = format!("Bearer {}", token.expose_secret());
    let given = headers
        .get(header::AUTHORIZATION)
        .map(axum::http::HeaderValue::as_bytes)
        .unwrap_or_default();
    if bool::from(given.ct_eq(expected.as_bytes())) {
        render(&state)
    } else {
        (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a bearer token is needed",
        )
            .into_response()
    }
}

/// The operator's paths: plain text for tools, not pages.
pub fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// The probes on the public address; `/metrics` only when a token is configured.
pub fn routes(state: &AppState) -> Router<AppState> {
    let r = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz));
    if state.config.metrics_token.is_some() {
        r.route("/metrics", get(metrics_with_token))
    } else {
        r
    }
}

/// The admin listener's router: the probes and `/metrics` without a token (bind it to a
/// loopback or private address).
pub fn admin_app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route(
            "/metrics",
            get(|State(s): State<AppState>| async move { render(&s) }),
        )
        .with_state(state)
}

/// Serves the admin listener until the process ends.
pub async fn serve_admin(listener: tokio::net::TcpListener, state: AppState) {
    if let Err(e) = axum::serve(listener, admin_app(state)).await {
        tracing::error!(error = %e, "the admin listener stopped");
    }
}
