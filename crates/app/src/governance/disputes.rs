//! Disputes (SPEC R7.8; API.md "Disputes and the two-person rule"): a buyer's appeal of his
//! score, a seller's report from a lookup, an alert its moderator escalates. A case goes from
//! mediation to arbitration by a panel of three Dispute Resolution Committee members, then (on a
//! petition of 10 members) to a membership vote; each open stage has a 30-day deadline, flagged
//! on the committee's page when passed. Nobody who is a party acts on the case. The panel sees
//! the buyer's individual ratings without seller identity (each view audit-logged) and may ask
//! to exclude named ones; a second committee member's approval (R7.9) takes them off every
//! score at once.

use tessera_core::committee::Committee;
use tessera_core::governance::dispute::{CONTEXT_MAX, PANEL_SIZE};
use tessera_core::governance::{
    AuditAction, AuditRole, DisputeKind, DisputeOutcome, ObjectKind, Stage,
};
use tessera_core::{AccountId, AccountType, BuyerId, Day, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::governance::disputes::{Dispute, NewDispute, PanelRating};

use super::GovernanceError;
use crate::network::alerts::{self, AlertError};
use crate::App;

/// Signatures that take a case to a membership vote (R7.8).
pub const PETITION_SIGNATURES: i64 = 10;

/// What `POST /api/disputes` asks for.
#[derive(Debug, Clone, Default)]
pub struct OpenInput {
    pub kind: String,
    pub context: Option<String>,
    /// A report: the buyer's pseudonym.
    pub buyer: Option<String>,
    /// An escalation: the alert's id.
    pub alert: Option<String>,
}

/// What `POST /api/disputes/{id}/advance` asks for.
#[derive(Debug, Clone, Default)]
pub struct AdvanceInput {
    pub to: String,
    pub outcome: Option<String>,
    pub panel: Option<Vec<String>>,
    /// A membership vote: what the members vote on (a default text otherwise).
    pub motion: Option<String>,
}

/// A case as one member sees it.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub dispute: Dispute,
    /// The last day of the current stage, and whether it has passed (R7.8).
    pub deadline: Option<Day>,
    pub overdue: bool,
    /// The panel's pseudonyms (from arbitration on), for the committee and the panel only.
    pub panel: Vec<String>,
    pub signatures: i64,
    /// The context its party gave: for the committee and the one who gave it.
    pub context: Option<String>,
    /// She sits on the Dispute Resolution Committee and is not a party.
    pub may_advance: bool,
    /// She sits on the panel and the case is open.
    pub on_panel: bool,
}

/// An exclusion of this case waiting for its second member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingExclusion {
    pub approval: String,
    pub ratings: usize,
    /// She asked for it (so she cannot approve it).
    pub mine: bool,
}

#[derive(serde::Deserialize)]
struct ExclusionPayload {
    dispute: String,
    ratings: Vec<String>,
}

/// What a second member's approval of an exclusion did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excluded {
    pub ratings: u64,
}

fn invalid(field: &'static str) -> GovernanceError {
    GovernanceError::Invalid(vec![field])
}

fn context_of(raw: Option<&str>) -> Result<Option<&str>, GovernanceError> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) if c.chars().count() > CONTEXT_MAX => Err(invalid("context")),
        other => Ok(other),
    }
}

async fn on_committee(app: &App, account: &Account) -> Result<bool, GovernanceError> {
    Ok(account.account_type == AccountType::Seller
        && app
            .store
            .is_committee_member(account.id, Committee::Disputes)
            .await?)
}

/// The buyer account behind a typed pseudonym.
async fn buyer_named(app: &App, raw: &str) -> Result<BuyerId, GovernanceError> {
    let p = Pseudonym::parse(raw).map_err(|_| GovernanceError::NoBuyer)?;
    match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Buyer => Ok(a.id.as_buyer()),
        _ => Err(GovernanceError::NoBuyer),
    }
}

fn from_alert(e: AlertError) -> GovernanceError {
    match e {
        AlertError::SellersOnly | AlertError::Forbidden => GovernanceError::Forbidden,
        AlertError::Recused => GovernanceError::Recused,
        AlertError::Conflict => GovernanceError::Conflict,
        AlertError::Store(s) => GovernanceError::Store(s),
        _ => GovernanceError::NoAlert,
    }
}

