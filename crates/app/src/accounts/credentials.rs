//! Credential changes and deletion (SPEC R2.10, R2.11, R2.5, R2.6, R2.7): each needs the
//! current password again; a new password ends the account's other sessions.

use tessera_core::Password;
use tessera_store::accounts::Account;

use super::{password, totp, AccountsError, PasswordField};
use crate::App;

/// Re-authentication (R2.10): the current password, checked off the runtime.
pub async fn reauthenticate(account: &Account, current: &str) -> Result<(), AccountsError> {
    let Some(hash) = account.password_hash.clone() else {
        return Err(AccountsError::ReauthenticationFailed);
    };
    if password::verify(current.to_owned(), hash).await {
        Ok(())
    } else {
        Err(AccountsError::ReauthenticationFailed)
    }
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
    reauthenticate(account, current).await?;
    let pw = Password::parse(
        new,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::NewPassword))?;
    let hash = password::hash(pw.expose().to_owned()).await;
    app.store.set_password_hash(account.id, &hash).await?;
    app.store
        .delete_other_sessions(account.id, keep_session)
        .await?;
    Ok(())
}

/// Sets (or, with `None` or an empty address, removes) the recovery address (R2.6, R2.10).
pub async fn set_recovery_email(
    app: &App,
    account: &Account,
    current: &str,
    email: Option<&str>,
) -> Result<(), AccountsError> {
    reauthenticate(account, current).await?;
    let hash = match email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => {
            let e = password::normalise_email(e).ok_or(AccountsError::RecoveryEmail)?;
            Some(password::hash(e).await)
        }
        None => None,
    };
    app.store
        .set_recovery_email_hash(account.id, hash.as_deref())
        .await?;
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
}

/// Turns TOTP on with a sealed secret from [`TotpEnrolment::start`] once a code matches it; the
/// code is used up at once (R2.5).
pub async fn confirm_totp(
    app: &App,
    account: &Account,
    current: &str,
    sealed: &str,
    code: &str,
) -> Result<(), AccountsError> {
    reauthenticate(account, current).await?;
    let secret = data_encoding::BASE64URL_NOPAD
        .decode(sealed.as_bytes())
        .ok()
        .and_then(|b| app.store.crypto().open("totp-pending", &b).ok())
        .ok_or(AccountsError::TotpEnrolmentCode)?;
    let step =
        totp::matching_step(&secret, code, app.now()).ok_or(AccountsError::TotpEnrolmentCode)?;
    app.store.set_totp_secret(account.id, Some(&secret)).await?;
    app.store.claim_totp_step(account.id, step).await?;
    Ok(())
}

pub async fn disable_totp(
    app: &App,
    account: &Account,
    current: &str,
) -> Result<(), AccountsError> {
    reauthenticate(account, current).await?;
    app.store.set_totp_secret(account.id, None).await?;
    Ok(())
}

/// Deletion (R2.11): immediate and irreversible, after re-authentication (R2.10).
pub async fn delete_account(
    app: &App,
    account: &Account,
    current: &str,
) -> Result<(), AccountsError> {
    reauthenticate(account, current).await?;
    app.store.delete_account(account.id).await?;
    Ok(())
}

/// Ends one of the account's sessions by its public handle (R2.7).
pub async fn end_session(app: &App, account: &Account, handle: &str) -> Result<(), AccountsError> {
    if app
        .store
        .delete_session_by_handle(account.id, handle)
        .await?
    {
        Ok(())
    } else {
        Err(AccountsError::NoSuchSession)
    }
}
