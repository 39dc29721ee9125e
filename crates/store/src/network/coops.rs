//! Coops (SPEC R6.2): the coop, each seller's state in it, and moderators' request links.
//!
//! Every change of a seller's state is one conditional statement (an update that names the
//! states it may leave, or an insert that the primary key `(coop, seller)` settles), so two
//! server processes inviting, joining or approving at once end in one consistent state with one
//! winner (R9.2; the conformance suite proves it with two stores on one database). A coop is
//! found only by its opaque id or a link's hash: there is no query that lists coops (no
//! catalogue, R6.2).

use tessera_core::coop::{CoopKind, MemberState};
use tessera_core::{AccountId, Day, SellerId};

use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// A coop's key inside the store; the API sees only [`Coop::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoopKey(pub(crate) i64);

/// A new coop and its creator, who becomes its first moderator (R6.2).
pub struct NewCoop<'a> {
    /// The opaque id (a random token).
    pub id: &'a str,
    pub name: &'a str,
    pub kind: CoopKind,
    pub scope: Option<&'a str>,
    pub anonymous_alerts: bool,
    pub min_member_days: i64,
    pub creator: SellerId,
    pub today: Day,
}

#[derive(Clone, PartialEq, Eq)]
pub struct Coop {
    pub key: CoopKey,
    pub id: String,
    pub name: String,
    pub kind: CoopKind,
    pub scope: Option<String>,
    pub anonymous_alerts: bool,
    pub min_member_days: i64,
    /// Members and suspended members (API.md).
    pub members: i64,
}

impl std::fmt::Debug for Coop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No name or scope: they can say who the members are (R8.4).
        write!(f, "Coop({:?})", self.key)
    }
}

/// One seller's place in one coop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub state: MemberState,
    pub moderator: bool,
    /// The day she entered her state; for a (suspended) member, the day she became one.
    pub since: Day,
}

impl Membership {
    /// A moderator in good standing: a suspended moderator moderates nothing.
    pub fn moderates(&self) -> bool {
        self.moderator && self.state == MemberState::Member
    }

    /// May post alerts in a coop that asks `min_member_days` of everyone, the creator
    /// included, counted from the day she became a member (R6.2, R6.4; API.md). A suspended
    /// member may not post at all.
    pub fn may_post(&self, today: Day, min_member_days: i64) -> bool {
        self.state == MemberState::Member && self.since.days_until(today) >= min_member_days
    }
}

/// A coop as one seller sees it: with her membership, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoopView {
    pub coop: Coop,
    pub me: Option<Membership>,
}

/// A row of a coop's member list.
#[derive(Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub account: AccountId,
    pub pseudonym: String,
    pub membership: Membership,
}

impl std::fmt::Debug for MemberRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MemberRow({}, {:?})", self.account, self.membership)
    }
}

/// What a request through a moderator's link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRequest {
    /// She is now pending in this coop (or already was).
    Pending(CoopKey),
    /// Unknown or expired link.
    NoLink,
    /// She is invited, a member or suspended there already; her state in it.
    Already(CoopKey, MemberState),
}

/// See [`Store::ensure_coop_moderator`]; also run inside account deletion's transaction.
pub(crate) async fn ensure_moderator(
    conn: crate::db::exec::Conn<'_>,
    coop: Option<CoopKey>,
) -> Result<u64> {
    conn.execute(
        "UPDATE coop_members SET moderator = TRUE \
         WHERE state = 'member' AND NOT moderator \
         AND ($1 IS NULL OR coop_id = $1) \
         AND account_id = (SELECT f.account_id FROM coop_members f \
             WHERE f.coop_id = coop_members.coop_id AND f.state = 'member' \
             ORDER BY f.since, f.account_id LIMIT 1) \
         AND NOT EXISTS (SELECT 1 FROM coop_members g \
             WHERE g.coop_id = coop_members.coop_id AND g.state = 'member' AND g.moderator)",
        &[coop.map(|c| c.0).into()],
    )
    .await
}

