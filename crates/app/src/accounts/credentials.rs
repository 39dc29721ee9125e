//! Credential changes and deletion (SPEC R2.10, R2.11, R2.5, R2.6, R2.7): each needs the
//! current password again, through the attempt guard (ASVS 6.3.4: someone holding an unlocked
//! phone cannot guess it faster than a login); with TOTP on, the operations that could lock the
//! owner out or weaken her second factor also need a current code (step-up, ASVS 7.5.1).
//! Changed credentials end the account's other sessions (ASVS 7.4.3).

use tessera_core::Password;
use tessera_store::accounts::Account;
use tessera_store::sessions::EndSessions;

use super::login::{check_totp, login_subject};
use super::{guard, password, totp, AccountsError, PasswordField};
use crate::security::{self, SecurityEvent};
use crate::App;

/// What an operation asks of the person at the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reauth<'a> {
    /// The current password (R2.10).
    Password(&'a str),
    /// The current password and, when the account has TOTP, a current code (step-up, ASVS
    /// 7.5.1): for turning TOTP off, new recovery codes, the recovery address, ending sessions
    /// and deletion.
    StepUp(&'a str, Option<&'a str>),
}

/// Re-authentication (R2.10, ASVS 6.3.4, 7.5.1). Counts against the account's login throttle;
/// a wrong password or code answers `ReauthenticationFailed` (or `StepUpFailed` when a code
/// was needed), the throttle `Throttled`.
pub async fn reauthenticate(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
) -> Result<(), AccountsError> {
    let (current, code) = match proof {
        Reauth::Password(p) => (p, None),
        Reauth::StepUp(p, c) => (p, Some(c)),
    };
    let wrong = if account.totp_enabled && code.is_some() {
        AccountsError::StepUpFailed
    } else {
        AccountsError::ReauthenticationFailed
    };
    let Some(hash) = account.password_hash.clone() else {
        return Err(wrong);
    };
    let attempt = guard::begin(app, login_subject(app, &account.pseudonym), || {
        AccountsError::ReauthenticationFailed
    })
    .await?;
    if !password::verify(current.to_owned(), hash).await? {
        return Err(attempt.failed(SecurityEvent::ReauthFailed, wrong));
    }
    if let (true, Some(code)) = (account.totp_enabled, code) {
        let code = code.map_or("", str::trim);
        if code.is_empty() || !check_totp(app, account, code).await {
            return Err(attempt.failed(SecurityEvent::ReauthFailed, wrong));
        }
    }
    attempt.passed(app).await;
    Ok(())
}

/// Ends the account's sessions after a credential change or on request (ASVS 7.4.3): all but
/// `keep` (the session making the change), or all.
async fn end_sessions(
    app: &App,
    account: &Account,
    which: EndSessions<'_>,
) -> Result<u64, AccountsError> {
    let n = app.store.end_sessions(account.id, which).await?;
    security::log(SecurityEvent::SessionsEnded);
    Ok(n)
}

/// A new password (R2.10). Other sessions may belong to whoever knew the old one, so all but
/// `keep_session` (the token hash of the session making the change) end.
pub async fn change_password(
    app: &App,
    account: &Account,
    current: &str,
    new: &str,
    keep_session: &[u8],
) -> Result<(), AccountsError> {
    reauthenticate(app, account, Reauth::Password(current)).await?;
    let pw = Password::parse(
        new,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::NewPassword))?;
    let hash = password::hash(pw.expose().to_owned()).await?;
    app.store.set_password_hash(account.id, &hash).await?;
    security::log(SecurityEvent::PasswordChanged);
    end_sessions(app, account, EndSessions::AllBut(keep_session)).await?;
    Ok(())
}

/// Sets (or, with `None` or an empty address, removes) the recovery address (R2.6, R2.10;
/// step-up).
pub async fn set_recovery_email(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
    email: Option<&str>,
) -> Result<(), AccountsError> {
    reauthenticate(app, account, proof).await?;
    let normal = match email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => Some(password::normalise_email(e).ok_or(AccountsError::RecoveryEmail)?),
        None => None,
    };
    let hash = match normal {
        Some(e) => Some(password::hash(e).await?),
        None => None,
    };
    app.store
        .set_recovery_email_hash(account.id, hash.as_deref())
        .await?;
    security::log(SecurityEvent::RecoveryEmailChanged);
    Ok(())
}

