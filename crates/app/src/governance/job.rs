//! Votes open and close on the application's clock (SPEC R7.2; API.md "Governance": within a
//! minute, exactly once across processes). [`tick`] runs from the job runner inside
//! `tessera serve` and also catches up on every deadline that passed while no server ran;
//! [`advance`] is the same step for one proposal, which a read also takes, so nobody ever sees
//! a phase the clock has passed. Each step is claimed by one conditional update in the store,
//! so two processes doing it at the same instant do it once between them (R9.2).

use sha2::{Digest, Sha256};
use tessera_core::governance::terms::staggered_ends;
use tessera_core::governance::{
    elect, tally, AuditAction, AuditRole, Candidate, Choice, Counts, ObjectKind, Phase,
    ProposalKind, Threshold,
};
use tessera_core::{Day, Params};
use tessera_store::governance::proposals::Proposal;
use tessera_store::Store;

use super::electorate::{good_standing_members, petition_needed};
use super::result::VoteResult;
use super::GovernanceError;

/// Opens and closes every proposal whose time has come.
pub async fn tick(store: &Store, now: i64) -> Result<(), GovernanceError> {
    for p in store.proposals_due(now).await? {
        advance(store, &p, now).await?;
    }
    // Seats whose one-year term ended are vacated, once across processes (R7.7, R9.2).
    for _ in store.end_terms(Day::from_unix(now), now).await? {
        server_did(
            store,
            now,
            AuditAction::CommitteeRemoved,
            ObjectKind::Committee,
        )
        .await?;
    }
    // A passed scoring proposal's version is made where it is missing (once per proposal, in
    // the store): a process stopped between the close and the enactment leaves nothing undone.
    // Roster changes are not repeated: the operator may change the roster afterwards.
    for p in store.scoring_to_enact().await? {
        enact(store, &p.id).await?;
    }
    Ok(())
}

/// Moves one proposal to the phase the clock says, if it lags: opens the vote (freezing the
/// roll) or closes it (tally, publication, enactment). Idempotent.
pub async fn advance(store: &Store, p: &Proposal, now: i64) -> Result<(), GovernanceError> {
    let due = p.schedule.phase_at(now);
    if p.stored_phase == Phase::Comment && due != Phase::Comment {
        open(store, p, now).await?;
    }
    if due == Phase::Closed {
        if let Some(p) = store.proposal(&p.id).await? {
            if p.stored_phase == Phase::Voting {
                close(store, &p, now).await?;
            }
            enact(store, &p.id).await?;
        }
    }
    Ok(())
}

async fn open(store: &Store, p: &Proposal, now: i64) -> Result<(), GovernanceError> {
    let today = Day::from_unix(now);
    let members = good_standing_members(store, p.schedule.vote_from.max(today)).await?;
    if p.kind == ProposalKind::Recall {
        let needed = petition_needed(members.len());
        if store.signatures(p.key).await? < needed {
            let result = VoteResult {
                yes: 0,
                no: 0,
                abstain: 0,
                turnout: 0,
                quorum_met: false,
                passed: false,
                elected: None,
                petition_failed: Some(true),
            };
            if store.close_without_vote(p.key, &to_json(&result)).await? {
                server_did(
                    store,
                    now,
                    AuditAction::ProposalClosed,
                    ObjectKind::Proposal,
                )
                .await?;
            }
            return Ok(());
        }
    }
    // The process whose claim opened the vote recomputes the preview on the data of that day
    // (R7.4), so members vote on evidence as fresh as the roll.
    if store.open_vote(p.key, &members).await?.is_some() {
        super::impact::refresh(store, p, today).await?;
    }
    Ok(())
}

async fn close(store: &Store, p: &Proposal, now: i64) -> Result<(), GovernanceError> {
    let electorate = u64::try_from(p.electorate.unwrap_or(0)).unwrap_or(0);
    let threshold = p.kind.threshold();
    let candidates = if p.kind == ProposalKind::Election {
        store.candidates(p.key).await?
    } else {
        Vec::new()
    };
    let seats = usize::try_from(p.seats.unwrap_or(0)).unwrap_or(0);
    let seed = p.roll_fingerprint.clone().unwrap_or_default();
    let closed = store
        .close_vote(p.key, now, |choices| {
            let result = if threshold == Threshold::Approval {
                approval_result(choices, &candidates, seats, electorate, &seed)
            } else {
                let mut counts = Counts::default();
                for c in choices.iter().filter_map(|c| Choice::parse(c)) {
                    counts.add(c);
                }
                let o = tally(threshold, counts, electorate);
                VoteResult {
                    yes: o.counts.yes,
                    no: o.counts.no,
                    abstain: o.counts.abstain,
                    turnout: o.turnout,
                    quorum_met: o.quorum_met,
                    passed: o.passed,
                    elected: None,
                    petition_failed: None,
                }
            };
            to_json(&result)
        })
        .await?;
    if closed.is_some() {
        server_did(
            store,
            now,
            AuditAction::ProposalClosed,
            ObjectKind::Proposal,
        )
        .await?;
    }
    Ok(())
}

