//! Account use cases (SPEC §2): sign-up (R2.3, R2.4, R9.3), login with throttling (R2.9) and
//! the TOTP step (R2.5), recovery (R2.6), credential changes behind re-authentication (R2.10),
//! deletion (R2.11), settings (R2.12, R4.6) and invitations (R2.3). The hashing (Argon2id), TOTP and proof-of-work
//! rules live beside them, and the one attempt guard every secret check goes through
//! (`guard`, ASVS 6.3.1).

use tessera_core::{PasswordError, PseudonymError};
use tessera_store::StoreError;

mod credentials;
mod guard;
mod invitations;
mod login;
pub mod password;
pub mod pow;
mod recovery;
mod settings;
mod signup;
pub mod totp;

pub use credentials::{
    change_password, confirm_totp, delete_account, disable_totp, end_other_sessions, end_session,
    reauthenticate, set_recovery_email, Reauth, TotpEnrolment,
};
pub use invitations::{create_invitation, create_invitation_in, invitation_is_open};
pub use login::{
    check_login_ticket, check_totp, login, login_ticket, login_totp, require_not_suspended,
    throttle_wait, LOGIN_FAILURES_ALLOWED, LOGIN_WINDOW_SECS,
};
pub use recovery::{
    finish_email_recovery, new_recovery_codes, recover_with_code, start_email_recovery,
    RecoveryMail, LINK_TOTP_FAILURES, RECOVERY_CODES, RECOVERY_LINK_SECS,
};
pub use settings::{apply_settings, preset, update_settings, ScreeningPrefs, SettingsChange};
pub use signup::{
    claim, claim_target, pow_challenge, signup, signup_needs_pow, SignupDone, SignupInput,
};

/// Which password field a weak or malformed password came from: the sign-up's (or a claim's)
/// first password, or a new one replacing the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordField {
    Password,
    NewPassword,
}

/// Every way an account use case can fail. Each variant is one answer the user can tell apart
/// (or, for the login variants, deliberately cannot: R2.9).
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("invalid pseudonym: {0:?}")]
    Pseudonym(PseudonymError),
    #[error("unacceptable password: {0:?}")]
    Password(PasswordError, PasswordField),
    #[error("not a usable recovery address")]
    RecoveryEmail,
    #[error("the pseudonym is taken")]
    PseudonymTaken,
    #[error("the invitation is unknown, used or expired")]
    InvitationInvalid,
    #[error("a proof-of-work is required")]
    ProofOfWorkRequired,
    /// Unknown pseudonym, wrong password or wrong TOTP code: one answer for all (R2.9).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password was right and the account has TOTP: the code must follow.
    #[error("the TOTP code is required")]
    TotpRequired(Box<tessera_store::accounts::Account>),
    /// Too many login failures: retry after this many seconds (R2.9).
    #[error("throttled for {0} s")]
    Throttled(u64),
    #[error("re-authentication failed")]
    ReauthenticationFailed,
    /// Re-authentication with TOTP on: the password or the current code was wrong (step-up,
    /// ASVS 7.5.1).
    #[error("re-authentication with a code failed")]
    StepUpFailed,
    /// The operator requires TOTP of sellers, and this seller has not turned it on yet
    /// (ASVS 6.3.3).
    #[error("TOTP must be turned on first")]
    TotpEnrolmentRequired,
    /// Every Argon2 slot stayed taken for the whole wait (ASVS 15.2.2): retry shortly.
    #[error("busy")]
    Busy,
    /// A wrong TOTP code where the flow is not a login (recovery by link, R2.6).
    #[error("the TOTP code is wrong")]
    TotpInvalid,
    /// The code typed to confirm a new TOTP secret does not match it (R2.5).
    #[error("the TOTP code does not match the new secret")]
    TotpEnrolmentCode,
    #[error("the recovery link is unknown, used or expired")]
    RecoveryLinkInvalid,
    #[error("the recovery code is wrong")]
    RecoveryCodeInvalid,
    #[error("the claim link is unknown, used or expired")]
    ClaimInvalid,
    #[error("only sellers may do this")]
    SellersOnly,
    #[error("too many open invitations")]
    TooManyInvitations,
    #[error("unknown screening preset")]
    Preset,
    #[error("minimum trust out of range")]
    MinTrust,
    #[error("minimum number of ratings out of range")]
    MinRatings,
    #[error("maximum number of unsafe flags out of range")]
    MaxUnsafe,
    #[error("message expiry out of range")]
    MessageExpiry,
    #[error("no such session")]
    NoSuchSession,
    #[error("the account vanished during the request")]
    AccountMissing,
    /// Suspended after a membership vote, until its last day has passed (R7.8, charter 9.5).
    #[error("the account is suspended")]
    Suspended,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<password::Busy> for AccountsError {
    fn from(_: password::Busy) -> Self {
        AccountsError::Busy
    }
}
