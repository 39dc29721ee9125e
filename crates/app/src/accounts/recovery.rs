//! Account recovery (SPEC R2.6): ten one-time recovery codes, or a single-use link mailed to a
//! recovery address of which only a salted hash is kept. Only a recovery code bypasses TOTP.

use sha2::{Digest, Sha256};
use tessera_core::{AccountId, Password, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::crypto::{random_token, token_hash};

use super::login::{check_throttle, login_subject, record_failure};
use super::{check_totp, password, AccountsError, PasswordField};
use crate::App;

/// Recovery links are valid 30 minutes (R2.6).
pub const RECOVERY_LINK_SECS: i64 = 30 * 60;
pub const RECOVERY_CODES: usize = 10;

/// Ten fresh one-time codes of 80 bits each (R2.6), replacing any earlier ones; only their
/// hashes are stored. Returned once, for display.
pub async fn new_recovery_codes(
    app: &App,
    account_id: AccountId,
) -> Result<Vec<String>, AccountsError> {
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let t = random_token(10);
            format!("{}-{}-{}-{}", &t[0..4], &t[4..8], &t[8..12], &t[12..16])
        })
        .collect();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| recovery_code_hash(c)).collect();
    app.store
        .replace_recovery_codes(account_id, &hashes)
        .await?;
    Ok(codes)
}

/// Codes are compared without their dashes and case, as people retype them.
fn recovery_code_hash(code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    Sha256::digest(normal.as_bytes()).to_vec()
}

/// The mail to send after a matching recovery request: the address just typed and the link's
/// token. The caller sends it and forgets both.
pub struct RecoveryMail {
    pub address: String,
    pub token: String,
}

/// Recovery by e-mail (R2.6): if the typed address matches the stored hash, a single-use link
/// (30 minutes) is created for that address. `None` otherwise; the caller's answer must not say
/// which, and the Argon2 run happens either way.
pub async fn start_email_recovery(
    app: &App,
    pseudonym: &str,
    email: &str,
) -> Result<Option<RecoveryMail>, AccountsError> {
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => app.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let normal = password::normalise_email(email);
    let hash = account
        .as_ref()
        .and_then(|a| a.recovery_email_hash.clone())
        .unwrap_or_else(|| app.dummy_hash.clone());
    let matched = password::verify(normal.clone().unwrap_or_default(), hash).await;
    let (Some(account), Some(address), true) = (account, normal, matched) else {
        return Ok(None);
    };
    if account.recovery_email_hash.is_none() {
        return Ok(None);
    }
    let token = random_token(20);
    app.store
        .create_recovery_token(
            &token_hash(&token),
            account.id,
            app.now() + RECOVERY_LINK_SECS,
        )
        .await?;
    Ok(Some(RecoveryMail { address, token }))
}

/// Sets a new password through an e-mailed link. TOTP still applies (R2.6).
pub async fn finish_email_recovery(
    app: &App,
    token: &str,
    new_password: &str,
    totp_code: Option<&str>,
) -> Result<Account, AccountsError> {
    let hash = token_hash(token);
    let now = app.now();
    // Read without using up the link, so a too-weak new password keeps it valid.
    let account_id = app
        .store
        .recovery_token_account(&hash, now)
        .await?
        .ok_or(AccountsError::RecoveryLinkInvalid)?;
    let account = app
        .store
        .account_by_id(account_id)
        .await?
        .ok_or(AccountsError::RecoveryLinkInvalid)?;
    let pw = Password::parse(
        new_password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::NewPassword))?;
    if account.totp_enabled && !check_totp(app, &account, totp_code.unwrap_or("")).await {
        return Err(AccountsError::TotpInvalid);
    }
    if app
        .store
        .consume_recovery_token(&hash, now)
        .await?
        .is_none()
    {
        return Err(AccountsError::RecoveryLinkInvalid);
    }
    let h = password::hash(pw.expose().to_owned()).await;
    app.store.set_password_hash(account.id, &h).await?;
    Ok(account)
}

/// Recovery with a one-time code (R2.6): the only path that bypasses TOTP. Failures count as
/// login failures, so codes cannot be guessed faster than passwords.
pub async fn recover_with_code(
    app: &App,
    pseudonym: &str,
    code: &str,
    new_password: &str,
) -> Result<Account, AccountsError> {
    let subject = login_subject(app, pseudonym);
    if let Err(AccountsError::Throttled(w)) = check_throttle(app, &subject).await {
        return Err(AccountsError::Throttled(w));
    }
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => app.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let Some(account) = account else {
        record_failure(app, &subject).await;
        return Err(AccountsError::RecoveryCodeInvalid);
    };
    let pw = Password::parse(
        new_password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::NewPassword))?;
    if !app
        .store
        .use_recovery_code(account.id, &recovery_code_hash(code))
        .await?
    {
        record_failure(app, &subject).await;
        return Err(AccountsError::RecoveryCodeInvalid);
    }
    let h = password::hash(pw.expose().to_owned()).await;
    app.store.set_password_hash(account.id, &h).await?;
    Ok(account)
}

#[cfg(test)]
mod tests {
    use super::recovery_code_hash;

    #[test]
    fn r2_6_recovery_codes_match_however_they_are_retyped() {
        assert_eq!(
            recovery_code_hash("abcd-efgh-2345-6789"),
            recovery_code_hash(" ABCD EFGH 2345 6789 ")
        );
        assert_ne!(
            recovery_code_hash("abcd-efgh-2345-6789"),
            recovery_code_hash("abcd-efgh-2345-6788")
        );
    }
}