/// The coop's columns, then the member count, then the viewer's three membership columns.
const COOP_COLS: &str = "c.id, c.public_id, c.name, c.kind, c.scope, c.anonymous_alerts, \
     c.min_member_days, \
     (SELECT COUNT(*) FROM coop_members n WHERE n.coop_id = c.id \
      AND n.state IN ('member', 'suspended')), \
     m.state, m.moderator, m.since";

fn view_from(r: &dyn Cols) -> Result<CoopView> {
    let coop = Coop {
        key: CoopKey(r.i64(0)?),
        id: r.text(1)?,
        name: r.text(2)?,
        kind: CoopKind::parse(&r.text(3)?).ok_or(StoreError::Corrupt("coop kind"))?,
        scope: r.opt_text(4)?,
        anonymous_alerts: r.bool(5)?,
        min_member_days: r.i64(6)?,
        members: r.i64(7)?,
    };
    let me = match r.opt_text(8)? {
        None => None,
        Some(s) => Some(Membership {
            state: MemberState::parse(&s).ok_or(StoreError::Corrupt("member state"))?,
            moderator: r.bool(9)?,
            since: r.day(10)?,
        }),
    };
    Ok(CoopView { coop, me })
}

pub(crate) fn membership_from(r: &dyn Cols, at: usize) -> Result<Membership> {
    Ok(Membership {
        state: MemberState::parse(&r.text(at)?).ok_or(StoreError::Corrupt("member state"))?,
        moderator: r.bool(at + 1)?,
        since: r.day(at + 2)?,
    })
}

impl Store {
    /// Creates a coop with its creator as first moderator and member since `today`, in one
    /// transaction. `Conflict` if the id is taken (the caller draws another).
    pub async fn create_coop(&self, n: &NewCoop<'_>) -> Result<CoopKey> {
        let mut tx = self.db.write().begin().await?;
        let key = tx
            .fetch_optional(
                "INSERT INTO coops (public_id, name, kind, scope, anonymous_alerts, \
                 min_member_days, created_on) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT DO NOTHING RETURNING id",
                &[
                    n.id.into(),
                    n.name.into(),
                    n.kind.as_str().into(),
                    n.scope.into(),
                    n.anonymous_alerts.into(),
                    n.min_member_days.into(),
                    n.today.to_string().into(),
                ],
                |r| Ok(CoopKey(r.i64(0)?)),
            )
            .await?
            .ok_or(StoreError::Conflict)?;
        tx.execute(
            "INSERT INTO coop_members (coop_id, account_id, state, moderator, since) \
             VALUES ($1, $2, 'member', TRUE, $3)",
            &[key.0.into(), n.creator.into(), n.today.to_string().into()],
        )
        .await?;
        tx.commit().await?;
        Ok(key)
    }

    /// The coop with this opaque id, with `viewer`'s membership (if any).
    pub async fn coop_view(&self, id: &str, viewer: AccountId) -> Result<Option<CoopView>> {
        let sql = format!(
            "SELECT {COOP_COLS} FROM coops c \
             LEFT JOIN coop_members m ON m.coop_id = c.id AND m.account_id = $2 \
             WHERE c.public_id = $1"
        );
        self.db
            .read()
            .fetch_optional(&sql, &[id.into(), viewer.into()], view_from)
            .await
    }

    /// The coops `viewer` is in, in every state but `left`, by name.
    pub async fn coops_of(&self, viewer: AccountId) -> Result<Vec<CoopView>> {
        let sql = format!(
            "SELECT {COOP_COLS} FROM coop_members m JOIN coops c ON c.id = m.coop_id \
             WHERE m.account_id = $1 AND m.state <> 'left' ORDER BY c.name, c.public_id"
        );
        self.db
            .read()
            .fetch_all(&sql, &[viewer.into()], view_from)
            .await
    }

