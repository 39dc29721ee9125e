//! Proposals (SPEC R7.2), their comments, election candidacies and recall petitions (R7.7).
//! A proposal's phase is stored for the job runner to claim its changes exactly once (one
//! conditional update each, R9.2); readers derive the phase from the clock as well, so none
//! ever shows a stale one.

use tessera_core::committee::Committee;
use tessera_core::governance::{Phase, ProposalKind, Schedule};
use tessera_core::{AccountId, Day};

use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// A proposal's key inside the store; the API sees only [`Proposal::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProposalKey(pub(crate) i64);

/// A new proposal (R7.2). Texts are the author's, public to members; nothing secret.
#[derive(Clone, Copy)]
pub struct NewProposal<'a> {
    pub id: &'a str,
    pub kind: ProposalKind,
    pub title: &'a str,
    pub specification: &'a str,
    pub rationale: &'a str,
    pub risks: &'a str,
    pub alternatives: &'a str,
    /// `None` for the server's own proposals (the retroactive vote on an emergency change).
    pub author: Option<AccountId>,
    pub params: Option<&'a str>,
    pub restore_version: Option<i64>,
    pub committee: Option<Committee>,
    pub seats: Option<i64>,
    pub member: Option<AccountId>,
    pub emergency_of: Option<i64>,
    pub schedule: Schedule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub key: ProposalKey,
    pub id: String,
    pub kind: ProposalKind,
    pub title: String,
    pub specification: String,
    pub rationale: String,
    pub risks: String,
    pub alternatives: String,
    pub author: Option<String>,
    pub params: Option<String>,
    pub restore_version: Option<i64>,
    pub committee: Option<Committee>,
    pub seats: Option<i64>,
    pub member: Option<String>,
    /// The recalled member's account (R7.7).
    pub member_id: Option<AccountId>,
    pub emergency_of: Option<i64>,
    pub schedule: Schedule,
    /// As the job runner last moved it; see [`Schedule::phase_at`] for the clock's view.
    pub stored_phase: Phase,
    pub electorate: Option<i64>,
    pub roll_fingerprint: Option<String>,
    pub result: Option<String>,
    /// The impact preview of an algorithm proposal, as JSON (R7.4).
    pub impact: Option<String>,
}

const SELECT: &str = "SELECT p.seq, p.id, p.kind, p.title, p.specification, p.rationale, \
     p.risks, p.alternatives, au.display_name, p.params, p.restore_version, p.committee, \
     p.seats, mb.display_name, p.emergency_of, p.opened_on, p.vote_from, p.vote_until, \
     p.phase, p.electorate, p.roll_fingerprint, p.result, p.member_id, p.impact \
     FROM proposals p LEFT JOIN accounts au ON au.id = p.author_id AND NOT au.deleted \
     LEFT JOIN accounts mb ON mb.id = p.member_id AND NOT mb.deleted";

pub(crate) const INSERT_PROPOSAL: &str = "INSERT INTO proposals (id, kind, title, \
     specification, rationale, risks, alternatives, author_id, params, restore_version, committee, \
     seats, member_id, emergency_of, opened_on, vote_from, vote_until, opens_at, closes_at, phase) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
     $19, 'comment')";

/// The arguments of [`INSERT_PROPOSAL`].
pub(crate) fn proposal_args<'a>(p: &'a NewProposal<'a>) -> Vec<crate::db::Arg<'a>> {
    let s = p.schedule;
    vec![
        p.id.into(),
        p.kind.as_str().into(),
        p.title.into(),
        p.specification.into(),
        p.rationale.into(),
        p.risks.into(),
        p.alternatives.into(),
        p.author.map(tessera_core::AccountId::get).into(),
        p.params.into(),
        p.restore_version.into(),
        p.committee.map(Committee::as_str).into(),
        p.seats.into(),
        p.member.map(tessera_core::AccountId::get).into(),
        p.emergency_of.into(),
        s.opened_on.to_string().into(),
        s.vote_from.to_string().into(),
        s.vote_until.to_string().into(),
        s.opens_at().into(),
        s.closes_at().into(),
    ]
}

