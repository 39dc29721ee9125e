//! Safety alerts and their disputes (SPEC R6.4, R6.5; API.md "Safety alerts"): post one to a
//! coop or to the whole collective, see the live ones (also on a lookup), dispute one, and the
//! moderators' queue and decisions.
//!
//! Who sees what, in one place:
//! - an alert of a coop is seen by its members and suspended members; a collective alert by
//!   every seller; nothing expired or withdrawn is listed;
//! - the poster of an anonymous alert is "a member" to everyone but herself and those who
//!   moderate it: its coop's moderators, and the Dispute Resolution Committee for collective
//!   alerts and alerts escalated to it (R6.4);
//! - a dispute never hides an alert; only a moderator's "withdraw" does (R6.5);
//! - nobody who posted or disputed an alert may decide it (`Recused`).

use tessera_core::alert::{self, AlertAction, AlertFlags, AlertState, DisputeReason};
use tessera_core::committee::Committee;
use tessera_core::contact::contact_details;
use tessera_core::coop::MemberState;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::{AccountType, BuyerId, Pseudonym, SellerId};
use tessera_store::accounts::Account;
use tessera_store::alerts::{AlertRow, DisputeRow, NewAlert, OutcomeRow, Queue};
use tessera_store::crypto::random_token;
use tessera_store::ratings::BuyerRecord;
use tessera_store::StoreError;

use super::coops::{coop_for, Role};
use crate::App;

/// How long a decision stays on the dashboards of the poster and the disputers (R6.5).
pub const OUTCOME_DAYS: i64 = 30;

/// Every way an alert use case can fail, one variant per answer the user can tell apart.
#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    /// Buyers have no network (R6.1).
    #[error("only sellers may do this")]
    SellersOnly,
    /// No such alert (or coop) for this seller: unknown, expired, withdrawn, or in a coop she
    /// is not in.
    #[error("no such alert")]
    NotFound,
    #[error("no such coop")]
    NoCoop,
    /// The named buyer does not exist (R6.4: exact pseudonym).
    #[error("no such buyer")]
    NoBuyer,
    /// A field out of its range, named.
    #[error("invalid field {0}")]
    Invalid(&'static str),
    /// `anonymous` in a coop that does not allow anonymous alerts (R6.4).
    #[error("this coop does not allow anonymous alerts")]
    AnonymousNotAllowed,
    /// Before `min_member_days` of membership, or while suspended (R6.2, R6.5).
    #[error("not allowed to post alerts yet")]
    NotAllowedYet,
    /// The text looks like contact details and the poster has not confirmed (R6.4).
    #[error("the text looks like contact details")]
    ContactDetails,
    /// In the coop (or able to see the alert) without the role this needs.
    #[error("not allowed")]
    Forbidden,
    /// She posted or disputed this alert: she may not decide it (R6.5).
    #[error("recused")]
    Recused,
    /// Disputed by her already, or the alert moved (decided, withdrawn, escalated) meanwhile.
    #[error("conflict with the current state")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a seller asks to post (API.md `POST /api/alerts`).
#[derive(Debug, Clone, Default)]
pub struct AlertInput {
    /// The coop's opaque id; `None` for the whole collective.
    pub coop: Option<String>,
    pub flags: Vec<String>,
    pub buyer: Option<String>,
    pub text: Option<String>,
    pub days: Option<i64>,
    pub anonymous: Option<bool>,
    /// She saw the contact-details warning and posts as it is (R6.4).
    pub confirm_contact_details: bool,
}

/// An alert as one seller sees it.
#[derive(Debug, Clone)]
pub struct AlertView {
    pub row: AlertRow,
    /// The poster's pseudonym when she may see it; `None`: "a member".
    pub posted_by: Option<String>,
    /// She may decide it (she moderates it and is not a party).
    pub may_moderate: bool,
    /// She may dispute it (she sees it, is not suspended there, and has not yet).
    pub may_dispute: bool,
}

/// A queue entry: the alert and its disputes.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub alert: AlertView,
    pub disputes: Vec<DisputeRow>,
}

fn require_seller(account: &Account) -> Result<SellerId, AlertError> {
    if account.account_type == AccountType::Seller {
        Ok(account.id.as_seller())
    } else {
        Err(AlertError::SellersOnly)
    }
}

/// Per request: whether the viewer sits on the Dispute Resolution Committee, read once and
/// only when an answer depends on it.
struct Viewer<'a> {
    account: &'a Account,
    committee: Option<bool>,
}

impl<'a> Viewer<'a> {
    fn new(account: &'a Account) -> Self {
        Viewer {
            account,
            committee: None,
        }
    }

