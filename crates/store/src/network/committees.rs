//! The committee roster (SPEC R7.8; API.md "Seller network"): who sits on the security,
//! disputes and governance committees. Until governance elects them the operator names interim
//! members from the command line; every change is one row in `committee_audit`, which the
//! database itself keeps append-only (a trigger refuses updates and deletes).

use tessera_core::committee::Committee;
use tessera_core::{AccountId, Day};

use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// One member of one committee.
#[derive(Clone, PartialEq, Eq)]
pub struct CommitteeMember {
    pub committee: Committee,
    pub account: AccountId,
    pub pseudonym: String,
    pub since: Day,
}

impl std::fmt::Debug for CommitteeMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CommitteeMember({}, {})", self.committee, self.account)
    }
}

/// One line of the roster's audit log: who acted, what, on which account, when. The account's
/// pseudonym is read from the account (a deleted one shows its tombstone, R2.11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeAudit {
    pub at: i64,
    pub actor: String,
    pub action: RosterAction,
    pub committee: Committee,
    pub account: AccountId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterAction {
    Add,
    Remove,
}

impl RosterAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RosterAction::Add => "add",
            RosterAction::Remove => "remove",
        }
    }
}

fn committee_of(s: &str) -> Result<Committee> {
    Committee::parse(s).ok_or(StoreError::Corrupt("committee"))
}

impl Store {
    /// Adds `account` to `committee` and records it, in one transaction. `false` (and no
    /// audit row) when she was a member already.
    pub async fn committee_add(
        &self,
        committee: Committee,
        account: AccountId,
        actor: &str,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        let added = tx
            .execute(
                "INSERT INTO committee_members (committee, account_id, since) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[
                    committee.as_str().into(),
                    account.into(),
                    Day::from_unix(now).to_string().into(),
                ],
            )
            .await?;
        if added == 0 {
            return Ok(false);
        }
        audit(&mut tx, RosterAction::Add, committee, account, actor, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes `account` from `committee` and records it; `false` when she was not on it.
    pub async fn committee_remove(
        &self,
        committee: Committee,
        account: AccountId,
        actor: &str,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        let removed = tx
            .execute(
                "DELETE FROM committee_members WHERE committee = $1 AND account_id = $2",
                &[committee.as_str().into(), account.into()],
            )
            .await?;
        if removed == 0 {
            return Ok(false);
        }
        audit(
            &mut tx,
            RosterAction::Remove,
            committee,
            account,
            actor,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Whether `account` sits on `committee` (for the moderation of collective alerts, R6.5,
    /// and governance, R7.8).
    pub async fn is_committee_member(
        &self,
        account: AccountId,
        committee: Committee,
    ) -> Result<bool> {
        let n = self
            .db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM committee_members WHERE committee = $1 AND account_id = $2",
                &[committee.as_str().into(), account.into()],
                |r| r.i64(0),
            )
            .await?;
        Ok(n > 0)
    }

    /// Every committee's members, by committee and pseudonym.
    pub async fn committee_roster(&self) -> Result<Vec<CommitteeMember>> {
        self.db
            .read()
            .fetch_all(
                "SELECT c.committee, c.account_id, a.display_name, c.since \
                 FROM committee_members c JOIN accounts a ON a.id = c.account_id \
                 ORDER BY c.committee, a.pseudonym",
                &[],
                |r: &dyn Cols| {
                    Ok(CommitteeMember {
                        committee: committee_of(&r.text(0)?)?,
                        account: AccountId::new(r.i64(1)?),
                        pseudonym: r.text(2)?,
                        since: r.day(3)?,
                    })
                },
            )
            .await
    }

    /// The roster's audit log, oldest first.
    pub async fn committee_audit(&self) -> Result<Vec<CommitteeAudit>> {
        self.db
            .read()
            .fetch_all(
                "SELECT at, actor, action, committee, account_id FROM committee_audit ORDER BY id",
                &[],
                |r: &dyn Cols| {
                    Ok(CommitteeAudit {
                        at: r.i64(0)?,
                        actor: r.text(1)?,
                        action: match r.text(2)?.as_str() {
                            "add" => RosterAction::Add,
                            "remove" => RosterAction::Remove,
                            _ => return Err(StoreError::Corrupt("roster action")),
                        },
                        committee: committee_of(&r.text(3)?)?,
                        account: AccountId::new(r.i64(4)?),
                    })
                },
            )
            .await
    }
}

pub(crate) async fn audit(
    tx: &mut crate::db::Tx,
    action: RosterAction,
    committee: Committee,
    account: AccountId,
    actor: &str,
    now: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO committee_audit (at, actor, action, committee, account_id) \
         VALUES ($1, $2, $3, $4, $5)",
        &[
            now.into(),
            actor.into(),
            action.as_str().into(),
            committee.as_str().into(),
            account.into(),
        ],
    )
    .await?;
    Ok(())
}
