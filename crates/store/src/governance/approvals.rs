//! The two-person rule (SPEC R7.9): request → approval by a second authorised member → effect.
//! The store keeps the request and claims the approval in one conditional update (never by the
//! requester, only once), so the effect happens once whoever approves at the same instant.

use tessera_core::AccountId;

use crate::{Result, Store, StoreError};

/// One request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub id: String,
    pub kind: String,
    pub requested_by: AccountId,
    pub payload: String,
    pub enacted: bool,
    /// When it was asked for (application clock, unix seconds).
    pub requested_at: i64,
}

/// Claims a request of `kind` for `approver` inside `tx`, as the first statement of the
/// transaction that enacts it (so SQLite's second process waits for the lock): `true` once,
/// only while it awaits a second member and never for its requester (R7.9).
pub(crate) async fn claim(
    tx: &mut crate::db::Tx,
    id: &str,
    kind: &str,
    approver: AccountId,
    now: i64,
) -> Result<bool> {
    let n = tx
        .execute(
            // What the request named (a restore's two accounts, a reason) is not needed once it
            // took effect, and is not kept (R7.9, R8.3).
            "UPDATE approvals SET state = 'enacted', approved_by = $2, approved_at = $3, \
             payload = '', reason = '' \
             WHERE id = $1 AND kind = $4 AND state = 'awaiting_second' AND requested_by <> $2",
            &[id.into(), approver.into(), now.into(), kind.into()],
        )
        .await?;
    Ok(n == 1)
}

