//! Messages (SPEC R6.1, R6.3; issue 12 §2): direct threads (visible to both at once), group
//! threads (each invited member accepts first) and coop threads (every member and suspended
//! member sees them; suspended members do not post). Every message
//! has an expiry fixed when it is sent: its own, else the thread's, else the author's default
//! (R2.12), 1 to 90 days; nothing expired is ever served. Sellers only (R6.1).

use tessera_core::coop::MemberState;
use tessera_core::{AccountId, AccountType, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::network::messages::{MessageRow, NewThread, ThreadRow};
use tessera_store::StoreError;

use crate::App;

/// R6.3: expiries are 1 to 90 days.
pub const EXPIRY_DAYS: std::ops::RangeInclusive<i64> = 1..=90;
pub const MAX_BODY: usize = 4000;
pub const MAX_TITLE: usize = 100;
pub const MAX_GROUP: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum MessagesError {
    /// Buyers have no messaging of any kind (R6.1).
    #[error("sellers only")]
    SellersOnly,
    /// A value out of its range; the field it came from.
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// No such thread for this seller (or no such seller to write to): as if it did not exist.
    #[error("not found")]
    NotFound,
    /// An invited member who has not accepted yet.
    #[error("not accepted yet")]
    NotAccepted,
    /// A suspended member of the coop: she reads its threads but does not post (R6.2).
    #[error("suspended")]
    Suspended,
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct ThreadInput {
    pub kind: String,
    pub members: Vec<String>,
    pub coop: Option<String>,
    pub title: Option<String>,
    pub expiry_days: Option<i64>,
}

fn require_seller(a: &Account) -> Result<(), MessagesError> {
    if a.account_type == AccountType::Seller {
        Ok(())
    } else {
        Err(MessagesError::SellersOnly)
    }
}

fn check_expiry(days: Option<i64>) -> Result<(), MessagesError> {
    match days {
        Some(d) if !EXPIRY_DAYS.contains(&d) => Err(MessagesError::Invalid("expiry_days")),
        _ => Ok(()),
    }
}

/// The seller a pseudonym names (not deleted, not a buyer), or `NotFound`.
async fn seller(app: &App, raw: &str) -> Result<AccountId, MessagesError> {
    let p = Pseudonym::parse(raw).map_err(|_| MessagesError::NotFound)?;
    match app.store.account_by_pseudonym(p.canonical()).await? {
        Some(a) if a.account_type == AccountType::Seller => Ok(a.id),
        _ => Err(MessagesError::NotFound),
    }
}

/// Starts a thread (R6.3).
pub async fn create_thread(
    app: &App,
    me: &Account,
    input: ThreadInput,
) -> Result<ThreadRow, MessagesError> {
    require_seller(me)?;
    check_expiry(input.expiry_days)?;
    let title = input
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if title.is_some_and(|t| t.chars().count() > MAX_TITLE) {
        return Err(MessagesError::Invalid("title"));
    }
    let wanted = match input.kind.as_str() {
        "direct" => 1..=1,
        "group" => 1..=MAX_GROUP,
        "coop" => {
            return create_coop_thread(app, me, input.coop.as_deref(), title, input.expiry_days)
                .await
        }
        _ => return Err(MessagesError::Invalid("kind")),
    };
    if !wanted.contains(&input.members.len()) {
        return Err(MessagesError::Invalid("members"));
    }
    let mut others = Vec::with_capacity(input.members.len());
    for m in &input.members {
        let id = seller(app, m).await?;
        if id == me.id {
            return Err(MessagesError::Invalid("members"));
        }
        if !others.contains(&id) {
            others.push(id);
        }
    }
    let now = app.now();
    let id = app
        .store
        .create_thread(&NewThread {
            kind: &input.kind,
            title,
            coop_id: None,
            expiry_days: input.expiry_days,
            creator: me.id,
            others: &others,
            now,
        })
        .await?;
    app.store
        .thread_for(me.id, &id, now)
        .await?
        .ok_or(MessagesError::NotFound)
}

/// Her state in a coop: `NotFound` unless she is a member or suspended member (R6.2: a coop's
/// resources do not exist for anyone else).
async fn coop_state(app: &App, me: &Account, coop: &str) -> Result<MemberState, MessagesError> {
    let view = app.store.coop_view(coop, me.id).await?;
    match view.and_then(|v| v.me).map(|m| m.state) {
        Some(s) if s.reads() => Ok(s),
        _ => Err(MessagesError::NotFound),
    }
}

/// A coop discussion thread (R6.3): any member (not a suspended one) starts it; all its members
/// and suspended members see it without accepting.
async fn create_coop_thread(
    app: &App,
    me: &Account,
    coop: Option<&str>,
    title: Option<&str>,
    expiry_days: Option<i64>,
) -> Result<ThreadRow, MessagesError> {
    let coop = coop.ok_or(MessagesError::Invalid("coop"))?;
    if coop_state(app, me, coop).await? != MemberState::Member {
        return Err(MessagesError::Suspended);
    }
    let now = app.now();
    let id = app
        .store
        .create_thread(&NewThread {
            kind: "coop",
            title,
            coop_id: Some(coop),
            expiry_days,
            creator: me.id,
            others: &[],
            now,
        })
        .await?;
    app.store
        .thread_for(me.id, &id, now)
        .await?
        .ok_or(MessagesError::NotFound)
}

pub async fn threads(app: &App, me: &Account) -> Result<Vec<ThreadRow>, MessagesError> {
    require_seller(me)?;
    Ok(app.store.threads_of(me.id, app.now()).await?)
}

/// The thread, for a member; `NotFound` for anyone else.
pub async fn thread(app: &App, me: &Account, id: &str) -> Result<ThreadRow, MessagesError> {
    require_seller(me)?;
    app.store
        .thread_for(me.id, id, app.now())
        .await?
        .ok_or(MessagesError::NotFound)
}

/// An invited member joins a group thread and from then on sees every message not expired.
pub async fn accept(app: &App, me: &Account, id: &str) -> Result<ThreadRow, MessagesError> {
    let t = thread(app, me, id).await?;
    if t.state == "invited" {
        app.store.accept_thread(me.id, id).await?;
    }
    thread(app, me, id).await
}

/// A thread she may read in: a member who has accepted.
async fn active(app: &App, me: &Account, id: &str) -> Result<ThreadRow, MessagesError> {
    let t = thread(app, me, id).await?;
    if t.state == "active" {
        Ok(t)
    } else {
        Err(MessagesError::NotAccepted)
    }
}

/// A thread she may write in: active, and in a coop thread not suspended (R6.2).
async fn writable(app: &App, me: &Account, id: &str) -> Result<ThreadRow, MessagesError> {
    let t = active(app, me, id).await?;
    if let Some(coop) = t.coop_id.as_deref() {
        if coop_state(app, me, coop).await? != MemberState::Member {
            return Err(MessagesError::Suspended);
        }
    }
    Ok(t)
}

pub struct Sent {
    pub id: String,
    pub sent_at: i64,
    pub expires_at: i64,
}

/// Sends a message; its expiry is its own, else the thread's, else her default (R6.3).
pub async fn send(
    app: &App,
    me: &Account,
    thread_id: &str,
    body: &str,
    expiry_days: Option<i64>,
) -> Result<Sent, MessagesError> {
    check_expiry(expiry_days)?;
    let t = writable(app, me, thread_id).await?;
    if body.trim().is_empty() || body.chars().count() > MAX_BODY {
        return Err(MessagesError::Invalid("body"));
    }
    let days = expiry_days
        .or(t.expiry_days)
        .unwrap_or(me.settings.message_expiry_days);
    let sent_at = app.now();
    let expires_at = sent_at + days * 86_400;
    let id = app
        .store
        .post_message(thread_id, me.id, body, sent_at, expires_at)
        .await?;
    Ok(Sent {
        id,
        sent_at,
        expires_at,
    })
}

/// The thread's messages not yet expired, oldest first; reading marks them read.
pub async fn read(
    app: &App,
    me: &Account,
    thread_id: &str,
) -> Result<Vec<MessageRow>, MessagesError> {
    active(app, me, thread_id).await?;
    Ok(app.store.read_messages(thread_id, me.id, app.now()).await?)
}

/// Unread messages in all her threads, for the dashboard.
pub async fn unread(app: &App, me: &Account) -> Result<i64, MessagesError> {
    Ok(threads(app, me).await?.iter().map(|t| t.unread).sum())
}