fn proposal_from(r: &dyn Cols) -> Result<Proposal> {
    let corrupt = |what| StoreError::Corrupt(what);
    Ok(Proposal {
        key: ProposalKey(r.i64(0)?),
        id: r.text(1)?,
        kind: ProposalKind::parse(&r.text(2)?).ok_or(corrupt("proposal kind"))?,
        title: r.text(3)?,
        specification: r.text(4)?,
        rationale: r.text(5)?,
        risks: r.text(6)?,
        alternatives: r.text(7)?,
        author: r.opt_text(8)?,
        params: r.opt_text(9)?,
        restore_version: r.opt_i64(10)?,
        committee: r
            .opt_text(11)?
            .map(|c| Committee::parse(&c).ok_or(corrupt("committee")))
            .transpose()?,
        seats: r.opt_i64(12)?,
        member: r.opt_text(13)?,
        member_id: r.opt_i64(22)?.map(AccountId::new),
        emergency_of: r.opt_i64(14)?,
        schedule: Schedule {
            opened_on: r.day(15)?,
            vote_from: r.day(16)?,
            vote_until: r.day(17)?,
        },
        stored_phase: Phase::parse(&r.text(18)?).ok_or(corrupt("phase"))?,
        electorate: r.opt_i64(19)?,
        roll_fingerprint: r.opt_text(20)?,
        result: r.opt_text(21)?,
        impact: r.opt_text(23)?,
    })
}

/// One comment (R7.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub author: Option<String>,
    pub body: String,
    pub on: Day,
}

impl Store {
    pub async fn create_proposal(&self, p: &NewProposal<'_>) -> Result<()> {
        self.db
            .write()
            .execute(INSERT_PROPOSAL, &proposal_args(p))
            .await?;
        Ok(())
    }

