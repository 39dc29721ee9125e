//! `tessera serve`: run the web server (SPEC R9.1). On a start with no seller account it prints
//! a bootstrap invitation link (R2.3). The background jobs of `tessera_app::jobs` (the hourly
//! purge, R8.3) run in the process.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use secrecy::SecretString;
use serde::Serialize;
use tessera_app::jobs::{self, Purge};
use tessera_core::{Clock, SystemClock};
use tessera_web::{AppState, Application, WebConfig};

use super::common::{init_logging, load_config, location, open_store, Config, DbArgs, SiteArgs};
use super::invite::base_url;

/// The configured public URL, or this server's own address.
fn public_base_url(cfg: &Config, bound: SocketAddr) -> String {
    if cfg.base_url.is_some() {
        return base_url(cfg);
    }
    let scheme = if cfg.tls_cert.is_some() {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{bound}")
}

#[derive(Args, Debug, Serialize)]
pub struct ServeArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    #[serde(flatten)]
    pub site: SiteArgs,
    /// SMTP server for recovery mail: smtps://HOST, smtp://HOST?tls=required, or a local relay
    /// smtp://127.0.0.1:25 (recovery by mail is hidden without it)
    #[arg(long, env = "TESSERA_SMTP_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<String>,
    /// Sellers must turn on two-step login (TOTP) before they can do anything else
    #[arg(long, env = "TESSERA_REQUIRE_SELLER_TOTP")]
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub require_seller_totp: bool,
    /// A file holding a token: /metrics on the public address then answers to
    /// "Authorization: Bearer <token>"
    #[arg(long, env = "TESSERA_METRICS_TOKEN_FILE")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_token_file: Option<PathBuf>,
}

/// The metrics token: the file's content without surrounding white space (`openssl rand -hex
/// 32` ends it with a newline), at least 32 characters.
fn metrics_token(path: &std::path::Path) -> anyhow::Result<SecretString> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the metrics token file {}", path.display()))?;
    let token = text.trim();
    anyhow::ensure!(
        token.len() >= 32,
        "the metrics token in {} is shorter than 32 characters (make one with: openssl rand -hex 32)",
        path.display()
    );
    Ok(SecretString::from(token.to_owned()))
}

fn web_config(cfg: &Config, bound: SocketAddr) -> anyhow::Result<WebConfig> {
    let trusted_proxy = match &cfg.trusted_proxy {
        Some(p) => Some(
            p.parse::<IpAddr>()
                .with_context(|| "--trusted-proxy must be an IP address".to_string())?,
        ),
        None => None,
    };
    let mut w = WebConfig {
        base_url: public_base_url(cfg, bound),
        base_url_configured: cfg.base_url.is_some(),
        limits: cfg.limits.clone(),
        session_idle_minutes: cfg.session_idle_minutes,
        session_absolute_hours: cfg.session_absolute_hours,
        smtp_url: cfg.smtp_url.clone().map(SecretString::from),
        trusted_proxy,
        require_seller_totp: cfg.require_seller_totp,
        metrics_token: cfg
            .metrics_token_file
            .as_deref()
            .map(metrics_token)
            .transpose()?,
        ..WebConfig::default()
    };
    if let Some(from) = &cfg.mail_from {
        w.mail_from = from.clone();
    }
    anyhow::ensure!(
        w.session_idle_minutes > 0 && w.session_absolute_hours > 0,
        "session timeouts must be positive"
    );
    Ok(w)
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    init_logging();
    // Links that would carry data across the network in plaintext are refused before anything
    // starts: no port bound, no key file created (ASVS 12.3.1).
    location(&cfg)?;
    if let Some(url) = &cfg.smtp_url {
        tessera_web::mail::check_smtp_url(url).context("the --smtp-url was refused")?;
    }
    let addr: SocketAddr = cfg
        .listen
        .parse()
        .with_context(|| format!("--listen {} is not an address", cfg.listen))?;
    let tls = match (&cfg.tls_cert, &cfg.tls_key) {
        (Some(c), Some(k)) => Some(tessera_web::tls::server_config(c, k)?),
        (None, None) => None,
        _ => anyhow::bail!("--tls-cert and --tls-key go together"),
    };
    // Bind first, so that a port chosen by the system (`--listen 127.0.0.1:0`) is in the links.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr}"))?;
    let bound = listener.local_addr()?;
    let web = web_config(&cfg, bound)?;
    // R9.6: the admin listener is bound before anything starts, so a wrong address stops here.
    let admin = match &cfg.admin_listen {
        Some(a) => {
            let addr: SocketAddr = a
                .parse()
                .with_context(|| format!("--admin-listen {a} is not an address"))?;
            Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("could not listen on {addr}"))?,
            )
        }
        None => None,
    };
    if admin.is_some() || web.metrics_token.is_some() {
        tessera_web::ops::install();
    }
    let l = &web.limits;
    for (value, key) in [
        (l.ip_per_minute, "limits.ip_per_minute"),
        (l.lookups_per_hour, "limits.lookups_per_hour"),
        (l.signups_per_hour, "limits.signups_per_hour"),
    ] {
        if value == 0 {
            eprintln!("warning: {key} = 0 turns this limit off. Use this for benchmarks only.");
        }
    }
    let store = open_store(&cfg).await?;
    // What the database link really got (pg_stat_ssl), for the operator (ASVS 12.3.1).
    match store.database_link().await {
        Ok(link) => tracing::info!("database: {link}"),
        Err(e) => tracing::warn!(error = %e, "could not read how the database is reached"),
    }
    if store.count_sellers().await? == 0 {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let (token, _) = tessera_app::accounts::create_invitation_in(&store, now, None)
            .await
            .context("could not create the bootstrap invitation")?;
        println!("No seller account exists yet. Open this link to create the first one (valid 14 days, single use):");
        println!("{}/join/{token}", web.base_url);
    }
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let state = AppState::new(store.clone(), clock.clone(), web.clone());
    // The background jobs (R8.3); safe with several server processes, see tessera_app::jobs.
    let running = jobs::spawn(
        store.clone(),
        clock,
        vec![
            Box::new(Purge {
                session_idle_secs: web.idle_secs(),
                session_absolute_secs: web.absolute_secs(),
            }),
            // R6.6: missed check-ins, within seconds, also those missed while down.
            Box::new(jobs::Watcher),
            // R7.2: votes open and close on time, also those due while the server was down.
            Box::new(jobs::Governance),
            // R9.7: the abuse rules raise flags for the Security Committee.
            Box::new(jobs::Abuse),
        ],
    );
    if let Some(admin) = admin {
        let admin_addr = admin.local_addr()?;
        tokio::spawn(tessera_web::ops::serve_admin(admin, state.clone()));
        println!("Metrics are on http://{admin_addr}/metrics");
    }
    let app = Application::from_listener(state, listener, tls.clone());
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!("Tessera is listening on {scheme}://{bound}");
    app.run_until(shutdown_signal()?, SHUTDOWN_GRACE).await?;
    // Graceful shutdown: no more requests; stop the jobs between rounds, then checkpoint and
    // truncate the WAL and close the database (R2.11: no old WAL frames left behind).
    running.stop().await;
    store.close().await;
    println!("Tessera stopped");
    Ok(())
}

/// How long requests in flight may take to finish after SIGTERM or SIGINT.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Completes at the first SIGTERM or SIGINT (Ctrl-C).
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).context("could not watch SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("could not watch SIGINT")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
        tracing::info!("shutting down");
    })
}
