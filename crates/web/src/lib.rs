//! tessera-web: the axum application. Handlers parse input into domain types, authenticate,
//! call a use case of `tessera-app` and render HTML or JSON; no rule of the charter is decided
//! here. One room per area (`auth`, `accounts`, `screening`), each with its API, pages and
//! views; `pages` and `api` hold the routers and what every page or endpoint shares.

#![forbid(unsafe_code)]

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use tokio::net::TcpListener;

pub mod accounts;
pub mod api;
pub mod auth;
pub mod config;
pub mod drain;
pub mod error;
pub mod error_shape;
pub mod i18n;
pub mod mail;
pub mod middleware;
pub mod pages;
pub mod screening;
pub mod state;
pub mod tls;

pub use config::WebConfig;
pub use state::AppState;
pub use tessera_app::Limits;

/// The whole application. Layers run outside-in: drain unread bodies, log, headers,
/// per-address limit, session, error shape, CSRF, then the handler.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .layer(from_fn_with_state(state.clone(), auth::csrf::protect))
        .layer(from_fn(error_shape::shape))
        .layer(from_fn_with_state(state.clone(), auth::session::load))
        .layer(from_fn_with_state(state.clone(), middleware::limit_ip))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .layer(from_fn(middleware::security_headers))
        .layer(from_fn(middleware::log_request))
        .layer(from_fn(drain::drain_unread))
        .with_state(state)
}

/// A bound, not yet serving application (like Zero To Production's `Application`): tests bind
/// port 0 and read the port back.
pub struct Application {
    listener: TcpListener,
    router: Router,
    tls: Option<Arc<rustls::ServerConfig>>,
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
        match self.tls {
            None => {
                let (fired, was_fired) = tokio::sync::oneshot::channel::<()>();
                let serving = axum::serve(self.listener, svc)
                    .with_graceful_shutdown(async move {
                        shutdown.await;
                        let _ = fired.send(());
                    })
                    .into_future();
                tokio::select! {
                    done = serving => done,
                    () = async move {
                        if was_fired.await.is_ok() {
                            tokio::time::sleep(grace).await;
                        } else {
                            std::future::pending::<()>().await;
                        }
                    } => {
                        tracing::warn!("requests still running after the shutdown grace period");
                        Ok(())
                    }
                }
            }
            Some(cfg) => {
                let std_listener = self.listener.into_std()?;
                let handle = axum_server::Handle::new();
                let stopper = handle.clone();
                tokio::spawn(async move {
                    shutdown.await;
                    stopper.graceful_shutdown(Some(grace));
                });
                axum_server::from_tcp_rustls(
                    std_listener,
                    axum_server::tls_rustls::RustlsConfig::from_config(cfg),
                )
                .handle(handle)
                .serve(svc)
                .await
            }
        }
    }
}
