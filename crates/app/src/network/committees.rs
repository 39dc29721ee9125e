//! The committee roster (SPEC R7.8; API.md "Seller network"): the operator names interim
//! members of the security, disputes and governance committees until governance elects them.
//! Every change is audit-logged by the store.

use tessera_core::committee::Committee;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::{AccountType, Pseudonym};
use tessera_store::committees::{CommitteeAudit, CommitteeMember};
use tessera_store::{Store, StoreError};

/// Who the audit log names for a change made with `tessera committee` (no address: R8.4).
pub const OPERATOR: &str = "operator (command line)";

#[derive(Debug, thiserror::Error)]
pub enum CommitteeError {
    /// Committees are of sellers (R7.8): no seller member has this pseudonym.
    #[error("no seller with this pseudonym")]
    NoSeller,
    #[error("she is already on this committee")]
    AlreadyMember,
    #[error("she is not on this committee")]
    NotMember,
    #[error(transparent)]
    Store(#[from] StoreError),
}

async fn seller_id(store: &Store, raw: &str) -> Result<tessera_core::AccountId, CommitteeError> {
    let p = Pseudonym::parse(raw).map_err(|_| CommitteeError::NoSeller)?;
    match store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Seller => Ok(a.id),
        _ => Err(CommitteeError::NoSeller),
    }
}

/// The members' audit log (R7.10) of a roster change from the command line: no actor.
async fn operator_did(store: &Store, now: i64, action: AuditAction) -> Result<(), StoreError> {
    crate::governance::audit::record(
        store,
        now,
        None,
        AuditRole::Operator,
        action,
        ObjectKind::Committee,
    )
    .await
}

/// The operator adds a seller to a committee.
pub async fn add(
    store: &Store,
    pseudonym: &str,
    committee: Committee,
    now: i64,
) -> Result<(), CommitteeError> {
    let id = seller_id(store, pseudonym).await?;
    if store.committee_add(committee, id, OPERATOR, now).await? {
        operator_did(store, now, AuditAction::CommitteeAdded).await?;
        Ok(())
    } else {
        Err(CommitteeError::AlreadyMember)
    }
}

/// The operator removes a seller from a committee.
pub async fn remove(
    store: &Store,
    pseudonym: &str,
    committee: Committee,
    now: i64,
) -> Result<(), CommitteeError> {
    let id = seller_id(store, pseudonym).await?;
    if store.committee_remove(committee, id, OPERATOR, now).await? {
        operator_did(store, now, AuditAction::CommitteeRemoved).await?;
        Ok(())
    } else {
        Err(CommitteeError::NotMember)
    }
}

/// Every committee's members.
pub async fn list(store: &Store) -> Result<Vec<CommitteeMember>, CommitteeError> {
    Ok(store.committee_roster().await?)
}

/// The audit log of the roster, oldest first.
pub async fn audit(store: &Store) -> Result<Vec<CommitteeAudit>, CommitteeError> {
    Ok(store.committee_audit().await?)
}
