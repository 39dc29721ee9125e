//! Proposals (SPEC R7.2; API.md "Proposals and ballots"): create, read, comment; candidacies in
//! elections and signatures on recall petitions (R7.7). The phase a member sees comes from the
//! clock ([`Schedule::phase_at`]); the job runner makes the stored one follow.

use tessera_core::committee::Committee;
use tessera_core::governance::{Phase, ProposalKind, Schedule, Standing};
use tessera_core::{AccountType, Params, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::governance::proposals::{Comment, NewProposal, Proposal};

use super::electorate::{good_standing_members, petition_needed};
use super::members::standing_of;
use super::{require_member, GovernanceError};
use crate::App;

/// Lengths of a proposal's texts (characters).
pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 20_000;
pub const COMMENT_MAX: usize = 4_000;

/// A proposal as its author writes it.
pub struct ProposalInput {
    pub title: String,
    pub kind: String,
    pub specification: String,
    pub rationale: String,
    pub risks: String,
    pub alternatives: String,
    pub params: Option<Params>,
    pub restore_version: Option<i64>,
    pub committee: Option<String>,
    pub seats: Option<i64>,
    pub member: Option<String>,
}

/// A proposal as a member sees it.
#[derive(Debug, Clone)]
pub struct ProposalView {
    pub proposal: Proposal,
    /// By the clock, never stale.
    pub phase: Phase,
    pub my_roll_token: Option<String>,
    /// Recalls: signatures so far and how many are needed.
    pub petition: Option<(i64, i64)>,
    /// Elections: the candidates' pseudonyms.
    pub candidates: Vec<String>,
}

fn text(v: &str, max: usize, field: &'static str, bad: &mut Vec<&'static str>) -> String {
    let t = v.trim();
    if t.is_empty()
        || t.chars().count() > max
        || t.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        bad.push(field);
    }
    t.to_owned()
}

/// A member in good standing writes a proposal (R7.2); it opens for comment at once.
pub async fn create(
    app: &App,
    author: &Account,
    input: ProposalInput,
) -> Result<ProposalView, GovernanceError> {
    require_member(author)?;
    let mut bad = Vec::new();
    let title = text(&input.title, TITLE_MAX, "title", &mut bad);
    let specification = text(&input.specification, TEXT_MAX, "specification", &mut bad);
    let rationale = text(&input.rationale, TEXT_MAX, "rationale", &mut bad);
    let risks = text(&input.risks, TEXT_MAX, "risks", &mut bad);
    let alternatives = text(&input.alternatives, TEXT_MAX, "alternatives", &mut bad);
    let kind = ProposalKind::parse(&input.kind);
    if kind.is_none() {
        bad.push("kind");
    }
    let mut params_json = None;
    let mut committee = None;
    let mut member = None;
    match kind {
        Some(ProposalKind::Algorithm) => match &input.params {
            Some(p) => match p.validate() {
                Ok(()) => {
                    params_json = serde_json::to_string(p).ok();
                }
                Err(e) => bad.push(e.field),
            },
            None => bad.push("params"),
        },
        Some(ProposalKind::Rollback) => {
            let history = app.store.param_history().await?;
            let current = history.last().map(|v| v.version);
            match input.restore_version {
                Some(v) if history.iter().any(|h| h.version == v) && Some(v) != current => {}
                _ => bad.push("restore_version"),
            }
        }
        Some(ProposalKind::Election) => {
            committee = input.committee.as_deref().and_then(Committee::parse);
            if committee.is_none() {
                bad.push("committee");
            }
            if !input.seats.is_some_and(|s| (1..=15).contains(&s)) {
                bad.push("seats");
            }
        }
        Some(ProposalKind::Recall) => {
            let found = match input.member.as_deref().map(Pseudonym::parse) {
                Some(Ok(p)) => app.store.account_by_pseudonym(p.canonical()).await?,
                _ => None,
            };
            match found {
                Some(a) if a.account_type == AccountType::Seller => member = Some(a.id),
                _ => bad.push("member"),
            }
        }
        _ => {}
    }
    if !bad.is_empty() {
        return Err(GovernanceError::Invalid(bad));
    }
    let Some(kind) = kind else {
        return Err(GovernanceError::Invalid(vec!["kind"]));
    };
    require_good_standing(app, author).await?;
    let id = tessera_store::crypto::random_token(10);
    app.store
        .create_proposal(&NewProposal {
            id: &id,
            kind,
            title: &title,
            specification: &specification,
            rationale: &rationale,
            risks: &risks,
            alternatives: &alternatives,
            author: Some(author.id),
            params: params_json.as_deref(),
            restore_version: (kind == ProposalKind::Rollback)
                .then_some(input.restore_version)
                .flatten(),
            committee,
            seats: (kind == ProposalKind::Election)
                .then_some(input.seats)
                .flatten(),
            member,
            emergency_of: None,
            schedule: Schedule::regular(app.today()),
        })
        .await?;
    // R7.4: members see the evidence from the first day of the comment phase.
    if let Some(p) = app.store.proposal(&id).await? {
        super::impact::refresh(&app.store, &p, app.today()).await?;
    }
    get(app, author, &id).await
}

pub(crate) async fn require_good_standing(
    app: &App,
    account: &Account,
) -> Result<Standing, GovernanceError> {
    let facts = app
        .store
        .member_facts(account.id)
        .await?
        .ok_or(GovernanceError::NoMember)?;
    let s = standing_of(&facts, app.today());
    if s.good() {
        Ok(s)
    } else {
        Err(GovernanceError::NotInGoodStanding)
    }
}

