//! Account recovery (SPEC R2.6): ten one-time recovery codes, or a single-use link mailed to a
//! recovery address of which only a salted hash is kept. Only a recovery code bypasses TOTP.

use sha2::{Digest, Sha256};
use tessera_core::{AccountId, Password, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::crypto::{random_bytes, random_token, recovery_code_hash, token_hash};
use tessera_store::events::{Attempt, RECOVERY_LINK_FAILURE};
use tessera_store::sessions::EndSessions;

use super::login::login_subject;
use super::{check_totp, guard, password, AccountsError, PasswordField};
use crate::security::{self, SecurityEvent};
use crate::App;

/// Recovery links are valid 30 minutes (R2.6).
pub const RECOVERY_LINK_SECS: i64 = 30 * 60;
pub const RECOVERY_CODES: usize = 10;

/// Ten fresh one-time codes of 80 bits each (R2.6), replacing any earlier ones; only their
/// salted slow hashes are stored (ASVS 6.5.2). Returned once, for display.
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
    let salt = random_bytes(16);
    let (c, s) = (codes.clone(), salt.clone());
    let hashes = password::run_bounded(move || {
        c.iter()
            .map(|code| recovery_code_hash(&code_digest(code), &s))
            .collect::<Vec<_>>()
    })
    .await?;
    app.store
        .replace_recovery_codes(account_id, &salt, &hashes)
        .await?;
    Ok(codes)
}

/// The SHA-256 of a code as people retype it: without dashes, spaces and case. The store keeps
/// its salted slow hash ([`recovery_code_hash`]).
fn code_digest(code: &str) -> Vec<u8> {
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
    let matched = password::verify(normal.clone().unwrap_or_default(), hash).await?;
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

/// Sets a new password through an e-mailed link. TOTP still applies (R2.6): its code goes
/// through the account's attempt guard, and a link is revoked after
/// [`LINK_TOTP_FAILURES`] wrong codes (ASVS 6.4.3), so one link gives an attacker who reads the
/// recovery mailbox a handful of guesses, not an unlimited number. Recovery ends every session
/// (ASVS 7.4.3): whoever recovers logs in anew.
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
    if account.totp_enabled {
        link_totp(app, &account, &hash, totp_code.unwrap_or("")).await?;
    }
    if app
        .store
        .consume_recovery_token(&hash, now)
        .await?
        .is_none()
    {
        return Err(AccountsError::RecoveryLinkInvalid);
    }
    let h = password::hash(pw.expose().to_owned()).await?;
    app.store.set_password_hash(account.id, &h).await?;
    recovered(app, &account).await?;
    Ok(account)
}

/// Wrong TOTP codes a recovery link survives (R2.6, ASVS 6.4.3).
pub const LINK_TOTP_FAILURES: i64 = 5;

/// The TOTP code on a recovery link: one attempt of the link's own few, and one of the
/// account's login throttle (R2.9).
async fn link_totp(
    app: &App,
    account: &Account,
    link_hash: &[u8],
    code: &str,
) -> Result<(), AccountsError> {
    let now = app.now();
    let link = app
        .store
        .begin_attempt(
            RECOVERY_LINK_FAILURE,
            link_hash,
            now - RECOVERY_LINK_SECS,
            now,
            |r| (r.count >= LINK_TOTP_FAILURES).then_some(RECOVERY_LINK_SECS as u64),
        )
        .await?;
    let Attempt::Granted(link_attempt) = link else {
        revoke_link(app, link_hash).await?;
        return Err(AccountsError::RecoveryLinkInvalid);
    };
    let attempt = match guard::begin(app, login_subject(app, &account.pseudonym), || {
        AccountsError::TotpInvalid
    })
    .await
    {
        Ok(a) => a,
        Err(e) => {
            // Refused before any code was checked: not one of the link's failures.
            app.store.forget_attempt(link_attempt).await?;
            return Err(e);
        }
    };
    if check_totp(app, account, code).await {
        attempt.passed(app).await;
        app.store.forget_attempt(link_attempt).await?;
        return Ok(());
    }
    let failure = attempt.failed(SecurityEvent::RecoveryFailed, AccountsError::TotpInvalid);
    let (failures, _) = app
        .store
        .count_events(RECOVERY_LINK_FAILURE, link_hash, now - RECOVERY_LINK_SECS)
        .await?;
    if failures >= LINK_TOTP_FAILURES {
        revoke_link(app, link_hash).await?;
        return Err(AccountsError::RecoveryLinkInvalid);
    }
    Err(failure)
}

