//! The audit log (SPEC R7.10): every privileged action writes who, in which role, what, on
//! what kind of object, when; members read it. Written in the same use case as the action, after
//! it succeeded; never a rating value or a text.

use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::AccountId;
use tessera_store::accounts::Account;
use tessera_store::governance::audit::AuditEntry;
use tessera_store::{Store, StoreError};

use super::{require_member, GovernanceError};
use crate::App;

/// Appends one entry.
pub async fn record(
    store: &Store,
    at: i64,
    actor: Option<AccountId>,
    role: AuditRole,
    action: AuditAction,
    object: ObjectKind,
) -> Result<(), StoreError> {
    store
        .audit(at, actor, role.as_str(), action.as_str(), object.as_str())
        .await
}

/// A page of the log, newest first (any member).
pub async fn list(
    app: &App,
    viewer: &Account,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, GovernanceError> {
    require_member(viewer)?;
    Ok(app.store.audit_page(before).await?)
}

/// Appends one entry per action, all by `actor` in `role` on one kind of object (an approval
/// and its effect are two entries).
pub(crate) async fn record_all(
    app: &App,
    actor: AccountId,
    role: AuditRole,
    object: ObjectKind,
    actions: &[AuditAction],
) -> Result<(), StoreError> {
    for action in actions {
        record(&app.store, app.now(), Some(actor), role, *action, object).await?;
    }
    Ok(())
}
