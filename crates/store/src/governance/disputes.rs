//! Disputes (SPEC R7.8): cases, their stages and panels, who is a party, the buyer's ratings as
//! a panel sees them (no seller identity), and their exclusion under the two-person rule
//! (R7.9), taken off the counters in the same transaction as the approval is claimed.

use data_encoding::HEXLOWER;
use tessera_core::governance::{DisputeKind, DisputeOutcome, Stage};
use tessera_core::{AccountId, BuyerId, Day};

use crate::db::Cols;
use crate::screening::ratings::{Delta, LOCK_BUYER_STATS_SQL};
use crate::{Result, Store, StoreError};

/// The sealing context of a party's context text.
const CONTEXT: &str = "dispute-context";

/// A case's key inside the store; the API sees only [`Dispute::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DisputeKey(pub(crate) i64);

/// A new case.
pub struct NewDispute<'a> {
    pub id: &'a str,
    pub kind: DisputeKind,
    pub opened_by: AccountId,
    pub buyer: Option<BuyerId>,
    /// The escalated alert (kind `alert`), by its store key.
    pub alert: Option<i64>,
    pub context: Option<&'a str>,
    pub today: Day,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    pub key: DisputeKey,
    pub id: String,
    pub kind: DisputeKind,
    pub opened_by: AccountId,
    pub buyer: Option<BuyerId>,
    pub alert: Option<i64>,
    pub stage: Stage,
    pub stage_since: Day,
    pub outcome: Option<DisputeOutcome>,
    pub opened_on: Day,
    /// The proposal id of its membership vote, once a petition took it there (R7.8).
    pub vote: Option<String>,
}

/// One of the buyer's ratings as a panel sees it: an id made for this case only, never the
/// seller (R7.8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRating {
    pub id: String,
    pub day: Day,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub verified: bool,
}

const SELECT: &str = "SELECT seq, id, kind, opened_by, buyer_id, alert_seq, stage, stage_since, \
     outcome, opened_on, vote_proposal FROM disputes";

fn dispute_from(r: &dyn Cols) -> Result<Dispute> {
    Ok(Dispute {
        key: DisputeKey(r.i64(0)?),
        id: r.text(1)?,
        kind: DisputeKind::parse(&r.text(2)?).ok_or(StoreError::Corrupt("dispute kind"))?,
        opened_by: AccountId::new(r.i64(3)?),
        buyer: r.opt_i64(4)?.map(BuyerId::new),
        alert: r.opt_i64(5)?,
        stage: Stage::parse(&r.text(6)?).ok_or(StoreError::Corrupt("dispute stage"))?,
        stage_since: r.day(7)?,
        outcome: match r.opt_text(8)? {
            Some(o) => {
                Some(DisputeOutcome::parse(&o).ok_or(StoreError::Corrupt("dispute outcome"))?)
            }
            None => None,
        },
        opened_on: r.day(9)?,
        vote: r.opt_text(10)?,
    })
}

/// Whether `account` (a placeholder) is a party of the case `d` (API.md): the one who opened
/// it, the buyer concerned, every seller who rated him (appeals and reports, excluded ratings
/// included: an exclusion does not make her a stranger to the case), the alert's poster and
/// disputers.
fn party_of(a: &str) -> String {
    format!(
        "(d.opened_by = {a} OR d.buyer_id = {a} \
         OR (d.kind IN ('appeal', 'report') AND ( \
             EXISTS (SELECT 1 FROM ratings r WHERE r.buyer_id = d.buyer_id AND r.seller_id = {a}) \
             OR EXISTS (SELECT 1 FROM excluded_ratings x \
                        WHERE x.buyer_id = d.buyer_id AND x.seller_id = {a}))) \
         OR (d.kind = 'alert' AND ( \
             EXISTS (SELECT 1 FROM alerts al WHERE al.seq = d.alert_seq AND al.poster_id = {a}) \
             OR EXISTS (SELECT 1 FROM alert_disputes ad \
                        WHERE ad.alert_seq = d.alert_seq AND ad.disputer_id = {a}))))"
    )
}

/// The buyer's counted ratings: (seller, day, safe, reliable, verified).
const RATINGS_OF: &str = "SELECT seller_id, day, safe, reliable, verified FROM ratings \
     WHERE buyer_id = $1";

