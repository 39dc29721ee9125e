//! Members and their standing (SPEC R7.1; API.md `GET /api/members/me`,
//! `PUT /api/members/{pseudonym}/standing`).

use tessera_core::committee::Committee;
use tessera_core::governance::{
    AuditAction, AuditRole, ObjectKind, Standing, StandingRecord, YearMonth,
};
use tessera_core::{AccountType, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::governance::standing::MemberFacts;

use super::{require_member, GovernanceError};
use crate::App;

/// A member as `GET /api/members/me` shows her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    pub pseudonym: String,
    pub standing: Standing,
    pub committees: Vec<Committee>,
}

/// A suspension after a vote counts while its last day has not passed (R7.1, R7.8).
pub(crate) fn standing_of(f: &MemberFacts, today: tessera_core::Day) -> Standing {
    let by_vote = tessera_core::governance::suspended_on(f.suspended_until, today);
    Standing::of(f.joined, today, f.record, f.suspended || by_vote)
}

async fn committees_of(
    app: &App,
    account: tessera_core::AccountId,
) -> Result<Vec<Committee>, GovernanceError> {
    let mut out = Vec::new();
    for c in Committee::ALL {
        if app.store.is_committee_member(account, *c).await? {
            out.push(*c);
        }
    }
    Ok(out)
}

async fn view(app: &App, a: &Account) -> Result<MemberView, GovernanceError> {
    let facts = app
        .store
        .member_facts(a.id)
        .await?
        .ok_or(GovernanceError::NoMember)?;
    Ok(MemberView {
        pseudonym: a.display_name.clone(),
        standing: standing_of(&facts, app.today()),
        committees: committees_of(app, a.id).await?,
    })
}

/// Her own standing and committees.
pub async fn me(app: &App, account: &Account) -> Result<MemberView, GovernanceError> {
    require_member(account)?;
    view(app, account).await
}

/// What the Governance committee records (R7.1).
pub enum StandingInput<'a> {
    PaidThrough(&'a str),
    Waived,
}

/// The Governance committee records "paid through" or "waived" for a member (R7.1).
pub async fn record_standing(
    app: &App,
    actor: &Account,
    pseudonym: &str,
    input: StandingInput<'_>,
) -> Result<MemberView, GovernanceError> {
    require_member(actor)?;
    if !app
        .store
        .is_committee_member(actor.id, Committee::Governance)
        .await?
    {
        return Err(GovernanceError::Forbidden);
    }
    let record = match input {
        StandingInput::PaidThrough(m) => StandingRecord::PaidThrough(
            YearMonth::parse(m).ok_or(GovernanceError::Invalid(vec!["paid_through"]))?,
        ),
        StandingInput::Waived => StandingRecord::Waived,
    };
    let p = Pseudonym::parse(pseudonym).map_err(|_| GovernanceError::NoMember)?;
    let member = match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Seller => a,
        _ => return Err(GovernanceError::NoMember),
    };
    app.store
        .record_standing(member.id, record, app.today())
        .await?;
    super::audit::record(
        &app.store,
        app.now(),
        Some(actor.id),
        AuditRole::Governance,
        AuditAction::StandingRecorded,
        ObjectKind::Member,
    )
    .await?;
    view(app, &member).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r7_1_r7_8_a_suspension_after_a_vote_counts_through_its_last_day() {
        let day = |s| tessera_core::Day::parse(s).unwrap();
        let f = MemberFacts {
            account: tessera_core::AccountId::new(1),
            joined: day("2026-01-01"),
            record: Some(tessera_core::governance::StandingRecord::Waived),
            suspended: false,
            suspended_until: Some(day("2026-06-30")),
        };
        assert_eq!(standing_of(&f, day("2026-06-30")), Standing::Suspended);
        assert_eq!(standing_of(&f, day("2026-07-01")), Standing::Waived);
    }
}