/// Opens a case in mediation (API.md `POST /api/disputes`). Buyers may appeal only; sellers
/// report or, as the alert's moderator, escalate.
pub async fn open(
    app: &App,
    account: &Account,
    input: &OpenInput,
) -> Result<Dispute, GovernanceError> {
    let kind = DisputeKind::parse(input.kind.trim()).ok_or_else(|| invalid("kind"))?;
    let is_buyer = account.account_type == AccountType::Buyer;
    if is_buyer != (kind == DisputeKind::Appeal) {
        return Err(GovernanceError::Forbidden);
    }
    let context = context_of(input.context.as_deref())?;
    let (buyer, alert) = match kind {
        DisputeKind::Appeal => (Some(account.id.as_buyer()), None),
        DisputeKind::Report => {
            let raw = input.buyer.as_deref().ok_or_else(|| invalid("buyer"))?;
            (Some(buyer_named(app, raw).await?), None)
        }
        DisputeKind::Alert => {
            let raw = input.alert.as_deref().ok_or_else(|| invalid("alert"))?;
            let row = alerts::escalate_to_case(app, account, raw)
                .await
                .map_err(from_alert)?;
            let buyer = match row.buyer.as_deref() {
                Some(b) => buyer_named(app, b).await.ok(),
                None => None,
            };
            (buyer, Some(row.key.get()))
        }
    };
    let id = tessera_store::crypto::random_token(10);
    app.store
        .create_dispute(&NewDispute {
            id: &id,
            kind,
            opened_by: account.id,
            buyer,
            alert,
            context,
            today: app.today(),
        })
        .await
        .map_err(|e| match e {
            tessera_store::StoreError::Conflict => GovernanceError::Conflict,
            e => e.into(),
        })?;
    app.store.dispute(&id).await?.ok_or(GovernanceError::NoCase)
}

/// "Report an issue" from a lookup (R4.1): a report case without context.
pub async fn report(app: &App, seller: &Account, buyer: &str) -> Result<Dispute, GovernanceError> {
    open(
        app,
        seller,
        &OpenInput {
            kind: DisputeKind::Report.as_str().into(),
            buyer: Some(buyer.into()),
            ..OpenInput::default()
        },
    )
    .await
}

async fn view(
    app: &App,
    account: &Account,
    d: Dispute,
    committee: bool,
) -> Result<CaseView, GovernanceError> {
    let panel = app.store.dispute_panel(d.key).await?;
    let party = app.store.is_dispute_party(d.key, account.id).await?;
    let open = d.stage != Stage::Closed;
    let context = if (committee && !party) || d.opened_by == account.id {
        app.store.dispute_context(d.key).await?
    } else {
        None
    };
    let sits = panel.iter().any(|(id, _)| *id == account.id);
    Ok(CaseView {
        deadline: d.stage.deadline(d.stage_since),
        overdue: d.stage.overdue(d.stage_since, app.today()),
        on_panel: open && sits,
        // Who judges a case is the committee's to know (and the panel's own): a buyer who
        // learns which sellers sit on his panel could go after them.
        panel: if committee || sits {
            panel.into_iter().map(|(_, p)| p).collect()
        } else {
            Vec::new()
        },
        signatures: app.store.dispute_signatures(d.key).await?,
        context,
        may_advance: committee && !party && open,
        dispute: d,
    })
}

/// The cases she may see: every case for the committee, her own for a party or panel member.
pub async fn list(app: &App, account: &Account) -> Result<Vec<CaseView>, GovernanceError> {
    let committee = on_committee(app, account).await?;
    let cases = if committee {
        app.store.disputes().await?
    } else {
        app.store.disputes_of(account.id).await?
    };
    let mut out = Vec::with_capacity(cases.len());
    for d in cases {
        out.push(view(app, account, d, committee).await?);
    }
    Ok(out)
}

