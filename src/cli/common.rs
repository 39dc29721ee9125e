//! What every subcommand shares: where the data lives, the key, and the layered configuration
//! (defaults, then the TOML file, then `TESSERA_*` environment, then flags; SPEC R9.1).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tessera_store::crypto::KeySource;
use tessera_store::{Location, MasterKey, Store};

#[derive(Args, Debug, Clone, Serialize)]
pub struct DbArgs {
    /// Folder for the embedded database and key file [default: ./tessera-data]
    #[arg(long, env = "TESSERA_DATA_DIR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL URL (postgres://…); without it the embedded SQLite database is used. A host
    /// other than localhost/127.0.0.1/[::1] or a Unix socket needs sslmode=verify-full.
    #[arg(long, env = "TESSERA_DATABASE_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    /// TOML configuration file.
    #[arg(long, env = "TESSERA_CONFIG")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}

/// Where and how the server is reached: what `serve` binds and `doctor` checks (R8.6, R9.6).
#[derive(Args, Debug, Clone, Serialize)]
pub struct SiteArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "TESSERA_LISTEN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    /// Public URL of the service, for links [default: http(s)://<listen>]
    #[arg(long, env = "TESSERA_BASE_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// PEM certificate chain: serve TLS 1.3 only (needs --tls-key)
    #[arg(long, env = "TESSERA_TLS_CERT", requires = "tls_key")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert
    #[arg(long, env = "TESSERA_TLS_KEY", requires = "tls_cert")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_key: Option<PathBuf>,
    /// Address of the reverse proxy whose X-Forwarded-For is trusted
    #[arg(long, env = "TESSERA_TRUSTED_PROXY")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_proxy: Option<String>,
    /// A second, private address serving /metrics, /healthz and /readyz (e.g. 127.0.0.1:9464)
    #[arg(long, env = "TESSERA_ADMIN_LISTEN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_listen: Option<String>,
}

/// Configuration as read from all layers. Field names are the TOML keys; environment variables
/// are `TESSERA_` plus the key in capitals, `.` written as `_` (e.g. `TESSERA_LIMITS_IP_PER_MINUTE`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub listen: String,
    pub base_url: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub trusted_proxy: Option<String>,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    /// ASVS 6.3.3: sellers must turn TOTP on first (`require_seller_totp` in the file).
    pub require_seller_totp: bool,
    pub limits: tessera_app::Limits,
    /// R9.6: `/metrics` and the probes on a second, private address.
    pub admin_listen: Option<String>,
    /// R9.6: `/metrics` on the public address behind this file's bearer token.
    pub metrics_token_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./tessera-data"),
            database_url: None,
            listen: "127.0.0.1:8080".into(),
            base_url: None,
            tls_cert: None,
            tls_key: None,
            smtp_url: None,
            mail_from: None,
            trusted_proxy: None,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            require_seller_totp: false,
            limits: tessera_app::Limits::default(),
            admin_listen: None,
            metrics_token_file: None,
        }
    }
}

/// Builds the configuration. `flags` holds only the flags given on the command line.
pub fn load_config<T: Serialize>(
    config_file: Option<&PathBuf>,
    flags: &T,
) -> anyhow::Result<Config> {
    let mut fig = Figment::from(Serialized::defaults(Config::default()));
    if let Some(path) = config_file {
        anyhow::ensure!(
            path.exists(),
            "the configuration file {} does not exist",
            path.display()
        );
        fig = fig.merge(Toml::file(path));
    }
    // `TESSERA_LIMITS_IP_PER_MINUTE` → `limits.ip_per_minute`: only the `limits_` prefix nests.
    fig = fig.merge(
        Env::prefixed("TESSERA_")
            .ignore(&["DB_KEY", "CONFIG"])
            .map(|k| {
                let k = k.as_str().to_ascii_lowercase();
                match k.strip_prefix("limits_") {
                    Some(rest) => format!("limits.{rest}").into(),
                    None => k.into(),
                }
            }),
    );
    fig = fig.merge(Serialized::defaults(flags));
    fig.extract().context("invalid configuration")
}