/// An audit entry of the server's own (R7.10): no actor.
async fn server_did(
    store: &Store,
    now: i64,
    action: AuditAction,
    object: ObjectKind,
) -> Result<(), GovernanceError> {
    super::audit::record(store, now, None, AuditRole::Operator, action, object).await?;
    Ok(())
}

/// An approval election: every ballot counts toward turnout; each candidate's approvals; the
/// seats to the most approved, ties broken by SHA-256(roll fingerprint ‖ pseudonym), which
/// anyone can recompute from what is published (R7.7).
fn approval_result(
    choices: &[String],
    candidates: &[(tessera_core::AccountId, String)],
    seats: usize,
    electorate: u64,
    seed: &str,
) -> VoteResult {
    let mut approvals = vec![0u64; candidates.len()];
    for c in choices {
        let ids: Vec<i64> = serde_json::from_str(c).unwrap_or_default();
        for (i, (a, _)) in candidates.iter().enumerate() {
            if ids.contains(&a.get()) {
                approvals[i] += 1;
            }
        }
    }
    let turnout = u64::try_from(choices.len()).unwrap_or(u64::MAX);
    let quorum = tessera_core::governance::quorum(electorate);
    let quorum_met = turnout >= quorum;
    let cands = candidates
        .iter()
        .zip(&approvals)
        .map(|((_, name), n)| Candidate {
            name: name.clone(),
            approvals: *n,
            draw: Sha256::digest(format!("{seed}\n{name}").as_bytes()).to_vec(),
        })
        .collect();
    let elected = elect(cands, seats, quorum_met);
    VoteResult {
        yes: 0,
        no: 0,
        abstain: 0,
        turnout,
        quorum_met,
        passed: !elected.is_empty(),
        elected: Some(elected),
        petition_failed: None,
    }
}

/// What a passed proposal changes (R7.4, R7.7), once whichever process gets here: a new
/// parameter version for an algorithm or rollback proposal.
async fn enact(store: &Store, id: &str) -> Result<(), GovernanceError> {
    let Some(p) = store.proposal(id).await? else {
        return Ok(());
    };
    let Some(outcome) = p
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str::<VoteResult>(r).ok())
    else {
        return Ok(());
    };
    // The retroactive vote on an emergency change (R7.5): passed, the set stays; failed, the
    // set in force before it returns, once, and the changelog says it was reverted.
    if let Some(version) = p.emergency_of {
        if !outcome.passed {
            let before = store
                .param_history()
                .await?
                .into_iter()
                .filter(|v| v.version < version)
                .max_by_key(|v| v.version);
            if let Some(before) = before {
                let on = p.schedule.vote_until.plus_days(1);
                let source = format!("revert:{}", p.id);
                if store
                    .enact_once(&before.params, on, &source)
                    .await?
                    .is_some()
                {
                    let now = p.schedule.closes_at();
                    server_did(
                        store,
                        now,
                        AuditAction::EmergencyReverted,
                        ObjectKind::Params,
                    )
                    .await?;
                }
            }
        }
        return Ok(());
    }
    if !outcome.passed {
        return Ok(());
    }
    let result = outcome;
    let actor = format!("proposal {}", p.id);
    let now = p.schedule.closes_at();
    // Seats and recalls (R7.7): idempotent roster changes, each audit-logged once.
    // The elected serve one year from the day after the close; the interim members named
    // before the close leave (R7.7). Both are idempotent: enacting again changes nothing.
    if let (ProposalKind::Election, Some(committee)) = (p.kind, p.committee) {
        let candidates = store.candidates(p.key).await?;
        let starts_on = p.schedule.vote_until.plus_days(1);
        let elected: Vec<&String> = result.elected.iter().flatten().collect();
        let continuing = store.elected_serving_past(committee, starts_on).await?;
        let ends = staggered_ends(starts_on, elected.len(), continuing);
        for (name, ends_on) in elected.into_iter().zip(ends) {
            if let Some((account, _)) = candidates.iter().find(|(_, n)| n == name) {
                if store
                    .seat_elected(committee, *account, starts_on, ends_on, &actor, now)
                    .await?
                {
                    server_did(
                        store,
                        now,
                        AuditAction::CommitteeAdded,
                        ObjectKind::Committee,
                    )
                    .await?;
                }
            }
        }
        let retired = store
            .retire_interim(committee, p.schedule.vote_until, &actor, now)
            .await?;
        for _ in retired {
            server_did(
                store,
                now,
                AuditAction::CommitteeRemoved,
                ObjectKind::Committee,
            )
            .await?;
        }
    }
    if p.kind == ProposalKind::Recall {
        if let Some(member) = p.member_id {
            for c in tessera_core::committee::Committee::ALL {
                if store.committee_remove(*c, member, &actor, now).await? {
                    server_did(
                        store,
                        now,
                        AuditAction::CommitteeRemoved,
                        ObjectKind::Committee,
                    )
                    .await?;
                }
            }
        }
    }
    let on = p.schedule.vote_until.plus_days(1);
    let params: Option<Params> = match p.kind {
        ProposalKind::Algorithm => p
            .params
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok()),
        ProposalKind::Rollback => store
            .param_history()
            .await?
            .into_iter()
            .find(|v| Some(v.version) == p.restore_version)
            .map(|v| v.params),
        _ => None,
    };
    if let Some(params) = params {
        if store
            .enact_for_proposal(&params, on, &p.id)
            .await?
            .is_some()
        {
            server_did(store, now, AuditAction::ParamsEnacted, ObjectKind::Params).await?;
        }
    }
    Ok(())
}

