//! Check-ins (SPEC R6.6): one open check-in per seller with a deadline, a note and a buyer
//! pseudonym, sealed here under the day key of their lifetime ([`crate::network::notes`], R8.2).
//! Ending one deletes it, and its note with it. The watcher claims missed deadlines with one
//! conditional update, so of any number of server processes exactly one raises each alarm
//! (R9.2).
//!
//! The PINs: two Argon2id hashes in random order and the sealed `roles` that tell them apart,
//! so a copy of the database cannot tell which is the duress PIN.

use tessera_core::SellerId;

use crate::db::Cols;
use crate::network::notes::{note_until, BUYER, NOTE};
use crate::{Result, Store, StoreError};

/// Extensions per check-in (R6.6).
pub const MAX_EXTENSIONS: i64 = 4;
/// What one extension adds (R6.6).
pub const EXTENSION_SECS: i64 = 30 * 60;
/// Check-ins the watcher claims in one statement; it claims again while a batch was full.
pub const CLAIM_BATCH: i64 = 5_000;

/// A new check-in; the store seals `note` and `buyer` (the buyer's canonical pseudonym).
pub struct NewCheckin<'a> {
    pub seller: SellerId,
    pub due_at: i64,
    pub note: Option<&'a str>,
    pub buyer: Option<&'a str>,
}

/// An open check-in as its seller sees it. `missed`: the alarm was raised (she is not told).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub id: i64,
    pub due_at: i64,
    pub extensions_left: i64,
    pub missed: bool,
    /// Wrong PINs given so far.
    pub pin_failures: i64,
}

const CHECKIN_COLUMNS: &str = "c.id, c.due_at, c.extensions_left, c.missed, c.pin_failures";
const RETURNING: &str = "RETURNING id, due_at, extensions_left, missed, pin_failures";

fn checkin_from(r: &dyn Cols) -> Result<Checkin> {
    Ok(Checkin {
        id: r.i64(0)?,
        due_at: r.i64(1)?,
        extensions_left: r.i64(2)?,
        missed: r.bool(3)?,
        pin_failures: r.i64(4)?,
    })
}

/// The stored PINs: two hashes and the sealed roles.
#[derive(Clone, PartialEq, Eq)]
pub struct PinSlots {
    pub slot_a: String,
    pub slot_b: String,
    pub roles: Vec<u8>,
}

impl std::fmt::Debug for PinSlots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinSlots(…)")
    }
}

fn pins_from(r: &dyn Cols, at: usize) -> Result<Option<PinSlots>> {
    Ok(
        match (r.opt_text(at)?, r.opt_text(at + 1)?, r.opt_bytes(at + 2)?) {
            (Some(slot_a), Some(slot_b), Some(roles)) => Some(PinSlots {
                slot_a,
                slot_b,
                roles,
            }),
            _ => None,
        },
    )
}

/// How a check-in ends: "I'm safe", or the duress PIN (the same on screen, an alarm to her
/// buddies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Safe,
    Duress,
}

impl Store {
    /// Opens a check-in; `Conflict` when she has one open already.
    pub async fn create_checkin(&self, n: &NewCheckin<'_>) -> Result<Checkin> {
        let until = note_until(n.due_at, MAX_EXTENSIONS);
        let note = self.seal_note(until, NOTE, n.note).await?;
        let buyer = self.seal_note(until, BUYER, n.buyer).await?;
        self.db
            .write()
            .fetch_one(
                &format!(
                    "INSERT INTO checkins (seller_id, due_at, extensions_left, note, buyer) \
                     VALUES ($1, $2, $3, $4, $5) {RETURNING}"
                ),
                &[
                    n.seller.into(),
                    n.due_at.into(),
                    MAX_EXTENSIONS.into(),
                    (&note).into(),
                    (&buyer).into(),
                ],
                checkin_from,
            )
            .await
            .map_err(StoreError::unique_to_conflict)
    }

    /// Her open check-in, if any.
    pub async fn open_checkin(&self, seller: SellerId) -> Result<Option<Checkin>> {
        self.db
            .read()
            .fetch_optional(
                &format!("SELECT {CHECKIN_COLUMNS} FROM checkins c WHERE c.seller_id = $1"),
                &[seller.into()],
                checkin_from,
            )
            .await
    }

