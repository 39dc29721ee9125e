//! Login (SPEC R2.9, R2.5): one Argon2 verification on every path, one answer for every
//! failure, throttling after 10 failures in 15 minutes that grows but never locks for good; the
//! TOTP step, and the signed ticket that carries a page login from the password to the code.

use tessera_core::{AccountId, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::crypto::random_token;
use tessera_store::events::LOGIN_FAILURE;

use super::{password, totp, AccountsError};
use crate::App;

/// R2.9: after this many failures in the window, each further attempt must wait.
pub const LOGIN_FAILURES_ALLOWED: i64 = 10;
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
/// How long the ticket between a page login's password step and its TOTP step is valid.
const TICKET_SECS: i64 = 300;

pub(super) fn login_subject(app: &App, raw: &str) -> Vec<u8> {
    let canonical =
        Pseudonym::parse(raw).map_or_else(|_| raw.to_lowercase(), |p| p.canonical().to_owned());
    app.store
        .crypto()
        .keyed_hash("login", canonical.as_bytes())
        .to_vec()
}

/// Seconds an attempt must still wait, given failures in the window (R2.9): none up to 10, then
/// 2, 4, 8, ... seconds after the last failure, at most 5 minutes. Never a permanent lock.
pub fn throttle_wait(failures: i64, since_last: i64) -> Option<u64> {
    if failures < LOGIN_FAILURES_ALLOWED {
        return None;
    }
    let exp = (failures - LOGIN_FAILURES_ALLOWED + 1).min(9) as u32;
    let wait = 2i64.pow(exp).min(300);
    (since_last < wait).then(|| (wait - since_last) as u64)
}

/// `Throttled` while the subject must wait; a store failure answers like a wrong password, so
/// that an outage does not tell an attacker anything either.
pub(super) async fn check_throttle(app: &App, subject: &[u8]) -> Result<(), AccountsError> {
    let now = app.now();
    let (n, last) = app
        .store
        .count_events(LOGIN_FAILURE, subject, now - LOGIN_WINDOW_SECS)
        .await
        .map_err(|_| AccountsError::InvalidCredentials)?;
    match throttle_wait(n, now - last.unwrap_or(now)) {
        Some(w) => Err(AccountsError::Throttled(w)),
        None => Ok(()),
    }
}

/// Records a failure against the subject; the caller answers with its own error.
pub(super) async fn record_failure(app: &App, subject: &[u8]) {
    if let Err(e) = app
        .store
        .record_event(LOGIN_FAILURE, subject, app.now())
        .await
    {
        tracing::error!(error = %e, "could not record a login failure");
    }
}

async fn fail(app: &App, subject: &[u8]) -> AccountsError {
    record_failure(app, subject).await;
    AccountsError::InvalidCredentials
}

/// Password login. Every path runs exactly one Argon2 verification, so an unknown pseudonym,
/// a wrong password and a wrong TOTP code take the same time and get the same answer (R2.9).
/// Fails only with `InvalidCredentials`, `TotpRequired` or `Throttled`.
pub async fn login(
    app: &App,
    pseudonym: &str,
    pw: &str,
    totp_code: Option<&str>,
) -> Result<Account, AccountsError> {
    let subject = login_subject(app, pseudonym);
    check_throttle(app, &subject).await?;
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => app
            .store
            .account_by_pseudonym(p.canonical())
            .await
            .map_err(|_| AccountsError::InvalidCredentials)?,
        Err(_) => None,
    };
    let hash = account
        .as_ref()
        .and_then(|a| a.password_hash.clone())
        .unwrap_or_else(|| app.dummy_hash.clone());
    let ok = password::verify(pw.to_owned(), hash).await;
    let Some(account) = account.filter(|a| ok && a.password_hash.is_some()) else {
        return Err(fail(app, &subject).await);
    };
    if account.totp_enabled {
        match totp_code.map(str::trim).filter(|c| !c.is_empty()) {
            None => return Err(AccountsError::TotpRequired(Box::new(account))),
            Some(code) => {
                if !check_totp(app, &account, code).await {
                    return Err(fail(app, &subject).await);
                }
            }
        }
    }
    let _ = app.store.clear_events(LOGIN_FAILURE, &subject).await;
    Ok(account)
}

/// Second step of a page login: the TOTP code for an account whose password was verified.
pub async fn login_totp(app: &App, account: &Account, code: &str) -> Result<(), AccountsError> {
    let subject = login_subject(app, &account.pseudonym);
    check_throttle(app, &subject).await?;
    if check_totp(app, account, code).await {
        let _ = app.store.clear_events(LOGIN_FAILURE, &subject).await;
        Ok(())
    } else {
        Err(fail(app, &subject).await)
    }
}

/// Verifies a TOTP code and uses it up (R2.5).
pub async fn check_totp(app: &App, account: &Account, code: &str) -> bool {
    let Ok(Some(secret)) = app.store.totp_secret(account.id).await else {
        return false;
    };
    match totp::matching_step(&secret, code, app.now()) {
        Some(step) => app
            .store
            .claim_totp_step(account.id, step)
            .await
            .unwrap_or(false),
        None => false,
    }
}

/// A short-lived, signed note that an account passed the password step of a page login, so
/// the TOTP step needs no password in the page.
pub fn login_ticket(app: &App, account_id: AccountId) -> String {
    let body = format!(
        "{account_id}.{}.{}",
        app.now() + TICKET_SECS,
        random_token(8)
    );
    let tag = app
        .store
        .crypto()
        .keyed_hash("login-ticket", body.as_bytes());
    format!("{body}.{}", data_encoding::HEXLOWER.encode(&tag[..16]))
}

/// The account id of a valid, unexpired ticket.
pub fn check_login_ticket(app: &App, ticket: &str) -> Option<AccountId> {
    let (body, tag) = ticket.rsplit_once('.')?;
    let expected = app
        .store
        .crypto()
        .keyed_hash("login-ticket", body.as_bytes());
    let expected = data_encoding::HEXLOWER.encode(&expected[..16]);
    if !bool::from(subtle::ConstantTimeEq::ct_eq(
        expected.as_bytes(),
        tag.as_bytes(),
    )) {
        return None;
    }
    let mut it = body.split('.');
    let id: i64 = it.next()?.parse().ok()?;
    let expires: i64 = it.next()?.parse().ok()?;
    (expires >= app.now()).then_some(AccountId::new(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_9_throttle_grows_and_never_locks_for_good() {
        assert_eq!(throttle_wait(9, 0), None);
        assert_eq!(throttle_wait(10, 0), Some(2));
        assert_eq!(throttle_wait(10, 2), None);
        assert_eq!(throttle_wait(12, 0), Some(8));
        assert_eq!(throttle_wait(40, 0), Some(300));
        assert_eq!(throttle_wait(40, 300), None);
    }
}
