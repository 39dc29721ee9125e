//! Account use cases shared by the JSON API and the pages (SPEC §2): sign-up, login with
//! throttling, recovery, credential changes, deletion. Handlers only parse and render.

use sha2::{Digest, Sha256};
use tessera_core::{AccountType, Password, PasswordError, Pseudonym, PseudonymError};
use tessera_store::accounts::{Account, NewAccount};
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::events::{LOGIN_FAILURE, POW_SOLVED, SIGNUP};
use tessera_store::StoreError;

use crate::auth::{password, pow, totp};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// R2.9: after this many failures in the window, each further attempt must wait.
pub const LOGIN_FAILURES_ALLOWED: i64 = 10;
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
/// Recovery links are valid 30 minutes (R2.6).
pub const RECOVERY_LINK_SECS: i64 = 30 * 60;
pub const RECOVERY_CODES: usize = 10;

pub fn pseudonym_error(e: PseudonymError) -> AppError {
    let key = match e {
        PseudonymError::TooShort => "error-pseudonym-short",
        PseudonymError::TooLong => "error-pseudonym-long",
        PseudonymError::BadCharacter => "error-pseudonym-chars",
    };
    AppError::invalid(key, &["pseudonym"])
}

pub fn password_error(e: PasswordError, field: &'static str) -> AppError {
    let key = match e {
        PasswordError::TooShort => "error-password-short",
        PasswordError::TooLong => "error-password-long",
        PasswordError::Weak => "error-password-weak",
    };
    AppError::invalid(key, &[field])
}

pub struct SignupInput {
    pub pseudonym: String,
    pub password: String,
    pub account_type: AccountType,
    pub invitation: Option<String>,
    pub recovery_email: Option<String>,
    pub recovery_codes: bool,
    /// (challenge, nonce) of a solved proof-of-work, when one was asked for.
    pub pow: Option<(String, String)>,
    pub language: Option<Lang>,
}

pub struct SignupDone {
    pub account: Account,
    pub recovery_codes: Option<Vec<String>>,
}

fn invitation_invalid() -> AppError {
    AppError::forbidden("error-invitation-invalid").with_code("invitation_invalid")
}

impl AppError {
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }
}

/// Whether a buyer sign-up now needs a proof-of-work (R9.3: above the global hourly rate).
pub async fn signup_needs_pow(state: &AppState) -> Result<bool, AppError> {
    let limit = state.config.limits.signups_per_hour;
    if limit == 0 {
        return Ok(false);
    }
    let (n, _) = state
        .store
        .count_events(SIGNUP, b"buyer", state.now() - 3600)
        .await?;
    Ok(n >= i64::from(limit))
}

