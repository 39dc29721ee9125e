//! Coops (SPEC R6.2): create one (the creator is its first moderator), invite a seller by
//! pseudonym, hand out a request link, accept, leave, and the moderators' four actions.
//!
//! Who may do what, in one place ([`Role`]): a seller with no place in a coop (or who left it)
//! finds nothing, as if it did not exist (404), which is also what keeps coops out of reach of
//! any search (no catalogue, R6.2); an invited or pending seller sees the coop itself and
//! nothing else; a suspended member reads but does not act; moderating needs a moderator who is
//! a member in good standing. Buyers have no network at all (R6.1).

use tessera_core::coop::{self, CoopKind, CoopName, MemberState, ModeratorAction};
use tessera_core::{AccountType, Day, Pseudonym, SellerId};
use tessera_store::accounts::Account;
use tessera_store::coops::{CoopKey, CoopView, LinkRequest, MemberRow, Membership, NewCoop};
use tessera_store::crypto::{random_token, token_hash};
use tessera_store::StoreError;

use crate::App;

/// A request link lives this many days (like a seller invitation, R2.3).
pub const LINK_DAYS: i64 = 14;

/// Every way a coop use case can fail, one variant per answer the user can tell apart.
#[derive(Debug, thiserror::Error)]
pub enum CoopError {
    /// Buyers have no network (R6.1).
    #[error("only sellers may do this")]
    SellersOnly,
    /// No such coop for this seller: unknown, never hers, left, or not hers to see beyond the
    /// coop itself.
    #[error("no such coop")]
    NotFound,
    /// No seller with this pseudonym (or not in the coop, for a moderator's action).
    #[error("no such seller")]
    NoSeller,
    /// She is in the coop without the role this needs (a member in good standing, or a
    /// moderator).
    #[error("not allowed in this coop")]
    Forbidden,
    /// Already invited or a member, or the state does not allow this move.
    #[error("conflict with the current state")]
    Conflict,
    /// Unknown or expired request link.
    #[error("no open request link with this token")]
    LinkNotFound,
    /// A field out of its range, named.
    #[error("invalid field {0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the creator chooses (API.md `POST /api/coops`).
#[derive(Debug, Clone)]
pub struct CoopInput {
    pub name: String,
    pub kind: String,
    pub scope: Option<String>,
    pub anonymous_alerts: Option<bool>,
    pub min_member_days: Option<i64>,
}

/// A request link as its moderator sees it, once: only its hash is stored.
pub struct CreatedCoopLink {
    pub token: String,
    pub expires_on: Day,
}

impl std::fmt::Debug for CreatedCoopLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CreatedCoopLink(expires_on {})", self.expires_on)
    }
}

/// What a caller's membership lets her do in a coop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    /// Sees the coop (invited, pending).
    Sees,
    /// Reads its resources (suspended).
    Reads,
    /// Acts in it (member).
    Acts,
    /// Moderates it (a moderator who is a member).
    Moderates,
}

pub(crate) fn role(m: Option<&Membership>) -> Option<Role> {
    let m = m?;
    Some(match m.state {
        MemberState::Left => return None,
        MemberState::Invited | MemberState::Pending => Role::Sees,
        MemberState::Suspended => Role::Reads,
        MemberState::Member if m.moderator => Role::Moderates,
        MemberState::Member => Role::Acts,
    })
}

fn require_seller(account: &Account) -> Result<SellerId, CoopError> {
    if account.account_type == AccountType::Seller {
        Ok(account.id.as_seller())
    } else {
        Err(CoopError::SellersOnly)
    }
}

/// The coop as `seller` may see it, checked against the role `need`: 404 below what may
/// see it at all (a member's resources are 404 to an invited seller too), 403 for a reader
/// without the role.
pub(crate) async fn coop_for(
    app: &App,
    seller: SellerId,
    id: &str,
    need: Role,
) -> Result<CoopView, CoopError> {
    let view = app
        .store
        .coop_view(id, seller.into())
        .await?
        .ok_or(CoopError::NotFound)?;
    let have = role(view.me.as_ref()).ok_or(CoopError::NotFound)?;
    if have >= need {
        Ok(view)
    } else if have >= Role::Reads && need > Role::Sees {
        Err(CoopError::Forbidden)
    } else {
        Err(CoopError::NotFound)
    }
}

