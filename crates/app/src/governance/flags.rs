//! The Security Committee's view of the abuse flags (SPEC R9.7): which rule, when, the numbers,
//! and whom they concern: only to the committee's members, since a flag is a suspicion, not a
//! finding.

use tessera_core::committee::Committee;
use tessera_store::abuse::Flag;
use tessera_store::accounts::Account;

use super::{require_committee, GovernanceError};
use crate::App;

/// How many flags a view shows: the newest.
const SHOWN: i64 = 200;

/// The newest flags; 403 off the Security Committee.
pub async fn flags(app: &App, viewer: &Account) -> Result<Vec<Flag>, GovernanceError> {
    require_committee(app, viewer, Committee::Security).await?;
    Ok(app.store.abuse_flags(SHOWN).await?)
}

/// Whether she may see them (the page's link).
pub async fn may_see(app: &App, viewer: &Account) -> Result<bool, GovernanceError> {
    match require_committee(app, viewer, Committee::Security).await {
        Ok(()) => Ok(true),
        Err(GovernanceError::Forbidden | GovernanceError::SellersOnly) => Ok(false),
        Err(e) => Err(e),
    }
}
