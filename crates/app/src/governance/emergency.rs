//! Emergency changes of the scoring (SPEC R7.5) under the two-person rule (R7.9): one Security
//! Committee member requests a new parameter set, a second one (never the requester) approves
//! it, and it is in force at once. A retroactive vote opens the same day for 14 days; if it does
//! not pass, the job runner restores the set in force before (and the changelog says so).

use tessera_core::committee::Committee;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind, ProposalKind, Schedule};
use tessera_core::Params;
use tessera_store::accounts::Account;
use tessera_store::governance::proposals::NewProposal;

use super::{require_member, GovernanceError};
use crate::App;

/// The longest reason (characters).
pub const REASON_MAX: usize = 2_000;

/// What an approval enacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enacted {
    pub version: i64,
    /// The retroactive vote's proposal id.
    pub vote: String,
}

async fn require_security(app: &App, account: &Account) -> Result<(), GovernanceError> {
    require_member(account)?;
    if app
        .store
        .is_committee_member(account.id, Committee::Security)
        .await?
    {
        Ok(())
    } else {
        Err(GovernanceError::Forbidden)
    }
}

/// A Security Committee member requests an emergency change; the approval's id.
pub async fn request(
    app: &App,
    seller: &Account,
    params: serde_json::Value,
    reason: &str,
) -> Result<String, GovernanceError> {
    // Who may ask comes first: anyone else learns nothing about what a valid set is.
    require_security(app, seller).await?;
    let params: Params =
        serde_json::from_value(params).map_err(|_| GovernanceError::Invalid(vec!["params"]))?;
    if let Err(e) = params.validate() {
        return Err(GovernanceError::Invalid(vec![e.field]));
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(GovernanceError::Invalid(vec!["reason"]));
    }
    let payload =
        serde_json::to_string(&params).map_err(|_| GovernanceError::Invalid(vec!["params"]))?;
    let asked = (
        AuditRole::Security,
        ObjectKind::Params,
        AuditAction::EmergencyRequested,
    );
    super::approvals::ask(app, seller, "emergency", &payload, reason, asked).await
}

/// A second Security Committee member approves: the set is in force at once and its
/// retroactive vote opens (R7.5). The requester gets 403; an approval made already, 409.
pub async fn approve(app: &App, seller: &Account, id: &str) -> Result<Enacted, GovernanceError> {
    require_security(app, seller).await?;
    let a = app
        .store
        .approval(id)
        .await?
        .filter(|a| a.kind == "emergency")
        .ok_or(GovernanceError::NoApproval)?;
    if a.requested_by == seller.id {
        return Err(GovernanceError::Forbidden);
    }
    if a.enacted {
        return Err(GovernanceError::Conflict);
    }
    let params: Params = serde_json::from_str(&a.payload)
        .map_err(|_| tessera_store::StoreError::Corrupt("approval payload"))?;
    let today = app.today();
    let vote = tessera_store::crypto::random_token(10);
    // The claim, the new version and the retroactive vote in one transaction (R7.5, R7.9).
    let version = app
        .store
        .enact_emergency(
            id,
            seller.id,
            app.now(),
            &params,
            &NewProposal {
                id: &vote,
                kind: ProposalKind::Algorithm,
                title: "Confirm the emergency change of the scoring",
                specification: "The parameter set the Security Committee put in force as an emergency change (R7.5).",
                rationale: "An emergency change must pass a vote within 14 days, or the previous set returns.",
                risks: "If it does not pass, the parameters in force before the change return automatically.",
                alternatives: "Vote no to restore the previous parameters.",
                author: None,
                params: Some(&a.payload),
                restore_version: None,
                committee: None,
                seats: None,
                member: None,
                emergency_of: None,
                schedule: Schedule::immediate(today),
            },
        )
        .await?
        .ok_or(GovernanceError::Conflict)?;
    let done = [AuditAction::ApprovalGiven, AuditAction::EmergencyEnacted];
    super::audit::record_all(
        app,
        seller.id,
        AuditRole::Security,
        ObjectKind::Params,
        &done,
    )
    .await?;
    Ok(Enacted { version, vote })
}

/// An emergency change waiting for its second member, as the Security Committee's page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: String,
    /// What it changes against the set in force.
    pub diff: Vec<super::ParamChange>,
    /// She asked for it (so she cannot approve it).
    pub mine: bool,
}

/// The emergency changes waiting for a second Security Committee member (403 for anyone else).
pub async fn pending(app: &App, seller: &Account) -> Result<Vec<Pending>, GovernanceError> {
    require_security(app, seller).await?;
    let current = app.store.current_params().await?.params;
    let mut out = Vec::new();
    for a in app.store.pending_approvals("emergency").await? {
        let set: Params = serde_json::from_str(&a.payload)
            .map_err(|_| tessera_store::StoreError::Corrupt("approval payload"))?;
        out.push(Pending {
            id: a.id,
            diff: super::params_diff(&current, &set),
            mine: a.requested_by == seller.id,
        });
    }
    Ok(out)
}
