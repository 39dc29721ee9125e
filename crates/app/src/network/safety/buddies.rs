//! Buddies and "on watch" (SPEC R6.7): she asks a seller she trusts, who accepts and from then
//! on watches over her; either ends it; at most five pending or active.

use tessera_store::accounts::Account;
pub use tessera_store::buddies::{Buddy, BuddyState, Direction};
use tessera_store::StoreError;

use super::{require_seller, seller_named, SafetyError};
use crate::App;

/// "On watch" reaches at most this far ahead (API.md: 12 hours).
pub const MAX_WATCH_SECS: i64 = 12 * 3600;

/// She asks `pseudonym` to watch over her.
pub async fn ask(app: &App, me: &Account, pseudonym: &str) -> Result<Buddy, SafetyError> {
    let seller = require_seller(me)?;
    let other = seller_named(app, pseudonym).await?;
    if other.id == me.id {
        return Err(SafetyError::Myself);
    }
    match app.store.ask_buddy(seller, other.id.as_seller()).await {
        Ok(()) => Ok(Buddy {
            pseudonym: other.pseudonym,
            direction: Direction::WatchesMe,
            state: BuddyState::Pending,
        }),
        Err(StoreError::Conflict) => Err(SafetyError::AskedAlready),
        Err(e) => Err(e.into()),
    }
}

/// She accepts `pseudonym`'s request: from now on she watches over her.
pub async fn accept(app: &App, me: &Account, pseudonym: &str) -> Result<Buddy, SafetyError> {
    let buddy = require_seller(me)?;
    let asker = seller_named(app, pseudonym)
        .await
        .map_err(|_| SafetyError::NotFound)?;
    if !app.store.accept_buddy(asker.id.as_seller(), buddy).await? {
        return Err(SafetyError::NotFound);
    }
    Ok(Buddy {
        pseudonym: asker.pseudonym,
        direction: Direction::IWatch,
        state: BuddyState::Active,
    })
}

/// Either side ends a relation: `WatchesMe` (she no longer wants `pseudonym` to watch over
/// her) or `IWatch` (she stops watching over `pseudonym`, or declines the request).
pub async fn end(
    app: &App,
    me: &Account,
    pseudonym: &str,
    direction: Direction,
) -> Result<(), SafetyError> {
    let mine = require_seller(me)?;
    let other = seller_named(app, pseudonym)
        .await
        .map_err(|_| SafetyError::NotFound)?
        .id
        .as_seller();
    let (seller, buddy) = match direction {
        Direction::WatchesMe => (mine, other),
        Direction::IWatch => (other, mine),
    };
    if app.store.end_buddy(seller, buddy).await? {
        Ok(())
    } else {
        Err(SafetyError::NotFound)
    }
}

/// Both directions.
pub async fn list(app: &App, me: &Account) -> Result<Vec<Buddy>, SafetyError> {
    let seller = require_seller(me)?;
    Ok(app.store.buddies(seller).await?)
}

/// She is on watch until `until` (Unix time, in the future and at most 12 hours ahead), or no
/// longer (`None`). What is now in force.
pub async fn set_watch(
    app: &App,
    me: &Account,
    until: Option<i64>,
) -> Result<Option<i64>, SafetyError> {
    let seller = require_seller(me)?;
    let now = app.now();
    if let Some(t) = until {
        if t <= now || t > now + MAX_WATCH_SECS {
            return Err(SafetyError::WatchUntil);
        }
    }
    app.store.set_watch(seller, until).await?;
    Ok(until)
}

/// How many of the sellers who watch over her are on watch now, and until when she is.
pub async fn watch(app: &App, me: &Account) -> Result<(i64, Option<i64>), SafetyError> {
    let seller = require_seller(me)?;
    Ok(app.store.watch_state(seller, app.now()).await?)
}