    async fn on_committee(&mut self, app: &App) -> Result<bool, StoreError> {
        if let Some(c) = self.committee {
            return Ok(c);
        }
        let c = app
            .store
            .is_committee_member(self.account.id, Committee::Disputes)
            .await?;
        self.committee = Some(c);
        Ok(c)
    }

    /// Whether she moderates the alert: its coop's moderator in good standing, or (for a
    /// collective alert, or one escalated to it) on the Dispute Resolution Committee.
    async fn moderates(&mut self, app: &App, row: &AlertRow) -> Result<bool, StoreError> {
        self.committee.get_or_insert(row.viewer_on_committee);
        if row.coop.is_some() && row.viewer.is_some_and(|m| m.moderates()) {
            return Ok(true);
        }
        if row.coop.is_none() || row.escalated {
            return self.on_committee(app).await;
        }
        Ok(false)
    }

    /// Whether she sees the alert at all (live or not): its coop's member or suspended member,
    /// any seller for a collective alert, the committee for an escalated one.
    async fn sees(&mut self, app: &App, row: &AlertRow) -> Result<bool, StoreError> {
        self.committee.get_or_insert(row.viewer_on_committee);
        if row.coop.is_none() || row.viewer.is_some_and(|m| m.state.reads()) {
            return Ok(true);
        }
        if row.escalated {
            return self.on_committee(app).await;
        }
        Ok(false)
    }

    async fn view(&mut self, app: &App, row: AlertRow) -> Result<AlertView, StoreError> {
        let mine = row.poster == self.account.id;
        let moderates = self.moderates(app, &row).await?;
        let posted_by = (!row.anonymous || mine || moderates).then(|| row.poster_name.clone());
        let suspended = row
            .viewer
            .is_some_and(|m| m.state == MemberState::Suspended);
        let live = row.state == AlertState::Live;
        // Nobody who filed or is named in a dispute decides it (R6.5): not offered, as refused.
        let recused =
            mine || (moderates && live && app.store.disputed_by(row.key, self.account.id).await?);
        Ok(AlertView {
            may_moderate: moderates && !recused && live,
            may_dispute: live && !mine && !suspended,
            posted_by,
            row,
        })
    }

    async fn views(
        &mut self,
        app: &App,
        rows: Vec<AlertRow>,
    ) -> Result<Vec<AlertView>, StoreError> {
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(self.view(app, r).await?);
        }
        Ok(out)
    }
}

/// The buyer account behind a typed pseudonym (R6.4: exact, must exist).
async fn buyer_named(app: &App, raw: &str) -> Result<BuyerId, AlertError> {
    let p = Pseudonym::parse(raw).map_err(|_| AlertError::NoBuyer)?;
    match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Buyer => Ok(a.id.as_buyer()),
        _ => Err(AlertError::NoBuyer),
    }
}

/// A seller posts an alert (R6.4). Checked in this order: the fields, where it goes (and
/// whether she may post there), the buyer, then the contact-details check, which she may
/// override with `confirm_contact_details`.
pub async fn post(
    app: &App,
    account: &Account,
    input: &AlertInput,
) -> Result<AlertView, AlertError> {
    let seller = require_seller(account)?;
    let flags = AlertFlags::parse(&input.flags).ok_or(AlertError::Invalid("flags"))?;
    let text = alert::parse_text(input.text.as_deref().unwrap_or(""))
        .ok_or(AlertError::Invalid("text"))?;
    let days = input.days.unwrap_or(alert::DEFAULT_DAYS);
    if !alert::valid_days(days) {
        return Err(AlertError::Invalid("days"));
    }
    let anonymous = input.anonymous.unwrap_or(false);
    let today = app.today();
    let coop = match input.coop.as_deref() {
        None => {
            if app.store.collective_poster_banned(account.id).await? {
                return Err(AlertError::NotAllowedYet);
            }
            None
        }
        Some(id) => {
            let view = coop_for(app, seller, id, Role::Reads)
                .await
                .map_err(|e| match e {
                    super::coops::CoopError::Store(s) => AlertError::Store(s),
                    _ => AlertError::NoCoop,
                })?;
            let me = view.me.ok_or(AlertError::NoCoop)?;
            if !me.may_post(today, view.coop.min_member_days) {
                return Err(AlertError::NotAllowedYet);
            }
            if anonymous && !view.coop.anonymous_alerts {
                return Err(AlertError::AnonymousNotAllowed);
            }
            Some(view.coop.key)
        }
    };
    let buyer = match input
        .buyer
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(raw) => Some(buyer_named(app, raw).await?),
        None => None,
    };
    if !input.confirm_contact_details && text.as_deref().and_then(contact_details).is_some() {
        return Err(AlertError::ContactDetails);
    }
    let id = random_token(10);
    app.store
        .create_alert(&NewAlert {
            id: &id,
            coop,
            poster: seller,
            flags: &flags,
            buyer,
            text: text.as_deref(),
            anonymous,
            posted_on: today,
            expires_on: today.plus_days(days),
        })
        .await?;
    one(app, account, &id).await
}

