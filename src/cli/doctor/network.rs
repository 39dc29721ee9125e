//! TLS or a proxy (R8.6, R9.3, docs/operator.md "Behind a reverse proxy"): the listen
//! address, the trusted proxy, `base_url`, the admin listener, and the TLS files with the
//! certificate's expiry.

use std::net::{IpAddr, SocketAddr};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::SystemTime;

use x509_cert::der::Decode;
use x509_cert::Certificate;

use super::super::common::Config;
use super::Check;

pub(super) fn listen_checks(cfg: &Config) -> Vec<Check> {
    let mut out = Vec::new();
    let addr = match cfg.listen.parse::<SocketAddr>() {
        Ok(a) => Some(a),
        Err(_) => {
            out.push(Check::fail(
                format!("listen: {} is not an address", cfg.listen),
                "give IP:PORT, e.g. 127.0.0.1:8080",
            ));
            None
        }
    };
    match (&cfg.tls_cert, &cfg.tls_key) {
        (Some(cert), Some(key)) => out.extend(tls_checks(cert, key, SystemTime::now())),
        (None, None) => {
            if let Some(a) = addr {
                out.push(plain_listen_check(a));
            }
            out.push(trusted_proxy_check(cfg.trusted_proxy.as_deref()));
        }
        _ => out.push(Check::fail(
            "TLS: only one of tls_cert and tls_key is set",
            "give both --tls-cert and --tls-key, or neither",
        )),
    }
    out.push(base_url_check(cfg, addr));
    if let Some(admin) = &cfg.admin_listen {
        out.push(admin_listen_check(admin));
    }
    out
}

/// Without TLS, plain HTTP must stay on this machine: a proxy in front ends TLS (R8.6).
fn plain_listen_check(addr: SocketAddr) -> Check {
    if addr.ip().is_loopback() {
        Check::ok(format!(
            "listen: {addr} is loopback (TLS ends at a proxy in front)"
        ))
    } else {
        Check::fail(
            format!("listen: {addr} serves plain HTTP beyond this machine"),
            "serve TLS or bind loopback behind a proxy",
        )
    }
}

/// R9.3: behind a proxy every request comes from the proxy's address; without
/// `--trusted-proxy` the per-address limits count the proxy, not the clients.
fn trusted_proxy_check(proxy: Option<&str>) -> Check {
    match proxy {
        None => Check::warn(
            "no --trusted-proxy",
            "behind a reverse proxy, set --trusted-proxy so per-address limits see clients",
        ),
        Some(p) if p.parse::<IpAddr>().is_ok() => Check::ok(format!("trusted proxy: {p}")),
        Some(p) => Check::fail(
            format!("--trusted-proxy {p} is not an IP address"),
            "give the proxy's address, e.g. 127.0.0.1",
        ),
    }
}

/// The certificate and key as `serve` loads them, the key's mode, and the certificate's expiry
/// (14 days' notice, the usual renewal window).
fn tls_checks(cert: &Path, key: &Path, now: SystemTime) -> Vec<Check> {
    let mut out = Vec::new();
    let pem = match std::fs::read_to_string(cert) {
        Ok(p) => Some(p),
        Err(e) => {
            out.push(Check::fail(
                format!("TLS certificate {} cannot be read: {e}", cert.display()),
                "check the path and that tessera's user may read it",
            ));
            None
        }
    };
    match std::fs::metadata(key) {
        Ok(m) => out.push(tls_key_mode_check(key, m.permissions().mode())),
        Err(e) => out.push(Check::fail(
            format!("TLS key {} cannot be read: {e}", key.display()),
            "check the path and that tessera's user may read it",
        )),
    }
    match tessera_web::tls::server_config(cert, key) {
        Ok(_) => out.push(Check::ok("TLS: certificate and key load (TLS 1.3)")),
        Err(e) => out.push(Check::fail(
            format!("TLS: {e}"),
            "give the PEM certificate chain and its own private key",
        )),
    }
    if let Some(pem) = pem {
        out.push(cert_expiry_check(&pem, now));
    }
    out
}

