//! Login (SPEC R2.9, R2.5): one Argon2 verification on every path, one answer for every
//! failure, throttling after 10 failures in 15 minutes that grows but never locks for good; the
//! TOTP step, and the signed ticket that carries a page login from the password to the code.

use tessera_core::{AccountId, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::events::LOGIN_TICKET_USED;

use super::{guard, password, totp, AccountsError};
use crate::security::SecurityEvent::LoginFailed;
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

/// Password login. Every path runs exactly one Argon2 verification, so an unknown pseudonym,
/// a wrong password and a wrong TOTP code take the same time and get the same answer (R2.9).
/// The attempt is recorded before it is evaluated ([`guard`]). Fails only with
/// `InvalidCredentials`, `TotpRequired`, `Throttled` or `Busy`.
pub async fn login(
    app: &App,
    pseudonym: &str,
    pw: &str,
    totp_code: Option<&str>,
) -> Result<Account, AccountsError> {
    let attempt = guard::begin(app, login_subject(app, pseudonym), || {
        AccountsError::InvalidCredentials
    })
    .await?;
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
    let ok = password::verify(pw.to_owned(), hash).await?;
    let Some(account) = account.filter(|a| ok && a.password_hash.is_some()) else {
        return Err(attempt.failed(LoginFailed, AccountsError::InvalidCredentials));
    };
    if account.totp_enabled {
        match totp_code.map(str::trim).filter(|c| !c.is_empty()) {
            // The password was right: not a failure, but not a login either. The attempt
            // stays counted until the code step passes, so password guesses that happen to
            // be right cannot be tried without limit.
            None => return Err(AccountsError::TotpRequired(Box::new(account))),
            Some(code) => {
                if !check_totp(app, &account, code).await {
                    return Err(attempt.failed(LoginFailed, AccountsError::InvalidCredentials));
                }
            }
        }
    }
    attempt.passed(app).await;
    Ok(account)
}

/// No session for an account suspended after a membership vote while the suspension lasts
/// (R7.8, R7.9; charter 9.5: loss of access, temporary). Checked once, where every session
/// starts (a login, a recovery, a sign-up), so no path to a session passes it by; a login
/// reaches it only after the right password (and code).
pub async fn require_not_suspended(
    app: &App,
    account: tessera_core::AccountId,
) -> Result<(), AccountsError> {
    let last = app.store.suspended_until(account).await?;
    if tessera_core::governance::suspended_on(last, app.today()) {
        Err(AccountsError::Suspended)
    } else {
        Ok(())
    }
}

/// Second step of a page login: the TOTP code for an account whose password was verified, as
/// `ticket` (from [`login_ticket`]) says. A ticket opens one session only (ASVS 2.3.1): its
/// use is recorded once, so the ticket seen in a page and a later code open nothing more.
pub async fn login_totp(
    app: &App,
    account: &Account,
    ticket: &str,
    code: &str,
) -> Result<(), AccountsError> {
    let attempt = guard::begin(app, login_subject(app, &account.pseudonym), || {
        AccountsError::InvalidCredentials
    })
    .await?;
    if check_totp(app, account, code).await {
        let first_use = app
            .store
            .record_event_once(LOGIN_TICKET_USED, &token_hash(ticket), app.now())
            .await
            .map_err(|_| AccountsError::InvalidCredentials)?;
        if !first_use {
            return Err(attempt.failed(LoginFailed, AccountsError::InvalidCredentials));
        }
        attempt.passed(app).await;
        Ok(())
    } else {
        Err(attempt.failed(LoginFailed, AccountsError::InvalidCredentials))
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
