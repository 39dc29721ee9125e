//! The sealed note and buyer of a check-in, and of the alarms that carry them (SPEC R6.6, R8.2,
//! R8.3; issue 12 §3): encrypted under the day key ([`crate::day_keys`]) of the last day an
//! alarm carrying them can still be seen, so that they are readable exactly that long (to the
//! day: there is one key per day) and, once the purge has shredded that day's key, never again,
//! from any copy of the database.
//!
//! How long that is:
//! - a check-in's note is sealed when it starts, until its latest possible deadline (the
//!   deadline plus the 4 × 30 minutes she may still extend it, R6.6) plus the
//!   [`CLOSED_RETENTION_SECS`] a closed alarm is kept (R8.3): every alarm that copies it (panic
//!   and duress while the check-in is open, the missed deadline at the latest deadline) can
//!   then be closed at once and still be seen, with its note, for those seven days;
//! - closing an alarm seals its copy again, until the moment the purge deletes the alarm
//!   (closed + 7 days), whether that is earlier or later than before;
//! - an alarm nobody has closed is seen for as long as it stays open (a missing member's buddies
//!   need the note most then): the purge, before it shreds a day's key, seals the notes of open
//!   alarms that the key still protects again, until seven days after that purge;
//! - "I'm safe" deletes the check-in and its note at once (R6.6); a check-in missed and never
//!   ended is deleted by the purge when its note's key goes (it is finished: its alarm, which
//!   keeps its own copy, was raised long before).
//!
//! Nothing older needs wrapping: before this, notes were sealed under the field key, but
//! check-ins had not been released, so no database in use holds such a note; one would open as
//! no note (the alarm is still shown) rather than fail.

use crate::alarms::CLOSED_RETENTION_SECS;
use crate::checkins::EXTENSION_SECS;
use crate::day_keys::{day_of, day_prefix};
use crate::{Result, Store, StoreError};

/// The sealing contexts (bound as associated data): a note cannot be moved to the buyer's
/// column, nor a message body into either.
pub(crate) const NOTE: &str = "checkin note";
pub(crate) const BUYER: &str = "checkin buyer";

/// Until when the note of a check-in due at `due_at` with `extensions_left` is sealed: its
/// latest possible deadline plus the retention of a closed alarm (module docs).
pub fn note_until(due_at: i64, extensions_left: i64) -> i64 {
    due_at + extensions_left * EXTENSION_SECS + CLOSED_RETENTION_SECS
}

impl Store {
    /// `text` sealed under `context` until `until`; `None` for no text.
    pub(crate) async fn seal_note(
        &self,
        until: i64,
        context: &str,
        text: Option<&str>,
    ) -> Result<Option<Vec<u8>>> {
        match text {
            Some(t) => Ok(Some(self.seal_until(until, context, t.as_bytes()).await?)),
            None => Ok(None),
        }
    }

    /// A sealed note or buyer opened; `None` for none, or once its day's key is shredded. A
    /// value that does not open is logged and shown as no note: the buddies must still see
    /// the alarm (R6.6), and the log says nothing of whose (R8.4).
    pub(crate) async fn open_note(
        &self,
        context: &str,
        sealed: Option<Vec<u8>>,
    ) -> Result<Option<String>> {
        let Some(sealed) = sealed else {
            return Ok(None);
        };
        match self.open_sealed(context, &sealed).await {
            Ok(Some(p)) => Ok(Some(String::from_utf8_lossy(&p).into_owned())),
            Ok(None) => Ok(None),
            Err(StoreError::Decrypt) => {
                tracing::warn!(context, "a sealed check-in note did not open");
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Seals `sealed` again until `until`; the same bytes when it no longer opens (its key is
    /// gone: nothing left to keep).
    async fn reseal(
        &self,
        context: &str,
        sealed: Option<&Vec<u8>>,
        until: i64,
    ) -> Result<Option<Vec<u8>>> {
        let Some(sealed) = sealed else {
            return Ok(None);
        };
        match self.open_sealed(context, sealed).await {
            Ok(Some(p)) => Ok(Some(self.seal_until(until, context, &p).await?)),
            Ok(None) | Err(StoreError::Decrypt) => Ok(Some(sealed.clone())),
            Err(e) => Err(e),
        }
    }

    /// Seals the note and buyer of alarm `id` again until `until`. A compare-and-set on the
    /// sealed bytes (each sealing has its own random nonce): when another process changed them
    /// in between, its change stands. `open_only`: only while the alarm is still open (the
    /// purge's carrying forward must not undo the lifetime a close has just set).
    pub(crate) async fn reseal_alarm_notes(
        &self,
        id: i64,
        until: i64,
        open_only: bool,
    ) -> Result<bool> {
        let row = self
            .db
            .write()
            .fetch_optional(
                "SELECT note, buyer FROM alarms WHERE id = $1",
                &[id.into()],
                |r| Ok((r.opt_bytes(0)?, r.opt_bytes(1)?)),
            )
            .await?;
        let Some((note, buyer)) = row else {
            return Ok(false);
        };
        let new_note = self.reseal(NOTE, note.as_ref(), until).await?;
        let new_buyer = self.reseal(BUYER, buyer.as_ref(), until).await?;
        let n = self
            .db
            .write()
            .execute(
                "UPDATE alarms SET note = $2, buyer = $3 WHERE id = $1 \
                 AND note IS NOT DISTINCT FROM $4 AND buyer IS NOT DISTINCT FROM $5 \
                 AND (closed_at IS NULL OR $6 = FALSE)",
                &[
                    id.into(),
                    (&new_note).into(),
                    (&new_buyer).into(),
                    (&note).into(),
                    (&buyer).into(),
                    open_only.into(),
                ],
            )
            .await?;
        Ok(n == 1)
    }

    /// The purge's first step, before it shreds keys: the notes of open alarms sealed under
    /// today's key or an earlier one still here are sealed again until seven days from `now`,
    /// so an alarm nobody has closed keeps its note (module docs). The number of alarms.
    pub(crate) async fn carry_open_alarm_notes(&self, now: i64) -> Result<u64> {
        let today = day_prefix(day_of(now));
        let ids = self
            .db
            .write()
            .fetch_all(
                "SELECT id FROM alarms WHERE closed_at IS NULL AND \
                 ((note IS NOT NULL AND substr(note, 1, 8) <= $1) \
                  OR (buyer IS NOT NULL AND substr(buyer, 1, 8) <= $1))",
                &[(&today[..]).into()],
                |r| r.i64(0),
            )
            .await?;
        let mut carried = 0;
        for id in ids {
            if self
                .reseal_alarm_notes(id, now + CLOSED_RETENTION_SECS, true)
                .await?
            {
                carried += 1;
            }
        }
        Ok(carried)
    }

    /// Deletes check-ins missed and never ended whose note's lifetime is over (R8.3: finished
    /// check-ins go; R8.1: her exact deadline is no longer needed). Only missed ones: one the
    /// watcher has not claimed yet (a server down for days) raises its alarm first.
    pub(crate) async fn purge_abandoned_checkins(&self, now: i64) -> Result<u64> {
        self.db
            .write()
            .execute(
                "DELETE FROM checkins WHERE missed \
                 AND due_at + extensions_left * $2 + $3 <= $1",
                &[
                    now.into(),
                    EXTENSION_SECS.into(),
                    CLOSED_RETENTION_SECS.into(),
                ],
            )
            .await
    }
}
