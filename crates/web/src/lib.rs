//! tessera-web: the axum application. Handlers parse input into domain types, authenticate,
//! call a use case of `tessera-app` and render HTML or JSON; no rule of the charter is decided
//! here. One room per area (`auth`, `accounts`, `screening`), each with its API, pages and
//! views; `pages` and `api` hold the routers and what every page or endpoint shares.

#![forbid(unsafe_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use tokio::net::TcpListener;

pub mod accounts;
pub mod api;
pub mod auth;
pub mod config;
pub mod drain;
pub mod error;
pub mod error_shape;
pub mod governance;
pub mod i18n;
pub mod mail;
pub mod middleware;
pub mod network;
pub mod ops;
pub mod pages;
pub mod screening;
pub mod state;
pub mod timefmt;
pub mod tls;

pub use config::WebConfig;
pub use state::AppState;
pub use tessera_app::Limits;

/// The whole application. Layers run outside-in: request timeout, drain unread bodies, log,
/// headers, per-address limit, session, the alarm notice of seller pages (R6.7), error shape,
/// CSRF, then the handler.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(ops::routes(&state))
        .nest("/api", api::routes())
        .layer(from_fn_with_state(state.clone(), auth::csrf::protect))
        .layer(from_fn(error_shape::shape))
        .layer(from_fn_with_state(state.clone(), governance::banner::load))
        .layer(from_fn_with_state(
            state.clone(),
            network::safety::notice::load,
        ))
        .layer(from_fn_with_state(state.clone(), auth::session::load))
        .layer(from_fn_with_state(state.clone(), middleware::limit_ip))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .layer(from_fn(middleware::security_headers))
        .layer(from_fn(middleware::log_request))
        .layer(from_fn(drain::drain_unread))
        .layer(from_fn_with_state(
            state.clone(),
            middleware::request_timeout,
        ))
        .with_state(state)
}

/// A bound, not yet serving application (like Zero To Production's `Application`): tests bind
/// port 0 and read the port back.
pub struct Application {
    listener: TcpListener,
    router: Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    header_read_timeout: Duration,
}

impl Application {
    pub async fn bind(
        state: AppState,
        addr: SocketAddr,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> std::io::Result<Application> {
        let listener = TcpListener::bind(addr).await?;
        Ok(Application::from_listener(state, listener, tls))
    }

    /// For a caller that bound the listener first (to learn the port before building state).
    pub fn from_listener(
        state: AppState,
        listener: TcpListener,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> Application {
        Application {
            header_read_timeout: state.config.header_read_timeout,
            listener,
            router: app(state),
            tls,
        }
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run(self) -> std::io::Result<()> {
        self.run_until(std::future::pending(), Duration::ZERO).await
    }

    /// Serves until `shutdown` completes, then shuts down gracefully: stops accepting, lets the
    /// requests in flight finish for at most `grace`, and returns (SIGTERM/SIGINT in `tessera
    /// serve`). Idle keep-alive connections are closed at once.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
        grace: Duration,
    ) -> std::io::Result<()> {
        let svc = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let std_listener = self.listener.into_std()?;
        let handle = axum_server::Handle::new();
        let stopper = handle.clone();
        tokio::spawn(async move {
            shutdown.await;
            stopper.graceful_shutdown(Some(grace));
        });
        // One server for both, so both get the same limits: a client has
        // `header_read_timeout` to send its headers (ASVS 15.2.2; on HTTP/2 idle connections
        // are pinged and dropped).
        let t = self.header_read_timeout;
        match self.tls {
            None => {
                let mut server = axum_server::from_tcp(std_listener).handle(handle);
                limits(server.http_builder(), t);
                server.serve(svc).await
            }
            Some(cfg) => {
                let mut server = axum_server::from_tcp_rustls(
                    std_listener,
                    axum_server::tls_rustls::RustlsConfig::from_config(cfg),
                )
                .handle(handle);
                limits(server.http_builder(), t);
                server.serve(svc).await
            }
        }
    }
}

/// The connection limits of both servers (ASVS 15.2.2).
fn limits(b: &mut hyper_util::server::conn::auto::Builder<TokioExecutor>, header_read: Duration) {
    b.http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read);
    b.http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(Duration::from_secs(10));
}
