//! Recovery mail (SPEC R2.6) through `--smtp-url` with lettre. The address is used for this one
//! message and then forgotten; it is never logged.
//!
//! The message holds a recovery link, which is as good as the account: it never crosses the
//! network in plaintext (ASVS 12.3.1, issue 11). [`check_smtp_url`] admits `smtps://` (TLS from
//! the first byte) and `smtp://...?tls=required` (STARTTLS, or no mail at all), both with the
//! server's certificate verified by lettre against the compiled-in Mozilla roots (rustls on
//! ring). Plain `smtp://` and `tls=opportunistic` (which a man in the middle downgrades by
//! hiding STARTTLS) only to a loopback host: a local relay on the same machine.

use std::net::IpAddr;
use std::str::FromStr;

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::i18n::Lang;
use crate::state::AppState;

/// Why `--smtp-url` is refused at start. Neither variant shows the URL: it may hold a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpUrlError {
    #[error(
        "--smtp-url is not an SMTP URL lettre understands: use smtps://HOST (TLS, port 465) or \
         smtp://HOST?tls=required (STARTTLS, port 587)"
    )]
    Invalid,
    #[error(
        "refusing to send recovery mail to {host} without TLS: recovery links must not cross the \
         network in plaintext. Use smtps://{host} (TLS, port 465) or \
         smtp://{host}?tls=required (STARTTLS, port 587), or a relay on this machine \
         (smtp://127.0.0.1:25) (ASVS 12.3.1; see docs/operator.md, \"Recovery mail\")"
    )]
    Plaintext { host: String },
}

/// The SMTP link rule of this module, on the URL as lettre's `from_url` reads it (the scheme,
/// the first `tls` parameter, the host).
pub fn check_smtp_url(url: &str) -> Result<(), SmtpUrlError> {
    let parsed = url::Url::parse(url).map_err(|_| SmtpUrlError::Invalid)?;
    let host = match parsed.host_str() {
        Some(h) if !h.is_empty() => h,
        _ => return Err(SmtpUrlError::Invalid),
    };
    let tls = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (parsed.scheme(), tls.as_deref()) {
        ("smtps", _) | ("smtp", Some("required")) => Ok(()),
        ("smtp", None | Some("opportunistic")) if is_loopback(host) => Ok(()),
        ("smtp", None | Some("opportunistic")) => Err(SmtpUrlError::Plaintext {
            host: host.to_owned(),
        }),
        _ => Err(SmtpUrlError::Invalid),
    }
}

/// `localhost`, 127.0.0.0/8 or `::1` (brackets allowed). The same rule as the store's for the
/// database link; names other than `localhost` are not resolved.
fn is_loopback(host: &str) -> bool {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.eq_ignore_ascii_case("localhost")
        || IpAddr::from_str(bare).is_ok_and(|ip| ip.to_canonical().is_loopback())
}

pub fn enabled(state: &AppState) -> bool {
    state.config.smtp_url.is_some()
}

pub async fn send_recovery(state: &AppState, to: &str, link: &str, lang: Lang) {
    let Some(url) = &state.config.smtp_url else {
        return;
    };
    // The binary refuses such a URL at start; a `WebConfig` built another way is held to the
    // same rule here.
    if check_smtp_url(url.expose_secret()).is_err() {
        tracing::warn!("recovery mail not sent: the SMTP URL needs TLS (ASVS 12.3.1)");
        return;
    }
    let body = lang.ta("mail-recovery-body", &[("link", link.to_owned())]);
    let msg = match (state.config.mail_from.parse(), to.parse()) {
        (Ok(from), Ok(to)) => Message::builder()
            .from(from)
            .to(to)
            .subject(lang.t("mail-recovery-subject"))
            .header(ContentType::TEXT_PLAIN)
            .body(body),
        _ => {
            tracing::warn!("recovery mail not sent: an address did not parse");
            return;
        }
    };
    let Ok(msg) = msg else {
        tracing::warn!("recovery mail not sent: message could not be built");
        return;
    };
    match AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret()) {
        Ok(t) => {
            if t.build().send(msg).await.is_err() {
                tracing::warn!("recovery mail could not be delivered to the SMTP server");
            }
        }
        Err(_) => tracing::warn!("recovery mail not sent: the SMTP URL is invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_6_asvs_12_3_1_smtp_to_another_host_needs_tls() {
        for ok in [
            "smtps://mail.example.org",
            "smtps://user:pw@mail.example.org:465",
            "smtp://mail.example.org?tls=required",
            "smtp://user:pw@mail.example.org:587?tls=required",
            "smtp://192.0.2.25:587?tls=required",
            "smtp://[2001:db8::25]?tls=required",
        ] {
            assert_eq!(check_smtp_url(ok), Ok(()), "{ok}");
            // And lettre reads each of them.
            assert!(
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(ok).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "smtp://mail.example.org",
            "smtp://user:pw@mail.example.org:25",
            "smtp://mail.example.org:587?tls=opportunistic",
            "smtp://192.0.2.25",
            "smtp://[2001:db8::25]:25",
            "smtp://localhost.example.org",
            "smtp://127.0.0.1.nip.io",
            "smtp://[::ffff:192.0.2.25]",
        ] {
            match check_smtp_url(bad) {
                Err(SmtpUrlError::Plaintext { host }) => {
                    let message = SmtpUrlError::Plaintext { host }.to_string();
                    assert!(message.contains("tls=required"), "{message}");
                    assert!(!message.contains("pw"), "{message}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        // lettre takes the first `tls` parameter: so does the rule.
        assert!(check_smtp_url("smtp://mail.example.org?tls=opportunistic&tls=required").is_err());
    }

    #[test]
    fn r2_6_asvs_12_3_1_a_local_relay_may_go_without_tls() {
        for ok in [
            "smtp://127.0.0.1:25",
            "smtp://127.0.0.1:2525?tls=opportunistic",
            "smtp://localhost",
            "smtp://LOCALHOST:25",
            "smtp://[::1]:25",
        ] {
            assert_eq!(check_smtp_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn r2_6_asvs_12_3_1_urls_lettre_cannot_read_are_refused() {
        for bad in [
            "",
            "mail.example.org:25",
            "http://mail.example.org",
            "smtp://mail.example.org?tls=always",
            "smtp:///no-host",
        ] {
            assert_eq!(check_smtp_url(bad), Err(SmtpUrlError::Invalid), "{bad}");
        }
    }
}
