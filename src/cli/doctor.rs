//! `tessera doctor` (SPEC R9.6, issue 14 §6): checks a set-up before and while it runs and says
//! how to fix what it finds. It reads the same configuration as `serve` (file, `TESSERA_*`,
//! flags) and prints one line per check:
//!
//! ```text
//! ok    <what>
//! warn  <what>: <what to do>
//! FAIL  <what>: <what to do>
//! ```
//!
//! and exits non-zero if any check failed. It never creates anything: no key file, no database
//! (the checks look for them first), and it never prints a key, a pseudonym or any data (R8.4).
//! Each check is a small function returning [`Check`]s; the file system and clock readings are
//! passed in where that keeps them testable.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use clap::Args;
use serde::Serialize;
use tessera_app::backup::{BACKUP_PREFIX, BACKUP_SUFFIX};
use tessera_store::crypto::KEY_FILE;
use tessera_store::{Location, MasterKey, SQLITE_FILE};

use super::common::{load_config, location, open_store, Config, DbArgs};

#[derive(Args, Debug, Serialize)]
pub struct DoctorArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// Folder of the backups (tessera-backup-*.age): checks the newest one's age
    #[arg(long)]
    #[serde(skip)]
    pub backup_dir: Option<PathBuf>,
    /// Address serve listens on [default: 127.0.0.1:8080]
    #[arg(long, env = "TESSERA_LISTEN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    /// Public URL of the service
    #[arg(long, env = "TESSERA_BASE_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// PEM certificate chain serve uses for TLS (needs --tls-key)
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
    /// The private address serving /metrics, /healthz and /readyz
    #[arg(long, env = "TESSERA_ADMIN_LISTEN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_listen: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One finding: what was looked at and, unless it is fine, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub what: String,
    pub fix: String,
}

impl Check {
    fn ok(what: impl Into<String>) -> Check {
        Check {
            level: Level::Ok,
            what: what.into(),
            fix: String::new(),
        }
    }

    fn warn(what: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            level: Level::Warn,
            what: what.into(),
            fix: fix.into(),
        }
    }

    fn fail(what: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            level: Level::Fail,
            what: what.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Level::Ok => write!(f, "ok    {}", self.what),
            Level::Warn => write!(f, "warn  {}: {}", self.what, self.fix),
            Level::Fail => write!(f, "FAIL  {}: {}", self.what, self.fix),
        }
    }
}

