//! Recovery mail (SPEC R2.6) through `--smtp-url` with lettre. The address is used for this one
//! message and then forgotten; it is never logged.

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::i18n::Lang;
use crate::state::AppState;

pub fn enabled(state: &AppState) -> bool {
    state.config.smtp_url.is_some()
}

pub async fn send_recovery(state: &AppState, to: &str, link: &str, lang: Lang) {
    let Some(url) = &state.config.smtp_url else {
        return;
    };
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
