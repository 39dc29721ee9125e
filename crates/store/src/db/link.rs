//! The link to PostgreSQL (SPEC R9.2; ASVS 12.3.1, issue 11): data about sellers and buyers
//! crosses it, so it must be encrypted and the server authenticated wherever it leaves the
//! machine. The rule, checked on the options sqlx will really use (after the URL's `host=`,
//! `hostaddr=` and `sslmode`/`ssl-mode` parameters and the `PG*` environment are applied), before
//! any connection is made:
//!
//! - a Unix socket, or a loopback host (`localhost`, 127.0.0.0/8, `::1`), may go without TLS:
//!   the traffic never leaves the kernel;
//! - any other host needs `sslmode=verify-full` or `sslmode=verify-ca`. `prefer` (the default)
//!   falls back to plaintext when the server, or someone in between, declines TLS, and
//!   `require` encrypts without checking who answers; both are refused.
//!
//! [`Store::database_link`] reports what a connection actually got (`pg_stat_ssl`), so an
//! operator (and a test) can see that TLS is in use.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgSslMode};

use super::Db;
use crate::{Location, Result, Store};

/// A non-loopback PostgreSQL URL without a verified TLS mode: refused before connecting.
/// Carries the host and the mode only, never the URL (it may hold a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refusing to connect to PostgreSQL at {host} with sslmode={mode}: a database that is not on \
     this machine needs a verified TLS link. Add sslmode=verify-full to the --database-url (with \
     sslrootcert=/path/to/ca.pem when the server's certificate is not from a public authority), \
     or connect through localhost, 127.0.0.1, [::1] or a Unix socket (ASVS 12.3.1; see \
     docs/operator.md, \"The database link\")"
)]
pub struct InsecureDatabaseLink {
    pub host: String,
    pub mode: &'static str,
}

/// How a connection was reached, as far as the rule is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    UnixSocket,
    Loopback,
    /// Anywhere else: allowed with a verified TLS mode only.
    Network,
}

/// Where the options point: a socket path (sqlx takes a host starting with `/` as one, also
/// when it came percent-encoded in the URL's host or from `host=`), a loopback host, or else.
pub(crate) fn route(opts: &PgConnectOptions) -> Route {
    if opts.get_socket().is_some() || opts.get_host().starts_with('/') {
        Route::UnixSocket
    } else if is_loopback(opts.get_host()) {
        Route::Loopback
    } else {
        Route::Network
    }
}

/// `localhost`, or an address in 127.0.0.0/8 or `::1` (also IPv4-mapped, `::ffff:127.x.y.z`),
/// with or without the URL's IPv6 brackets. Names other than `localhost` are not resolved
/// here: a name that happens to resolve to a loopback address today may not tomorrow.
pub(crate) fn is_loopback(host: &str) -> bool {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.eq_ignore_ascii_case("localhost")
        || IpAddr::from_str(bare).is_ok_and(|ip| ip.to_canonical().is_loopback())
}

fn mode_name(mode: PgSslMode) -> &'static str {
    match mode {
        PgSslMode::Disable => "disable",
        PgSslMode::Allow => "allow",
        PgSslMode::Prefer => "prefer",
        PgSslMode::Require => "require",
        PgSslMode::VerifyCa => "verify-ca",
        PgSslMode::VerifyFull => "verify-full",
    }
}

/// The rule of this module, on the options sqlx will connect with.
pub(crate) fn check(opts: &PgConnectOptions) -> Result<(), InsecureDatabaseLink> {
    let verified = matches!(
        opts.get_ssl_mode(),
        PgSslMode::VerifyFull | PgSslMode::VerifyCa
    );
    match route(opts) {
        Route::UnixSocket | Route::Loopback => Ok(()),
        Route::Network if verified => Ok(()),
        Route::Network => Err(InsecureDatabaseLink {
            host: opts.get_host().to_owned(),
            mode: mode_name(opts.get_ssl_mode()),
        }),
    }
}

