//! Safety alerts and their disputes (SPEC R6.4, R6.5): alerts posted to one coop or to the whole
//! collective, the members' disputes, the moderators' decisions and the collective's posting
//! bans.
//!
//! An alert's text and a dispute's context are sealed under the key of the alert's last live
//! day ([`crate::day_keys`]): once the alert stops being live and the purge shreds that key, no
//! copy of the database gives them back. Nothing expired is ever returned, even before the
//! purge deletes it. Every decision is one conditional statement, so of two moderators deciding
//! at once (in two processes) one decides and the other is told the alert moved (R9.2).

use tessera_core::alert::{AlertFlags, AlertOutcome, AlertState, DisputeReason};
use tessera_core::{AccountId, BuyerId, Day, SellerId};

use super::coops::{membership_from, CoopKey, Membership};
use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// The sealing contexts: a text cannot be moved from one column to the other.
const TEXT: &str = "alert text";
const CONTEXT: &str = "alert dispute context";

/// An alert's key inside the store; the API sees only [`AlertRow::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AlertKey(i64);

impl AlertKey {
    /// The alert's key as a dispute case refers to it (R7.8).
    pub fn get(self) -> i64 {
        self.0
    }
}

pub struct NewAlert<'a> {
    /// The opaque id (a random token).
    pub id: &'a str,
    /// `None`: the whole collective.
    pub coop: Option<CoopKey>,
    pub poster: SellerId,
    pub flags: &'a AlertFlags,
    pub buyer: Option<BuyerId>,
    pub text: Option<&'a str>,
    pub anonymous: bool,
    pub posted_on: Day,
    pub expires_on: Day,
}

/// An alert with what the viewer's place in its coop lets her do; the app decides what of it
/// she may see (the poster of an anonymous alert, R6.4).
#[derive(Clone, PartialEq)]
pub struct AlertRow {
    pub key: AlertKey,
    pub id: String,
    /// The coop's opaque id and key; `None` for a collective alert.
    pub coop: Option<(String, CoopKey)>,
    /// The coop's name, for pages.
    pub coop_name: Option<String>,
    pub flags: AlertFlags,
    /// The named buyer's pseudonym; `None` when none was named or his account is deleted.
    pub buyer: Option<String>,
    pub text: Option<String>,
    pub poster: AccountId,
    pub poster_name: String,
    pub anonymous: bool,
    pub posted_on: Day,
    pub expires_on: Day,
    pub state: AlertState,
    pub disputed: bool,
    pub outcome: Option<AlertOutcome>,
    pub escalated: bool,
    /// The viewer's membership in the alert's coop, if any.
    pub viewer: Option<Membership>,
    /// The viewer sits on the Dispute Resolution Committee (read with the alert, so showing
    /// alerts costs no further query).
    pub viewer_on_committee: bool,
}

impl std::fmt::Debug for AlertRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No text, buyer or poster: they must not reach a log (R8.4).
        write!(f, "AlertRow({:?}, {:?})", self.key, self.state)
    }
}

/// One dispute as a moderator's queue shows it (without who filed it).
#[derive(Clone, PartialEq, Eq)]
pub struct DisputeRow {
    pub reason: DisputeReason,
    pub context: Option<String>,
    pub filed_on: Day,
}

impl std::fmt::Debug for DisputeRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DisputeRow({}, {})", self.reason, self.filed_on)
    }
}

/// A decision the poster or a disputer sees on her dashboard (R6.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub alert: String,
    pub outcome: AlertOutcome,
    /// She posted it (else she disputed it).
    pub posted: bool,
    pub decided_at: i64,
}

/// Which queue to read: a coop's moderators' or the Dispute Resolution Committee's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    Coop(CoopKey),
    Committee,
}

/// The columns [`alert_from`] reads. `$1` is the viewer.
const ALERT_SELECT: &str = "SELECT al.seq, al.id, c.public_id, al.coop_id, al.flags, \
     b.display_name, al.text, al.poster_id, p.display_name, al.anonymous, al.posted_on, \
     al.expires_on, al.state, al.disputed, al.outcome, al.escalated, \
     m.state, m.moderator, m.since, c.name, \
     EXISTS (SELECT 1 FROM committee_members cm \
             WHERE cm.committee = 'disputes' AND cm.account_id = $1) \
     FROM alerts al \
     JOIN accounts p ON p.id = al.poster_id \
     LEFT JOIN coops c ON c.id = al.coop_id \
     LEFT JOIN accounts b ON b.id = al.buyer_id AND NOT b.deleted \
     LEFT JOIN coop_members m ON m.coop_id = al.coop_id AND m.account_id = $1";

