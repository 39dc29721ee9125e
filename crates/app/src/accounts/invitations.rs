//! Seller invitations (SPEC R2.3): a single-use token of 160 bits, stored hashed, valid 14
//! days; at most 3 open per seller (the store enforces the count atomically). The operator's
//! `tessera invite` and the first start's bootstrap link use the same function.

use tessera_core::{AccountType, SellerId};
use tessera_store::accounts::Account;
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::{Store, StoreError};

use super::AccountsError;
use crate::App;

/// A seller invites another seller: returns the token and its expiry (unix seconds).
pub async fn create_invitation(
    app: &App,
    seller: &Account,
) -> Result<(String, i64), AccountsError> {
    if seller.account_type != AccountType::Seller {
        return Err(AccountsError::SellersOnly);
    }
    create_invitation_in(&app.store, app.now(), Some(seller.id.as_seller())).await
}

/// The invitation itself; `created_by` is `None` for the operator's, which has no limit.
/// Takes the store rather than an [`App`] so the CLI need not build one.
pub async fn create_invitation_in(
    store: &Store,
    now: i64,
    created_by: Option<SellerId>,
) -> Result<(String, i64), AccountsError> {
    let token = random_token(20);
    let expires = now + tessera_store::invitations::VALID_DAYS * 86_400;
    match store
        .create_invitation(&token_hash(&token), created_by, now, expires)
        .await
    {
        Ok(()) => Ok((token, expires)),
        Err(StoreError::TooManyOpenInvitations) => Err(AccountsError::TooManyInvitations),
        Err(e) => Err(e.into()),
    }
}

/// Whether an invitation link can still be used (R2.3), to show the join form or say why not.
pub async fn invitation_is_open(app: &App, token: &str) -> Result<bool, AccountsError> {
    Ok(app
        .store
        .invitation_is_open(&token_hash(token), app.now())
        .await?)
}