type RatingRow = (i64, String, Option<bool>, Option<bool>, bool);

fn rating_row(r: &dyn Cols) -> Result<RatingRow> {
    Ok((
        r.i64(0)?,
        r.text(1)?,
        r.opt_bool(2)?,
        r.opt_bool(3)?,
        r.bool(4)?,
    ))
}

/// A rating's id for one case: a keyed hash of the case and the rating's key, so the same
/// rating has unrelated ids in two cases and nobody without the server's key can tell whose
/// it is.
fn panel_rating_id(store: &Store, dispute: &str, seller: i64, day: &str) -> String {
    let mut data = Vec::with_capacity(dispute.len() + 20);
    data.extend_from_slice(dispute.as_bytes());
    data.push(0);
    data.extend_from_slice(&seller.to_be_bytes());
    data.extend_from_slice(day.as_bytes());
    HEXLOWER.encode(&store.crypto().keyed_hash("dispute-rating", &data)[..12])
}

impl Store {
    /// Opens a case in mediation. `Conflict` when the alert has a case already.
    pub async fn create_dispute(&self, n: &NewDispute<'_>) -> Result<DisputeKey> {
        let context = n.context.map(|c| self.crypto().seal(CONTEXT, c.as_bytes()));
        let today = n.today.to_string();
        self.db
            .write()
            .fetch_one(
                "INSERT INTO disputes (id, kind, opened_by, buyer_id, alert_seq, context, stage, \
                 stage_since, opened_on) VALUES ($1, $2, $3, $4, $5, $6, 'mediation', $7, $7) \
                 RETURNING seq",
                &[
                    n.id.into(),
                    n.kind.as_str().into(),
                    n.opened_by.into(),
                    n.buyer.into(),
                    n.alert.into(),
                    context.as_deref().into(),
                    today.into(),
                ],
                |r| r.i64(0),
            )
            .await
            .map(DisputeKey)
            .map_err(StoreError::unique_to_conflict)
    }

    pub async fn dispute(&self, id: &str) -> Result<Option<Dispute>> {
        self.db
            .read()
            .fetch_optional(
                &format!("{SELECT} WHERE id = $1"),
                &[id.into()],
                dispute_from,
            )
            .await
    }

    /// The case's context as its party gave it; `None` without one.
    pub async fn dispute_context(&self, key: DisputeKey) -> Result<Option<String>> {
        let sealed = self
            .db
            .read()
            .fetch_one(
                "SELECT context FROM disputes WHERE seq = $1",
                &[key.0.into()],
                |r| r.opt_bytes(0),
            )
            .await?;
        match sealed {
            Some(s) => {
                let plain = self.crypto().open(CONTEXT, &s)?;
                Ok(Some(
                    String::from_utf8(plain).map_err(|_| StoreError::Decrypt)?,
                ))
            }
            None => Ok(None),
        }
    }

    /// Every case, newest first (the committee's list).
    pub async fn disputes(&self) -> Result<Vec<Dispute>> {
        self.db
            .read()
            .fetch_all(&format!("{SELECT} ORDER BY seq DESC"), &[], dispute_from)
            .await
    }

    /// The cases she is a party of or sits on the panel of, newest first.
    pub async fn disputes_of(&self, account: AccountId) -> Result<Vec<Dispute>> {
        self.db
            .read()
            .fetch_all(
                &format!(
                    "{SELECT} d WHERE {party} OR EXISTS (SELECT 1 FROM dispute_panel p \
                     WHERE p.dispute_seq = d.seq AND p.member_id = $1) ORDER BY seq DESC",
                    party = party_of("$1")
                ),
                &[account.into()],
                dispute_from,
            )
            .await
    }

