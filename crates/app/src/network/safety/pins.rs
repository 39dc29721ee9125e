//! The check-in PIN and the duress PIN (SPEC R6.6). Both are stored as Argon2id hashes in one
//! pair of columns, in an order drawn at random each time they change; which slot holds which
//! (and whether each is set at all: an unset slot holds the hash of a random secret) is in
//! `roles`, sealed under the account's own context. A copy of the database therefore shows
//! two hashes and cannot tell which is the duress PIN, or whether there is one. Checking a PIN
//! always verifies both slots, in the same order, so the answer takes the same time whichever
//! matched.

use rand::Rng;
use tessera_store::accounts::Account;
use tessera_store::checkins::PinSlots;
use tessera_store::StoreError;

use super::{require_seller, SafetyError};
use crate::accounts::{password, reauthenticate, Reauth};
use crate::App;

/// Which PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Checkin,
    Duress,
}

impl Role {
    fn byte(self) -> u8 {
        match self {
            Role::Checkin => 1,
            Role::Duress => 2,
        }
    }

    fn from_byte(b: u8) -> Option<Role> {
        match b {
            1 => Some(Role::Checkin),
            2 => Some(Role::Duress),
            _ => None,
        }
    }

    fn other(self) -> Role {
        match self {
            Role::Checkin => Role::Duress,
            Role::Duress => Role::Checkin,
        }
    }
}

/// 4 to 8 ASCII digits.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

fn roles_context(account: &Account) -> String {
    format!("checkin-pin-roles/{}", account.id.get())
}

/// The roles of slots a and b; `None` for a slot that holds no PIN.
fn roles(app: &App, account: &Account, p: &PinSlots) -> Result<[Option<Role>; 2], SafetyError> {
    let plain = app
        .store
        .crypto()
        .open(&roles_context(account), &p.roles)
        .map_err(SafetyError::Store)?;
    match plain.as_slice() {
        [a, b] => Ok([Role::from_byte(*a), Role::from_byte(*b)]),
        _ => Err(SafetyError::Store(StoreError::Corrupt(
            "checkin_pins.roles",
        ))),
    }
}

/// What checking a PIN found.
pub(crate) struct Found {
    pub matched: Option<Role>,
    pub checkin_pin_set: bool,
}

/// Verifies `pin` against both slots (or, without PINs, twice against a dummy hash), in a
/// fixed order, whatever matches.
pub(crate) async fn match_pin(
    app: &App,
    account: &Account,
    pins: Option<&PinSlots>,
    pin: &str,
) -> Result<Found, SafetyError> {
    let (a, b, r) = match pins {
        Some(p) => (p.slot_a.clone(), p.slot_b.clone(), roles(app, account, p)?),
        None => (app.dummy_hash.clone(), app.dummy_hash.clone(), [None, None]),
    };
    let in_a = password::verify(pin.to_owned(), a).await?;
    let in_b = password::verify(pin.to_owned(), b).await?;
    let matched = match (in_a, in_b) {
        (true, _) => r[0],
        (_, true) => r[1],
        _ => None,
    };
    Ok(Found {
        matched,
        checkin_pin_set: r.contains(&Some(Role::Checkin)),
    })
}

/// Sets (or with `None` removes) her check-in or duress PIN, behind her password (R2.10). The
/// two must differ. Both slots are written again in a new random order.
pub async fn set_pin(
    app: &App,
    me: &Account,
    password_given: &str,
    role: Role,
    pin: Option<&str>,
) -> Result<(), SafetyError> {
    let seller = require_seller(me)?;
    if pin.is_some_and(|p| !valid_pin(p)) {
        return Err(SafetyError::PinFormat);
    }
    reauthenticate(app, me, Reauth::Password(password_given)).await?;
    // Another change between the read and the write loses the compare-and-set; read again.
    for _ in 0..3 {
        let old = app.store.pins(seller).await?;
        let current = match &old {
            Some(p) => roles(app, me, p)?,
            None => [None, None],
        };
        let hash_of = |r: Role| -> Option<String> {
            let p = old.as_ref()?;
            if current[0] == Some(r) {
                Some(p.slot_a.clone())
            } else if current[1] == Some(r) {
                Some(p.slot_b.clone())
            } else {
                None
            }
        };
        let other = hash_of(role.other());
        let mine = match pin {
            Some(p) => {
                if let Some(h) = other.clone() {
                    if password::verify(p.to_owned(), h).await? {
                        return Err(SafetyError::PinsEqual);
                    }
                }
                Some(password::hash(p.to_owned()).await?)
            }
            None => None,
        };
        let new = if mine.is_none() && other.is_none() {
            None
        } else {
            let mut slots = vec![(mine, role.byte()), (other, role.other().byte())];
            for slot in &mut slots {
                if slot.0.is_none() {
                    // An unset PIN looks like a set one: the hash of a secret nobody knows.
                    let secret = tessera_store::crypto::random_token(20);
                    *slot = (Some(password::hash(secret).await?), 0);
                }
            }
            if rand::rngs::OsRng.gen::<bool>() {
                slots.swap(0, 1);
            }
            let roles = app
                .store
                .crypto()
                .seal(&roles_context(me), &[slots[0].1, slots[1].1]);
            let [(Some(slot_a), _), (Some(slot_b), _)] = [slots[0].clone(), slots[1].clone()]
            else {
                return Err(SafetyError::Store(StoreError::Corrupt("pins")));
            };
            Some(PinSlots {
                slot_a,
                slot_b,
                roles,
            })
        };
        match app.store.set_pins(seller, old.as_ref(), new.as_ref()).await {
            Err(StoreError::Conflict) => continue,
            r => return r.map_err(SafetyError::from),
        }
    }
    Err(SafetyError::Store(StoreError::Conflict))
}
