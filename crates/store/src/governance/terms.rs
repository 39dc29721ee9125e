//! Committee terms (SPEC R7.7): seats won in an election carry the day their term ends; the
//! operator's interim members carry none and leave when an election of their committee closes;
//! ended terms leave the roster from the job runner. Every change is one conditional statement
//! with its roster audit row in the same transaction, so two processes make it once (R9.2).

use tessera_core::committee::Committee;
use tessera_core::{AccountId, Day};

use crate::network::committees::{audit, RosterAction};
use crate::{Result, Store, StoreError};

impl Store {
    /// Seats an elected member for the term `[starts_on, ends_on)` and keeps the term. `true`
    /// when she joined the committee now (she was not on it); an interim member or a re-elected
    /// one keeps her seat with the new end. Nothing happens when this term was recorded
    /// already (an election enacted again).
    pub async fn seat_elected(
        &self,
        committee: Committee,
        account: AccountId,
        starts_on: Day,
        ends_on: Day,
        actor: &str,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        let new_term = tx
            .execute(
                "INSERT INTO committee_terms (committee, account_id, starts_on, ends_on) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[
                    committee.as_str().into(),
                    account.into(),
                    starts_on.to_string().into(),
                    ends_on.to_string().into(),
                ],
            )
            .await?;
        if new_term == 0 {
            return Ok(false);
        }
        let added = tx
            .execute(
                "INSERT INTO committee_members (committee, account_id, since, term_ends) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[
                    committee.as_str().into(),
                    account.into(),
                    starts_on.to_string().into(),
                    ends_on.to_string().into(),
                ],
            )
            .await?;
        if added == 1 {
            audit(&mut tx, RosterAction::Add, committee, account, actor, now).await?;
        } else {
            tx.execute(
                "UPDATE committee_members SET term_ends = $3 \
                 WHERE committee = $1 AND account_id = $2 \
                 AND (term_ends IS NULL OR term_ends < $3)",
                &[
                    committee.as_str().into(),
                    account.into(),
                    ends_on.to_string().into(),
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(added == 1)
    }

    /// How many of the committee's elected members serve on past `on` (terms begun before it),
    /// to stagger an election's terms (R7.7).
    pub async fn elected_serving_past(&self, committee: Committee, on: Day) -> Result<usize> {
        let n = self
            .db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM committee_terms \
                 WHERE committee = $1 AND starts_on < $2 AND ends_on > $2",
                &[committee.as_str().into(), on.to_string().into()],
                |r| r.i64(0),
            )
            .await?;
        usize::try_from(n).map_err(|_| StoreError::Corrupt("term count"))
    }

    /// The interim members of `committee` named on or before `closed_on` leave it: an election
    /// of the committee closed that day. The accounts removed by this call.
    pub async fn retire_interim(
        &self,
        committee: Committee,
        closed_on: Day,
        actor: &str,
        now: i64,
    ) -> Result<Vec<AccountId>> {
        let removed = self
            .remove_returning(
                "DELETE FROM committee_members WHERE committee = $1 AND term_ends IS NULL \
                 AND since <= $2 RETURNING committee, account_id",
                &[committee.as_str().into(), closed_on.to_string().into()],
                actor,
                now,
            )
            .await?;
        Ok(removed.into_iter().map(|(_, a)| a).collect())
    }

    /// Every seat whose term ended by `today` is vacated, once across processes: the seats
    /// this call vacated.
    pub async fn end_terms(&self, today: Day, now: i64) -> Result<Vec<(Committee, AccountId)>> {
        self.remove_returning(
            "DELETE FROM committee_members WHERE term_ends IS NOT NULL AND term_ends <= $1 \
             RETURNING committee, account_id",
            &[today.to_string().into()],
            "term ended",
            now,
        )
        .await
    }

    /// Runs one `DELETE ... RETURNING committee, account_id` (a write first, so SQLite's second
    /// process waits for the lock instead of failing on a stale read; PostgreSQL's second
    /// statement finds the rows gone) and writes each removal's audit row in the same
    /// transaction.
    async fn remove_returning(
        &self,
        delete: &str,
        args: &[crate::db::Arg<'_>],
        actor: &str,
        now: i64,
    ) -> Result<Vec<(Committee, AccountId)>> {
        let mut tx = self.db.write().begin().await?;
        let rows = tx
            .fetch_all(delete, args, |r| Ok((r.text(0)?, r.i64(1)?)))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (name, account) in rows {
            let c = Committee::parse(&name).ok_or(StoreError::Corrupt("committee"))?;
            let account = AccountId::new(account);
            audit(&mut tx, RosterAction::Remove, c, account, actor, now).await?;
            out.push((c, account));
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Her elected terms on `committee`, as `(starts_on, ends_on)`.
    pub async fn committee_terms(
        &self,
        committee: Committee,
        account: AccountId,
    ) -> Result<Vec<(Day, Day)>> {
        self.db
            .read()
            .fetch_all(
                "SELECT starts_on, ends_on FROM committee_terms \
                 WHERE committee = $1 AND account_id = $2 ORDER BY starts_on",
                &[committee.as_str().into(), account.into()],
                |r| Ok((r.day(0)?, r.day(1)?)),
            )
            .await
    }
}