/// How many open cases have passed their stage's deadline, for the Dispute Resolution
/// Committee's dashboard (R7.8); 0 for anyone else.
pub async fn overdue(app: &App, account: &Account) -> Result<usize, GovernanceError> {
    if !on_committee(app, account).await? {
        return Ok(0);
    }
    let today = app.today();
    Ok(app
        .store
        .disputes()
        .await?
        .iter()
        .filter(|d| d.stage.overdue(d.stage_since, today))
        .count())
}

/// One case, for the committee, its parties and its panel; 404 for anyone else (nobody
/// learns that a case exists about someone).
pub async fn one(app: &App, account: &Account, id: &str) -> Result<CaseView, GovernanceError> {
    let d = app
        .store
        .dispute(id)
        .await?
        .ok_or(GovernanceError::NoCase)?;
    let committee = on_committee(app, account).await?;
    let v = view(app, account, d, committee).await?;
    let party = app
        .store
        .is_dispute_party(v.dispute.key, account.id)
        .await?;
    let panel = app
        .store
        .dispute_panel(v.dispute.key)
        .await?
        .iter()
        .any(|(m, _)| *m == account.id);
    if committee || party || panel {
        Ok(v)
    } else {
        Err(GovernanceError::NoCase)
    }
}

/// A committee member who may act on the case: on the committee (403), not a party
/// (403 `recused`).
async fn require_acting(app: &App, account: &Account, d: &Dispute) -> Result<(), GovernanceError> {
    if !on_committee(app, account).await? {
        return Err(GovernanceError::Forbidden);
    }
    if app.store.is_dispute_party(d.key, account.id).await? {
        return Err(GovernanceError::Recused);
    }
    Ok(())
}

/// The panel named for arbitration: three distinct committee members (400), none a party (403).
async fn panel_of(
    app: &App,
    d: &Dispute,
    names: &[String],
) -> Result<Vec<AccountId>, GovernanceError> {
    let mut ids = Vec::with_capacity(names.len());
    for raw in names {
        let p = Pseudonym::parse(raw).map_err(|_| invalid("panel"))?;
        let a = app
            .store
            .account_by_pseudonym(p.canonical())
            .await?
            .filter(|a| a.account_type == AccountType::Seller)
            .ok_or_else(|| invalid("panel"))?;
        if !app
            .store
            .is_committee_member(a.id, Committee::Disputes)
            .await?
        {
            return Err(invalid("panel"));
        }
        ids.push(a.id);
    }
    let mut distinct = ids.clone();
    distinct.sort_unstable_by_key(|a| a.get());
    distinct.dedup();
    if distinct.len() != PANEL_SIZE || ids.len() != PANEL_SIZE {
        return Err(invalid("panel"));
    }
    for m in &ids {
        if app.store.is_dispute_party(d.key, *m).await? {
            return Err(GovernanceError::Recused);
        }
    }
    Ok(ids)
}

/// Moves a case on (API.md `POST /api/disputes/{id}/advance`): to arbitration with its panel,
/// to a membership vote once 10 members signed the petition, or closed with its outcome
/// (`ratings_excluded` only when an approved exclusion of this case took effect, `no_change`
/// only when none did).
pub async fn advance(
    app: &App,
    account: &Account,
    id: &str,
    input: &AdvanceInput,
) -> Result<CaseView, GovernanceError> {
    let d = app
        .store
        .dispute(id)
        .await?
        .ok_or(GovernanceError::NoCase)?;
    require_acting(app, account, &d).await?;
    let to = Stage::parse(input.to.trim())
        .filter(|s| *s != Stage::Mediation)
        .ok_or_else(|| invalid("to"))?;
    let outcome = match (to, input.outcome.as_deref()) {
        (Stage::Closed, Some(o)) => {
            Some(DisputeOutcome::parse(o.trim()).ok_or_else(|| invalid("outcome"))?)
        }
        // Closing needs an outcome; no other move takes one.
        (Stage::Closed, None) | (_, Some(_)) => return Err(invalid("outcome")),
        (_, None) => None,
    };
    let panel = match (to, input.panel.as_deref()) {
        (Stage::Arbitration, Some(names)) => panel_of(app, &d, names).await?,
        (Stage::Arbitration, None) | (_, Some(_)) => return Err(invalid("panel")),
        (_, None) => Vec::new(),
    };
    if !d.stage.may_advance_to(to) {
        return Err(GovernanceError::Conflict);
    }
    if to == Stage::MembershipVote
        && app.store.dispute_signatures(d.key).await? < PETITION_SIGNATURES
    {
        return Err(GovernanceError::Conflict);
    }
    if let Some(o) = outcome {
        let excluded = app.store.excluded_by(d.key).await? > 0;
        if excluded != (o == DisputeOutcome::RatingsExcluded) {
            return Err(GovernanceError::Conflict);
        }
    }
    let motion = match (to, input.motion.as_deref().map(str::trim)) {
        (Stage::MembershipVote, Some(m)) if !m.is_empty() => {
            if m.chars().count() > super::proposals::TEXT_MAX {
                return Err(invalid("motion"));
            }
            Some(m.to_owned())
        }
        (Stage::MembershipVote, _) => None,
        (_, Some(m)) if !m.is_empty() => return Err(invalid("motion")),
        _ => None,
    };
    let moved = if to == Stage::MembershipVote {
        open_vote(app, account, &d, motion).await?
    } else {
        app.store
            .advance_dispute(d.key, d.stage, to, outcome, &panel, app.today())
            .await?
    };
    if !moved {
        return Err(GovernanceError::Conflict);
    }
    // R7.10: who moved which kind of thing on; never the case's content or its panel.
    super::audit::record(
        &app.store,
        app.now(),
        Some(account.id),
        AuditRole::Disputes,
        AuditAction::DisputeAdvanced,
        ObjectKind::Dispute,
    )
    .await?;
    one(app, account, id).await
}

