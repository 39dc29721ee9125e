//! Reputation restores (charter 18.6, SPEC R7.9). A member who deletes her account may ask for
//! a restore code (shown once; only its hash is kept with the tombstone). If the deletion was due
//! to a platform error or a safety concern, a Dispute Resolution Committee member who verified
//! that asks, with the code and her new pseudonym; a second member approves, and the ratings of
//! the old account move to the new one. Without the code nobody can find the tombstone: that is
//! what keeps deletion final for everyone who did not ask for one (R2.11).

use tessera_core::committee::Committee;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::{AccountId, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::governance::approvals::Approval;
use tessera_store::governance::restorations::Restored;

use super::GovernanceError;
use crate::App;

/// The longest reason (characters): what the committee verified.
pub const REASON_MAX: usize = 2_000;

/// A new restore code: 128 random bits, shown once (charter 18.6).
pub fn new_code() -> String {
    tessera_store::crypto::random_token(16)
}

/// What is kept of a code: its SHA-256, hex.
pub fn code_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    data_encoding::HEXLOWER.encode(&tessera_store::crypto::token_hash(&normal))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    from: i64,
    to: i64,
}

fn invalid(field: &'static str) -> GovernanceError {
    GovernanceError::Invalid(vec![field])
}

/// A Dispute Resolution Committee member asks to restore the reputation a code leads to onto
/// the account `to`: the approval's id.
pub async fn request(
    app: &App,
    actor: &Account,
    code: &str,
    to: &str,
    reason: &str,
) -> Result<String, GovernanceError> {
    super::require_committee(app, actor, Committee::Disputes).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(invalid("reason"));
    }
    let tomb = app
        .store
        .tombstone_by_restore_code(&code_hash(code))
        .await?
        .ok_or(GovernanceError::NoRestoreCode)?;
    let p = Pseudonym::parse(to.trim()).map_err(|_| GovernanceError::NoMember)?;
    let target = app
        .store
        .account_by_pseudonym(p.canonical())
        .await?
        .ok_or(GovernanceError::NoMember)?;
    if target.account_type != tomb.account_type {
        return Err(invalid("account"));
    }
    if target.id == actor.id {
        return Err(GovernanceError::Recused);
    }
    let payload = serde_json::to_string(&Payload {
        from: tomb.account.get(),
        to: target.id.get(),
    })
    .map_err(|_| tessera_store::StoreError::Corrupt("restore payload"))?;
    let asked = (
        AuditRole::Disputes,
        ObjectKind::Account,
        AuditAction::ApprovalRequested,
    );
    super::approvals::ask(app, actor, "restore", &payload, reason, asked).await
}

/// A second committee member approves (never the requester, never the account's holder): the
/// ratings move at once (R7.9).
pub async fn approve(
    app: &App,
    actor: &Account,
    approval: &Approval,
) -> Result<Restored, GovernanceError> {
    super::require_committee(app, actor, Committee::Disputes).await?;
    if approval.requested_by == actor.id {
        return Err(GovernanceError::Forbidden);
    }
    let p: Payload = serde_json::from_str(&approval.payload)
        .map_err(|_| tessera_store::StoreError::Corrupt("restore payload"))?;
    let to = AccountId::new(p.to);
    if to == actor.id {
        return Err(GovernanceError::Recused);
    }
    let moved = app
        .store
        .enact_restore(
            &approval.id,
            actor.id,
            app.now(),
            AccountId::new(p.from),
            to,
        )
        .await
        .map_err(|e| match e {
            tessera_store::StoreError::Conflict => GovernanceError::Conflict,
            e => e.into(),
        })?
        .ok_or(GovernanceError::Conflict)?;
    let done = [AuditAction::ApprovalGiven, AuditAction::ReputationRestored];
    super::audit::record_all(
        app,
        actor.id,
        AuditRole::Disputes,
        ObjectKind::Account,
        &done,
    )
    .await?;
    Ok(moved)
}