/// The master key: `TESSERA_DB_KEY`, or the key file in the data folder (created on first
/// start, with a warning to keep it elsewhere in production; SPEC R8.2, R9.1).
pub fn master_key(cfg: &Config) -> anyhow::Result<MasterKey> {
    let env_key = std::env::var("TESSERA_DB_KEY").ok().map(SecretString::from);
    let (key, source) = MasterKey::load_or_create(env_key.as_ref(), &cfg.data_dir)
        .context("could not load the database key")?;
    if source == KeySource::CreatedFile {
        eprintln!(
            "warning: created a new database key in {}. Anyone with this file can read the \
             database: in production, keep the key elsewhere and pass it as TESSERA_DB_KEY.",
            cfg.data_dir.join(tessera_store::crypto::KEY_FILE).display()
        );
    }
    Ok(key)
}

/// Where the data lives, with the database link rule checked (ASVS 12.3.1): a PostgreSQL URL
/// that would cross the network without verified TLS is refused here, before the key file is
/// created or anything connects. `Store::open` checks the same rule again.
pub fn location(cfg: &Config) -> anyhow::Result<Location> {
    let location = Location::from_args(&cfg.data_dir, cfg.database_url.as_deref());
    location
        .check_link()
        .context("the --database-url was refused")?;
    Ok(location)
}

pub async fn open_store(cfg: &Config) -> anyhow::Result<Store> {
    let location = location(cfg)?;
    let key = master_key(cfg)?;
    Store::open(&location, &key)
        .await
        .context("could not open the database")
}

pub fn init_logging() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer};
    let filter =
        EnvFilter::try_from_env("TESSERA_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    // Libraries' events quote client input: only Tessera's own reach the log (R8.4).
    let layer = tracing_subscriber::fmt::layer()
        .with_target(false)
        .with_ansi(ansi)
        .with_filter(super::log_filter::NoClientInput);
    tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    // figment's own test API returns its large error type; nothing to shrink here.
    #[allow(clippy::result_large_err)]
    #[test]
    fn r9_1_defaults_then_toml_then_environment_then_flags() {
        figment::Jail::expect_with(|jail| {
            let cfg = load_config(
                None,
                &DbArgs {
                    data_dir: None,
                    database_url: None,
                    config: None,
                },
            )
            .unwrap();
            assert_eq!(cfg.listen, "127.0.0.1:8080");
            assert_eq!(cfg.data_dir, PathBuf::from("./tessera-data"));
            assert_eq!(cfg.limits.ip_per_minute, 1200);

            jail.create_file(
                "tessera.toml",
                "listen = \"127.0.0.1:9000\"\ndata_dir = \"/from/toml\"\n[limits]\nip_per_minute = 10\nlookups_per_hour = 20\n",
            )?;
            let path = PathBuf::from("tessera.toml");
            let none = DbArgs {
                data_dir: None,
                database_url: None,
                config: Some(path.clone()),
            };
            let cfg = load_config(Some(&path), &none).unwrap();
            assert_eq!(
                (
                    cfg.listen.as_str(),
                    cfg.limits.ip_per_minute,
                    cfg.limits.lookups_per_hour
                ),
                ("127.0.0.1:9000", 10, 20)
            );

            jail.set_env("TESSERA_LIMITS_IP_PER_MINUTE", "0");
            jail.set_env("TESSERA_DATA_DIR", "/from/env");
            jail.set_env("TESSERA_LIMITS_SIGNUPS_PER_HOUR", "5");
            let cfg = load_config(Some(&path), &none).unwrap();
            assert_eq!(cfg.limits.ip_per_minute, 0);
            assert_eq!(cfg.limits.lookups_per_hour, 20);
            assert_eq!(cfg.limits.signups_per_hour, 5);
            assert_eq!(cfg.data_dir, PathBuf::from("/from/env"));

            let flags = DbArgs {
                data_dir: Some("/from/flag".into()),
                database_url: None,
                config: Some(path.clone()),
            };
            let cfg = load_config(Some(&path), &flags).unwrap();
            assert_eq!(cfg.data_dir, PathBuf::from("/from/flag"));
            Ok(())
        });
    }
}