    pub async fn is_dispute_party(&self, key: DisputeKey, account: AccountId) -> Result<bool> {
        self.db
            .read()
            .fetch_one(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM disputes d WHERE d.seq = $1 AND {})",
                    party_of("$2")
                ),
                &[key.0.into(), account.into()],
                |r| r.bool(0),
            )
            .await
    }

    /// The arbitration panel, by pseudonym.
    pub async fn dispute_panel(&self, key: DisputeKey) -> Result<Vec<(AccountId, String)>> {
        self.db
            .read()
            .fetch_all(
                "SELECT a.id, a.pseudonym FROM dispute_panel p JOIN accounts a ON a.id = p.member_id \
                 WHERE p.dispute_seq = $1 ORDER BY a.pseudonym",
                &[key.0.into()],
                |r| Ok((AccountId::new(r.i64(0)?), r.text(1)?)),
            )
            .await
    }

    /// Moves a case from `from` to `to` in one conditional statement, with its panel (when
    /// going to arbitration) and outcome (when closing) in the same transaction: two members
    /// advancing at the same instant move it once. `false` when it was no longer at `from`.
    pub async fn advance_dispute(
        &self,
        key: DisputeKey,
        from: Stage,
        to: Stage,
        outcome: Option<DisputeOutcome>,
        panel: &[AccountId],
        today: Day,
    ) -> Result<bool> {
        self.move_dispute(key, from, to, outcome, panel, None, today)
            .await
    }

    /// Takes a case from arbitration to its membership vote, opening the vote's proposal in
    /// the same transaction (R7.8): the case never stands in that stage without its vote.
    pub async fn open_dispute_vote(
        &self,
        key: DisputeKey,
        vote: &super::proposals::NewProposal<'_>,
        today: Day,
    ) -> Result<bool> {
        self.move_dispute(
            key,
            Stage::Arbitration,
            Stage::MembershipVote,
            None,
            &[],
            Some(vote),
            today,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn move_dispute(
        &self,
        key: DisputeKey,
        from: Stage,
        to: Stage,
        outcome: Option<DisputeOutcome>,
        panel: &[AccountId],
        vote: Option<&super::proposals::NewProposal<'_>>,
        today: Day,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        let n = tx
            .execute(
                "UPDATE disputes SET stage = $3, stage_since = $4, outcome = $5 \
                 WHERE seq = $1 AND stage = $2",
                &[
                    key.0.into(),
                    from.as_str().into(),
                    to.as_str().into(),
                    today.to_string().into(),
                    outcome.map(DisputeOutcome::as_str).into(),
                ],
            )
            .await?;
        if n != 1 {
            return Ok(false);
        }
        for m in panel {
            tx.execute(
                "INSERT INTO dispute_panel (dispute_seq, member_id) VALUES ($1, $2)",
                &[key.0.into(), (*m).into()],
            )
            .await?;
        }
        if let Some(v) = vote {
            tx.execute(
                super::proposals::INSERT_PROPOSAL,
                &super::proposals::proposal_args(v),
            )
            .await?;
            tx.execute(
                "UPDATE disputes SET vote_proposal = $2 WHERE seq = $1",
                &[key.0.into(), v.id.into()],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The buyer's ratings as the panel of case `dispute` sees them, newest day first.
    pub async fn panel_ratings(&self, dispute: &str, buyer: BuyerId) -> Result<Vec<PanelRating>> {
        let rows = self
            .db
            .read()
            .fetch_all(RATINGS_OF, &[buyer.into()], rating_row)
            .await?;
        let mut out: Vec<PanelRating> = rows
            .into_iter()
            .map(|(seller, day, safe, reliable, verified)| {
                Ok(PanelRating {
                    id: panel_rating_id(self, dispute, seller, &day),
                    day: Day::parse(&day).ok_or(StoreError::Corrupt("rating day"))?,
                    safe,
                    reliable,
                    verified,
                })
            })
            .collect::<Result<_>>()?;
        // Within a day, by id: the order says nothing about who rated.
        out.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// The second member's approval of an exclusion (R7.8, R7.9), in one transaction: the
    /// approval is claimed (never by the requester, only once), the named ratings of the case's
    /// buyer that are still counted move to `excluded_ratings`, and his counters lose them, under
    /// the same lock on his counters that every rating write takes (R9.2). `None` when the
    /// approval was not there to claim; otherwise how many ratings were excluded.
    #[allow(clippy::too_many_arguments)]
    pub async fn enact_exclusion(
        &self,
        approval: &str,
        approver: AccountId,
        now: i64,
        dispute: &Dispute,
        buyer: BuyerId,
        ids: &[String],
        today: Day,
    ) -> Result<Option<u64>> {
        let mut tx = self.db.write().begin().await?;
        if !super::approvals::claim(&mut tx, approval, "exclusion", approver, now).await? {
            return Ok(None);
        }
        tx.execute(LOCK_BUYER_STATS_SQL, &[buyer.into()]).await?;
        let rows = tx
            .fetch_all(RATINGS_OF, &[buyer.into()], rating_row)
            .await?;
        let mut removed = Delta::default();
        let mut sellers: Vec<i64> = Vec::new();
        let mut n = 0u64;
        for (seller, day, safe, reliable, verified) in rows {
            if !ids.contains(&panel_rating_id(self, &dispute.id, seller, &day)) {
                continue;
            }
            tx.execute(
                "INSERT INTO excluded_ratings (seller_id, buyer_id, day, safe, reliable, \
                 verified, dispute_seq, excluded_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    seller.into(),
                    buyer.into(),
                    day.as_str().into(),
                    safe.into(),
                    reliable.into(),
                    verified.into(),
                    dispute.key.0.into(),
                    today.to_string().into(),
                ],
            )
            .await?;
            tx.execute(
                "DELETE FROM ratings WHERE seller_id = $1 AND buyer_id = $2 AND day = $3",
                &[seller.into(), buyer.into(), day.as_str().into()],
            )
            .await?;
            removed = removed.plus(Delta::of(safe, reliable, verified));
            sellers.push(seller);
            n += 1;
        }
        sellers.sort_unstable();
        sellers.dedup();
        // A seller none of whose ratings of him still counts no longer counts among his sellers.
        let mut gone = 0i64;
        for s in sellers {
            let left = tx
                .fetch_one(
                    "SELECT EXISTS (SELECT 1 FROM ratings WHERE seller_id = $1 AND buyer_id = $2)",
                    &[s.into(), buyer.into()],
                    |r| r.bool(0),
                )
                .await?;
            gone += i64::from(!left);
        }
        tx.execute(
            "UPDATE buyer_stats SET safe_n = safe_n - $2, safe_zeros = safe_zeros - $3, \
             reliable_n = reliable_n - $4, reliable_zeros = reliable_zeros - $5, \
             interactions = interactions - $6, verified = verified - $7, sellers = sellers - $8 \
             WHERE buyer_id = $1",
            &[
                buyer.into(),
                removed.safe_n.into(),
                removed.safe_zeros.into(),
                removed.reliable_n.into(),
                removed.reliable_zeros.into(),
                removed.interactions.into(),
                removed.verified.into(),
                gone.into(),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(Some(n))
    }

    /// Whether every named rating is among the buyer's counted ones (for a request).
    pub async fn counted_ratings_named(
        &self,
        dispute: &str,
        buyer: BuyerId,
        ids: &[String],
    ) -> Result<bool> {
        let all = self.panel_ratings(dispute, buyer).await?;
        Ok(ids.iter().all(|id| all.iter().any(|r| &r.id == id)))
    }
}

impl Store {
    /// A member signs the petition for a membership vote on the case: the number of
    /// signatures after hers, or `None` when she had signed already (one insert, R9.2).
    pub async fn sign_dispute_petition(
        &self,
        key: DisputeKey,
        account: AccountId,
    ) -> Result<Option<i64>> {
        let mut tx = self.db.write().begin().await?;
        let n = tx
            .execute(
                "INSERT INTO dispute_signatures (dispute_seq, account_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[key.0.into(), account.into()],
            )
            .await?;
        let count = tx
            .fetch_one(
                "SELECT COUNT(*) FROM dispute_signatures WHERE dispute_seq = $1",
                &[key.0.into()],
                |r| r.i64(0),
            )
            .await?;
        tx.commit().await?;
        Ok((n == 1).then_some(count))
    }

    pub async fn dispute_signatures(&self, key: DisputeKey) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM dispute_signatures WHERE dispute_seq = $1",
                &[key.0.into()],
                |r| r.i64(0),
            )
            .await
    }

    /// How many of the buyer's ratings this case excluded.
    pub async fn excluded_by(&self, key: DisputeKey) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM excluded_ratings WHERE dispute_seq = $1",
                &[key.0.into()],
                |r| r.i64(0),
            )
            .await
    }
}