/// Live, not expired, and in the viewer's coops (member or suspended) or the collective.
const VISIBLE: &str = "al.state = 'live' AND al.expires_at > $2 \
     AND (al.coop_id IS NULL OR m.state IN ('member', 'suspended'))";

/// A row of [`ALERT_SELECT`] with its sealed text still sealed.
struct Sealed {
    row: AlertRow,
    text: Option<Vec<u8>>,
}

fn alert_from(r: &dyn Cols) -> Result<Sealed> {
    let coop = match (r.opt_text(2)?, r.opt_i64(3)?) {
        (Some(id), Some(key)) => Some((id, CoopKey(key))),
        _ => None,
    };
    let viewer = match r.opt_text(16)? {
        Some(_) => Some(membership_from(r, 16)?),
        None => None,
    };
    let outcome = match r.opt_text(14)? {
        Some(o) => Some(AlertOutcome::parse(&o).ok_or(StoreError::Corrupt("alert outcome"))?),
        None => None,
    };
    Ok(Sealed {
        row: AlertRow {
            key: AlertKey(r.i64(0)?),
            id: r.text(1)?,
            coop,
            coop_name: r.opt_text(19)?,
            flags: AlertFlags::from_stored(&r.text(4)?)
                .ok_or(StoreError::Corrupt("alert flags"))?,
            buyer: r.opt_text(5)?,
            text: None,
            poster: AccountId::new(r.i64(7)?),
            poster_name: r.text(8)?,
            anonymous: r.bool(9)?,
            posted_on: r.day(10)?,
            expires_on: r.day(11)?,
            state: AlertState::parse(&r.text(12)?).ok_or(StoreError::Corrupt("alert state"))?,
            disputed: r.bool(13)?,
            outcome,
            escalated: r.bool(15)?,
            viewer,
            viewer_on_committee: r.bool(20)?,
        },
        text: r.opt_bytes(6)?,
    })
}

/// The condition of a queue's alerts (`$2` now, `$3` the coop) and its coop.
fn queue_filter(queue: Queue) -> (&'static str, Option<i64>) {
    match queue {
        Queue::Coop(c) => (
            "al.state = 'live' AND al.expires_at > $2 AND al.coop_id = $3 AND al.disputed \
             AND al.outcome IS NULL AND NOT al.escalated",
            Some(c.0),
        ),
        // `$3` (no coop) is named only because PostgreSQL wants every bound parameter used.
        Queue::Committee => (
            "al.state = 'live' AND al.expires_at > $2 AND $3 IS NULL \
             AND ((al.coop_id IS NULL AND al.disputed AND al.outcome IS NULL) \
             OR (al.escalated AND (al.outcome IS NULL OR al.outcome = 'escalated')))",
            None,
        ),
    }
}

/// The moment an alert stops being live: the start (UTC) of its `expires_on` (API.md).
pub fn expires_at(expires_on: Day) -> i64 {
    expires_on.start_unix()
}

impl Store {
    /// Opens the sealed texts of rows just read; a text whose key is already shredded is none.
    async fn open_alerts(&self, rows: Vec<Sealed>) -> Result<Vec<AlertRow>> {
        let mut out = Vec::with_capacity(rows.len());
        for Sealed { mut row, text } in rows {
            if let Some(sealed) = text {
                row.text = match self.open_sealed(TEXT, &sealed).await? {
                    Some(b) => Some(String::from_utf8(b).map_err(|_| StoreError::Decrypt)?),
                    None => None,
                };
            }
            out.push(row);
        }
        Ok(out)
    }

    /// Posts an alert; its text sealed until its last live day. `Conflict` if the id is taken.
    pub async fn create_alert(&self, n: &NewAlert<'_>) -> Result<()> {
        let until = expires_at(n.expires_on);
        let text = match n.text {
            Some(t) => Some(self.seal_until(until - 1, TEXT, t.as_bytes()).await?),
            None => None,
        };
        self.db
            .write()
            .execute(
                "INSERT INTO alerts (id, coop_id, poster_id, flags, buyer_id, text, anonymous, \
                 posted_on, expires_on, expires_at, state) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'live')",
                &[
                    n.id.into(),
                    n.coop.map(|c| c.0).into(),
                    n.poster.into(),
                    n.flags.to_stored().into(),
                    n.buyer.into(),
                    (&text).into(),
                    n.anonymous.into(),
                    n.posted_on.to_string().into(),
                    n.expires_on.to_string().into(),
                    until.into(),
                ],
            )
            .await
            .map_err(StoreError::unique_to_conflict)?;
        Ok(())
    }