    /// `account`'s membership in the coop, if she has a row there.
    pub async fn coop_membership(
        &self,
        coop: CoopKey,
        account: AccountId,
    ) -> Result<Option<Membership>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT state, moderator, since FROM coop_members \
                 WHERE coop_id = $1 AND account_id = $2",
                &[coop.0.into(), account.into()],
                |r| membership_from(r, 0),
            )
            .await
    }

    /// Everyone in the coop but those who left, by pseudonym.
    pub async fn coop_members(&self, coop: CoopKey) -> Result<Vec<MemberRow>> {
        self.db
            .read()
            .fetch_all(
                "SELECT m.state, m.moderator, m.since, a.id, a.display_name \
                 FROM coop_members m JOIN accounts a ON a.id = m.account_id \
                 WHERE m.coop_id = $1 AND m.state <> 'left' ORDER BY a.pseudonym",
                &[coop.0.into()],
                |r| {
                    Ok(MemberRow {
                        membership: membership_from(r, 0)?,
                        account: AccountId::new(r.i64(3)?),
                        pseudonym: r.text(4)?,
                    })
                },
            )
            .await
    }

    /// Invites a seller: one insert that the primary key settles, or, for a seller who left,
    /// one update conditional on `left`. `None` when she is already invited, pending, a member
    /// or suspended (so of two concurrent invitations exactly one succeeds).
    ///
    /// A seller who left while suspended comes back only on a moderator's invitation
    /// (`by_moderator`): leaving must not undo a suspension.
    pub async fn invite_to_coop(
        &self,
        coop: CoopKey,
        seller: SellerId,
        by_moderator: bool,
        today: Day,
    ) -> Result<Option<Membership>> {
        self.db
            .write()
            .fetch_optional(
                "INSERT INTO coop_members (coop_id, account_id, state, moderator, since) \
                 VALUES ($1, $2, 'invited', FALSE, $3) \
                 ON CONFLICT (coop_id, account_id) DO UPDATE \
                 SET state = 'invited', moderator = FALSE, since = excluded.since \
                 WHERE coop_members.state = 'left' \
                 AND (NOT coop_members.left_suspended OR $4) \
                 RETURNING state, moderator, since",
                &[
                    coop.0.into(),
                    seller.into(),
                    today.to_string().into(),
                    by_moderator.into(),
                ],
                |r| membership_from(r, 0),
            )
            .await
    }

    /// Moves `account` from one of `from` to `to` in one conditional statement. `since`
    /// becomes `today` unless `keep_since` (suspension and reinstatement keep the day she
    /// became a member). `None` when she was in none of `from` (or had no row): the caller
    /// reads her state to say why.
    pub async fn coop_transition(
        &self,
        coop: CoopKey,
        account: AccountId,
        from: &[MemberState],
        to: MemberState,
        keep_since: bool,
        today: Day,
    ) -> Result<Option<Membership>> {
        let states = from
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        if states.is_empty() {
            return Ok(None);
        }
        // Leaving ends being a moderator; nothing else changes the flag here.
        let moderator = if to == MemberState::Left {
            "FALSE"
        } else {
            "moderator"
        };
        let since = if keep_since { "since" } else { "$4" };
        let sql = format!(
            "UPDATE coop_members SET state = $3, moderator = {moderator}, since = {since}, \
             left_suspended = (state = 'suspended' AND $3 = 'left') \
             WHERE coop_id = $1 AND account_id = $2 AND state IN ({states}) \
             RETURNING state, moderator, since"
        );
        self.db
            .write()
            .fetch_optional(
                &sql,
                &[
                    coop.0.into(),
                    account.into(),
                    to.as_str().into(),
                    today.to_string().into(),
                ],
                |r| membership_from(r, 0),
            )
            .await
    }

    /// A coop must not be left without moderation (nobody could approve a request or suspend
    /// anyone): when no moderator in good standing remains, the member of longest standing
    /// becomes one. One conditional statement, for one coop or (`None`, after an account
    /// deletion) every coop. Run after the change that removed the moderator has committed, it
    /// is right with two processes too: whichever removal commits last sees the others, and
    /// the choice is the same row for every process.
    pub async fn ensure_coop_moderator(&self, coop: Option<CoopKey>) -> Result<u64> {
        let db = self.db.write();
        let mut conn = db.acquire().await?;
        ensure_moderator(conn.conn(), coop).await
    }

    /// Makes a member (state `member`) a moderator; `None` if she is not a member.
    pub async fn make_coop_moderator(
        &self,
        coop: CoopKey,
        account: AccountId,
    ) -> Result<Option<Membership>> {
        self.db
            .write()
            .fetch_optional(
                "UPDATE coop_members SET moderator = TRUE \
                 WHERE coop_id = $1 AND account_id = $2 AND state = 'member' \
                 RETURNING state, moderator, since",
                &[coop.0.into(), account.into()],
                |r| membership_from(r, 0),
            )
            .await
    }

    /// Stores a moderator's request link by its token's hash.
    pub async fn create_coop_link(
        &self,
        coop: CoopKey,
        creator: SellerId,
        token_hash: &[u8],
        expires_at: i64,
    ) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO coop_links (token_hash, coop_id, created_by, expires_at) \
                 VALUES ($1, $2, $3, $4)",
                &[
                    token_hash.into(),
                    coop.0.into(),
                    creator.into(),
                    expires_at.into(),
                ],
            )
            .await
            .map_err(StoreError::unique_to_conflict)?;
        Ok(())
    }

    /// A seller asks to join through a link: she becomes `pending` (from no row, `left` or
    /// `pending`) in one statement. The link stays usable until it expires: a moderator hands
    /// it to several sellers, and each request still needs a moderator's approval.
    pub async fn request_coop_by_link(
        &self,
        token_hash: &[u8],
        seller: SellerId,
        now: i64,
        today: Day,
    ) -> Result<LinkRequest> {
        let db = self.db.write();
        let Some(coop) = db
            .fetch_optional(
                "SELECT coop_id FROM coop_links WHERE token_hash = $1 AND expires_at > $2",
                &[token_hash.into(), now.into()],
                |r| Ok(CoopKey(r.i64(0)?)),
            )
            .await?
        else {
            return Ok(LinkRequest::NoLink);
        };
        let done = db
            .fetch_optional(
                "INSERT INTO coop_members (coop_id, account_id, state, moderator, since) \
                 VALUES ($1, $2, 'pending', FALSE, $3) \
                 ON CONFLICT (coop_id, account_id) DO UPDATE \
                 SET state = 'pending', moderator = FALSE, since = excluded.since \
                 WHERE coop_members.state IN ('left', 'pending') \
                 RETURNING state",
                &[coop.0.into(), seller.into(), today.to_string().into()],
                |_| Ok(()),
            )
            .await?;
        if done.is_some() {
            return Ok(LinkRequest::Pending(coop));
        }
        let state = self
            .coop_membership(coop, seller.into())
            .await?
            .map_or(MemberState::Left, |m| m.state);
        Ok(LinkRequest::Already(coop, state))
    }

    /// Deletes request links that have expired (R8.3).
    pub async fn purge_coop_links(&self, now: i64) -> Result<u64> {
        self.db
            .write()
            .execute(
                "DELETE FROM coop_links WHERE expires_at <= $1",
                &[now.into()],
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r6_2_posting_waits_min_member_days_from_the_day_she_became_a_member() {
        let since = Day::from_unix(1_800_000_000);
        let m = Membership {
            state: MemberState::Member,
            moderator: true,
            since,
        };
        assert!(!m.may_post(since.plus_days(6), 7));
        assert!(m.may_post(since.plus_days(7), 7));
        assert!(m.may_post(since, 0));
        let suspended = Membership {
            state: MemberState::Suspended,
            ..m
        };
        assert!(!suspended.may_post(since.plus_days(100), 0));
    }
}
