//! Check-ins (SPEC R6.6): a deadline 15 minutes to 12 hours ahead, an optional note and buyer
//! sealed at once (nobody reads them unless an alarm is raised), "I'm safe" (with the check-in
//! PIN when she set one), +30 minutes up to four times. The duress PIN ends it exactly like
//! "I'm safe" (the same answer, the same database statements) and raises the alarm silently.
//! The watcher in `jobs` raises the alarm of a missed deadline; panic raises one at once.

use tessera_core::{AccountType, Pseudonym};
use tessera_store::accounts::Account;
pub use tessera_store::checkins::{Checkin, EXTENSION_SECS, MAX_EXTENSIONS};
use tessera_store::checkins::{Ending, NewCheckin};
use tessera_store::StoreError;

use super::pins::{match_pin, Role};
use super::{require_seller, SafetyError};
use crate::App;

/// The deadline's range in minutes (R6.6).
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=720;
/// A note's length in characters.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Wrong PINs after which the check-in PIN no longer ends a check-in: whoever is guessing it
/// cannot end her check-in, and the deadline raises the alarm (the duress PIN still works).
pub const MAX_PIN_FAILURES: i64 = 5;

/// What she gives when starting a check-in.
pub struct Start<'a> {
    pub minutes: i64,
    pub note: Option<&'a str>,
    pub buyer: Option<&'a str>,
}

/// Starts her check-in.
pub async fn start(app: &App, me: &Account, s: &Start<'_>) -> Result<Checkin, SafetyError> {
    let seller = require_seller(me)?;
    if !MINUTES.contains(&s.minutes) {
        return Err(SafetyError::Minutes);
    }
    let note = s.note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(SafetyError::NoteTooLong);
    }
    let buyer = match s.buyer.map(str::trim).filter(|b| !b.is_empty()) {
        None => None,
        Some(raw) => {
            let p = Pseudonym::parse(raw).map_err(|_| SafetyError::NoBuyer)?;
            match app.store.account_by_pseudonym(p.canonical()).await? {
                Some(a) if a.account_type == AccountType::Buyer => Some(a.pseudonym),
                _ => return Err(SafetyError::NoBuyer),
            }
        }
    };
    // The store seals both under the day key of their lifetime (R8.2, `notes` in the store).
    app.store
        .create_checkin(&NewCheckin {
            seller,
            due_at: app.now() + s.minutes * 60,
            note,
            buyer: buyer.as_deref(),
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict => SafetyError::CheckinOpen,
            e => e.into(),
        })
}

/// Her open check-in, if any (also after its deadline passed: she can still end it).
pub async fn open(app: &App, me: &Account) -> Result<Option<Checkin>, SafetyError> {
    let seller = require_seller(me)?;
    Ok(app.store.open_checkin(seller).await?)
}

/// +30 minutes, at most four times.
pub async fn extend(app: &App, me: &Account, id: i64) -> Result<Checkin, SafetyError> {
    let seller = require_seller(me)?;
    app.store
        .extend_checkin(seller, id, app.now())
        .await?
        .ok_or(SafetyError::NotFound)
}

/// "I'm safe": ends her check-in and destroys its note. With the duress PIN it ends the same
/// way, answers the same and raises the duress alarm (R6.6). The visible path is the same for
/// both: one read (check-in and PINs together), two Argon2id verifications in a fixed order,
/// one transaction of the same three statements.
pub async fn safe(app: &App, me: &Account, id: i64, pin: Option<&str>) -> Result<(), SafetyError> {
    let seller = require_seller(me)?;
    let (checkin, pins) = app
        .store
        .checkin_with_pins(seller, id)
        .await?
        .ok_or(SafetyError::NotFound)?;
    let pin = pin.map(str::trim).filter(|p| !p.is_empty());
    let found = match_pin(app, me, pins.as_ref(), pin.unwrap_or("")).await?;
    let ending = match found.matched {
        Some(Role::Duress) => Ending::Duress,
        Some(Role::Checkin) if checkin.pin_failures < MAX_PIN_FAILURES => Ending::Safe,
        None if pin.is_none() && !found.checkin_pin_set => Ending::Safe,
        _ => {
            app.store.count_pin_failure(seller, id).await?;
            return Err(SafetyError::PinInvalid);
        }
    };
    if app.store.end_checkin(seller, id, app.now(), ending).await? {
        Ok(())
    } else {
        Err(SafetyError::NotFound)
    }
}

/// Panic (R6.7): an alarm to her buddies at once, with the note of her open check-in.
pub async fn panic(app: &App, me: &Account) -> Result<(), SafetyError> {
    let seller = require_seller(me)?;
    app.store.raise_panic(seller, app.now()).await?;
    Ok(())
}