fn to_json(r: &VoteResult) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use tessera_core::governance::Schedule;
    use tessera_core::{AccountType, Pseudonym};
    use tessera_store::accounts::NewAccount;
    use tessera_store::governance::ballots::Cast;
    use tessera_store::governance::proposals::NewProposal;

    use super::*;

    /// R7.2, R7.4: the runner opens a vote on its own, and a passed scoring proposal's version
    /// is made by the next round (once) even when the process that closed it stopped before
    /// enacting it.
    #[tokio::test]
    async fn r7_2_r7_4_the_runner_opens_closes_and_enacts_what_was_left() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &tessera_store::Location::Sqlite {
                data_dir: dir.path().to_owned(),
            },
            &tessera_store::MasterKey::generate(),
        )
        .await
        .unwrap();
        let opened = Day::parse("2026-03-01").unwrap();
        store.ensure_baseline_params(opened).await.unwrap();
        let p = Pseudonym::parse("ann").unwrap();
        let ann = store
            .create_account(&NewAccount {
                pseudonym: &p,
                account_type: AccountType::Seller,
                password_hash: "h".into(),
                recovery_email_hash: None,
                created_on: opened,
                language: None,
            })
            .await
            .unwrap();
        let mut params = store.current_params().await.unwrap().params;
        params.q = 0.2;
        let json = serde_json::to_string(&params).unwrap();
        let schedule = Schedule::regular(opened);
        store
            .create_proposal(&NewProposal {
                id: "p",
                kind: ProposalKind::Algorithm,
                title: "t",
                specification: "s",
                rationale: "r",
                risks: "r",
                alternatives: "a",
                author: Some(ann),
                params: Some(&json),
                restore_version: None,
                committee: None,
                seats: None,
                member: None,
                emergency_of: None,
                schedule,
            })
            .await
            .unwrap();
        tick(&store, schedule.opens_at()).await.unwrap();
        let key = store.proposal("p").await.unwrap().unwrap().key;
        assert!(matches!(
            store
                .cast_ballot(key, ann, "yes", schedule.opens_at())
                .await
                .unwrap(),
            Cast::Receipt(_)
        ));
        // Closed by a process that stopped before enacting (the store's close alone).
        let result = VoteResult {
            yes: 1,
            no: 0,
            abstain: 0,
            turnout: 1,
            quorum_met: true,
            passed: true,
            elected: None,
            petition_failed: None,
        };
        store
            .close_vote(key, schedule.closes_at(), |_| to_json(&result))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(store.current_params().await.unwrap().version, 1);
        tick(&store, schedule.closes_at() + 20).await.unwrap();
        let v = store.current_params().await.unwrap();
        assert_eq!((v.version, v.params.q), (2, 0.2));
        tick(&store, schedule.closes_at() + 40).await.unwrap();
        assert_eq!(store.param_history().await.unwrap().len(), 2, "once");
    }
}
