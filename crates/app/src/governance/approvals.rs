//! The two-person rule's second step (SPEC R7.9; API.md `POST /api/approvals/{id}`): one route
//! approves every kind of request, each checked by its own area (who may approve, what it does).

use tessera_store::accounts::Account;

use tessera_store::governance::restorations::Restored;

use super::disputes::{self, Excluded};
use super::emergency::{self, Enacted};
use super::suspensions::{self, Suspended};
use super::GovernanceError;
use super::{dissolutions, restorations};
use crate::App;

/// What an approval put into effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approved {
    Emergency(Enacted),
    Exclusion(Excluded),
    Suspension(Suspended),
    Restore(Restored),
    Dissolution,
}

pub async fn approve(app: &App, account: &Account, id: &str) -> Result<Approved, GovernanceError> {
    super::require_member(account)?;
    let a = app
        .store
        .approval(id)
        .await?
        .ok_or(GovernanceError::NoApproval)?;
    // Approved already: what it named was emptied by the approval (R8.3), so who may approve it
    // can no longer be checked against it; the answer is the same for everyone.
    if a.enacted {
        return Err(GovernanceError::Conflict);
    }
    match a.kind.as_str() {
        "emergency" => Ok(Approved::Emergency(
            emergency::approve(app, account, id).await?,
        )),
        "exclusion" => Ok(Approved::Exclusion(
            disputes::approve_exclusion(app, account, &a).await?,
        )),
        "suspension" => Ok(Approved::Suspension(
            suspensions::approve(app, account, &a).await?,
        )),
        "restore" => Ok(Approved::Restore(
            restorations::approve(app, account, &a).await?,
        )),
        "dissolution" => {
            dissolutions::approve(app, account, &a).await?;
            Ok(Approved::Dissolution)
        }
        _ => Err(tessera_store::StoreError::Corrupt("approval kind").into()),
    }
}

/// A request waiting for its second member, as the one who may approve it (or who asked for it)
/// sees it: its kind and day, never what it is about beyond that (the request's own page or
/// the case says more to those who may see it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: String,
    pub kind: String,
    pub requested_on: tessera_core::Day,
    /// She asked for it (so she cannot approve it).
    pub mine: bool,
}

/// Whether `account` may give the second approval of `a` (or sees it as its requester).
async fn concerns(
    app: &App,
    account: &Account,
    a: &tessera_store::governance::approvals::Approval,
) -> Result<bool, GovernanceError> {
    use tessera_core::committee::Committee;
    if a.requested_by == account.id {
        return Ok(true);
    }
    let committee = match a.kind.as_str() {
        "emergency" => Committee::Security,
        "exclusion" | "restore" => Committee::Disputes,
        "suspension" => Committee::Governance,
        "dissolution" => return dissolutions::may_approve(app, account, a).await,
        _ => return Ok(false),
    };
    Ok(app.store.is_committee_member(account.id, committee).await?)
}

/// What waits for a second member and concerns her, oldest first (API.md `GET /api/approvals`).
pub async fn pending(app: &App, account: &Account) -> Result<Vec<Pending>, GovernanceError> {
    super::require_member(account)?;
    let mut out = Vec::new();
    for a in app.store.all_pending_approvals().await? {
        if concerns(app, account, &a).await? {
            out.push(Pending {
                mine: a.requested_by == account.id,
                requested_on: tessera_core::Day::from_unix(a.requested_at),
                kind: a.kind,
                id: a.id,
            });
        }
    }
    Ok(out)
}

/// Stores a two-person request of `kind` by `actor` and writes `action` (what was asked for) to
/// the audit log: the request's id, which a second member approves at `POST /api/approvals/{id}`.
pub(crate) async fn ask(
    app: &App,
    actor: &Account,
    kind: &str,
    payload: &str,
    reason: &str,
    (role, object, action): (
        tessera_core::governance::AuditRole,
        tessera_core::governance::ObjectKind,
        tessera_core::governance::AuditAction,
    ),
) -> Result<String, GovernanceError> {
    let id = tessera_store::crypto::random_token(10);
    app.store
        .request_approval(&id, kind, actor.id, app.now(), payload, reason)
        .await?;
    super::audit::record_all(app, actor.id, role, object, &[action]).await?;
    Ok(id)
}