fn tls_key_mode_check(path: &Path, mode: u32) -> Check {
    let mode = mode & 0o777;
    let shown = path.display();
    if mode & 0o007 != 0 {
        Check::fail(
            format!("TLS key {shown} has mode {mode:04o}: other users can read it"),
            format!("chmod 600 {shown}"),
        )
    } else if mode & 0o070 != 0 {
        Check::warn(
            format!("TLS key {shown} has mode {mode:04o}: its group can read it"),
            format!("chmod 600 {shown}, unless a group such as ssl-cert must read it"),
        )
    } else {
        Check::ok(format!("TLS key {shown}: mode {mode:04o}"))
    }
}

const EXPIRY_NOTICE_SECS: i64 = 14 * 86_400;

fn cert_expiry_check(pem: &str, now: SystemTime) -> Check {
    let Some(not_after) = pem_not_after(pem) else {
        return Check::ok("TLS certificate expiry: not checked (its date could not be read)");
    };
    let now = unix(now);
    let day = time::OffsetDateTime::from_unix_timestamp(not_after)
        .map_or_else(|_| not_after.to_string(), |d| d.date().to_string());
    if not_after <= now {
        Check::fail(
            format!("TLS certificate expired on {day}"),
            "renew it and restart tessera",
        )
    } else if not_after - now < EXPIRY_NOTICE_SECS {
        Check::warn(
            format!(
                "TLS certificate expires on {day}, in {} days",
                (not_after - now) / 86_400
            ),
            "renew it (e.g. certbot renew) and restart tessera",
        )
    } else {
        Check::ok(format!("TLS certificate valid until {day}"))
    }
}

/// The end of validity (`notAfter`) of the first (leaf) certificate in a PEM chain, in Unix
/// seconds; `None` for anything that does not parse.
///
/// The leaf's PEM block is unwrapped here and only its DER parsed by x509-cert, for two reasons:
/// `Certificate::load_pem_chain` decodes through der 0.7's `PemReader`, which loops forever on
/// a certificate cut short (a half-written file, say), and der's PEM decoder refuses base64
/// lines of any width but 64, which rustls (and so `serve`) accepts.
fn pem_not_after(pem: &str) -> Option<i64> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != "-----BEGIN CERTIFICATE-----")
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let der = data_encoding::BASE64.decode(body.as_bytes()).ok()?;
    let cert = Certificate::from_der(&der).ok()?;
    let not_after = cert.tbs_certificate.validity.not_after.to_unix_duration();
    i64::try_from(not_after.as_secs()).ok()
}

/// R2.8: `base_url` is the one origin a browser's state-changing request may come from, and
/// what links name. Behind a TLS proxy it must be set, with `https`.
fn base_url_check(cfg: &Config, listen: Option<SocketAddr>) -> Check {
    match cfg.base_url.as_deref() {
        Some(u) if u.starts_with("https://") => Check::ok(format!("base_url: {u}")),
        Some(u) if u.starts_with("http://") => {
            if host_is_loopback(url_host(u)) {
                Check::ok(format!("base_url: {u} (this machine only)"))
            } else {
                Check::warn(
                    format!("base_url {u} is not https"),
                    "members' browsers would send passwords in clear: use https:// (TLS at the \
                     proxy or --tls-cert)",
                )
            }
        }
        Some(u) => Check::fail(
            format!("base_url {u} is not an http(s) URL"),
            "set it to the address members use, e.g. https://screening.example.org",
        ),
        None if cfg.trusted_proxy.is_some() => Check::warn(
            "no base_url behind a proxy",
            "set base_url to the address members use (https://…): until then browsers' form \
             posts are refused (docs/operator.md, Behind a reverse proxy)",
        ),
        None if cfg.tls_cert.is_some() && listen.is_some_and(|a| a.ip().is_unspecified()) => {
            Check::warn(
                format!("no base_url: links would name {}", cfg.listen),
                "set base_url to the address members use (https://…)",
            )
        }
        None => Check::ok(format!(
            "base_url: not set, links name {} (set it behind a proxy)",
            cfg.listen
        )),
    }
}