pub async fn signup(state: &AppState, input: SignupInput) -> Result<SignupDone, AppError> {
    let pseudonym = Pseudonym::parse(&input.pseudonym).map_err(pseudonym_error)?;
    let pw = Password::parse(
        &input.password,
        &[pseudonym.display(), pseudonym.canonical()],
    )
    .map_err(|e| password_error(e, "password"))?;
    let email = match input.recovery_email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(
            password::normalise_email(e)
                .ok_or_else(|| AppError::invalid("error-email", &["recovery_email"]))?,
        ),
    };
    let now = state.now();
    if input.account_type == AccountType::Seller {
        // Checked again atomically when the account is created; this early check spares an
        // Argon2 run for an invitation that cannot work.
        let Some(inv) = input.invitation.as_deref() else {
            return Err(invitation_invalid());
        };
        if !state
            .store
            .invitation_is_open(&token_hash(inv.trim()), now)
            .await?
        {
            return Err(invitation_invalid());
        }
    } else if signup_needs_pow(state).await? {
        let solved = match &input.pow {
            Some((c, n)) => {
                pow::verify(state.store.crypto(), c, n, state.config.pow_bits, now)
                    && state
                        .store
                        .record_event_once(POW_SOLVED, &token_hash(c), now)
                        .await?
            }
            None => false,
        };
        if !solved {
            return Err(
                AppError::forbidden("error-pow-required").with_code("proof_of_work_required")
            );
        }
    }
    let password_hash = password::hash(pw.expose().to_owned()).await;
    let recovery_email_hash = match email {
        Some(e) => Some(password::hash(e).await),
        None => None,
    };
    let new = NewAccount {
        pseudonym: &pseudonym,
        account_type: input.account_type,
        password_hash,
        recovery_email_hash,
        created_on: state.clock.today(),
        language: input.language.map(|l| l.code().to_owned()),
    };
    let created = match input.account_type {
        AccountType::Seller => {
            let inv = input.invitation.as_deref().unwrap_or("").trim();
            state
                .store
                .create_seller_with_invitation(&token_hash(inv), now, &new)
                .await
        }
        AccountType::Buyer => state.store.create_account(&new).await,
    };
    let id = match created {
        Ok(id) => id,
        Err(StoreError::Conflict) => {
            return Err(AppError::conflict("conflict", "error-pseudonym-taken"))
        }
        Err(StoreError::NotFound) => return Err(invitation_invalid()),
        Err(e) => return Err(e.into()),
    };
    if input.account_type == AccountType::Buyer {
        state.store.record_event(SIGNUP, b"buyer", now).await?;
    }
    let recovery_codes = if input.recovery_codes {
        Some(new_recovery_codes(state, id).await?)
    } else {
        None
    };
    let account = state
        .store
        .account_by_id(id)
        .await?
        .ok_or_else(AppError::internal)?;
    Ok(SignupDone {
        account,
        recovery_codes,
    })
}

/// Ten fresh one-time codes of 80 bits each (R2.6), replacing any earlier ones; only their
/// hashes are stored. Returned once, for display.
pub async fn new_recovery_codes(
    state: &AppState,
    account_id: i64,
) -> Result<Vec<String>, AppError> {
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let t = random_token(10);
            format!("{}-{}-{}-{}", &t[0..4], &t[4..8], &t[8..12], &t[12..16])
        })
        .collect();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| recovery_code_hash(c)).collect();
    state
        .store
        .replace_recovery_codes(account_id, &hashes)
        .await?;
    Ok(codes)
}

fn recovery_code_hash(code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    Sha256::digest(normal.as_bytes()).to_vec()
}

pub enum LoginError {
    /// Unknown pseudonym, wrong password or wrong TOTP code: one answer for all (R2.9).
    Invalid,
    /// The password was right and the account has TOTP: ask for the code.
    TotpRequired(Account),
    /// Too many failures: retry after this many seconds.
    Throttled(u64),
}

fn login_subject(state: &AppState, raw: &str) -> Vec<u8> {
    let canonical = Pseudonym::parse(raw)
        .map(|p| p.canonical().to_owned())
        .unwrap_or_else(|_| raw.to_lowercase());
    state
        .store
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

async fn check_throttle(state: &AppState, subject: &[u8]) -> Result<(), LoginError> {
    let now = state.now();
    let (n, last) = state
        .store
        .count_events(LOGIN_FAILURE, subject, now - LOGIN_WINDOW_SECS)
        .await
        .map_err(|_| LoginError::Invalid)?;
    match throttle_wait(n, now - last.unwrap_or(now)) {
        Some(w) => Err(LoginError::Throttled(w)),
        None => Ok(()),
    }
}

async fn fail(state: &AppState, subject: &[u8]) -> LoginError {
    if let Err(e) = state
        .store
        .record_event(LOGIN_FAILURE, subject, state.now())
        .await
    {
        tracing::error!(error = %e, "could not record a login failure");
    }
    LoginError::Invalid
}

/// Password login. Every path runs exactly one Argon2 verification, so an unknown pseudonym,
/// a wrong password and a wrong TOTP code take the same time and get the same answer (R2.9).
pub async fn login(
    state: &AppState,
    pseudonym: &str,
    pw: &str,
    totp_code: Option<&str>,
) -> Result<Account, LoginError> {
    let subject = login_subject(state, pseudonym);
    check_throttle(state, &subject).await?;
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => state
            .store
            .account_by_pseudonym(p.canonical())
            .await
            .map_err(|_| LoginError::Invalid)?,
        Err(_) => None,
    };
    let hash = account
        .as_ref()
        .and_then(|a| a.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.clone());
    let ok = password::verify(pw.to_owned(), hash).await;
    let Some(account) = account.filter(|a| ok && a.password_hash.is_some()) else {
        return Err(fail(state, &subject).await);
    };
    if account.totp_enabled {
        match totp_code.map(str::trim).filter(|c| !c.is_empty()) {
            None => return Err(LoginError::TotpRequired(account)),
            Some(code) => {
                if !check_totp(state, &account, code).await {
                    return Err(fail(state, &subject).await);
                }
            }
        }
    }
    let _ = state.store.clear_events(LOGIN_FAILURE, &subject).await;
    Ok(account)
}