impl Location {
    /// Checks the database link rule (ASVS 12.3.1) without connecting: `Ok` for SQLite and for
    /// a PostgreSQL URL that satisfies it. [`Store::open`] checks it too; the binary calls this
    /// first so that a refused URL changes nothing (no key file, no bound port).
    pub fn check_link(&self) -> Result<()> {
        match self {
            Location::Sqlite { .. } => Ok(()),
            Location::Postgres { url } => Ok(check(&PgConnectOptions::from_str(url)?)?),
        }
    }
}

/// What the store's database connections got, for the operator's start-up line and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLink {
    /// The embedded SQLite database: no link at all.
    Embedded,
    /// PostgreSQL over a Unix socket, without TLS (the traffic stays in the kernel).
    UnixSocket,
    /// PostgreSQL over TCP with TLS; the protocol version as the server reports it.
    Tls { version: String },
    /// PostgreSQL over TCP without TLS: only ever to a loopback host (the rule above).
    Plaintext,
}

impl fmt::Display for DatabaseLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseLink::Embedded => f.write_str("embedded SQLite"),
            DatabaseLink::UnixSocket => f.write_str("PostgreSQL over a Unix socket"),
            DatabaseLink::Tls { version } => write!(f, "PostgreSQL over TLS ({version})"),
            DatabaseLink::Plaintext => f.write_str("PostgreSQL over loopback TCP without TLS"),
        }
    }
}