/// R9.6: the admin listener answers `/metrics` without a token: loopback only.
fn admin_listen_check(admin: &str) -> Check {
    match admin.parse::<SocketAddr>() {
        Ok(a) if a.ip().is_loopback() => Check::ok(format!("admin listener: {a} is loopback")),
        Ok(a) => Check::warn(
            format!("admin listener {a} is reachable beyond this machine"),
            "/metrics answers there without a token: bind --admin-listen to 127.0.0.1",
        ),
        Err(_) => Check::fail(
            format!("--admin-listen {admin} is not an address"),
            "give IP:PORT, e.g. 127.0.0.1:9464",
        ),
    }
}

/// The host of an `http(s)://host[:port]/…` URL; brackets kept off an IPv6 address.
fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    authority.split(':').next().unwrap_or(authority)
}

fn host_is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A set-up members reach from elsewhere: TLS here, a public address, or a public `base_url`.
/// Only then is a key file beside the data a finding; for a trial on loopback it is the
/// documented default.
pub(super) fn looks_like_production(cfg: &Config) -> bool {
    let public_listen = cfg
        .listen
        .parse::<SocketAddr>()
        .is_ok_and(|a| !a.ip().is_loopback());
    let public_url = cfg
        .base_url
        .as_deref()
        .is_some_and(|u| !host_is_loopback(url_host(u)));
    cfg.tls_cert.is_some() || public_listen || public_url
}

