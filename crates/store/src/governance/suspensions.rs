//! Suspension after a membership vote (SPEC R7.8, R7.9; charter 9.5: rare, seller-voted,
//! temporary with a review date). The second member's approval claims the request, records the
//! suspension and ends the account's sessions in one transaction; the suspension ends by itself
//! when its last day has passed, so nothing has to run for it to end.

use tessera_core::{AccountId, Day};

use crate::{Result, Store};

impl Store {
    /// Puts an approved suspension into effect (`until`: its last day; `None` ends it early, as
    /// a later vote may decide). `false` when the approval was not there to claim (approved
    /// already, or asked by `approver`).
    pub async fn enact_suspension(
        &self,
        approval: &str,
        approver: AccountId,
        now: i64,
        account: AccountId,
        until: Option<Day>,
        proposal: &str,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        if !super::approvals::claim(&mut tx, approval, "suspension", approver, now).await? {
            return Ok(false);
        }
        match until {
            Some(until) => {
                tx.execute(
                    "INSERT INTO account_suspensions (account_id, until_day, proposal_seq) \
                     VALUES ($1, $2, (SELECT seq FROM proposals WHERE id = $3)) \
                     ON CONFLICT (account_id) DO UPDATE SET until_day = excluded.until_day, \
                     proposal_seq = excluded.proposal_seq",
                    &[account.into(), until.to_string().into(), proposal.into()],
                )
                .await?;
                tx.execute(
                    "DELETE FROM sessions WHERE account_id = $1",
                    &[account.into()],
                )
                .await?;
                crate::accounts::sessions::announce(&mut tx, account).await?;
            }
            None => {
                tx.execute(
                    "DELETE FROM account_suspensions WHERE account_id = $1",
                    &[account.into()],
                )
                .await?;
            }
        }
        tx.commit().await?;
        if until.is_some() {
            self.sessions.evict_account(account);
        }
        Ok(true)
    }

    /// The last day of the account's suspension, if one was ever recorded (it is in force while
    /// that day has not passed).
    pub async fn suspended_until(&self, account: AccountId) -> Result<Option<Day>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT until_day FROM account_suspensions WHERE account_id = $1",
                &[account.into()],
                |r| r.day(0),
            )
            .await
    }
}