/// The membership vote a petition asked for (R7.8): an operational proposal by the committee
/// member who moves the case there, with the usual 30 days of comment and 14 of vote, opened in
/// the same transaction as the stage. Its texts name the case and never its content (the
/// parties' words stay with the committee). Suspending an account is such a vote; what passes
/// is carried out under the two-person rule (an exclusion, or a suspension at `/approvals`).
async fn open_vote(
    app: &App,
    account: &Account,
    d: &Dispute,
    motion: Option<String>,
) -> Result<bool, GovernanceError> {
    use tessera_core::governance::{ProposalKind, Schedule};
    let title = format!("Membership vote on dispute case {}", d.id);
    let specification = motion.unwrap_or_else(|| {
        format!(
            "A petition of at least {PETITION_SIGNATURES} members took dispute case {} to a \
             membership vote (SPEC R7.8). Yes: the members overrule the arbitration panel, and \
             the Dispute Resolution Committee carries out what the comments on this proposal \
             settle (an exclusion of named ratings, or a suspension of an account), each under \
             the two-person rule. No: the panel's decision stands.",
            d.id
        )
    });
    let id = tessera_store::crypto::random_token(10);
    let vote = tessera_store::governance::proposals::NewProposal {
        id: &id,
        kind: ProposalKind::Operational,
        title: &title,
        specification: &specification,
        rationale: "The case's parties and ten members asked the membership to decide.",
        risks: "The case's details stay with the committee; members vote on the motion.",
        alternatives: "Leave the panel's decision as it is.",
        author: Some(account.id),
        params: None,
        restore_version: None,
        committee: None,
        seats: None,
        member: None,
        emergency_of: None,
        schedule: Schedule::regular(app.today()),
    };
    Ok(app
        .store
        .open_dispute_vote(d.key, &vote, app.today())
        .await?)
}

/// A member in good standing signs the petition for a membership vote on a case in
/// arbitration: the signatures so far. 409 when she signed already or the case is elsewhere.
pub async fn sign(app: &App, account: &Account, id: &str) -> Result<i64, GovernanceError> {
    super::require_member(account)?;
    super::proposals::require_good_standing(app, account).await?;
    let d = app
        .store
        .dispute(id)
        .await?
        .ok_or(GovernanceError::NoCase)?;
    if d.stage != Stage::Arbitration {
        return Err(GovernanceError::Conflict);
    }
    app.store
        .sign_dispute_petition(d.key, account.id)
        .await?
        .ok_or(GovernanceError::Conflict)
}

