//! Suspending an account after a membership vote (SPEC R7.8, R7.9; charter 9.5: rare,
//! seller-voted, temporary with a review date). A Governance committee member asks, naming the
//! account, the passed vote and the last day; a second one approves, and from then the account
//! cannot sign in (its sessions end) and a member is not in good standing, until that day has
//! passed. A later vote may end it early the same way (`until` absent).

use tessera_core::committee::Committee;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind, Phase, ProposalKind};
use tessera_core::{AccountId, Day, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::governance::approvals::Approval;

use super::GovernanceError;
use crate::App;

/// The longest suspension one vote can decide: it is temporary, with a review (charter 9.5).
pub const MAX_DAYS: i64 = 365;

/// What `POST /api/suspensions` asks for.
#[derive(Debug, Clone, Default)]
pub struct SuspensionInput {
    /// The account's pseudonym (a buyer or a seller).
    pub account: String,
    /// The passed proposal that decided it.
    pub proposal: String,
    /// Its last day (`YYYY-MM-DD`), 1..=365 days ahead; absent to end a suspension early.
    pub until: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    account: i64,
    until: Option<String>,
    proposal: String,
}

/// What an approved suspension did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspended {
    /// Its last day; `None` when it ended one.
    pub until: Option<Day>,
}

fn invalid(field: &'static str) -> GovernanceError {
    GovernanceError::Invalid(vec![field])
}

/// A Governance committee member asks for a suspension (or its early end): the approval's id.
pub async fn request(
    app: &App,
    actor: &Account,
    input: &SuspensionInput,
) -> Result<String, GovernanceError> {
    super::require_committee(app, actor, Committee::Governance).await?;
    let today = app.today();
    let until = match input.until.as_deref().map(str::trim) {
        Some(raw) => {
            let d = Day::parse(raw).ok_or_else(|| invalid("until"))?;
            let ahead = today.days_until(d);
            if !(1..=MAX_DAYS).contains(&ahead) {
                return Err(invalid("until"));
            }
            Some(d)
        }
        None => None,
    };
    let p = Pseudonym::parse(input.account.trim()).map_err(|_| GovernanceError::NoMember)?;
    let target = app
        .store
        .account_by_pseudonym(p.canonical())
        .await?
        .ok_or(GovernanceError::NoMember)?;
    if target.id == actor.id {
        return Err(GovernanceError::Recused);
    }
    let proposal = super::proposals::get(app, actor, input.proposal.trim()).await?;
    if proposal.phase != Phase::Closed {
        return Err(GovernanceError::NotClosed);
    }
    // Only a vote on a free-text motion can decide a suspension; it must have passed.
    let motion = matches!(
        proposal.proposal.kind,
        ProposalKind::Operational | ProposalKind::Structural | ProposalKind::Constitutional
    );
    let passed = proposal
        .proposal
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str::<super::result::VoteResult>(r).ok())
        .is_some_and(|r| r.passed);
    if !motion || !passed {
        return Err(invalid("proposal"));
    }
    let last = app.store.suspended_until(target.id).await?;
    if until.is_none() && !tessera_core::governance::suspended_on(last, today) {
        return Err(GovernanceError::Conflict);
    }
    let payload = serde_json::to_string(&Payload {
        account: target.id.get(),
        until: until.map(|d| d.to_string()),
        proposal: proposal.proposal.id.clone(),
    })
    .map_err(|_| tessera_store::StoreError::Corrupt("suspension payload"))?;
    let asked = (
        AuditRole::Governance,
        ObjectKind::Account,
        AuditAction::ApprovalRequested,
    );
    super::approvals::ask(app, actor, "suspension", &payload, "", asked).await
}

/// A second Governance committee member approves (never the requester): the suspension is in
/// force at once, her sessions ended (R7.9).
pub async fn approve(
    app: &App,
    actor: &Account,
    approval: &Approval,
) -> Result<Suspended, GovernanceError> {
    super::require_committee(app, actor, Committee::Governance).await?;
    if approval.requested_by == actor.id {
        return Err(GovernanceError::Forbidden);
    }
    let p: Payload = serde_json::from_str(&approval.payload)
        .map_err(|_| tessera_store::StoreError::Corrupt("suspension payload"))?;
    let account = AccountId::new(p.account);
    if account == actor.id {
        return Err(GovernanceError::Recused);
    }
    let until = p
        .until
        .as_deref()
        .map(|d| Day::parse(d).ok_or(tessera_store::StoreError::Corrupt("suspension until")))
        .transpose()?;
    if !app
        .store
        .enact_suspension(
            &approval.id,
            actor.id,
            app.now(),
            account,
            until,
            &p.proposal,
        )
        .await?
    {
        return Err(GovernanceError::Conflict);
    }
    let effect = if until.is_some() {
        AuditAction::MemberSuspended
    } else {
        AuditAction::MemberReinstated
    };
    let done = [AuditAction::ApprovalGiven, effect];
    super::audit::record_all(
        app,
        actor.id,
        AuditRole::Governance,
        ObjectKind::Account,
        &done,
    )
    .await?;
    Ok(Suspended { until })
}