/// A seller creates a coop and is its first moderator (R6.2).
pub async fn create_coop(
    app: &App,
    account: &Account,
    input: &CoopInput,
) -> Result<CoopView, CoopError> {
    let seller = require_seller(account)?;
    let name = CoopName::parse(&input.name).ok_or(CoopError::Invalid("name"))?;
    let kind = CoopKind::parse(&input.kind).ok_or(CoopError::Invalid("kind"))?;
    let scope = coop::parse_scope(input.scope.as_deref().unwrap_or(""))
        .ok_or(CoopError::Invalid("scope"))?;
    let min_member_days = input
        .min_member_days
        .unwrap_or(coop::DEFAULT_MIN_MEMBER_DAYS);
    if !coop::valid_min_member_days(min_member_days) {
        return Err(CoopError::Invalid("min_member_days"));
    }
    // 80 random bits: an id says nothing of how many coops there are, and cannot be guessed.
    for _ in 0..4 {
        let id = random_token(10);
        let made = app
            .store
            .create_coop(&NewCoop {
                id: &id,
                name: name.as_str(),
                kind,
                scope: scope.as_deref(),
                anonymous_alerts: input.anonymous_alerts.unwrap_or(true),
                min_member_days,
                creator: seller,
                today: app.today(),
            })
            .await;
        match made {
            Ok(_) => return get_coop(app, account, &id).await,
            Err(StoreError::Conflict) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict.into())
}

/// The caller's coops in every state but `left`.
pub async fn my_coops(app: &App, account: &Account) -> Result<Vec<CoopView>, CoopError> {
    let seller = require_seller(account)?;
    Ok(app.store.coops_of(seller.into()).await?)
}

/// One coop, for anyone invited, pending, a member or suspended in it.
pub async fn get_coop(app: &App, account: &Account, id: &str) -> Result<CoopView, CoopError> {
    let seller = require_seller(account)?;
    coop_for(app, seller, id, Role::Sees).await
}

/// Its members (and invited and pending sellers), for members and suspended members.
pub async fn members(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<(CoopView, Vec<MemberRow>), CoopError> {
    let seller = require_seller(account)?;
    let view = coop_for(app, seller, id, Role::Reads).await?;
    let rows = app.store.coop_members(view.coop.key).await?;
    Ok((view, rows))
}

/// The seller account behind a typed pseudonym.
async fn seller_named(app: &App, raw: &str) -> Result<Account, CoopError> {
    let p = Pseudonym::parse(raw).map_err(|_| CoopError::NoSeller)?;
    match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Seller => Ok(a),
        _ => Err(CoopError::NoSeller),
    }
}

/// A member invites a seller by pseudonym (R6.2). `Conflict` when she is already invited,
/// pending, a member or suspended: decided by the store's one statement, so two members
/// inviting her at once make one invitation.
pub async fn invite(
    app: &App,
    account: &Account,
    id: &str,
    pseudonym: &str,
) -> Result<(Account, Membership), CoopError> {
    let seller = require_seller(account)?;
    let view = coop_for(app, seller, id, Role::Acts).await?;
    let invitee = seller_named(app, pseudonym).await?;
    let m = app
        .store
        .invite_to_coop(
            view.coop.key,
            invitee.id.as_seller(),
            view.me.is_some_and(|m| m.moderates()),
            app.today(),
        )
        .await?
        .ok_or(CoopError::Conflict)?;
    Ok((invitee, m))
}

/// A moderator creates a request link (R6.2): a 160-bit token, stored as its hash.
pub async fn create_link(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<CreatedCoopLink, CoopError> {
    let seller = require_seller(account)?;
    let view = coop_for(app, seller, id, Role::Moderates).await?;
    let token = random_token(20);
    let expires_at = app.now() + LINK_DAYS * 86_400;
    app.store
        .create_coop_link(view.coop.key, seller, &token_hash(&token), expires_at)
        .await?;
    Ok(CreatedCoopLink {
        token,
        expires_on: Day::from_unix(expires_at),
    })
}

/// A seller asks to join through a moderator's link: she is `pending` until a moderator
/// approves. `Conflict` when she is invited (she accepts instead), a member or suspended.
pub async fn request_by_link(
    app: &App,
    account: &Account,
    token: &str,
) -> Result<CoopView, CoopError> {
    let seller = require_seller(account)?;
    let token = token.trim().to_ascii_lowercase();
    let hash = token_hash(&token);
    match app
        .store
        .request_coop_by_link(&hash, seller, app.now(), app.today())
        .await?
    {
        LinkRequest::Pending(key) => view_by_key(app, seller, key).await,
        LinkRequest::NoLink => Err(CoopError::LinkNotFound),
        LinkRequest::Already(..) => Err(CoopError::Conflict),
    }
}

async fn view_by_key(app: &App, seller: SellerId, key: CoopKey) -> Result<CoopView, CoopError> {
    // The store finds coops by their opaque id only; the key came from this very request.
    let mine = app.store.coops_of(seller.into()).await?;
    mine.into_iter()
        .find(|v| v.coop.key == key)
        .ok_or(CoopError::NotFound)
}

/// She accepts her invitation (R6.2). 404 without one, 409 when she is a member already.
pub async fn join(app: &App, account: &Account, id: &str) -> Result<CoopView, CoopError> {
    let seller = require_seller(account)?;
    let view = app
        .store
        .coop_view(id, seller.into())
        .await?
        .ok_or(CoopError::NotFound)?;
    let moved = app
        .store
        .coop_transition(
            view.coop.key,
            seller.into(),
            &[MemberState::Invited],
            MemberState::Member,
            false,
            app.today(),
        )
        .await?;
    if moved.is_none() {
        // Read again: a concurrent request may have moved her meanwhile.
        let now = app
            .store
            .coop_membership(view.coop.key, seller.into())
            .await?;
        return Err(match now.map(|m| m.state) {
            Some(MemberState::Member | MemberState::Suspended) => CoopError::Conflict,
            _ => CoopError::NotFound,
        });
    }
    get_coop(app, account, id).await
}

/// She leaves (or declines an invitation, or withdraws a request). What she published stays
/// until it expires (R6.4). The coop as she now sees it: state `left`.
pub async fn leave(app: &App, account: &Account, id: &str) -> Result<CoopView, CoopError> {
    let seller = require_seller(account)?;
    let mut view = coop_for(app, seller, id, Role::Sees).await?;
    let m = app
        .store
        .coop_transition(
            view.coop.key,
            seller.into(),
            &[
                MemberState::Invited,
                MemberState::Pending,
                MemberState::Member,
                MemberState::Suspended,
            ],
            MemberState::Left,
            false,
            app.today(),
        )
        .await?
        .ok_or(CoopError::NotFound)?;
    // If she was the last moderator in good standing, the coop gets another (R6.2).
    app.store.ensure_coop_moderator(Some(view.coop.key)).await?;
    if view.me.is_some_and(|old| old.state.reads()) {
        view.coop.members -= 1;
    }
    view.me = Some(m);
    Ok(view)
}

/// A moderator approves a request, suspends, reinstates, or makes a member a moderator
/// (R6.2). Each is one conditional statement on the other seller's state: `Conflict` when
/// her state does not allow it (so of two moderators approving at once, one does it).
pub async fn moderate(
    app: &App,
    account: &Account,
    id: &str,
    pseudonym: &str,
    action: ModeratorAction,
) -> Result<MemberRow, CoopError> {
    let seller = require_seller(account)?;
    let view = coop_for(app, seller, id, Role::Moderates).await?;
    let key = view.coop.key;
    let target = seller_named(app, pseudonym).await?;
    let current = app.store.coop_membership(key, target.id).await?;
    if role(current.as_ref()).is_none() {
        return Err(CoopError::NoSeller);
    }
    let today = app.today();
    let moved = match action {
        ModeratorAction::Approve => {
            app.store
                .coop_transition(
                    key,
                    target.id,
                    &[MemberState::Pending],
                    MemberState::Member,
                    false,
                    today,
                )
                .await?
        }
        ModeratorAction::Suspend => {
            app.store
                .coop_transition(
                    key,
                    target.id,
                    &[MemberState::Member],
                    MemberState::Suspended,
                    true,
                    today,
                )
                .await?
        }
        ModeratorAction::Reinstate => {
            app.store
                .coop_transition(
                    key,
                    target.id,
                    &[MemberState::Suspended],
                    MemberState::Member,
                    true,
                    today,
                )
                .await?
        }
        ModeratorAction::MakeModerator => app.store.make_coop_moderator(key, target.id).await?,
    };
    let membership = moved.ok_or(CoopError::Conflict)?;
    if action == ModeratorAction::Suspend {
        // A moderator who suspended the last other moderator, or herself (R6.2).
        app.store.ensure_coop_moderator(Some(key)).await?;
    }
    Ok(MemberRow {
        account: target.id,
        pseudonym: target.display_name,
        membership,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(state: MemberState, moderator: bool) -> Membership {
        Membership {
            state,
            moderator,
            since: Day::from_unix(0),
        }
    }

    #[test]
    fn r6_2_roles_follow_the_five_states() {
        assert_eq!(role(None), None);
        assert_eq!(role(Some(&m(MemberState::Left, false))), None);
        assert_eq!(
            role(Some(&m(MemberState::Invited, false))),
            Some(Role::Sees)
        );
        assert_eq!(
            role(Some(&m(MemberState::Pending, false))),
            Some(Role::Sees)
        );
        // A suspended moderator reads, no more.
        assert_eq!(
            role(Some(&m(MemberState::Suspended, true))),
            Some(Role::Reads)
        );
        assert_eq!(role(Some(&m(MemberState::Member, false))), Some(Role::Acts));
        assert_eq!(
            role(Some(&m(MemberState::Member, true))),
            Some(Role::Moderates)
        );
    }
}