    /// Her check-in `id` and her PINs, in one read: what ending it needs.
    pub async fn checkin_with_pins(
        &self,
        seller: SellerId,
        id: i64,
    ) -> Result<Option<(Checkin, Option<PinSlots>)>> {
        self.db
            .write()
            .fetch_optional(
                &format!(
                    "SELECT {CHECKIN_COLUMNS}, p.slot_a, p.slot_b, p.roles FROM checkins c \
                     LEFT JOIN checkin_pins p ON p.account_id = c.seller_id \
                     WHERE c.id = $1 AND c.seller_id = $2"
                ),
                &[id.into(), seller.into()],
                |r| Ok((checkin_from(r)?, pins_from(r, 5)?)),
            )
            .await
    }

    /// Moves the deadline [`EXTENSION_SECS`] later, one conditional update. After a missed
    /// deadline it also watches the new one again (`missed` cleared) and tells her buddies she
    /// checked in late, as "I'm safe" would: she is there. `None` for no such check-in of hers;
    /// `Err(NoExtensionsLeft)` after [`MAX_EXTENSIONS`].
    pub async fn extend_checkin(
        &self,
        seller: SellerId,
        id: i64,
        now: i64,
    ) -> Result<Option<Checkin>> {
        let mut tx = self.db.write().begin().await?;
        let extended = tx
            .fetch_optional(
                &format!(
                    "UPDATE checkins SET due_at = due_at + $3, \
                     extensions_left = extensions_left - 1, missed = FALSE \
                     WHERE id = $1 AND seller_id = $2 AND extensions_left > 0 {RETURNING}"
                ),
                &[id.into(), seller.into(), EXTENSION_SECS.into()],
                checkin_from,
            )
            .await?;
        if extended.is_some() {
            tx.execute(
                "UPDATE alarms SET checked_in_late_at = $3 \
                 WHERE checkin_id = $1 AND seller_id = $2 AND kind = 'missed_checkin' \
                 AND checked_in_late_at IS NULL",
                &[id.into(), seller.into(), now.into()],
            )
            .await?;
            tx.commit().await?;
            return Ok(extended);
        }
        let exists = tx
            .fetch_optional(
                "SELECT id FROM checkins WHERE id = $1 AND seller_id = $2",
                &[id.into(), seller.into()],
                |r| r.i64(0),
            )
            .await?;
        match exists {
            Some(_) => Err(StoreError::NoExtensionsLeft),
            None => Ok(None),
        }
    }

    /// Ends her check-in `id` and destroys its note (R6.6). The same statements run for both
    /// endings, so the duress path takes the same database round trips as "I'm safe": the
    /// delete (which also waits for a watcher's claim in progress), an insert that raises the
    /// duress alarm with the note only for [`Ending::Duress`], and an update that marks a
    /// missed-check-in alarm "checked in late" only for [`Ending::Safe`] (after duress her
    /// buddies must not read that she is fine), then the WAL truncated for both: the deleted
    /// note's ciphertext must not stay readable in an old WAL frame while its day key lives
    /// (R6.6, R8.2). `false` when there was no such check-in.
    pub async fn end_checkin(
        &self,
        seller: SellerId,
        id: i64,
        now: i64,
        ending: Ending,
    ) -> Result<bool> {
        let duress = ending == Ending::Duress;
        let mut tx = self.db.write().begin().await?;
        let ended = tx
            .fetch_optional(
                "DELETE FROM checkins WHERE id = $1 AND seller_id = $2 RETURNING note, buyer",
                &[id.into(), seller.into()],
                |r| Ok((r.opt_bytes(0)?, r.opt_bytes(1)?)),
            )
            .await?;
        let Some((note, buyer)) = ended else {
            return Ok(false);
        };
        tx.execute(
            "INSERT INTO alarms (seller_id, kind, checkin_id, note, buyer, raised_at) \
             SELECT $1, 'duress', $2, $3, $4, $5 WHERE $6 = TRUE",
            &[
                seller.into(),
                id.into(),
                (&note).into(),
                (&buyer).into(),
                now.into(),
                duress.into(),
            ],
        )
        .await?;
        tx.execute(
            "UPDATE alarms SET checked_in_late_at = $3 \
             WHERE checkin_id = $1 AND seller_id = $2 AND kind = 'missed_checkin' \
             AND checked_in_late_at IS NULL AND $4 = FALSE",
            &[id.into(), seller.into(), now.into(), duress.into()],
        )
        .await?;
        tx.commit().await?;
        self.wipe_wal().await;
        Ok(true)
    }