/// The case open, its buyer known, and she on its panel (403 otherwise).
async fn require_panel(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<(Dispute, BuyerId), GovernanceError> {
    let d = app
        .store
        .dispute(id)
        .await?
        .ok_or(GovernanceError::NoCase)?;
    let on_panel = app
        .store
        .dispute_panel(d.key)
        .await?
        .iter()
        .any(|(m, _)| *m == account.id);
    if !on_panel || !on_committee(app, account).await? {
        return Err(GovernanceError::Forbidden);
    }
    if d.stage == Stage::Closed {
        return Err(GovernanceError::Conflict);
    }
    let buyer = d.buyer.ok_or(GovernanceError::Conflict)?;
    Ok((d, buyer))
}

/// The buyer's individual ratings for a panel member, without seller identity; every call is
/// in the audit log (R7.8, R7.10).
pub async fn ratings(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<Vec<PanelRating>, GovernanceError> {
    let (d, buyer) = require_panel(app, account, id).await?;
    let rows = app.store.panel_ratings(&d.id, buyer).await?;
    super::audit::record(
        &app.store,
        app.now(),
        Some(account.id),
        AuditRole::Disputes,
        AuditAction::RatingsViewed,
        ObjectKind::Dispute,
    )
    .await?;
    Ok(rows)
}

/// A panel member asks to exclude named ratings (by the ids the panel sees): the approval's id.
/// A second committee member approves it at `POST /api/approvals/{id}` (R7.9).
pub async fn request_exclusion(
    app: &App,
    account: &Account,
    id: &str,
    ratings: &[String],
) -> Result<String, GovernanceError> {
    let (d, buyer) = require_panel(app, account, id).await?;
    let mut named: Vec<String> = ratings.iter().map(|r| r.trim().to_owned()).collect();
    named.sort_unstable();
    named.dedup();
    if named.is_empty()
        || named.len() > 1_000
        || !app
            .store
            .counted_ratings_named(&d.id, buyer, &named)
            .await?
    {
        return Err(invalid("ratings"));
    }
    let payload = serde_json::json!({"dispute": d.id, "ratings": named}).to_string();
    let asked = (
        AuditRole::Disputes,
        ObjectKind::Dispute,
        AuditAction::ApprovalRequested,
    );
    super::approvals::ask(app, account, "exclusion", &payload, "", asked).await
}

/// A second committee member approves an exclusion (never the requester, never a party): the
/// ratings leave every score at once (R7.8, R7.9). The case stays open.
pub async fn approve_exclusion(
    app: &App,
    account: &Account,
    approval: &tessera_store::governance::approvals::Approval,
) -> Result<Excluded, GovernanceError> {
    let p: ExclusionPayload = serde_json::from_str(&approval.payload)
        .map_err(|_| tessera_store::StoreError::Corrupt("exclusion payload"))?;
    let d = app
        .store
        .dispute(&p.dispute)
        .await?
        .ok_or(GovernanceError::NoCase)?;
    require_acting(app, account, &d).await?;
    if approval.requested_by == account.id {
        return Err(GovernanceError::Forbidden);
    }
    let buyer = d.buyer.ok_or(GovernanceError::Conflict)?;
    let n = app
        .store
        .enact_exclusion(
            &approval.id,
            account.id,
            app.now(),
            &d,
            buyer,
            &p.ratings,
            app.today(),
        )
        .await?
        .ok_or(GovernanceError::Conflict)?;
    let done = [AuditAction::ApprovalGiven, AuditAction::RatingsExcluded];
    super::audit::record_all(
        app,
        account.id,
        AuditRole::Disputes,
        ObjectKind::Dispute,
        &done,
    )
    .await?;
    Ok(Excluded { ratings: n })
}

/// The exclusions of a case waiting for a second member, for the committee's case page.
pub async fn pending_exclusions(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<Vec<PendingExclusion>, GovernanceError> {
    if !on_committee(app, account).await? {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for a in app.store.pending_approvals("exclusion").await? {
        let p: ExclusionPayload = serde_json::from_str(&a.payload)
            .map_err(|_| tessera_store::StoreError::Corrupt("exclusion payload"))?;
        if p.dispute == id {
            out.push(PendingExclusion {
                approval: a.id,
                ratings: p.ratings.len(),
                mine: a.requested_by == account.id,
            });
        }
    }
    Ok(out)
}