    pub async fn proposal(&self, id: &str) -> Result<Option<Proposal>> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        self.db
            .read()
            .fetch_optional(&sql, &[id.into()], proposal_from)
            .await
    }

    /// Every proposal, newest first.
    pub async fn proposals(&self) -> Result<Vec<Proposal>> {
        let sql = format!("{SELECT} ORDER BY p.seq DESC");
        self.db.read().fetch_all(&sql, &[], proposal_from).await
    }

    /// Closed scoring proposals whose version is still missing (R7.4, R7.5): a passed
    /// algorithm or rollback proposal without its `proposal:<id>` version, a failed emergency
    /// vote without its `revert:<id>` version. What a process stopped between a close and its
    /// enactment left undone; normally none. The result is the app's compact JSON, in which
    /// `"passed":true` appears exactly as written here.
    pub async fn scoring_to_enact(&self) -> Result<Vec<Proposal>> {
        let sql = format!(
            "{SELECT} WHERE p.kind IN ('algorithm', 'rollback') AND p.phase = 'closed' \
             AND p.result IS NOT NULL AND ( \
               (p.emergency_of IS NULL AND p.result LIKE '%\"passed\":true%' \
                AND NOT EXISTS (SELECT 1 FROM param_versions v \
                                WHERE v.source = 'proposal:' || p.id)) \
               OR (p.emergency_of IS NOT NULL AND p.result LIKE '%\"passed\":false%' \
                AND NOT EXISTS (SELECT 1 FROM param_versions v \
                                WHERE v.source = 'revert:' || p.id))) \
             ORDER BY p.seq"
        );
        self.db.read().fetch_all(&sql, &[], proposal_from).await
    }

    /// Proposals whose stored phase the clock has passed: votes to open, votes to close.
    pub async fn proposals_due(&self, now: i64) -> Result<Vec<Proposal>> {
        let sql = format!(
            "{SELECT} WHERE (p.phase = 'comment' AND p.opens_at <= $1) \
             OR (p.phase = 'voting' AND p.closes_at <= $1) ORDER BY p.seq"
        );
        self.db
            .read()
            .fetch_all(&sql, &[now.into()], proposal_from)
            .await
    }

    pub async fn add_comment(
        &self,
        p: ProposalKey,
        author: AccountId,
        body: &str,
        on: Day,
    ) -> Result<i64> {
        self.db
            .write()
            .fetch_one(
                "INSERT INTO proposal_comments (proposal_seq, author_id, body, on_day) \
                 VALUES ($1, $2, $3, $4) RETURNING seq",
                &[
                    p.0.into(),
                    author.into(),
                    body.into(),
                    on.to_string().into(),
                ],
                |r| r.i64(0),
            )
            .await
    }

    /// Oldest first. A deleted author shows as `None` (R2.11).
    pub async fn comments(&self, p: ProposalKey) -> Result<Vec<Comment>> {
        self.db
            .read()
            .fetch_all(
                "SELECT c.seq, a.display_name, c.body, c.on_day FROM proposal_comments c \
                 LEFT JOIN accounts a ON a.id = c.author_id AND NOT a.deleted \
                 WHERE c.proposal_seq = $1 ORDER BY c.seq",
                &[p.0.into()],
                |r| {
                    Ok(Comment {
                        id: r.i64(0)?,
                        author: r.opt_text(1)?,
                        body: r.text(2)?,
                        on: r.day(3)?,
                    })
                },
            )
            .await
    }

    /// A candidacy in an election (R7.7); `false` when she stands already.
    pub async fn add_candidate(&self, p: ProposalKey, account: AccountId) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "INSERT INTO proposal_candidates (proposal_seq, account_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[p.0.into(), account.into()],
            )
            .await?;
        Ok(n == 1)
    }

    /// The candidates: account and pseudonym (deleted accounts are gone).
    pub async fn candidates(&self, p: ProposalKey) -> Result<Vec<(AccountId, String)>> {
        self.db
            .read()
            .fetch_all(
                "SELECT a.id, a.display_name FROM proposal_candidates c \
                 JOIN accounts a ON a.id = c.account_id AND NOT a.deleted \
                 WHERE c.proposal_seq = $1 ORDER BY a.pseudonym",
                &[p.0.into()],
                |r| Ok((AccountId::new(r.i64(0)?), r.text(1)?)),
            )
            .await
    }

    /// A signature on a recall petition (R7.7); `None` when she signed already, else the
    /// number of signatures now. Who signed is never read back.
    pub async fn sign_petition(&self, p: ProposalKey, account: AccountId) -> Result<Option<i64>> {
        let mut tx = self.db.write().begin().await?;
        let n = tx
            .execute(
                "INSERT INTO proposal_signatures (proposal_seq, account_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[p.0.into(), account.into()],
            )
            .await?;
        if n == 0 {
            return Ok(None);
        }
        let count = tx
            .fetch_one(
                "SELECT COUNT(*) FROM proposal_signatures WHERE proposal_seq = $1",
                &[p.0.into()],
                |r| r.i64(0),
            )
            .await?;
        tx.commit().await?;
        Ok(Some(count))
    }

    pub async fn signatures(&self, p: ProposalKey) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM proposal_signatures WHERE proposal_seq = $1",
                &[p.0.into()],
                |r| r.i64(0),
            )
            .await
    }

    /// Closes a proposal without a vote (a recall whose petition failed, R7.7): one
    /// conditional update, so exactly one process does it. `false` when it moved already.
    pub async fn close_without_vote(&self, p: ProposalKey, result: &str) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "UPDATE proposals SET phase = 'closed', result = $2 \
                 WHERE seq = $1 AND phase = 'comment'",
                &[p.0.into(), result.into()],
            )
            .await?;
        Ok(n == 1)
    }
}

impl Store {
    /// Enacts `params` as the next version for the passed proposal `proposal_id` (R7.4), once:
    /// one statement that a second process (or a second try after a crash) turns into
    /// nothing. The version number, or `None` when it was enacted already.
    pub async fn enact_for_proposal(
        &self,
        params: &tessera_core::Params,
        on: Day,
        proposal_id: &str,
    ) -> Result<Option<i64>> {
        self.enact_once(params, on, &format!("proposal:{proposal_id}"))
            .await
    }
}