pub async fn run(args: DoctorArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let env_key = std::env::var_os("TESSERA_DB_KEY");
    let env_key = env_key.as_ref().map(|k| k.to_str());
    let sqlite = cfg.database_url.as_deref().is_none_or(str::is_empty);
    let mut checks = Vec::new();

    let key_file = cfg.data_dir.join(KEY_FILE);
    checks.extend(key_checks(
        env_key,
        &key_file,
        current_uid(),
        looks_like_production(&cfg),
    ));
    if sqlite {
        checks.push(data_dir_check(&cfg.data_dir));
        checks.extend(database_files_check(&cfg.data_dir));
    }
    let have_key = env_key.is_some() || key_file.exists();
    checks.extend(database_checks(&cfg, have_key).await);
    checks.extend(listen_checks(&cfg));
    checks.push(clock_year_check(time::OffsetDateTime::now_utc().year()));
    checks.push(ntp_check(timedatectl_ntp().as_deref()));
    if sqlite {
        checks.push(disk_check(&cfg.data_dir));
    } else {
        checks.push(Check::ok(
            "free disk: not checked (PostgreSQL: watch the database server's disk)",
        ));
    }
    checks.push(backup_check(args.backup_dir.as_deref(), SystemTime::now()));

    for c in &checks {
        println!("{c}");
    }
    let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
    anyhow::ensure!(failed == 0, "{failed} of {} checks failed", checks.len());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The key (R8.2, docs/operator.md "Keys")

/// The user this process runs as: the owner of `/proc/self` (no `libc` call needed; the
/// crate forbids unsafe code). `None` where `/proc` is missing: the owner check is then skipped.
fn current_uid() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// `TESSERA_DB_KEY` wins (as in `common::master_key`); otherwise the key file must exist, be
/// readable by its owner only and belong to the user that runs Tessera. In production the key
/// file should not lie beside the data at all: whoever takes the folder then has the file and
/// its key (docs/privacy.md, case (b)).
fn key_checks(
    env_key: Option<Option<&str>>,
    key_file: &Path,
    uid: Option<u32>,
    production: bool,
) -> Vec<Check> {
    let shown = key_file.display();
    let mut out = Vec::new();
    match env_key {
        Some(Some(k)) if MasterKey::from_hex(k).is_ok() => {
            out.push(Check::ok("key: from TESSERA_DB_KEY"));
            if key_file.exists() {
                out.push(Check::warn(
                    format!("key: {shown} lies in the data folder although TESSERA_DB_KEY is set"),
                    "if it holds the same key and a copy is kept offline, delete the file",
                ));
            }
            return out;
        }
        Some(_) => {
            out.push(Check::fail(
                "key: TESSERA_DB_KEY is not 64 hexadecimal characters",
                "set it to the key this database was made with (a new key, from openssl rand \
                 -hex 32, only for a new database)",
            ));
            return out;
        }
        None => {}
    }
    let meta = match std::fs::metadata(key_file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            out.push(Check::fail(
                format!("key: TESSERA_DB_KEY is not set and there is no key file at {shown}"),
                "set TESSERA_DB_KEY (from a secrets file), or give the --data-dir that holds \
                 tessera.key",
            ));
            return out;
        }
        Err(e) => {
            out.push(Check::fail(
                format!("key: cannot read {shown}: {e}"),
                "run this as the user tessera runs as",
            ));
            return out;
        }
    };
    out.push(key_file_mode_check(key_file, meta.permissions().mode()));
    if let Some(uid) = uid {
        if meta.uid() != uid {
            out.push(Check::warn(
                format!(
                    "key file {shown} belongs to uid {}, not to the user running this check \
                     (uid {uid})",
                    meta.uid()
                ),
                "run tessera (and this check) as the key file's owner, or chown the file to it",
            ));
        }
    }
    out.push(if production {
        Check::warn(
            format!("key: the key file {shown} lies beside the data"),
            "keep the key elsewhere: TESSERA_DB_KEY from a secrets file (docs/operator.md, \
             Keys), then delete the file",
        )
    } else {
        Check::ok(format!(
            "key: key file {shown} (fine for a trial; in production keep the key elsewhere)"
        ))
    });
    out
}