impl Store {
    /// Asks the server what one of the store's connections got: `pg_stat_ssl` for this
    /// backend process (TLS and its version), `inet_client_addr()` (NULL on a Unix socket).
    pub async fn database_link(&self) -> Result<DatabaseLink> {
        let pool = match &self.db {
            Db::Sqlite { .. } => return Ok(DatabaseLink::Embedded),
            Db::Postgres(pool) => pool,
        };
        let (ssl, version, socket): (bool, Option<String>, bool) = sqlx::query_as(
            "SELECT s.ssl, s.version, inet_client_addr() IS NULL \
             FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()",
        )
        .fetch_one(pool)
        .await?;
        Ok(match (ssl, socket) {
            (true, _) => DatabaseLink::Tls {
                version: version.unwrap_or_else(|| "version unknown".to_owned()),
            },
            (false, true) => DatabaseLink::UnixSocket,
            (false, false) => DatabaseLink::Plaintext,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule's verdict on a URL, as `Db::open` reaches it (sqlx's own parser).
    fn verdict(url: &str) -> Result<(), InsecureDatabaseLink> {
        check(&PgConnectOptions::from_str(url).unwrap())
    }

    fn refused(url: &str) -> InsecureDatabaseLink {
        match verdict(url) {
            Err(e) => e,
            Ok(()) => panic!("{url} should be refused"),
        }
    }

    #[test]
    fn r9_2_asvs_12_3_1_a_remote_host_needs_a_verified_tls_mode() {
        for mode in [
            "",
            "?sslmode=disable",
            "?sslmode=allow",
            "?sslmode=prefer",
            "?sslmode=require",
        ] {
            let url = format!("postgres://tessera:pw@db.example.org:5432/tessera{mode}");
            let e = refused(&url);
            assert_eq!(e.host, "db.example.org");
            assert!(
                !e.to_string().contains("pw"),
                "the message never shows the URL"
            );
        }
        // The default mode is prefer, which falls back to plaintext: named in the message.
        assert_eq!(refused("postgres://u@db.example.org/x").mode, "prefer");
        assert_eq!(
            refused("postgres://u@db.example.org/x?sslmode=require").mode,
            "require"
        );
        for ok in [
            "postgres://u@db.example.org/x?sslmode=verify-full",
            "postgres://u@db.example.org/x?sslmode=verify-ca",
            "postgres://u@db.example.org/x?ssl-mode=verify-full",
            "postgres://u@db.example.org/x?sslmode=VERIFY-FULL",
            "postgresql://u@db.example.org/x?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "postgres://u@10.0.0.7/x?sslmode=verify-ca",
            "postgres://u@[2001:db8::7]:5432/x?sslmode=verify-full",
        ] {
            assert_eq!(verdict(ok), Ok(()), "{ok}");
        }
        // When sslmode is given twice, sqlx uses the last one: so does the rule.
        refused("postgres://u@db.example.org/x?sslmode=verify-full&sslmode=prefer");
    }

    #[test]
    fn r9_2_asvs_12_3_1_loopback_hosts_may_go_without_tls() {
        for ok in [
            "postgres://postgres@127.0.0.1:5432/postgres",
            "postgres://postgres@127.8.9.10/postgres",
            "postgres://postgres@localhost/postgres",
            "postgres://postgres@LocalHost:5433/postgres?sslmode=disable",
            "postgres://postgres@[::1]:5432/postgres",
            "postgres://postgres@[0:0:0:0:0:0:0:1]/postgres",
            "postgres://postgres@[::ffff:127.0.0.1]/postgres",
        ] {
            assert_eq!(verdict(ok), Ok(()), "{ok}");
        }
        for bad in [
            // Names are not resolved: only `localhost` itself counts.
            "postgres://u@localhost.example.org/x",
            "postgres://u@127.0.0.1.nip.io/x",
            "postgres://u@localhost./x",
            // Private, link-local, unspecified and other addresses leave the kernel.
            "postgres://u@10.0.0.7/x",
            "postgres://u@192.168.1.20/x",
            "postgres://u@0.0.0.0/x",
            "postgres://u@[2001:db8::7]/x",
            "postgres://u@[fe80::1]/x",
            "postgres://u@[::]/x",
            "postgres://u@[::ffff:10.0.0.7]/x",
        ] {
            refused(bad);
        }
        assert_eq!(
            refused("postgres://u@[2001:db8::7]/x").host,
            "[2001:db8::7]"
        );
    }

    #[test]
    fn r9_2_asvs_12_3_1_unix_sockets_may_go_without_tls() {
        for ok in [
            "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/tessera",
            "postgres:///tessera?host=/var/run/postgresql",
            "postgres://postgres@db.example.org/tessera?host=/run/postgresql",
        ] {
            assert_eq!(verdict(ok), Ok(()), "{ok}");
            let opts = PgConnectOptions::from_str(ok).unwrap();
            assert_eq!(route(&opts), Route::UnixSocket, "{ok}");
        }
    }

    #[test]
    fn r9_2_asvs_12_3_1_host_parameters_in_the_query_decide() {
        // sqlx lets `host=` and `hostaddr=` override the URL's host: the rule follows.
        refused("postgres://u@127.0.0.1/x?host=db.example.org");
        refused("postgres://u@localhost/x?hostaddr=192.0.2.10");
        assert_eq!(
            refused("postgres://u@localhost/x?host=db.example.org").host,
            "db.example.org"
        );
        assert_eq!(
            verdict("postgres://u@db.example.org/x?hostaddr=127.0.0.1"),
            Ok(())
        );
        assert_eq!(
            verdict("postgres://u@db.example.org/x?host=localhost"),
            Ok(())
        );
        assert_eq!(
            verdict("postgres://u@127.0.0.1/x?host=db.example.org&sslmode=verify-full"),
            Ok(())
        );
    }

    #[test]
    fn r9_2_asvs_12_3_1_location_check_covers_sqlite_and_bad_urls() {
        let sqlite = Location::Sqlite {
            data_dir: "/nonexistent".into(),
        };
        assert!(sqlite.check_link().is_ok());
        let remote = Location::Postgres {
            url: "postgres://u:secret@db.example.org/x".into(),
        };
        let message = remote.check_link().unwrap_err().to_string();
        assert!(message.contains("sslmode=verify-full"), "{message}");
        assert!(message.contains("db.example.org"), "{message}");
        assert!(!message.contains("secret"), "{message}");
        let unparsable = Location::Postgres {
            url: "postgres://u@db.example.org/x?sslmode=sometimes".into(),
        };
        assert!(unparsable.check_link().is_err());
    }
}