/// Second step of a page login: the TOTP code for an account whose password was verified.
pub async fn login_totp(state: &AppState, account: &Account, code: &str) -> Result<(), LoginError> {
    let subject = login_subject(state, &account.pseudonym);
    check_throttle(state, &subject).await?;
    if check_totp(state, account, code).await {
        let _ = state.store.clear_events(LOGIN_FAILURE, &subject).await;
        Ok(())
    } else {
        Err(fail(state, &subject).await)
    }
}

/// Verifies a TOTP code and uses it up (R2.5).
pub async fn check_totp(state: &AppState, account: &Account, code: &str) -> bool {
    let Ok(Some(secret)) = state.store.totp_secret(account.id).await else {
        return false;
    };
    match totp::matching_step(&secret, code, state.now()) {
        Some(step) => state
            .store
            .claim_totp_step(account.id, step)
            .await
            .unwrap_or(false),
        None => false,
    }
}

/// A short-lived, signed note that an account passed the password step of a page login, so
/// the TOTP step needs no password in the page.
pub fn login_ticket(state: &AppState, account_id: i64) -> String {
    let body = format!("{account_id}.{}.{}", state.now() + 300, random_token(8));
    let tag = state
        .store
        .crypto()
        .keyed_hash("login-ticket", body.as_bytes());
    format!("{body}.{}", data_encoding::HEXLOWER.encode(&tag[..16]))
}

pub fn check_login_ticket(state: &AppState, ticket: &str) -> Option<i64> {
    let (body, tag) = ticket.rsplit_once('.')?;
    let expected = state
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
    (expires >= state.now()).then_some(id)
}

/// Re-authentication (R2.10): the current password, checked off the runtime.
pub async fn reauthenticate(account: &Account, current: &str) -> Result<(), AppError> {
    let Some(hash) = account.password_hash.clone() else {
        return Err(AppError::forbidden("error-reauth").with_code("reauthentication_failed"));
    };
    if password::verify(current.to_owned(), hash).await {
        Ok(())
    } else {
        Err(AppError::forbidden("error-reauth").with_code("reauthentication_failed"))
    }
}

pub async fn change_password(
    state: &AppState,
    account: &Account,
    new: &str,
) -> Result<(), AppError> {
    let pw = Password::parse(
        new,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| password_error(e, "new_password"))?;
    let hash = password::hash(pw.expose().to_owned()).await;
    state.store.set_password_hash(account.id, &hash).await?;
    Ok(())
}

pub async fn set_recovery_email(
    state: &AppState,
    account: &Account,
    email: Option<&str>,
) -> Result<(), AppError> {
    let hash = match email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => {
            let e = password::normalise_email(e)
                .ok_or_else(|| AppError::invalid("error-email", &["recovery_email"]))?;
            Some(password::hash(e).await)
        }
        None => None,
    };
    state
        .store
        .set_recovery_email_hash(account.id, hash.as_deref())
        .await?;
    Ok(())
}

