//! Safety among sellers (SPEC R6.6, R6.7): buddies, check-ins with their PINs, panic and the
//! alarms her buddies see. One error enum for the area, [`SafetyError`].

use tessera_core::{AccountType, Pseudonym, SellerId};
use tessera_store::accounts::Account;
use tessera_store::StoreError;

use crate::accounts::password::Busy;
use crate::accounts::AccountsError;
use crate::App;

pub mod alarms;
pub mod buddies;
pub mod checkins;
pub mod pins;

/// Every way a safety use case can fail, one variant per answer the user can tell apart.
#[derive(Debug, thiserror::Error)]
pub enum SafetyError {
    #[error("only sellers may do this")]
    SellersOnly,
    #[error("no seller with this pseudonym")]
    NoSeller,
    #[error("no buyer with this pseudonym")]
    NoBuyer,
    #[error("a seller cannot be her own buddy")]
    Myself,
    /// Five buddies pending or active already (R6.7).
    #[error("too many buddies")]
    TooManyBuddies,
    #[error("asked already")]
    AskedAlready,
    #[error("a check-in is open already")]
    CheckinOpen,
    #[error("not found")]
    NotFound,
    #[error("minutes out of range")]
    Minutes,
    #[error("note too long")]
    NoteTooLong,
    #[error("watch time out of range")]
    WatchUntil,
    #[error("a PIN is 4 to 8 digits")]
    PinFormat,
    #[error("the check-in and duress PINs must differ")]
    PinsEqual,
    /// A wrong PIN, or none when a check-in PIN is set (R6.6).
    #[error("wrong PIN")]
    PinInvalid,
    #[error("no extensions left")]
    NoExtensionsLeft,
    #[error(transparent)]
    Accounts(#[from] AccountsError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for SafetyError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::TooManyBuddies => SafetyError::TooManyBuddies,
            StoreError::NoExtensionsLeft => SafetyError::NoExtensionsLeft,
            other => SafetyError::Store(other),
        }
    }
}

impl From<Busy> for SafetyError {
    fn from(_: Busy) -> Self {
        SafetyError::Accounts(AccountsError::Busy)
    }
}

/// Her id as a seller: the network is sellers only (R6.1).
pub fn require_seller(account: &Account) -> Result<SellerId, SafetyError> {
    if account.account_type == AccountType::Seller {
        Ok(account.id.as_seller())
    } else {
        Err(SafetyError::SellersOnly)
    }
}

/// Another seller by pseudonym; `NoSeller` for anything else.
pub(crate) async fn seller_named(app: &App, raw: &str) -> Result<Account, SafetyError> {
    let p = Pseudonym::parse(raw).map_err(|_| SafetyError::NoSeller)?;
    match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Seller => Ok(a),
        _ => Err(SafetyError::NoSeller),
    }
}