/// A TOTP secret being set up (R2.5): the raw secret, to show, and the same secret sealed with
/// the server key, to carry in the form until a code confirms it (nothing is stored before).
pub struct TotpEnrolment {
    pub secret: Vec<u8>,
    pub sealed: String,
}

impl TotpEnrolment {
    pub fn start(app: &App) -> TotpEnrolment {
        let secret = totp::new_secret();
        let sealed = data_encoding::BASE64URL_NOPAD
            .encode(&app.store.crypto().seal("totp-pending", &secret));
        TotpEnrolment { secret, sealed }
    }

    /// The enrolment a form carried back (to show it again after a wrong code).
    pub fn resume(app: &App, sealed: &str) -> Option<TotpEnrolment> {
        let secret = data_encoding::BASE64URL_NOPAD
            .decode(sealed.as_bytes())
            .ok()
            .and_then(|b| app.store.crypto().open("totp-pending", &b).ok())?;
        Some(TotpEnrolment {
            secret,
            sealed: sealed.to_owned(),
        })
    }
}

/// Turns TOTP on with a sealed secret from [`TotpEnrolment::start`] once a code matches it; the
/// code is used up at once (R2.5). A new second factor ends the other sessions (ASVS 7.4.3).
pub async fn confirm_totp(
    app: &App,
    account: &Account,
    current: &str,
    sealed: &str,
    code: &str,
    keep_session: &[u8],
) -> Result<(), AccountsError> {
    reauthenticate(app, account, Reauth::Password(current)).await?;
    let secret = data_encoding::BASE64URL_NOPAD
        .decode(sealed.as_bytes())
        .ok()
        .and_then(|b| app.store.crypto().open("totp-pending", &b).ok())
        .ok_or(AccountsError::TotpEnrolmentCode)?;
    let step =
        totp::matching_step(&secret, code, app.now()).ok_or(AccountsError::TotpEnrolmentCode)?;
    app.store.set_totp_secret(account.id, Some(&secret)).await?;
    app.store.claim_totp_step(account.id, step).await?;
    security::log(SecurityEvent::TotpEnabled);
    end_sessions(app, account, EndSessions::AllBut(keep_session)).await?;
    Ok(())
}

/// Turns TOTP off (step-up); the other sessions end (ASVS 7.4.3).
pub async fn disable_totp(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
    keep_session: &[u8],
) -> Result<(), AccountsError> {
    reauthenticate(app, account, proof).await?;
    app.store.set_totp_secret(account.id, None).await?;
    security::log(SecurityEvent::TotpDisabled);
    end_sessions(app, account, EndSessions::AllBut(keep_session)).await?;
    Ok(())
}

/// Deletion (R2.11): immediate and irreversible, after re-authentication (R2.10; step-up).
/// With `restore_code`, she is given a code (shown once) with which the Dispute Resolution
/// Committee can restore her reputation to a new account if the deletion was due to a platform
/// error or a safety concern (charter 18.6); without it, nothing leads to her ratings again.
pub async fn delete_account(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
    restore_code: bool,
) -> Result<Option<String>, AccountsError> {
    reauthenticate(app, account, proof).await?;
    let code = restore_code.then(crate::governance::restorations::new_code);
    let hash = code
        .as_deref()
        .map(crate::governance::restorations::code_hash);
    app.store
        .delete_account_keeping(account.id, hash.as_deref())
        .await?;
    security::log(SecurityEvent::AccountDeleted);
    Ok(code)
}

/// Ends one of the account's other sessions by its public handle (R2.7; step-up).
pub async fn end_session(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
    handle: &str,
) -> Result<(), AccountsError> {
    reauthenticate(app, account, proof).await?;
    if app
        .store
        .delete_session_by_handle(account.id, handle)
        .await?
    {
        security::log(SecurityEvent::SessionsEnded);
        Ok(())
    } else {
        Err(AccountsError::NoSuchSession)
    }
}

/// "End all other sessions" (R2.7, ASVS 7.4.3; step-up): every session but `keep`.
pub async fn end_other_sessions(
    app: &App,
    account: &Account,
    proof: Reauth<'_>,
    keep_session: &[u8],
) -> Result<u64, AccountsError> {
    reauthenticate(app, account, proof).await?;
    end_sessions(app, account, EndSessions::AllBut(keep_session)).await
}