    /// One alert by its opaque id, with `viewer`'s membership in its coop; `None` when there
    /// is none or it has expired (withdrawn ones are returned: the app decides).
    pub async fn alert(&self, id: &str, viewer: AccountId, now: i64) -> Result<Option<AlertRow>> {
        let sql = format!("{ALERT_SELECT} WHERE al.id = $2 AND al.expires_at > $3");
        let row = self
            .db
            .read()
            .fetch_optional(&sql, &[viewer.into(), id.into(), now.into()], alert_from)
            .await?;
        Ok(match row {
            Some(r) => self.open_alerts(vec![r]).await?.pop(),
            None => None,
        })
    }

    /// The live alerts `viewer` can see (her coops, as member or suspended member, and the
    /// collective), newest first; only those naming `buyer` if given (R6.4).
    pub async fn visible_alerts(
        &self,
        viewer: AccountId,
        buyer: Option<BuyerId>,
        now: i64,
    ) -> Result<Vec<AlertRow>> {
        // Two statements, not `($3 IS NULL OR al.buyer_id = $3)`: that form keeps the planner
        // from the buyer's index, and a lookup would scan every alert (issue 12 §4).
        let db = self.db.read();
        let rows = match buyer {
            // A lookup's read: on SQLite through the direct path, as the lookup itself.
            Some(b) => {
                let sql = format!(
                    "{ALERT_SELECT} WHERE al.buyer_id = $3 AND {VISIBLE} ORDER BY al.seq DESC"
                );
                match &self.db {
                    crate::db::Db::Sqlite { fast, .. } => fast.all(
                        &sql,
                        &[("$1", &viewer.get()), ("$2", &now), ("$3", &b.get())],
                        |r| alert_from(r),
                    )?,
                    crate::db::Db::Postgres(_) => {
                        db.fetch_all(&sql, &[viewer.into(), now.into(), b.into()], alert_from)
                            .await?
                    }
                }
            }
            None => {
                let sql = format!("{ALERT_SELECT} WHERE {VISIBLE} ORDER BY al.seq DESC");
                db.fetch_all(&sql, &[viewer.into(), now.into()], alert_from)
                    .await?
            }
        };
        self.open_alerts(rows).await
    }

    /// A moderators' queue: the live alerts disputed and not decided since (a coop's, without
    /// those escalated), or the committee's (disputed collective alerts, and alerts escalated
    /// to it that it has not decided), oldest first.
    pub async fn alert_queue(
        &self,
        queue: Queue,
        viewer: AccountId,
        now: i64,
    ) -> Result<Vec<AlertRow>> {
        let (which, coop) = queue_filter(queue);
        let sql = format!("{ALERT_SELECT} WHERE {which} ORDER BY al.seq");
        let rows = self
            .db
            .read()
            .fetch_all(&sql, &[viewer.into(), now.into(), coop.into()], alert_from)
            .await?;
        self.open_alerts(rows).await
    }

    /// How many alerts wait in a queue: the dashboard's count, without reading (or opening)
    /// the alerts themselves.
    pub async fn alert_queue_len(&self, queue: Queue, now: i64) -> Result<i64> {
        let (which, coop) = queue_filter(queue);
        // `$1` is the viewer in `ALERT_SELECT`; a count needs none, so it is bound unused.
        let sql = format!("SELECT COUNT(*) FROM alerts al WHERE $1 IS NULL AND {which}");
        self.db
            .read()
            .fetch_one(
                &sql,
                &[Option::<i64>::None.into(), now.into(), coop.into()],
                |r| r.i64(0),
            )
            .await
    }