async fn view_of(
    app: &App,
    viewer: &Account,
    p: Proposal,
) -> Result<ProposalView, GovernanceError> {
    let phase = p.schedule.phase_at(app.now());
    let my_roll_token = if p.stored_phase == Phase::Comment {
        None
    } else {
        app.store.roll_token(p.key, viewer.id).await?
    };
    let petition = if p.kind == ProposalKind::Recall {
        let n = app.store.signatures(p.key).await?;
        let members = good_standing_members(&app.store, app.today()).await?.len();
        Some((n, petition_needed(members)))
    } else {
        None
    };
    let candidates = if p.kind == ProposalKind::Election {
        app.store
            .candidates(p.key)
            .await?
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    } else {
        Vec::new()
    };
    Ok(ProposalView {
        proposal: p,
        phase,
        my_roll_token,
        petition,
        candidates,
    })
}

pub async fn get(app: &App, viewer: &Account, id: &str) -> Result<ProposalView, GovernanceError> {
    require_member(viewer)?;
    let mut p = app
        .store
        .proposal(id)
        .await?
        .ok_or(GovernanceError::NotFound)?;
    // A read never shows a phase the clock has passed (API.md): if the job runner has not
    // moved it yet, this read makes the step (claimed once, as the runner's would be).
    let due = p.schedule.phase_at(app.now());
    if due != p.stored_phase && !(due == Phase::Closed && p.result.is_some()) {
        super::job::advance(&app.store, &p, app.now()).await?;
        p = app
            .store
            .proposal(id)
            .await?
            .ok_or(GovernanceError::NotFound)?;
    }
    view_of(app, viewer, p).await
}

/// Every proposal, newest first.
pub async fn list(app: &App, viewer: &Account) -> Result<Vec<ProposalView>, GovernanceError> {
    require_member(viewer)?;
    let mut out = Vec::new();
    for p in app.store.proposals().await? {
        out.push(get(app, viewer, &p.id).await?);
    }
    Ok(out)
}

/// A comment, any time before the close (R7.2: threads that do not expire before it closes).
pub async fn comment(
    app: &App,
    author: &Account,
    id: &str,
    body: &str,
) -> Result<i64, GovernanceError> {
    require_member(author)?;
    let v = get(app, author, id).await?;
    let mut bad = Vec::new();
    let body = text(body, COMMENT_MAX, "body", &mut bad);
    if !bad.is_empty() {
        return Err(GovernanceError::Invalid(bad));
    }
    if v.phase == Phase::Closed {
        return Err(GovernanceError::Conflict);
    }
    Ok(app
        .store
        .add_comment(v.proposal.key, author.id, &body, app.today())
        .await?)
}

pub async fn comments(
    app: &App,
    viewer: &Account,
    id: &str,
) -> Result<Vec<Comment>, GovernanceError> {
    let v = get(app, viewer, id).await?;
    Ok(app.store.comments(v.proposal.key).await?)
}

/// She stands in an election, during its comment phase, in good standing (R7.7).
pub async fn stand(app: &App, seller: &Account, id: &str) -> Result<(), GovernanceError> {
    let v = get(app, seller, id).await?;
    if v.proposal.kind != ProposalKind::Election || v.phase != Phase::Comment {
        return Err(GovernanceError::Conflict);
    }
    require_good_standing(app, seller).await?;
    // R7.7: at most three consecutive terms; the term this election fills begins the day
    // after its vote closes.
    if let Some(committee) = v.proposal.committee {
        let terms = app.store.committee_terms(committee, seller.id).await?;
        let starts_on = v.proposal.schedule.vote_until.plus_days(1);
        if !tessera_core::governance::terms::may_stand(&terms, starts_on) {
            return Err(GovernanceError::TermLimit);
        }
    }
    if app.store.add_candidate(v.proposal.key, seller.id).await? {
        Ok(())
    } else {
        Err(GovernanceError::Conflict)
    }
}

/// She signs a recall petition, during its comment phase (R7.7): (signatures, needed).
pub async fn sign(app: &App, seller: &Account, id: &str) -> Result<(i64, i64), GovernanceError> {
    let v = get(app, seller, id).await?;
    if v.proposal.kind != ProposalKind::Recall || v.phase != Phase::Comment {
        return Err(GovernanceError::Conflict);
    }
    require_good_standing(app, seller).await?;
    let n = app
        .store
        .sign_petition(v.proposal.key, seller.id)
        .await?
        .ok_or(GovernanceError::Conflict)?;
    Ok((n, v.petition.map_or(0, |(_, needed)| needed)))
}

/// What an algorithm proposal changes (R7.4): its set against the set in force, or, once it was
/// enacted, against the version before it, so the diff stays what members voted on.
pub async fn diff_of(
    app: &App,
    p: &Proposal,
) -> Result<Option<Vec<super::ParamChange>>, GovernanceError> {
    let Some(to) = p
        .params
        .as_deref()
        .and_then(|j| serde_json::from_str::<Params>(j).ok())
    else {
        return Ok(None);
    };
    let history = app.store.param_history().await?;
    let source = format!("proposal:{}", p.id);
    let base = match history.iter().position(|v| v.source == source) {
        Some(i) if i > 0 => history.get(i - 1),
        _ => history.last(),
    };
    Ok(base.map(|b| super::params_diff(&b.params, &to)))
}