/// One alert she can see (live or withdrawn, not expired).
pub async fn one(app: &App, account: &Account, id: &str) -> Result<AlertView, AlertError> {
    require_seller(account)?;
    let row = app
        .store
        .alert(id, account.id, app.now())
        .await?
        .ok_or(AlertError::NotFound)?;
    let mut v = Viewer::new(account);
    if !v.sees(app, &row).await? {
        return Err(AlertError::NotFound);
    }
    Ok(v.view(app, row).await?)
}

/// The live alerts she can see, newest first; only those naming `buyer` if given. An unknown
/// buyer names no alert.
pub async fn list(
    app: &App,
    account: &Account,
    buyer: Option<&str>,
) -> Result<Vec<AlertView>, AlertError> {
    require_seller(account)?;
    let buyer = match buyer.map(str::trim).filter(|b| !b.is_empty()) {
        None => None,
        Some(raw) => match buyer_named(app, raw).await {
            Ok(b) => Some(b),
            Err(AlertError::NoBuyer) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        },
    };
    let rows = app
        .store
        .visible_alerts(account.id, buyer, app.now())
        .await?;
    Ok(Viewer::new(account).views(app, rows).await?)
}

/// The live alerts naming a looked-up buyer that she can see (R6.4). Read only when the
/// lookup's one probe said he has live alerts, so most lookups pay nothing for them.
pub async fn for_lookup(
    app: &App,
    account: &Account,
    buyer: &BuyerRecord,
) -> Result<Vec<AlertView>, StoreError> {
    let now = app.now();
    if buyer.alerts_until.is_none_or(|until| until <= now) {
        return Ok(Vec::new());
    }
    let rows = app
        .store
        .visible_alerts(account.id, Some(buyer.id), now)
        .await?;
    Viewer::new(account).views(app, rows).await
}

/// A member disputes an alert (R6.5): it shows "disputed", stays live, and enters its queue.
pub async fn dispute(
    app: &App,
    account: &Account,
    id: &str,
    reason: &str,
    context: Option<&str>,
) -> Result<AlertView, AlertError> {
    let seller = require_seller(account)?;
    let reason = DisputeReason::parse(reason).ok_or(AlertError::Invalid("reason"))?;
    let context =
        alert::parse_context(context.unwrap_or("")).ok_or(AlertError::Invalid("context"))?;
    let view = one(app, account, id).await?;
    if view.row.state != AlertState::Live {
        return Err(AlertError::NotFound);
    }
    if view
        .row
        .viewer
        .is_some_and(|m| m.state == MemberState::Suspended)
    {
        return Err(AlertError::Forbidden);
    }
    let filed = app
        .store
        .dispute_alert(
            view.row.key,
            seller,
            reason,
            context.as_deref(),
            app.today(),
            view.row.expires_on,
        )
        .await?;
    if !filed {
        return Err(AlertError::Conflict);
    }
    one(app, account, id).await
}

async fn queue_items(
    app: &App,
    account: &Account,
    queue: Queue,
) -> Result<Vec<QueueItem>, AlertError> {
    let rows = app.store.alert_queue(queue, account.id, app.now()).await?;
    let mut v = Viewer::new(account);
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let disputes = app.store.alert_disputes(row.key).await?;
        out.push(QueueItem {
            alert: v.view(app, row).await?,
            disputes,
        });
    }
    Ok(out)
}

/// A coop's moderators' queue (R6.5): its disputed alerts not decided since.
pub async fn coop_queue(
    app: &App,
    account: &Account,
    coop: &str,
) -> Result<Vec<QueueItem>, AlertError> {
    let seller = require_seller(account)?;
    let view = coop_for(app, seller, coop, Role::Moderates)
        .await
        .map_err(|e| match e {
            super::coops::CoopError::Forbidden => AlertError::Forbidden,
            super::coops::CoopError::Store(s) => AlertError::Store(s),
            _ => AlertError::NoCoop,
        })?;
    queue_items(app, account, Queue::Coop(view.coop.key)).await
}

/// Whether she sits on the Dispute Resolution Committee (which moderates collective alerts).
pub async fn on_committee(app: &App, account: &Account) -> Result<bool, AlertError> {
    require_seller(account)?;
    Ok(Viewer::new(account).on_committee(app).await?)
}