/// R8.2: the key file is readable by its owner only. 0600 is what Tessera creates; 0400 is as
/// tight. Anything else lets someone besides the owner read or replace the key.
fn key_file_mode_check(path: &Path, mode: u32) -> Check {
    let mode = mode & 0o777;
    if mode & 0o077 == 0 && mode & 0o400 != 0 && mode & 0o100 == 0 {
        Check::ok(format!("key file {}: mode {mode:04o}", path.display()))
    } else {
        Check::fail(
            format!(
                "key file {} has mode {mode:04o}: only its owner may read it",
                path.display()
            ),
            format!("chmod 600 {}", path.display()),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The data folder (SQLite)

/// R8.2: the folder of the embedded database. Others must not list or enter it (then they can
/// open any file in it that is readable, the key file too); a group is a weaker leak.
fn data_dir_check(dir: &Path) -> Check {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Check::fail(
            format!("data folder {shown} does not exist"),
            "give the --data-dir that holds tessera.db, or run tessera migrate to create one",
        ),
        Err(e) => Check::fail(
            format!("data folder {shown} cannot be read: {e}"),
            "run this as the user tessera runs as",
        ),
        Ok(m) => dir_mode_check(dir, m.permissions().mode()),
    }
}

fn dir_mode_check(dir: &Path, mode: u32) -> Check {
    let mode = mode & 0o777;
    let shown = dir.display();
    if mode & 0o007 != 0 {
        Check::fail(
            format!("data folder {shown} has mode {mode:04o}: other users can reach into it"),
            format!("chmod 700 {shown}"),
        )
    } else if mode & 0o070 != 0 {
        Check::warn(
            format!("data folder {shown} has mode {mode:04o}: its group can reach into it"),
            format!("chmod 700 {shown}"),
        )
    } else {
        Check::ok(format!("data folder {shown}: mode {mode:04o}"))
    }
}

/// The database file and its WAL and shared-memory files. They are encrypted (SQLCipher), so a
/// reader learns their size and times (docs/privacy.md, case (a)); still, nobody but the owner
/// should read them. Readable by others is a failure only where the folder lets others in.
fn database_files_check(dir: &Path) -> Vec<Check> {
    let folder_open = std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0);
    let mut out = Vec::new();
    for name in [
        SQLITE_FILE.to_owned(),
        format!("{SQLITE_FILE}-wal"),
        format!("{SQLITE_FILE}-shm"),
    ] {
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if let Some(c) = database_file_mode_check(&path, meta.permissions().mode(), folder_open) {
            out.push(c);
        }
    }
    if out.is_empty() && dir.join(SQLITE_FILE).exists() {
        out.push(Check::ok("database files: not readable by others"));
    }
    out
}

fn database_file_mode_check(path: &Path, mode: u32, folder_open: bool) -> Option<Check> {
    let mode = mode & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    let what = format!("{} has mode {mode:04o}", path.display());
    let fix = format!("chmod 600 {}", path.display());
    Some(if mode & 0o004 != 0 && folder_open {
        Check::fail(format!("{what}: other users can read it"), fix)
    } else {
        Check::warn(
            format!("{what}: readable beyond its owner (encrypted; the folder keeps others out)"),
            fix,
        )
    })
}

// ---------------------------------------------------------------------------------------------
// The database (R9.2, R9.6)

/// Opens the database as `serve` would and checks its schema. Nothing is created: on SQLite a
/// missing database file is a finding, not something to make, and without a key the store is
/// not opened at all (opening would write a new key file, `common::master_key`).
async fn database_checks(cfg: &Config, have_key: bool) -> Vec<Check> {
    let loc = match location(cfg) {
        Ok(l) => l,
        Err(e) => {
            return vec![Check::fail(
                format!("database: {e:#}"),
                "use sslmode=verify-full, or a database on this machine (docs/operator.md, The \
                 database link)",
            )]
        }
    };
    if let Location::Sqlite { data_dir } = &loc {
        let db = data_dir.join(SQLITE_FILE);
        if !db.exists() {
            return vec![Check::fail(
                format!("no database at {}", db.display()),
                format!(
                    "give the --data-dir that holds it, or create one with tessera migrate \
                     --data-dir {}",
                    data_dir.display()
                ),
            )];
        }
    }
    if !have_key {
        return vec![Check::warn(
            "database: not opened without a key",
            "fix the key first (see above)",
        )];
    }
    let store = match open_store(cfg).await {
        Ok(s) => s,
        Err(e) => {
            return vec![Check::fail(
                format!("database does not open: {e:#}"),
                match loc {
                    Location::Sqlite { .. } => {
                        "use the key this database was made with (TESSERA_DB_KEY or tessera.key)"
                    }
                    Location::Postgres { .. } => {
                        "check --database-url, that PostgreSQL runs, and the key"
                    }
                },
            )]
        }
    };
    let mut out = Vec::new();
    match store.schema_version().await {
        Ok(v) if v.current() => out.push(Check::ok(format!(
            "database ({}) opens with the key; schema current (migration {})",
            store.backend(),
            v.applied
        ))),
        Ok(v) if v.applied > v.known => out.push(Check::fail(
            format!(
                "database schema is at migration {}, newer than this tessera knows ({})",
                v.applied, v.known
            ),
            "run the tessera version that migrated it",
        )),
        Ok(v) => out.push(Check::fail(
            format!(
                "database schema is at migration {}, this tessera needs {}",
                v.applied, v.known
            ),
            "run tessera migrate",
        )),
        Err(e) => out.push(Check::fail(
            format!("database: cannot read its schema version: {e}"),
            "run tessera migrate",
        )),
    }
    if let Location::Postgres { .. } = loc {
        match store.database_link().await {
            Ok(link) => out.push(Check::ok(format!("database link: {link}"))),
            Err(e) => out.push(Check::warn(
                format!("database link: cannot tell how it is reached: {e}"),
                "see docs/operator.md, The database link",
            )),
        }
        // R9.6: expiries are written with the application's clock; a database on another
        // machine with another time does not change them, but the operator's own queries and
        // PostgreSQL's logs then disagree with Tessera's.
        match store.database_clock().await {
            Ok(db_now) => out.push(clock_skew_check(
                time::OffsetDateTime::now_utc().unix_timestamp(),
                db_now,
            )),
            Err(e) => out.push(Check::warn(
                format!("database clock: cannot be read: {e}"),
                "compare the clocks by hand",
            )),
        }
    }
    store.close().await;
    out
}

// ---------------------------------------------------------------------------------------------
// TLS or a proxy (R8.6, R9.3, docs/operator.md "Behind a reverse proxy")

fn listen_checks(cfg: &Config) -> Vec<Check> {
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

/// The end of validity (`notAfter`) of the first certificate in a PEM file, in Unix seconds.
/// A few lines of DER instead of an X.509 crate: the path to the date is fixed (RFC 5280
/// §4.1: Certificate → TBSCertificate → [version], serial, signature, issuer, validity), and
/// the certificate was already accepted by rustls. `None` for anything unexpected.
fn pem_not_after(pem: &str) -> Option<i64> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != "-----BEGIN CERTIFICATE-----")
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let der = data_encoding::BASE64.decode(body.as_bytes()).ok()?;
    der_not_after(&der)
}

