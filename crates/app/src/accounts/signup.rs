//! Sign-up (SPEC R2.1–R2.4): buyers freely under the proof-of-work rule of R9.3, sellers only
//! with an open invitation (R2.3); and claiming an imported account by its link (R4.10).

use tessera_core::{AccountId, AccountType, Password, Pseudonym, PseudonymError};
use tessera_store::accounts::{Account, NewAccount};
use tessera_store::crypto::token_hash;
use tessera_store::events::{POW_SOLVED, SIGNUP};
use tessera_store::StoreError;

use super::{password, pow, recovery, AccountsError, PasswordField};
use crate::App;

pub struct SignupInput {
    pub pseudonym: String,
    pub password: String,
    pub account_type: AccountType,
    pub invitation: Option<String>,
    pub recovery_email: Option<String>,
    pub recovery_codes: bool,
    /// (challenge, nonce) of a solved proof-of-work, when one was asked for.
    pub pow: Option<(String, String)>,
    /// The language code the account starts with (the page's), if any.
    pub language: Option<String>,
}

pub struct SignupDone {
    pub account: Account,
    pub recovery_codes: Option<Vec<String>>,
}

/// Whether a buyer sign-up now needs a proof-of-work (R9.3: above the global hourly rate).
pub async fn signup_needs_pow(app: &App) -> Result<bool, AccountsError> {
    let limit = app.limits.signups_per_hour;
    if limit == 0 {
        return Ok(false);
    }
    let (n, _) = app
        .store
        .count_events(SIGNUP, b"buyer", app.now() - 3600)
        .await?;
    Ok(n >= i64::from(limit))
}

/// A fresh proof-of-work challenge for the sign-up form or the API client (R9.3).
pub fn pow_challenge(app: &App) -> String {
    pow::challenge(app.store.crypto(), app.now())
}

/// A new pseudonym may not mix scripts (R2.2), but one that looks like an existing account's is
/// "taken" first: that check comes first, so `аnna` (Cyrillic а) is answered as taken when `anna`
/// exists. Pseudonyms in one script are checked for look-alikes when the account is created,
/// under a lock (the store's `create_account`).
async fn refuse_mixed_scripts(app: &App, pseudonym: &Pseudonym) -> Result<(), AccountsError> {
    if !pseudonym.mixes_scripts() {
        return Ok(());
    }
    if app.store.skeleton_taken(&pseudonym.skeleton()).await? {
        return Err(AccountsError::PseudonymTaken);
    }
    Err(AccountsError::Pseudonym(PseudonymError::MixedScripts))
}

pub async fn signup(app: &App, input: SignupInput) -> Result<SignupDone, AccountsError> {
    let pseudonym = Pseudonym::parse(&input.pseudonym).map_err(AccountsError::Pseudonym)?;
    refuse_mixed_scripts(app, &pseudonym).await?;
    let pw = Password::parse(
        &input.password,
        &[pseudonym.display(), pseudonym.canonical()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::Password))?;
    let email = match input.recovery_email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(password::normalise_email(e).ok_or(AccountsError::RecoveryEmail)?),
    };
    let now = app.now();
    if input.account_type == AccountType::Seller {
        // Checked again atomically when the account is created; this early check spares an
        // Argon2 run for an invitation that cannot work.
        let Some(inv) = input.invitation.as_deref() else {
            return Err(AccountsError::InvitationInvalid);
        };
        if !app
            .store
            .invitation_is_open(&token_hash(inv.trim()), now)
            .await?
        {
            return Err(AccountsError::InvitationInvalid);
        }
    } else if signup_needs_pow(app).await? {
        let solved = match &input.pow {
            Some((c, n)) => {
                pow::verify(app.store.crypto(), c, n, app.pow_bits, now)
                    && app
                        .store
                        .record_event_once(POW_SOLVED, &token_hash(c), now)
                        .await?
            }
            None => false,
        };
        if !solved {
            return Err(AccountsError::ProofOfWorkRequired);
        }
    }
    let password_hash = password::hash(pw.expose().to_owned()).await?;
    let recovery_email_hash = match email {
        Some(e) => Some(password::hash(e).await?),
        None => None,
    };
    let new = NewAccount {
        pseudonym: &pseudonym,
        account_type: input.account_type,
        password_hash,
        recovery_email_hash,
        created_on: app.today(),
        language: input.language,
    };
    let created = match input.account_type {
        AccountType::Seller => {
            let inv = input.invitation.as_deref().unwrap_or("").trim();
            app.store
                .create_seller_with_invitation(&token_hash(inv), now, &new)
                .await
        }
        AccountType::Buyer => app.store.create_account(&new).await,
    };
    let id = match created {
        Ok(id) => id,
        Err(StoreError::Conflict) => return Err(AccountsError::PseudonymTaken),
        Err(StoreError::NotFound) => return Err(AccountsError::InvitationInvalid),
        Err(e) => return Err(e.into()),
    };
    if input.account_type == AccountType::Buyer {
        app.store.record_event(SIGNUP, b"buyer", now).await?;
    }
    let recovery_codes = if input.recovery_codes {
        Some(recovery::new_recovery_codes(app, id).await?)
    } else {
        None
    };
    let account = app
        .store
        .account_by_id(id)
        .await?
        .ok_or(AccountsError::AccountMissing)?;
    Ok(SignupDone {
        account,
        recovery_codes,
    })
}

/// The imported account a claim link points to (R4.10), without using the link up.
pub async fn claim_target(app: &App, token: &str) -> Result<Account, AccountsError> {
    let id = app
        .store
        .claim_account(&token_hash(token), app.now())
        .await?
        .ok_or(AccountsError::ClaimInvalid)?;
    app.store
        .account_by_id(id)
        .await?
        .ok_or(AccountsError::ClaimInvalid)
}

/// Claims an imported account by setting its first password through the single-use link
/// (R4.10); `account` is the link's [`claim_target`]. Returns the account id to start a
/// session for.
pub async fn claim(
    app: &App,
    token: &str,
    account: &Account,
    new_password: &str,
) -> Result<AccountId, AccountsError> {
    let pw = Password::parse(
        new_password,
        &[account.display_name.as_str(), account.pseudonym.as_str()],
    )
    .map_err(|e| AccountsError::Password(e, PasswordField::Password))?;
    let hash = password::hash(pw.expose().to_owned()).await?;
    app.store
        .complete_claim(&token_hash(token), app.now(), &hash)
        .await?
        .ok_or(AccountsError::ClaimInvalid)
}