fn unix(t: SystemTime) -> i64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::{with_mode, Level};
    use super::*;

    fn cert_valid_until(y: i32, m: u8, d: u8) -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.not_after = rcgen::date_time_ymd(y, m, d);
        let cert = params.self_signed(&key).unwrap();
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    fn r9_6_r8_6_doctor_reads_a_certificates_expiry() {
        let day = |y, m, d| {
            time::Date::from_calendar_date(y, m, d)
                .unwrap()
                .midnight()
                .assume_utc()
                .unix_timestamp()
        };
        // UTCTime (before 2050) and GeneralizedTime (from 2050 on).
        let (pem, _) = cert_valid_until(2031, 5, 6);
        assert_eq!(pem_not_after(&pem), Some(day(2031, time::Month::May, 6)));
        let (pem, _) = cert_valid_until(2051, 1, 2);
        assert_eq!(
            pem_not_after(&pem),
            Some(day(2051, time::Month::January, 2))
        );
        assert_eq!(pem_not_after("not a certificate"), None);
        // Truncated DER (30 82 ff), an empty file.
        let truncated = "-----BEGIN CERTIFICATE-----\nMIL/\n-----END CERTIFICATE-----\n";
        assert_eq!(pem_not_after(truncated), None);
        assert_eq!(pem_not_after(""), None);
        assert_eq!(pem_not_after("\n"), None);

        let at = |t: i64| SystemTime::UNIX_EPOCH + Duration::from_secs(t as u64);
        let end = day(2031, time::Month::May, 6);
        let (pem, _) = cert_valid_until(2031, 5, 6);
        assert_eq!(
            cert_expiry_check(&pem, at(end - 30 * 86_400)),
            Check::ok("TLS certificate valid until 2031-05-06")
        );
        let soon = cert_expiry_check(&pem, at(end - 3 * 86_400));
        assert_eq!(soon.level, Level::Warn);
        assert!(soon.what.contains("in 3 days"), "{soon}");
        assert_eq!(cert_expiry_check(&pem, at(end + 1)).level, Level::Fail);
        assert_eq!(
            cert_expiry_check("garbage", at(end)).level,
            Level::Ok,
            "an unreadable date is not checked, not failed"
        );
    }

    #[test]
    fn r9_6_r8_6_doctor_checks_the_tls_files_as_serve_loads_them() {
        let dir = tempfile::tempdir().unwrap();
        let (pem, key) = cert_valid_until(2040, 1, 1);
        let (c, k) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
        std::fs::write(&c, pem).unwrap();
        std::fs::write(&k, key).unwrap();
        with_mode(&k, 0o600);
        let now = SystemTime::now();
        let checks = tls_checks(&c, &k, now);
        assert!(checks.iter().all(|c| c.level == Level::Ok), "{checks:#?}");
        with_mode(&k, 0o644);
        let checks = tls_checks(&c, &k, now);
        let fail = checks.iter().find(|c| c.level == Level::Fail).unwrap();
        assert_eq!(fail.fix, format!("chmod 600 {}", k.display()));
        with_mode(&k, 0o640);
        assert!(tls_checks(&c, &k, now)
            .iter()
            .any(|c| c.level == Level::Warn));
        // A key that is not the certificate's.
        let (_, other) = cert_valid_until(2040, 1, 1);
        std::fs::write(&k, other).unwrap();
        with_mode(&k, 0o600);
        assert!(tls_checks(&c, &k, now)
            .iter()
            .any(|c| c.level == Level::Fail && c.what.starts_with("TLS: ")));
    }

    fn config(listen: &str) -> Config {
        Config {
            listen: listen.to_owned(),
            ..Config::default()
        }
    }

    #[test]
    fn r9_6_r8_6_doctor_wants_tls_or_loopback_behind_a_proxy() {
        let levels = |cfg: &Config| -> Vec<(Level, String)> {
            listen_checks(cfg)
                .into_iter()
                .map(|c| (c.level, c.to_string()))
                .collect()
        };
        let local = levels(&config("127.0.0.1:8080"));
        assert_eq!(local[0].0, Level::Ok, "{local:?}");
        assert_eq!(
            local[1].1,
            "warn  no --trusted-proxy: behind a reverse proxy, set --trusted-proxy so \
             per-address limits see clients"
        );
        let public = levels(&config("0.0.0.0:8080"));
        assert_eq!(
            public[0].1,
            "FAIL  listen: 0.0.0.0:8080 serves plain HTTP beyond this machine: serve TLS or \
             bind loopback behind a proxy"
        );
        let mut proxied = config("[::1]:8080");
        proxied.trusted_proxy = Some("127.0.0.1".into());
        proxied.base_url = Some("https://screening.example.org".into());
        proxied.admin_listen = Some("127.0.0.1:9464".into());
        assert!(
            listen_checks(&proxied).iter().all(|c| c.level == Level::Ok),
            "{:#?}",
            listen_checks(&proxied)
        );
        proxied.trusted_proxy = Some("proxy.example.org".into());
        proxied.admin_listen = Some("0.0.0.0:9464".into());
        let l = levels(&proxied);
        assert!(l
            .iter()
            .any(|(lv, s)| *lv == Level::Fail && s.contains("--trusted-proxy")));
        assert!(l
            .iter()
            .any(|(lv, s)| *lv == Level::Warn && s.contains("admin listener")));
        assert_eq!(levels(&config("localhost:80"))[0].0, Level::Fail);
    }

    #[test]
    fn r9_6_doctor_knows_a_production_set_up_and_its_base_url() {
        assert!(!looks_like_production(&config("127.0.0.1:8080")));
        assert!(looks_like_production(&config("0.0.0.0:8080")));
        let mut c = config("127.0.0.1:8080");
        c.base_url = Some("http://localhost:8080".into());
        assert!(!looks_like_production(&c));
        assert_eq!(base_url_check(&c, None).level, Level::Ok);
        c.base_url = Some("http://screening.example.org".into());
        assert!(looks_like_production(&c));
        assert_eq!(base_url_check(&c, None).level, Level::Warn);
        c.base_url = Some("screening.example.org".into());
        assert_eq!(base_url_check(&c, None).level, Level::Fail);
        assert_eq!(url_host("https://u:p@[::1]:8443/x"), "::1");
        assert_eq!(
            url_host("https://screening.example.org/"),
            "screening.example.org"
        );
        assert!(host_is_loopback(url_host("http://127.0.0.1:8080")));
    }
}