/// One DER element: (tag, contents, what follows).
fn der_next(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let len = rest
            .get(..n)?
            .iter()
            .fold(0usize, |a, b| (a << 8) | usize::from(*b));
        (len, rest.get(n..)?)
    };
    Some((tag, rest.get(..len)?, rest.get(len..)?))
}

const SEQUENCE: u8 = 0x30;

fn der_not_after(der: &[u8]) -> Option<i64> {
    let Some((SEQUENCE, cert, _)) = der_next(der) else {
        return None;
    };
    let Some((SEQUENCE, tbs, _)) = der_next(cert) else {
        return None;
    };
    let (tag, _, after) = der_next(tbs)?;
    // The explicit [0] version is optional (v1 certificates have none).
    let mut rest = if tag == 0xa0 { after } else { tbs };
    for _ in 0..3 {
        // serial number, signature algorithm, issuer
        rest = der_next(rest)?.2;
    }
    let Some((SEQUENCE, validity, _)) = der_next(rest) else {
        return None;
    };
    let (_, _, after_not_before) = der_next(validity)?;
    let (tag, value, _) = der_next(after_not_before)?;
    der_time(tag, value)
}

/// UTCTime (`YYMMDDHHMMSSZ`, years 1950 to 2049) or GeneralizedTime (`YYYYMMDDHHMMSSZ`).
fn der_time(tag: u8, value: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(value).ok()?;
    let s = s.strip_suffix('Z')?;
    let (year, rest) = match tag {
        0x17 if s.len() == 12 => {
            let yy: i32 = s.get(..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..)?)
        }
        0x18 if s.len() == 14 => (s.get(..4)?.parse().ok()?, s.get(4..)?),
        _ => return None,
    };
    let field = |i: usize| -> Option<u8> { rest.get(i..i + 2)?.parse().ok() };
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(field(0)?).ok()?, field(2)?)
            .ok()?;
    let t = time::Time::from_hms(field(4)?, field(6)?, field(8)?).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, t)
            .assume_utc()
            .unix_timestamp(),
    )
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
fn looks_like_production(cfg: &Config) -> bool {
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

// ---------------------------------------------------------------------------------------------
// The clock (R8.1, R8.3: days, expiries and the shredding of day keys all follow it)

fn clock_year_check(year: i32) -> Check {
    if year >= 2025 {
        Check::ok(format!("clock: the year is {year}"))
    } else {
        Check::fail(
            format!("clock: this machine says the year is {year}"),
            "set the clock (NTP): expiries, day keys and codes follow it",
        )
    }
}

/// `timedatectl show -p NTPSynchronized --value`, if the command exists and answers.
fn timedatectl_ntp() -> Option<String> {
    let out = Command::new("timedatectl")
        .args(["show", "-p", "NTPSynchronized", "--value"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn ntp_check(answer: Option<&str>) -> Check {
    match answer {
        Some("yes") => Check::ok("clock: synchronised (NTP)"),
        Some(_) => Check::warn(
            "clock: not synchronised (timedatectl says NTPSynchronized=no)",
            "turn time synchronisation on: timedatectl set-ntp true, or chrony",
        ),
        None => Check::warn(
            "clock: cannot tell whether it is synchronised (no answer from timedatectl)",
            "make sure NTP (chrony, systemd-timesyncd) keeps this machine's clock right",
        ),
    }
}

const CLOCK_SKEW_SECS: i64 = 5;

fn clock_skew_check(system: i64, database: i64) -> Check {
    let diff = (system - database).abs();
    if diff > CLOCK_SKEW_SECS {
        Check::warn(
            format!("database clock: differs from this machine's by {diff} s"),
            "synchronise both with NTP",
        )
    } else {
        Check::ok(format!(
            "database clock: agrees with this machine's within {CLOCK_SKEW_SECS} s"
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Free disk (SQLite): a full disk stops every write, ratings and alarms among them (R6.6)

const KIB_100_MIB: u64 = 100 * 1024;
const KIB_1_GIB: u64 = 1024 * 1024;

fn disk_check(dir: &Path) -> Check {
    // A folder not made yet will live on its nearest existing parent's file system.
    let existing = dir
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or_else(|| Path::new("."));
    let out = Command::new("df")
        .args(["-Pk", "--"])
        .arg(existing)
        .output();
    let parsed = match &out {
        Ok(o) if o.status.success() => parse_df(&String::from_utf8_lossy(&o.stdout)),
        _ => None,
    };
    match parsed {
        Some((total, avail)) => disk_verdict(dir, total, avail),
        None => Check::warn(
            format!("free disk: could not read df -Pk {}", dir.display()),
            "check the free space of the data folder's disk by hand",
        ),
    }
}

/// `df -Pk` output: (total, available) in KiB. Read from the capacity column (`NN%`) back, so
/// spaces in the file system's name or its mount point do not matter.
fn parse_df(output: &str) -> Option<(u64, u64)> {
    let line = output.lines().nth(1)?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    (3..fields.len()).find_map(|i| {
        let pct = fields[i].strip_suffix('%')?;
        pct.parse::<u64>().ok()?;
        let total = fields[i - 3].parse().ok()?;
        fields[i - 2].parse::<u64>().ok()?;
        let avail = fields[i - 1].parse().ok()?;
        Some((total, avail))
    })
}

fn disk_verdict(dir: &Path, total_kib: u64, avail_kib: u64) -> Check {
    let gib = avail_kib as f64 / KIB_1_GIB as f64;
    let pct = avail_kib
        .saturating_mul(100)
        .checked_div(total_kib)
        .unwrap_or(0);
    let what = format!(
        "free disk: {gib:.1} GiB ({pct} %) on the file system of {}",
        dir.display()
    );
    if avail_kib < KIB_100_MIB {
        Check::fail(
            what,
            "free space now: below 100 MiB the database cannot take writes for long",
        )
    } else if avail_kib < KIB_1_GIB || pct < 10 {
        Check::warn(
            what,
            "free space or grow the disk (warned below 1 GiB or 10 %)",
        )
    } else {
        Check::ok(what)
    }
}

// ---------------------------------------------------------------------------------------------
// The last backup (R9.5)

const BACKUP_MAX_AGE: Duration = Duration::from_secs(2 * 86_400);

/// The newest `tessera-backup-*.age` in `dir` by modification time, named as `tessera backup
/// --keep-days` names what it prunes; links and other files are ignored as it ignores them.
fn backup_check(dir: Option<&Path>, now: SystemTime) -> Check {
    let Some(dir) = dir else {
        return Check::warn(
            "no --backup-dir given",
            "the last backup's age was not checked",
        );
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return Check::warn(
                format!("backup folder {} cannot be read: {e}", dir.display()),
                "give the folder tessera backup --out writes to",
            )
        }
    };
    let newest = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(BACKUP_PREFIX) && n.ends_with(BACKUP_SUFFIX))
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.file_type()
                .is_file()
                .then_some(())
                .and_then(|()| meta.modified().ok())
                .map(|t| (t, e.file_name()))
        })
        .max_by_key(|(t, _)| *t);
    let Some((modified, name)) = newest else {
        return Check::warn(
            format!(
                "no backup in {} ({BACKUP_PREFIX}*{BACKUP_SUFFIX})",
                dir.display()
            ),
            "run tessera backup daily (cron or a systemd timer)",
        );
    };
    let age = now.duration_since(modified).unwrap_or(Duration::ZERO);
    let hours = age.as_secs() / 3600;
    let name = name.to_string_lossy();
    if age > BACKUP_MAX_AGE {
        Check::warn(
            format!("last backup {name} is {hours} hours old"),
            "run tessera backup daily (cron or a systemd timer), and check that it succeeds",
        )
    } else {
        Check::ok(format!("last backup: {name}, {hours} hours old"))
    }
}

fn unix(t: SystemTime) -> i64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn with_mode(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn key_file(dir: &Path, mode: u32) -> PathBuf {
        let p = dir.join(KEY_FILE);
        std::fs::write(&p, "ab".repeat(32)).unwrap();
        with_mode(&p, mode);
        p
    }

    #[test]
    fn r9_6_doctor_fails_a_key_file_others_can_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = key_file(dir.path(), 0o644);
        let checks = key_checks(None, &p, current_uid(), false);
        let fail = checks.iter().find(|c| c.level == Level::Fail).unwrap();
        assert_eq!(fail.fix, format!("chmod 600 {}", p.display()));
        assert!(fail.to_string().starts_with("FAIL  key file "), "{fail}");
        assert!(fail.what.contains("0644"), "{fail}");

        // Group-readable is a failure too: only the owner reads the key (R8.2).
        with_mode(&p, 0o640);
        assert!(key_checks(None, &p, current_uid(), false)
            .iter()
            .any(|c| c.level == Level::Fail));

        with_mode(&p, 0o600);
        let checks = key_checks(None, &p, current_uid(), false);
        assert!(checks.iter().all(|c| c.level == Level::Ok), "{checks:#?}");
        with_mode(&p, 0o400);
        assert_eq!(
            key_file_mode_check(&p, 0o400).level,
            Level::Ok,
            "read-only for the owner is as tight"
        );
    }

    #[test]
    fn r9_6_doctor_warns_of_a_key_beside_the_data_in_production_and_of_another_owner() {
        let dir = tempfile::tempdir().unwrap();
        let p = key_file(dir.path(), 0o600);
        let checks = key_checks(None, &p, current_uid(), true);
        let warn = checks.iter().find(|c| c.level == Level::Warn).unwrap();
        assert!(
            warn.fix.contains("TESSERA_DB_KEY from a secrets file"),
            "{warn}"
        );

        let other = current_uid().map_or(12_345, |u| u.wrapping_add(1));
        let checks = key_checks(None, &p, Some(other), false);
        assert!(
            checks
                .iter()
                .any(|c| c.level == Level::Warn && c.what.contains("belongs to uid")),
            "{checks:#?}"
        );
    }

    #[test]
    fn r9_6_doctor_key_from_the_environment_or_missing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(KEY_FILE);
        let hex = "cd".repeat(32);
        assert_eq!(
            key_checks(Some(Some(&hex)), &p, None, true),
            vec![Check::ok("key: from TESSERA_DB_KEY")]
        );
        let bad = key_checks(Some(Some("not a key")), &p, None, true);
        assert_eq!(bad[0].level, Level::Fail);
        assert!(
            !bad[0].to_string().contains("not a key"),
            "never echo the key"
        );
        let missing = key_checks(None, &p, None, false);
        assert_eq!(missing[0].level, Level::Fail);
        assert!(missing[0].what.contains("no key file"), "{:?}", missing[0]);
        assert!(!p.exists(), "the check creates nothing");
        // A leftover key file beside an environment key.
        let p = key_file(dir.path(), 0o600);
        let checks = key_checks(Some(Some(&hex)), &p, None, false);
        assert_eq!(checks[1].level, Level::Warn);
    }

    #[test]
    fn r9_6_doctor_checks_the_data_folder_and_its_files_modes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("data");
        std::fs::create_dir(&d).unwrap();
        with_mode(&d, 0o700);
        assert_eq!(data_dir_check(&d).level, Level::Ok);
        with_mode(&d, 0o750);
        let c = data_dir_check(&d);
        assert_eq!(c.level, Level::Warn);
        assert_eq!(c.fix, format!("chmod 700 {}", d.display()));
        with_mode(&d, 0o755);
        assert_eq!(data_dir_check(&d).level, Level::Fail);
        with_mode(&d, 0o703);
        assert_eq!(data_dir_check(&d).level, Level::Fail);
        assert_eq!(
            data_dir_check(&dir.path().join("absent")).level,
            Level::Fail
        );

        let db = d.join(SQLITE_FILE);
        std::fs::write(&db, b"x").unwrap();
        with_mode(&db, 0o600);
        with_mode(&d, 0o700);
        assert_eq!(
            database_files_check(&d),
            vec![Check::ok("database files: not readable by others")]
        );
        // Readable by others: a failure where others can enter the folder, a warning where not.
        with_mode(&db, 0o644);
        let c = database_files_check(&d);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].level, Level::Warn);
        assert_eq!(c[0].fix, format!("chmod 600 {}", db.display()));
        with_mode(&d, 0o711);
        assert_eq!(database_files_check(&d)[0].level, Level::Fail);
        let wal = d.join(format!("{SQLITE_FILE}-wal"));
        File::create(&wal).unwrap();
        with_mode(&wal, 0o604);
        assert_eq!(database_files_check(&d).len(), 2);
        with_mode(&d, 0o700);
    }

    #[test]
    fn r9_6_doctor_reads_df_output() {
        let out = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                   /dev/vda         264212084 19393048  75892840      21% /\n";
        assert_eq!(parse_df(out), Some((264_212_084, 75_892_840)));
        // Spaces in the device's name and in the mount point.
        let out = "Filesystem 1024-blocks Used Available Capacity Mounted on\n\
                   my nas:/share 1000 900 100 90% /mnt/with space\n";
        assert_eq!(parse_df(out), Some((1000, 100)));
        assert_eq!(parse_df("Filesystem\n"), None);
        assert_eq!(parse_df(""), None);
        assert_eq!(parse_df("header\nnothing numeric here 5%\n"), None);
    }

    #[test]
    fn r9_6_doctor_disk_thresholds() {
        let d = Path::new("/var/lib/tessera");
        let gib = KIB_1_GIB;
        assert_eq!(disk_verdict(d, 100 * gib, 50 * gib).level, Level::Ok);
        // Below 10 % of the disk, though many GiB.
        assert_eq!(disk_verdict(d, 1000 * gib, 50 * gib).level, Level::Warn);
        // Below 1 GiB.
        assert_eq!(disk_verdict(d, 2 * gib, gib - 1).level, Level::Warn);
        // Below 100 MiB.
        let c = disk_verdict(d, 2 * gib, KIB_100_MIB - 1);
        assert_eq!(c.level, Level::Fail);
        assert!(c.what.contains("/var/lib/tessera"), "{c}");
        assert_eq!(disk_verdict(d, 0, 0).level, Level::Fail);
        // Where df really runs: this machine's temporary folder has a parsable answer.
        assert!(
            !disk_check(&std::env::temp_dir())
                .what
                .contains("could not read"),
            "df -Pk works here"
        );
    }

    fn touch(dir: &Path, name: &str, age: Duration, now: SystemTime) {
        let p = dir.join(name);
        let f = File::create(&p).unwrap();
        f.set_modified(now - age).unwrap();
    }

    #[test]
    fn r9_6_doctor_warns_of_an_old_or_missing_backup() {
        let now = SystemTime::now();
        let hour = Duration::from_secs(3600);
        let none = backup_check(None, now);
        assert_eq!(
            none.to_string(),
            "warn  no --backup-dir given: the last backup's age was not checked"
        );

        let dir = tempfile::tempdir().unwrap();
        let empty = backup_check(Some(dir.path()), now);
        assert_eq!(empty.level, Level::Warn);
        assert!(empty.what.starts_with("no backup in"), "{empty}");

        touch(dir.path(), "tessera-backup-old.age", 72 * hour, now);
        // Newer, but not named like a backup, or not a regular file: ignored.
        touch(dir.path(), "notes.age", hour, now);
        touch(dir.path(), "tessera-backup-x.partial", hour, now);
        std::fs::create_dir(dir.path().join("tessera-backup-dir.age")).unwrap();
        let old = backup_check(Some(dir.path()), now);
        assert_eq!(old.level, Level::Warn);
        assert!(
            old.what.contains("tessera-backup-old.age is 72 hours old"),
            "{old}"
        );

        touch(dir.path(), "tessera-backup-new.age", 5 * hour, now);
        assert_eq!(
            backup_check(Some(dir.path()), now),
            Check::ok("last backup: tessera-backup-new.age, 5 hours old")
        );
        // Just under two days is still fine.
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "tessera-backup-a.age", 47 * hour, now);
        assert_eq!(backup_check(Some(dir.path()), now).level, Level::Ok);
        assert_eq!(
            backup_check(Some(&dir.path().join("absent")), now).level,
            Level::Warn
        );
    }

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
        assert_eq!(der_not_after(&[0x30, 0x82, 0xff]), None);

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

    #[test]
    fn r9_6_doctor_checks_the_clock() {
        assert_eq!(clock_year_check(2026).level, Level::Ok);
        assert_eq!(clock_year_check(1970).level, Level::Fail);
        assert_eq!(ntp_check(Some("yes")).level, Level::Ok);
        assert_eq!(ntp_check(Some("no")).level, Level::Warn);
        // A missing tool is a warning, never a failure.
        assert_eq!(ntp_check(None).level, Level::Warn);
        assert_eq!(clock_skew_check(1000, 1005).level, Level::Ok);
        assert_eq!(clock_skew_check(1000, 994).level, Level::Warn);
    }
}
