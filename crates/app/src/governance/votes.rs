//! Ballots (SPEC R7.3; API.md "Proposals and ballots"): one per member on the frozen roll,
//! only while the vote is open, no change after casting; a receipt shown once. After the close,
//! the receipts with their choices and the roll as tokens marked voted are published for
//! anyone to check (docs/governance.md).

use tessera_core::governance::{Choice, Phase, ProposalKind};
use tessera_core::Pseudonym;
use tessera_store::accounts::Account;
use tessera_store::governance::ballots::{Cast, RollEntry};

use super::proposals::get;
use super::GovernanceError;
use crate::App;

pub use super::result::VoteResult;

/// A ballot as the member gives it.
pub enum BallotInput {
    Choice(String),
    /// Elections: the candidates she approves of.
    Approve(Vec<String>),
}

/// Casts her ballot; the receipt to keep.
pub async fn cast(
    app: &App,
    voter: &Account,
    id: &str,
    ballot: BallotInput,
) -> Result<String, GovernanceError> {
    let v = get(app, voter, id).await?;
    let p = &v.proposal;
    let choice = match (p.kind, ballot) {
        (ProposalKind::Election, BallotInput::Approve(names)) => {
            let candidates = app.store.candidates(p.key).await?;
            let mut ids = Vec::new();
            for n in names {
                let canon =
                    Pseudonym::parse(&n).map_err(|_| GovernanceError::Invalid(vec!["approve"]))?;
                let c = candidates
                    .iter()
                    .find(|(_, name)| {
                        Pseudonym::parse(name).is_ok_and(|x| x.canonical() == canon.canonical())
                    })
                    .ok_or(GovernanceError::Invalid(vec!["approve"]))?;
                ids.push(c.0.get());
            }
            ids.sort_unstable();
            ids.dedup();
            serde_json::to_string(&ids).map_err(|_| GovernanceError::Invalid(vec!["approve"]))?
        }
        (ProposalKind::Election, BallotInput::Choice(_)) => {
            return Err(GovernanceError::Invalid(vec!["approve"]))
        }
        (_, BallotInput::Choice(c)) => Choice::parse(&c)
            .ok_or(GovernanceError::Invalid(vec!["choice"]))?
            .as_str()
            .to_owned(),
        (_, BallotInput::Approve(_)) => return Err(GovernanceError::Invalid(vec!["choice"])),
    };
    if v.phase != Phase::Voting {
        return Err(GovernanceError::NotVoting);
    }
    match app
        .store
        .cast_ballot(p.key, voter.id, &choice, app.now())
        .await?
    {
        Cast::Receipt(r) => Ok(r),
        Cast::AlreadyVoted => Err(GovernanceError::AlreadyVoted),
        Cast::NotOnRoll => Err(GovernanceError::NotInGoodStanding),
        // The job runner has not opened it yet, or closed it a moment ago.
        Cast::NotVoting => Err(GovernanceError::NotVoting),
    }
}

/// After the close: `(receipt, choice)` sorted by receipt. Elections give the approved
/// candidates' pseudonyms.
pub async fn receipts(
    app: &App,
    viewer: &Account,
    id: &str,
) -> Result<Vec<(String, PublishedChoice)>, GovernanceError> {
    let v = closed(app, viewer, id).await?;
    let rows = app.store.receipts(v.proposal.key).await?;
    if v.proposal.kind == ProposalKind::Election {
        let names = app.store.candidates(v.proposal.key).await?;
        rows.into_iter()
            .map(|(r, c)| {
                let ids: Vec<i64> = serde_json::from_str(&c)
                    .map_err(|_| tessera_store::StoreError::Corrupt("approval ballot"))?;
                let approved = ids
                    .iter()
                    .filter_map(|i| {
                        names
                            .iter()
                            .find(|(a, _)| a.get() == *i)
                            .map(|(_, n)| n.clone())
                    })
                    .collect();
                Ok((r, PublishedChoice::Approve(approved)))
            })
            .collect()
    } else {
        Ok(rows
            .into_iter()
            .map(|(r, c)| (r, PublishedChoice::Choice(c)))
            .collect())
    }
}

/// A published ballot's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishedChoice {
    Choice(String),
    Approve(Vec<String>),
}

/// After the close: the frozen roll as tokens marked voted or not, sorted by token.
pub async fn roll(
    app: &App,
    viewer: &Account,
    id: &str,
) -> Result<Vec<RollEntry>, GovernanceError> {
    let v = closed(app, viewer, id).await?;
    Ok(app.store.published_roll(v.proposal.key).await?)
}

async fn closed(
    app: &App,
    viewer: &Account,
    id: &str,
) -> Result<super::proposals::ProposalView, GovernanceError> {
    let v = get(app, viewer, id).await?;
    // Published only once the close was made (stored), not merely due by the clock.
    if v.proposal.stored_phase != Phase::Closed || v.proposal.electorate.is_none() {
        return Err(GovernanceError::NotClosed);
    }
    Ok(v)
}
