//! The two-person rule's second step (SPEC R7.9; API.md `POST /api/approvals/{id}`): one route
//! approves every kind of request, each checked by its own area (who may approve, what it does).

use tessera_store::accounts::Account;

use super::disputes::{self, Excluded};
use super::emergency::{self, Enacted};
use super::GovernanceError;
use crate::App;

/// What an approval put into effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approved {
    Emergency(Enacted),
    Exclusion(Excluded),
}

pub async fn approve(app: &App, account: &Account, id: &str) -> Result<Approved, GovernanceError> {
    super::require_member(account)?;
    let a = app
        .store
        .approval(id)
        .await?
        .ok_or(GovernanceError::NoApproval)?;
    match a.kind.as_str() {
        "emergency" => Ok(Approved::Emergency(
            emergency::approve(app, account, id).await?,
        )),
        // Approved already: 409 from the claim, after who may approve was checked.
        "exclusion" => Ok(Approved::Exclusion(
            disputes::approve_exclusion(app, account, &a).await?,
        )),
        _ => Err(tessera_store::StoreError::Corrupt("approval kind").into()),
    }
}
