//! Members and their standing (SPEC R7.1): the Governance committee's record per member, and
//! what the roll of a vote is computed from. The rule itself is core's
//! ([`tessera_core::governance::Standing::of`]).

use tessera_core::governance::{StandingRecord, YearMonth};
use tessera_core::{AccountId, Day};

use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// What decides one member's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub account: AccountId,
    pub joined: Day,
    pub record: Option<StandingRecord>,
    pub suspended: bool,
    /// The last day of a suspension after a vote (R7.8), if one was recorded.
    pub suspended_until: Option<Day>,
}

const FACTS: &str = "SELECT a.id, a.created_on, m.paid_through, COALESCE(m.waived, FALSE), \
     COALESCE(m.suspended, FALSE), s.until_day \
     FROM accounts a LEFT JOIN member_standing m ON m.account_id = a.id \
     LEFT JOIN account_suspensions s ON s.account_id = a.id \
     WHERE a.account_type = 'seller' AND NOT a.deleted";

fn facts_from(r: &dyn Cols) -> Result<MemberFacts> {
    let paid = r
        .opt_text(2)?
        .map(|s| YearMonth::parse(&s).ok_or(StoreError::Corrupt("paid_through")))
        .transpose()?;
    let record = if r.bool(3)? {
        Some(StandingRecord::Waived)
    } else {
        paid.map(StandingRecord::PaidThrough)
    };
    Ok(MemberFacts {
        account: AccountId::new(r.i64(0)?),
        joined: r.day(1)?,
        record,
        suspended: r.bool(4)?,
        suspended_until: r.opt_day(5)?,
    })
}

impl Store {
    /// One member's facts; `None` for an unknown, deleted or buyer account.
    pub async fn member_facts(&self, account: AccountId) -> Result<Option<MemberFacts>> {
        let sql = format!("{FACTS} AND a.id = $1");
        self.db
            .read()
            .fetch_optional(&sql, &[account.into()], facts_from)
            .await
    }

    /// Every member's facts, to freeze a roll (R7.2) or count a petition's electorate.
    pub async fn all_member_facts(&self) -> Result<Vec<MemberFacts>> {
        self.db.read().fetch_all(FACTS, &[], facts_from).await
    }

    /// Records "paid through" or "waived" (R7.1), replacing an earlier record; a suspension
    /// stays as it was.
    pub async fn record_standing(
        &self,
        account: AccountId,
        record: StandingRecord,
        today: Day,
    ) -> Result<()> {
        let (paid, waived) = match record {
            StandingRecord::PaidThrough(m) => (Some(m.to_string()), false),
            StandingRecord::Waived => (None, true),
        };
        self.db
            .write()
            .execute(
                "INSERT INTO member_standing (account_id, paid_through, waived, recorded_on) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET \
                 paid_through = excluded.paid_through, waived = excluded.waived, \
                 recorded_on = excluded.recorded_on",
                &[
                    account.into(),
                    (&paid).into(),
                    waived.into(),
                    today.to_string().into(),
                ],
            )
            .await?;
        Ok(())
    }
}