/// Recovery by e-mail (R2.6): if the typed address matches the stored hash, mail a single-use
/// link (30 minutes) to that address and forget it. The answer never says whether it matched.
pub async fn start_email_recovery(
    state: &AppState,
    pseudonym: &str,
    email: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => state.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let normal = password::normalise_email(email);
    let hash = account
        .as_ref()
        .and_then(|a| a.recovery_email_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.clone());
    let matched = password::verify(normal.clone().unwrap_or_default(), hash).await;
    let (Some(account), Some(address), true) = (account, normal, matched) else {
        return Ok(());
    };
    if account.recovery_email_hash.is_none() {
        return Ok(());
    }
    let token = random_token(20);
    state
        .store
        .create_recovery_token(
            &token_hash(&token),
            account.id,
            state.now() + RECOVERY_LINK_SECS,
        )
        .await?;
    let link = state.config.url(&format!("/recover/{token}"));
    crate::mail::send_recovery(state, &address, &link, lang).await;
    Ok(())
}

/// Sets a new password through an e-mailed link. TOTP still applies (R2.6).
pub async fn finish_email_recovery(
    state: &AppState,
    token: &str,
    new_password: &str,
    totp_code: Option<&str>,
) -> Result<Account, AppError> {
    let hash = token_hash(token);
    let now = state.now();
    let bad_link = || AppError::forbidden("error-recovery-link").with_code("recovery_link_invalid");
    // Read without using up the link, so a too-weak new password keeps it valid.
    let account_id = state
        .store
        .recovery_token_account(&hash, now)
        .await?
        .ok_or_else(bad_link)?;
    let account = state
        .store
        .account_by_id(account_id)
        .await?
        .ok_or_else(bad_link)?;
    let pw = Password::parse(
        new_password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| password_error(e, "new_password"))?;
    if account.totp_enabled && !check_totp(state, &account, totp_code.unwrap_or("")).await {
        return Err(AppError::forbidden("error-totp").with_code("totp_invalid"));
    }
    if state
        .store
        .consume_recovery_token(&hash, now)
        .await?
        .is_none()
    {
        return Err(bad_link());
    }
    let h = password::hash(pw.expose().to_owned()).await;
    state.store.set_password_hash(account.id, &h).await?;
    Ok(account)
}

/// Recovery with a one-time code (R2.6): the only path that bypasses TOTP. Failures count as
/// login failures, so codes cannot be guessed faster than passwords.
pub async fn recover_with_code(
    state: &AppState,
    pseudonym: &str,
    code: &str,
    new_password: &str,
) -> Result<Account, AppError> {
    let subject = login_subject(state, pseudonym);
    if let Err(LoginError::Throttled(w)) = check_throttle(state, &subject).await {
        return Err(AppError::rate_limited("rate_limited", "error-throttled", w));
    }
    let wrong = || AppError::forbidden("error-recovery-code").with_code("recovery_code_invalid");
    let account = match Pseudonym::parse(pseudonym) {
        Ok(p) => state.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let Some(account) = account else {
        fail(state, &subject).await;
        return Err(wrong());
    };
    let pw = Password::parse(
        new_password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| password_error(e, "new_password"))?;
    if !state
        .store
        .use_recovery_code(account.id, &recovery_code_hash(code))
        .await?
    {
        fail(state, &subject).await;
        return Err(wrong());
    }
    let h = password::hash(pw.expose().to_owned()).await;
    state.store.set_password_hash(account.id, &h).await?;
    Ok(account)
}

/// R2.3: a new invitation token (160 bits), stored hashed, valid 14 days. `created_by` is
/// `None` for the operator's `tessera invite`.
pub async fn create_invitation(
    state: &AppState,
    created_by: Option<i64>,
) -> Result<(String, i64), AppError> {
    create_invitation_in(&state.store, state.now(), created_by).await
}

pub async fn create_invitation_in(
    store: &tessera_store::Store,
    now: i64,
    created_by: Option<i64>,
) -> Result<(String, i64), AppError> {
    let token = random_token(20);
    let expires = now + tessera_store::invitations::VALID_DAYS * 86_400;
    match store
        .create_invitation(&token_hash(&token), created_by, now, expires)
        .await
    {
        Ok(()) => Ok((token, expires)),
        Err(StoreError::Limit) => Err(AppError::conflict(
            "too_many_invitations",
            "error-too-many-invitations",
        )),
        Err(e) => Err(e.into()),
    }
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