impl Store {
    pub async fn request_approval(
        &self,
        id: &str,
        kind: &str,
        requested_by: AccountId,
        now: i64,
        payload: &str,
        reason: &str,
    ) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO approvals (id, kind, requested_by, requested_at, payload, reason, \
                 state) VALUES ($1, $2, $3, $4, $5, $6, 'awaiting_second')",
                &[
                    id.into(),
                    kind.into(),
                    requested_by.into(),
                    now.into(),
                    payload.into(),
                    reason.into(),
                ],
            )
            .await?;
        Ok(())
    }

    pub async fn approval(&self, id: &str) -> Result<Option<Approval>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT id, kind, requested_by, payload, state, requested_at FROM approvals \
                 WHERE id = $1",
                &[id.into()],
                |r| {
                    Ok(Approval {
                        id: r.text(0)?,
                        kind: r.text(1)?,
                        requested_by: AccountId::new(r.i64(2)?),
                        payload: r.text(3)?,
                        enacted: match r.text(4)?.as_str() {
                            "enacted" => true,
                            "awaiting_second" => false,
                            _ => return Err(StoreError::Corrupt("approval state")),
                        },
                        requested_at: r.i64(5)?,
                    })
                },
            )
            .await
    }

    /// The requests of one kind still waiting for their second member, oldest first.
    pub async fn pending_approvals(&self, kind: &str) -> Result<Vec<Approval>> {
        self.awaiting(
            "WHERE kind = $1 AND state = 'awaiting_second'",
            &[kind.into()],
        )
        .await
    }

    /// Every request still waiting for its second member, oldest first.
    pub async fn all_pending_approvals(&self) -> Result<Vec<Approval>> {
        self.awaiting("WHERE state = 'awaiting_second'", &[]).await
    }

    async fn awaiting(
        &self,
        filter: &str,
        args: &[crate::db::exec::Arg<'_>],
    ) -> Result<Vec<Approval>> {
        self.db
            .read()
            .fetch_all(
                &format!(
                    "SELECT id, kind, requested_by, payload, requested_at FROM approvals \
                     {filter} ORDER BY seq"
                ),
                args,
                |r| {
                    Ok(Approval {
                        id: r.text(0)?,
                        kind: r.text(1)?,
                        requested_by: AccountId::new(r.i64(2)?),
                        payload: r.text(3)?,
                        enacted: false,
                        requested_at: r.i64(4)?,
                    })
                },
            )
            .await
    }

    /// The second member's approval of an emergency change (R7.5, R7.9), in one transaction:
    /// the approval is claimed (once, never by its requester), its set becomes the next version
    /// with the source `emergency:<id>`, and its retroactive vote (`vote`, whose `emergency_of`
    /// is set here) is created. A crash leaves all three or none. `None` when the approval was
    /// not there to claim; otherwise the version.
    pub async fn enact_emergency(
        &self,
        approval: &str,
        approver: AccountId,
        now: i64,
        params: &tessera_core::Params,
        vote: &super::proposals::NewProposal<'_>,
    ) -> Result<Option<i64>> {
        params
            .validate()
            .map_err(|_| StoreError::Corrupt("params do not validate"))?;
        let json = serde_json::to_string(params).map_err(|_| StoreError::Corrupt("params"))?;
        let source = format!("emergency:{approval}");
        let mut tx = self.db.write().begin().await?;
        if !claim(&mut tx, approval, "emergency", approver, now).await? {
            return Ok(None);
        }
        // The next number is taken in the statement; PostgreSQL reads the highest again for
        // each statement, so a number taken meanwhile by another source is skipped on retry.
        // (`WHERE true`: without a WHERE, SQLite reads `ON CONFLICT` as a join's `ON`.)
        let mut version = None;
        for _ in 0..8 {
            version = tx
                .fetch_optional(
                    "INSERT INTO param_versions (version, params, enacted_on, source) \
                     SELECT m.v, $1, $2, $3 \
                     FROM (SELECT COALESCE(MAX(version), 0) + 1 AS v FROM param_versions) m \
                     WHERE true ON CONFLICT DO NOTHING RETURNING version",
                    &[
                        (&json).into(),
                        vote.schedule.opened_on.to_string().into(),
                        source.as_str().into(),
                    ],
                    |r| r.i64(0),
                )
                .await?;
            if version.is_some() {
                break;
            }
        }
        let version = version.ok_or(StoreError::Corrupt(
            "no parameter version number could be taken",
        ))?;
        let vote = super::proposals::NewProposal {
            emergency_of: Some(version),
            ..*vote
        };
        tx.execute(
            super::proposals::INSERT_PROPOSAL,
            &super::proposals::proposal_args(&vote),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(version))
    }

    /// Enacts `params` as the next version with `source` (an emergency change or its
    /// revert), once per source: `None` when a version with this source exists.
    pub async fn enact_once(
        &self,
        params: &tessera_core::Params,
        on: tessera_core::Day,
        source: &str,
    ) -> Result<Option<i64>> {
        params
            .validate()
            .map_err(|_| StoreError::Corrupt("params do not validate"))?;
        let json = serde_json::to_string(params).map_err(|_| StoreError::Corrupt("params"))?;
        // The next number is taken in the statement; when another source took it at the same
        // instant the insert does nothing, and it is tried again with the number after.
        for _ in 0..8 {
            let enacted = self
                .db
                .write()
                .fetch_optional(
                    "INSERT INTO param_versions (version, params, enacted_on, source) \
                     SELECT m.v, $1, $2, $3 \
                     FROM (SELECT COALESCE(MAX(version), 0) + 1 AS v FROM param_versions) m \
                     WHERE NOT EXISTS (SELECT 1 FROM param_versions WHERE source = $3) \
                     ON CONFLICT DO NOTHING RETURNING version",
                    &[(&json).into(), on.to_string().into(), source.into()],
                    |r| r.i64(0),
                )
                .await?;
            if enacted.is_some() {
                return Ok(enacted);
            }
            let exists = self
                .db
                .write()
                .fetch_optional(
                    "SELECT version FROM param_versions WHERE source = $1",
                    &[source.into()],
                    |r| r.i64(0),
                )
                .await?;
            if exists.is_some() {
                return Ok(None);
            }
        }
        Err(StoreError::Corrupt(
            "no parameter version number could be taken",
        ))
    }
}