    /// The watcher (R6.6): claims every open check-in whose deadline is at or before `now`
    /// and raises its `missed_checkin` alarm with its sealed note, in one transaction. The
    /// claim is one conditional update (`NOT missed`), so two processes never claim one
    /// check-in twice; a crash before the commit leaves it for the next round. The number of
    /// alarms raised.
    pub async fn claim_missed_checkins(&self, now: i64) -> Result<u64> {
        let mut total = 0;
        loop {
            let claim = i64::from_le_bytes(
                crate::crypto::random_bytes(8)
                    .try_into()
                    .unwrap_or([1, 0, 0, 0, 0, 0, 0, 0]),
            );
            let mut tx = self.db.write().begin().await?;
            let claimed = tx
                .execute(
                    "UPDATE checkins SET missed = TRUE, claim = $1 \
                     WHERE NOT missed AND due_at <= $2 AND id IN \
                     (SELECT id FROM checkins WHERE NOT missed AND due_at <= $2 \
                      ORDER BY due_at LIMIT $3)",
                    &[claim.into(), now.into(), CLAIM_BATCH.into()],
                )
                .await?;
            if claimed > 0 {
                tx.execute(
                    "INSERT INTO alarms (seller_id, kind, checkin_id, note, buyer, raised_at) \
                     SELECT seller_id, 'missed_checkin', id, note, buyer, $2 FROM checkins \
                     WHERE claim = $1",
                    &[claim.into(), now.into()],
                )
                .await?;
            }
            tx.commit().await?;
            total += claimed;
            if claimed < CLAIM_BATCH as u64 {
                return Ok(total);
            }
        }
    }

    /// Counts a wrong PIN given for her check-in `id` (on the failure path only).
    pub async fn count_pin_failure(&self, seller: SellerId, id: i64) -> Result<()> {
        self.db
            .write()
            .execute(
                "UPDATE checkins SET pin_failures = pin_failures + 1 \
                 WHERE id = $1 AND seller_id = $2",
                &[id.into(), seller.into()],
            )
            .await?;
        Ok(())
    }

    /// Her PINs, if she set any.
    pub async fn pins(&self, seller: SellerId) -> Result<Option<PinSlots>> {
        Ok(self
            .db
            .write()
            .fetch_optional(
                "SELECT slot_a, slot_b, roles FROM checkin_pins WHERE account_id = $1",
                &[seller.into()],
                |r| pins_from(r, 0),
            )
            .await?
            .flatten())
    }

    /// Replaces her PINs, if they are still `old` (compare and set on the sealed roles, whose
    /// random nonce makes every stored value unique): `Conflict` when another change came
    /// first. `new: None` removes them.
    pub async fn set_pins(
        &self,
        seller: SellerId,
        old: Option<&PinSlots>,
        new: Option<&PinSlots>,
    ) -> Result<()> {
        let db = self.db.write();
        let n = match (old, new) {
            (None, None) => return Ok(()),
            (None, Some(p)) => {
                db.execute(
                    "INSERT INTO checkin_pins (account_id, slot_a, slot_b, roles) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[
                        seller.into(),
                        (&p.slot_a).into(),
                        (&p.slot_b).into(),
                        (&p.roles).into(),
                    ],
                )
                .await?
            }
            (Some(o), Some(p)) => {
                db.execute(
                    "UPDATE checkin_pins SET slot_a = $2, slot_b = $3, roles = $4 \
                     WHERE account_id = $1 AND roles = $5",
                    &[
                        seller.into(),
                        (&p.slot_a).into(),
                        (&p.slot_b).into(),
                        (&p.roles).into(),
                        (&o.roles).into(),
                    ],
                )
                .await?
            }
            (Some(o), None) => {
                db.execute(
                    "DELETE FROM checkin_pins WHERE account_id = $1 AND roles = $2",
                    &[seller.into(), (&o.roles).into()],
                )
                .await?
            }
        };
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict)
        }
    }
}
