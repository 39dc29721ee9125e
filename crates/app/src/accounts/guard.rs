//! The one attempt guard of the account secrets (SPEC R2.9, ASVS 6.3.1, issue 11): password,
//! the TOTP step, TOTP on a recovery link, recovery codes and re-authentication all count
//! against the account's login subject. The attempt is recorded first, atomically and in the
//! database (so across processes), and only then is the secret evaluated; so of any number of
//! parallel attempts at most ten are evaluated before each further one must wait (R2.9). A
//! right secret forgets the account's failures; a wrong one stays as a failure.

use tessera_store::events::{Attempt, LOGIN_FAILURE};

use super::login::{throttle_wait, LOGIN_WINDOW_SECS};
use super::AccountsError;
use crate::security::{self, SecurityEvent};
use crate::App;

/// A granted attempt against one subject; [`Guard::passed`] when the secret was right.
pub(super) struct Guard {
    subject: Vec<u8>,
}

/// Records an attempt against `subject`, or refuses it while the subject must wait. A store
/// failure answers `on_error`, so that an outage tells an attacker nothing (R2.9).
pub(super) async fn begin(
    app: &App,
    subject: Vec<u8>,
    on_error: impl FnOnce() -> AccountsError,
) -> Result<Guard, AccountsError> {
    let now = app.now();
    let r = app
        .store
        .begin_attempt(
            LOGIN_FAILURE,
            &subject,
            now - LOGIN_WINDOW_SECS,
            now,
            |recent| throttle_wait(recent.count, now - recent.last.unwrap_or(now)),
        )
        .await;
    match r {
        Ok(Attempt::Granted(_)) => Ok(Guard { subject }),
        Ok(Attempt::Refused(wait)) => {
            security::log(SecurityEvent::Throttled);
            Err(AccountsError::Throttled(wait))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not record an attempt");
            Err(on_error())
        }
    }
}

impl Guard {
    /// The secret was right: the subject's failures are forgotten (R2.9).
    pub(super) async fn passed(self, app: &App) {
        if let Err(e) = app.store.clear_events(LOGIN_FAILURE, &self.subject).await {
            tracing::error!(error = %e, "could not clear login failures");
        }
    }

    /// The secret was wrong: the recorded attempt stays as the failure. Logs the event and
    /// hands back the caller's answer.
    pub(super) fn failed(self, event: SecurityEvent, answer: AccountsError) -> AccountsError {
        security::log(event);
        answer
    }
}