async fn revoke_link(app: &App, link_hash: &[u8]) -> Result<(), AccountsError> {
    app.store
        .consume_recovery_token(link_hash, i64::MIN)
        .await?;
    security::log(SecurityEvent::RecoveryLinkRevoked);
    Ok(())
}

/// After either recovery: the event, and every session of the account ends (ASVS 7.4.3).
async fn recovered(app: &App, account: &Account) -> Result<(), AccountsError> {
    security::log(SecurityEvent::RecoveryUsed);
    app.store.end_sessions(account.id, EndSessions::All).await?;
    security::log(SecurityEvent::SessionsEnded);
    Ok(())
}

/// Recovery with a one-time code (R2.6): the only path that bypasses TOTP. Each try is an
/// attempt of the account's login throttle, recorded before the code is checked, so codes
/// cannot be guessed faster than passwords; one slow hash on every path, so an unknown
/// pseudonym or an account without codes takes the same time.
pub async fn recover_with_code(
    app: &App,
    pseudonym: &str,
    code: &str,
    new_password: &str,
) -> Result<Account, AccountsError> {
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => app.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    // A weak new password is refused before an attempt is spent on the code.
    let pw = match &account {
        Some(a) => Some(
            Password::parse(
                new_password,
                &[a.display_name.as_str(), a.pseudonym.as_str()],
            )
            .map_err(|e| AccountsError::Password(e, PasswordField::NewPassword))?,
        ),
        None => None,
    };
    let attempt = guard::begin(app, login_subject(app, pseudonym), || {
        AccountsError::RecoveryCodeInvalid
    })
    .await?;
    let (Some(account), Some(pw)) = (account, pw) else {
        let digest = code_digest(code);
        password::run_bounded(move || recovery_code_hash(&digest, &random_bytes(16))).await?;
        return Err(attempt.failed(
            SecurityEvent::RecoveryFailed,
            AccountsError::RecoveryCodeInvalid,
        ));
    };
    let salt = app
        .store
        .recovery_code_salt(account.id)
        .await?
        .unwrap_or_else(|| random_bytes(16));
    let digest = code_digest(code);
    let hash = password::run_bounded(move || recovery_code_hash(&digest, &salt)).await?;
    if !app.store.use_recovery_code(account.id, &hash).await? {
        return Err(attempt.failed(
            SecurityEvent::RecoveryFailed,
            AccountsError::RecoveryCodeInvalid,
        ));
    }
    attempt.passed(app).await;
    let h = password::hash(pw.expose().to_owned()).await?;
    app.store.set_password_hash(account.id, &h).await?;
    recovered(app, &account).await?;
    Ok(account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_6_recovery_codes_match_however_they_are_retyped() {
        assert_eq!(
            code_digest("abcd-efgh-2345-6789"),
            code_digest(" ABCD EFGH 2345 6789 ")
        );
        assert_ne!(
            code_digest("abcd-efgh-2345-6789"),
            code_digest("abcd-efgh-2345-6788")
        );
    }

    #[test]
    fn r2_6_asvs_6_5_2_recovery_codes_are_stored_under_a_salted_slow_hash() {
        let d = code_digest("abcd-efgh-2345-6789");
        let (s1, s2) = (random_bytes(16), random_bytes(16));
        let h = recovery_code_hash(&d, &s1);
        assert_eq!(h.len(), 32);
        // Deterministic under one salt (so a typed code can be matched), different under
        // another (so equal codes of two accounts do not look equal), and not the bare digest.
        assert_eq!(h, recovery_code_hash(&d, &s1));
        assert_ne!(h, recovery_code_hash(&d, &s2));
        assert_ne!(h, d);
    }
}
