//! The web layer's configuration: limits (SPEC R9.3), session timeouts (R2.7), the public base
//! URL, mail. Filled by the binary from defaults, the TOML file, `TESSERA_*` and flags.

use std::net::IpAddr;
use std::time::Duration;

use secrecy::SecretString;
pub use tessera_app::Limits;

#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public URL of the service, e.g. `https://tessera.example`, for links in output and mail,
    /// and the one origin a state-changing request may come from (R2.8, `auth::csrf`).
    pub base_url: String,
    /// Whether `base_url` was configured (`--base-url`) rather than derived from `--listen` and
    /// TLS. A derived one names only the bound address, so the Origin check then also accepts
    /// the request's own authority (with the scheme the server speaks): `localhost:8080` and
    /// `127.0.0.1:8080` both work on a test machine. Configured, only that origin passes.
    pub base_url_configured: bool,
    pub limits: Limits,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    /// Where recovery mail goes (R2.6). TLS unless the host is loopback: the binary refuses
    /// another URL at start and `mail` never uses one (ASVS 12.3.1, `mail::check_smtp_url`).
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    /// Only requests from this address may set the client address with `X-Forwarded-For`.
    pub trusted_proxy: Option<IpAddr>,
    /// Proof-of-work difficulty in leading zero bits (R9.3).
    pub pow_bits: u32,
    /// Sellers must turn TOTP on before anything else (ASVS 6.3.3): until they do, the only
    /// page they get is the enrolment (`auth::session::totp_gate`).
    pub require_seller_totp: bool,
    /// How long a client may take to send a request's headers (ASVS 15.2.2, issue 11).
    pub header_read_timeout: Duration,
    /// How long a whole request may take, its body included; then 408 (ASVS 15.2.2).
    pub request_timeout: Duration,
    /// With a token, `/metrics` answers on the public address to `Authorization: Bearer
    /// <token>` (R9.6); without one it is only on the admin listener, if any.
    pub metrics_token: Option<SecretString>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            base_url: "http://127.0.0.1:8080".into(),
            base_url_configured: false,
            limits: Limits::default(),
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            smtp_url: None,
            mail_from: "Tessera <no-reply@localhost>".into(),
            trusted_proxy: None,
            pow_bits: 16,
            require_seller_totp: false,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            metrics_token: None,
        }
    }
}

impl WebConfig {
    pub fn idle_secs(&self) -> i64 {
        self.session_idle_minutes * 60
    }

    pub fn absolute_secs(&self) -> i64 {
        self.session_absolute_hours * 3600
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }
}
