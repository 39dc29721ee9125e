//! Screening links (SPEC R4.11, proof of control): anyone can claim a pseudonym, so a buyer
//! creates a single-use link (and a code he can read out) and hands it to the seller; her lookup
//! through it shows his record as a lookup of his pseudonym would, marked as proof that whoever
//! gave it controls the account. Unknown, used and expired keys are one answer, and every try
//! counts toward the seller's lookup limit (R9.3), which is what keeps the 50-bit code unguessable
//! (the arithmetic is in docs/algorithm.md).

use rand::RngCore;
use tessera_core::link::{self, ScreeningKey, CODE_LEN, TOKEN_LEN};
use tessera_store::accounts::Account;
use tessera_store::crypto::token_hash;
use tessera_store::links::{LinkKey, NewLink};
use tessera_store::StoreError;

use super::lookup::{count_lookup, lookup_of};
use super::{params, require_buyer, require_seller, Lookup, ScreeningError};
use crate::App;

/// A new link as its buyer sees it, once: the keys are not stored.
pub struct CreatedLink {
    /// The link's token, lower case as it goes into the URL `/s/{token}`.
    pub token: String,
    /// The read-out code, grouped: `XXXXX-XXXXX`.
    pub code: String,
    /// Unix time.
    pub expires_at: i64,
}

impl std::fmt::Debug for CreatedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CreatedLink(expires_at {})", self.expires_at)
    }
}

/// What the buyer may know of his links: counts, never who used one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkCounts {
    pub used: i64,
    pub open: i64,
}

/// `n` symbols from the operating system's CSPRNG.
fn random_symbols(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    link::symbols(&bytes)
}

/// A buyer creates a screening link, valid for the governed number of hours (R4.11, R7.4).
pub async fn create_link(app: &App, buyer: &Account) -> Result<CreatedLink, ScreeningError> {
    let buyer_id = require_buyer(buyer)?;
    let pv = params(app).await?;
    let now = app.now();
    let expires_at = now + i64::from(pv.params.screening_link_ttl_hours) * 3600;
    // A collision of 50 random bits with an open code is all but impossible; draw again if so.
    for _ in 0..8 {
        let (token, code) = (random_symbols(TOKEN_LEN), random_symbols(CODE_LEN));
        let created = app
            .store
            .create_screening_link(&NewLink {
                buyer_id,
                token_hash: &token_hash(&token),
                code_hash: &token_hash(&code),
                expires_at,
                now,
            })
            .await;
        match created {
            Ok(()) => {
                return Ok(CreatedLink {
                    token: token.to_ascii_lowercase(),
                    code: link::group_code(&code),
                    expires_at,
                })
            }
            Err(StoreError::Conflict) => {}
            Err(StoreError::TooManyOpenLinks) => return Err(ScreeningError::TooManyLinks),
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict.into())
}

/// A seller opens a screening link or types its code: the lookup of the buyer who created it,
/// with `verified_control`, and the link is used up. One `LinkNotFound` for a key that is
/// malformed, unknown, used or expired; each try counts toward her lookup limit (R9.3).
pub async fn lookup_by_link(
    app: &App,
    seller: &Account,
    raw: &str,
) -> Result<Lookup, ScreeningError> {
    let seller_id = require_seller(seller)?;
    count_lookup(app, seller_id)?;
    let key = ScreeningKey::parse(raw).ok_or(ScreeningError::LinkNotFound)?;
    let hash = token_hash(key.canonical());
    let which = match key {
        ScreeningKey::Code(_) => LinkKey::Code(&hash),
        ScreeningKey::Token(_) => LinkKey::Token(&hash),
    };
    let buyer_id = app
        .store
        .use_screening_link(which, app.now(), app.today())
        .await?
        .ok_or(ScreeningError::LinkNotFound)?;
    // Links go with their account (R2.11), so the buyer exists unless he was deleted just now.
    let account = app
        .store
        .account_by_id(buyer_id.into())
        .await?
        .ok_or(ScreeningError::LinkNotFound)?;
    let buyer = app
        .store
        .buyer_record(&account.pseudonym)
        .await?
        .ok_or(ScreeningError::LinkNotFound)?;
    lookup_of(app, seller, buyer, true).await
}

/// How many of the buyer's links were used and how many are open.
pub async fn link_counts(app: &App, buyer: &Account) -> Result<LinkCounts, ScreeningError> {
    let buyer_id = require_buyer(buyer)?;
    let (used, open) = app.store.screening_link_counts(buyer_id, app.now()).await?;
    Ok(LinkCounts { used, open })
}
