//! Dissolving a coop under the two-person rule (SPEC R6.2, R7.9): one of its moderators asks,
//! with a reason; another of its moderators or a Dispute Resolution Committee member approves
//! (never the one who asked), and the coop is gone at once with its threads, messages, alerts,
//! members and links (see the store's `enact_dissolution`).

use tessera_core::committee::Committee;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::AccountType;
use tessera_store::accounts::Account;
use tessera_store::governance::approvals::Approval;

use super::GovernanceError;
use crate::network::coops::{coop_for, CoopError, Role};
use crate::App;

/// The longest reason (characters).
pub const REASON_MAX: usize = 2_000;

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    coop: String,
}

fn from_coop(e: CoopError) -> GovernanceError {
    match e {
        CoopError::SellersOnly => GovernanceError::SellersOnly,
        CoopError::Forbidden => GovernanceError::Forbidden,
        CoopError::Store(s) => GovernanceError::Store(s),
        _ => GovernanceError::NoCoop,
    }
}

/// A moderator of the coop asks for its dissolution: the approval's id.
pub async fn request(
    app: &App,
    actor: &Account,
    coop: &str,
    reason: &str,
) -> Result<String, GovernanceError> {
    super::require_member(actor)?;
    let view = coop_for(app, actor.id.as_seller(), coop, Role::Moderates)
        .await
        .map_err(from_coop)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(GovernanceError::Invalid(vec!["reason"]));
    }
    let payload = serde_json::to_string(&Payload {
        coop: view.coop.id.clone(),
    })
    .map_err(|_| tessera_store::StoreError::Corrupt("dissolution payload"))?;
    let asked = (
        AuditRole::Moderator,
        ObjectKind::Coop,
        AuditAction::ApprovalRequested,
    );
    super::approvals::ask(app, actor, "dissolution", &payload, reason, asked).await
}

/// The role in which `actor` may approve the dissolution of `coop`, if any.
async fn approver_role(
    app: &App,
    actor: &Account,
    coop: &str,
) -> Result<Option<AuditRole>, GovernanceError> {
    if actor.account_type != AccountType::Seller {
        return Ok(None);
    }
    let moderates = app
        .store
        .coop_view(coop, actor.id)
        .await?
        .and_then(|v| v.me)
        .is_some_and(|m| m.moderates());
    if moderates {
        return Ok(Some(AuditRole::Moderator));
    }
    let committee = app
        .store
        .is_committee_member(actor.id, Committee::Disputes)
        .await?;
    Ok(committee.then_some(AuditRole::Disputes))
}

fn payload_of(approval: &Approval) -> Result<Payload, GovernanceError> {
    Ok(serde_json::from_str(&approval.payload)
        .map_err(|_| tessera_store::StoreError::Corrupt("dissolution payload"))?)
}

/// Whether `actor` may approve this request (for the list of what waits for her).
pub async fn may_approve(
    app: &App,
    actor: &Account,
    approval: &Approval,
) -> Result<bool, GovernanceError> {
    let p = payload_of(approval)?;
    Ok(approval.requested_by != actor.id && approver_role(app, actor, &p.coop).await?.is_some())
}

/// A second member approves: the coop is dissolved at once.
pub async fn approve(
    app: &App,
    actor: &Account,
    approval: &Approval,
) -> Result<(), GovernanceError> {
    super::require_member(actor)?;
    let p = payload_of(approval)?;
    let Some(role) = approver_role(app, actor, &p.coop).await? else {
        // Another member may have dissolved it a moment ago (the coop, and with it her role in
        // it, is gone): that is a conflict, not a refusal.
        let done = app
            .store
            .approval(&approval.id)
            .await?
            .is_none_or(|a| a.enacted);
        return Err(if done {
            GovernanceError::Conflict
        } else {
            GovernanceError::Forbidden
        });
    };
    if approval.requested_by == actor.id {
        return Err(GovernanceError::Forbidden);
    }
    // Approved requests have no coop left to find: 409 from the claim, not 404.
    let Some(view) = app.store.coop_view(&p.coop, actor.id).await? else {
        return Err(GovernanceError::Conflict);
    };
    if !app
        .store
        .enact_dissolution(&approval.id, actor.id, app.now(), view.coop.key)
        .await?
    {
        return Err(GovernanceError::Conflict);
    }
    let done = [AuditAction::ApprovalGiven, AuditAction::CoopDissolved];
    super::audit::record_all(app, actor.id, role, ObjectKind::Coop, &done).await?;
    Ok(())
}