    /// The disputes of an alert, oldest first, without who filed them.
    pub async fn alert_disputes(&self, alert: AlertKey) -> Result<Vec<DisputeRow>> {
        let rows = self
            .db
            .read()
            .fetch_all(
                "SELECT reason, context, filed_on FROM alert_disputes WHERE alert_seq = $1 \
                 ORDER BY filed_on, disputer_id",
                &[alert.0.into()],
                |r| Ok((r.text(0)?, r.opt_bytes(1)?, r.day(2)?)),
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (reason, context, filed_on) in rows {
            let context = match context {
                Some(sealed) => match self.open_sealed(CONTEXT, &sealed).await? {
                    Some(b) => Some(String::from_utf8(b).map_err(|_| StoreError::Decrypt)?),
                    None => None,
                },
                None => None,
            };
            out.push(DisputeRow {
                reason: DisputeReason::parse(&reason)
                    .ok_or(StoreError::Corrupt("dispute reason"))?,
                context,
                filed_on,
            });
        }
        Ok(out)
    }

    /// Whether `account` disputed the alert (she may then not decide it, R6.5).
    pub async fn disputed_by(&self, alert: AlertKey, account: AccountId) -> Result<bool> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT 1 FROM alert_disputes WHERE alert_seq = $1 AND disputer_id = $2",
                &[alert.0.into(), account.into()],
                |_| Ok(()),
            )
            .await?
            .is_some())
    }

    /// Files a dispute, and marks the alert disputed and back in its queue, in one
    /// transaction (R6.5). `false` when she disputed it already. The context is sealed until
    /// the alert's last live day, like its text.
    pub async fn dispute_alert(
        &self,
        alert: AlertKey,
        disputer: SellerId,
        reason: DisputeReason,
        context: Option<&str>,
        filed_on: Day,
        alert_expires_on: Day,
    ) -> Result<bool> {
        let context = match context {
            Some(c) => Some(
                self.seal_until(expires_at(alert_expires_on) - 1, CONTEXT, c.as_bytes())
                    .await?,
            ),
            None => None,
        };
        let mut tx = self.db.write().begin().await?;
        let added = tx
            .execute(
                "INSERT INTO alert_disputes (alert_seq, disputer_id, reason, context, filed_on) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                &[
                    alert.0.into(),
                    disputer.into(),
                    reason.as_str().into(),
                    (&context).into(),
                    filed_on.to_string().into(),
                ],
            )
            .await?;
        if added == 0 {
            return Ok(false);
        }
        // Back in the queue that decides it (an escalated alert stays with the committee:
        // `escalated` is kept, see `alert_queue`).
        tx.execute(
            "UPDATE alerts SET disputed = TRUE, outcome = NULL WHERE seq = $1",
            &[alert.0.into()],
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Records a decision in one conditional statement: only on a live, unexpired alert, and
    /// an escalation only once. `false` when the alert moved meanwhile (withdrawn, expired or
    /// escalated already by another moderator).
    pub async fn decide_alert(
        &self,
        alert: AlertKey,
        outcome: AlertOutcome,
        now: i64,
    ) -> Result<bool> {
        let done = self
            .db
            .write()
            .execute(
                "UPDATE alerts SET outcome = $2, decided_at = $3, \
                 escalated = (escalated OR $2 = 'escalated'), \
                 disputed = ($2 = 'escalated'), \
                 state = CASE WHEN $2 = 'withdrawn' THEN 'withdrawn' ELSE state END \
                 WHERE seq = $1 AND state = 'live' AND expires_at > $3 \
                 AND NOT ($2 = 'escalated' AND escalated)",
                &[alert.0.into(), outcome.as_str().into(), now.into()],
            )
            .await?;
        Ok(done == 1)
    }

    /// Suspends a seller from posting collective alerts (R6.5). Idempotent.
    pub async fn ban_collective_poster(&self, account: AccountId, today: Day) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO alert_posting_bans (account_id, since) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[account.into(), today.to_string().into()],
            )
            .await?;
        Ok(())
    }

    /// Whether she is suspended from posting collective alerts.
    pub async fn collective_poster_banned(&self, account: AccountId) -> Result<bool> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT 1 FROM alert_posting_bans WHERE account_id = $1",
                &[account.into()],
                |_| Ok(()),
            )
            .await?
            .is_some())
    }

    /// The decisions on alerts she posted or disputed, made since `since`, on alerts not yet
    /// expired, newest first (R6.5: both sides see the outcome on their dashboards).
    pub async fn alert_outcomes_for(
        &self,
        account: AccountId,
        since: i64,
        now: i64,
    ) -> Result<Vec<OutcomeRow>> {
        self.db
            .read()
            .fetch_all(
                "SELECT al.id, al.outcome, al.poster_id = $1, al.decided_at FROM alerts al \
                 WHERE al.outcome IS NOT NULL AND al.decided_at >= $2 AND al.expires_at > $3 \
                 AND (al.poster_id = $1 OR EXISTS (SELECT 1 FROM alert_disputes d \
                      WHERE d.alert_seq = al.seq AND d.disputer_id = $1)) \
                 ORDER BY al.decided_at DESC, al.seq DESC",
                &[account.into(), since.into(), now.into()],
                |r| {
                    Ok(OutcomeRow {
                        alert: r.text(0)?,
                        outcome: AlertOutcome::parse(&r.text(1)?)
                            .ok_or(StoreError::Corrupt("alert outcome"))?,
                        posted: r.bool(2)?,
                        decided_at: r.i64(3)?,
                    })
                },
            )
            .await
    }

    /// Deletes alerts that are no longer live, with their disputes (R8.3). Their texts were
    /// sealed until their last live day, whose key the same purge shreds.
    pub async fn purge_alerts(&self, now: i64) -> Result<u64> {
        let mut tx = self.db.write().begin().await?;
        tx.execute(
            "DELETE FROM alert_disputes WHERE alert_seq IN \
             (SELECT seq FROM alerts WHERE expires_at <= $1)",
            &[now.into()],
        )
        .await?;
        let n = tx
            .execute("DELETE FROM alerts WHERE expires_at <= $1", &[now.into()])
            .await?;
        tx.commit().await?;
        Ok(n)
    }
}