/// The Dispute Resolution Committee's queue: disputed collective alerts and alerts escalated
/// to it (R6.5, R7.8).
pub async fn committee_queue(app: &App, account: &Account) -> Result<Vec<QueueItem>, AlertError> {
    require_seller(account)?;
    if !Viewer::new(account).on_committee(app).await? {
        return Err(AlertError::Forbidden);
    }
    queue_items(app, account, Queue::Committee).await
}

/// The alert if she may decide it: she sees it, is not a party (poster or disputer: recused),
/// and moderates it.
async fn decidable<'a>(
    app: &App,
    account: &'a Account,
    id: &str,
) -> Result<(AlertRow, Viewer<'a>), AlertError> {
    require_seller(account)?;
    let row = app
        .store
        .alert(id, account.id, app.now())
        .await?
        .ok_or(AlertError::NotFound)?;
    let mut v = Viewer::new(account);
    if !v.sees(app, &row).await? {
        return Err(AlertError::NotFound);
    }
    if row.poster == account.id || app.store.disputed_by(row.key, account.id).await? {
        return Err(AlertError::Recused);
    }
    if !v.moderates(app, &row).await? {
        return Err(AlertError::Forbidden);
    }
    Ok((row, v))
}

/// A moderator takes an alert to the Dispute Resolution Committee as a case (R6.5, R7.8): as
/// for a decision, she moderates it and is no party; a coop's alert is escalated on the way
/// (collective and escalated alerts are the committee's already). The alert as it was read.
pub async fn escalate_to_case(
    app: &App,
    account: &Account,
    id: &str,
) -> Result<AlertRow, AlertError> {
    let (row, _) = decidable(app, account, id).await?;
    if row.coop.is_some() && !row.escalated {
        moderate(app, account, id, AlertAction::Escalate).await?;
    }
    Ok(row)
}

/// A moderator decides (R6.5): uphold, withdraw, suspend the poster from posting (in the coop;
/// for a collective alert, from collective alerts), or escalate to the Dispute Resolution
/// Committee. The poster and the disputers are recused.
pub async fn moderate(
    app: &App,
    account: &Account,
    id: &str,
    action: AlertAction,
) -> Result<AlertView, AlertError> {
    let (row, mut v) = decidable(app, account, id).await?;
    let now = app.now();
    // The committee does not escalate to itself.
    if action == AlertAction::Escalate && (row.coop.is_none() || row.escalated) {
        return Err(AlertError::Conflict);
    }
    if !app
        .store
        .decide_alert(row.key, action.outcome(), now)
        .await?
    {
        return Err(AlertError::Conflict);
    }
    // The members' audit log (R7.10): who decided, in which role; not which alert or why.
    let role = if row.coop.is_some() && !row.escalated {
        AuditRole::Moderator
    } else {
        AuditRole::Disputes
    };
    crate::governance::audit::record(
        &app.store,
        now,
        Some(account.id),
        role,
        AuditAction::AlertModerated,
        ObjectKind::Alert,
    )
    .await?;
    if action == AlertAction::SuspendPoster {
        match row.coop {
            Some((_, key)) => {
                // Suspended in the coop: she reads, she does not post (R6.2). Already
                // suspended or gone: nothing more to do.
                app.store
                    .coop_transition(
                        key,
                        row.poster,
                        &[MemberState::Member],
                        MemberState::Suspended,
                        true,
                        app.today(),
                    )
                    .await?;
                app.store.ensure_coop_moderator(Some(key)).await?;
            }
            None => {
                app.store
                    .ban_collective_poster(row.poster, app.today())
                    .await?;
            }
        }
    }
    let row = app
        .store
        .alert(id, account.id, now)
        .await?
        .ok_or(AlertError::NotFound)?;
    Ok(v.view(app, row).await?)
}

/// The decisions of the last [`OUTCOME_DAYS`] on alerts she posted or disputed (R6.5).
pub async fn outcomes(app: &App, account: &Account) -> Result<Vec<OutcomeRow>, AlertError> {
    require_seller(account)?;
    let now = app.now();
    Ok(app
        .store
        .alert_outcomes_for(account.id, now - OUTCOME_DAYS * 86_400, now)
        .await?)
}

/// How many alerts wait in the queues she moderates (her coops' and, on the committee, the
/// committee's): the dashboard's "pending disputes" (R4.7).
pub async fn pending_disputes(app: &App, account: &Account) -> Result<i64, AlertError> {
    require_seller(account)?;
    let now = app.now();
    let mut n = 0;
    for c in app.store.coops_of(account.id).await? {
        if c.me.is_some_and(|m| m.moderates()) {
            n += app
                .store
                .alert_queue_len(Queue::Coop(c.coop.key), now)
                .await?;
        }
    }
    if Viewer::new(account).on_committee(app).await? {
        n += app.store.alert_queue_len(Queue::Committee, now).await?;
    }
    Ok(n)
}
