//! Alarms (SPEC R6.6, R6.7): a missed check-in, panic or the duress PIN, shown to the sellers
//! who watch over her (active buddies) and never to her. One buddy acknowledges ("I'm on it")
//! and all see who; a buddy closes it; closed alarms go [`CLOSED_RETENTION_SECS`] later
//! (R8.3). The note and buyer an alarm carries are readable as long as it is seen, and no
//! longer ([`crate::network::notes`]).

use tessera_core::SellerId;

use crate::db::Cols;
use crate::network::notes::{BUYER, NOTE};
use crate::{Result, Store, StoreError};

/// Closed alarms are kept this long for the buddies, then deleted (R8.3).
pub const CLOSED_RETENTION_SECS: i64 = 7 * 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmKind {
    MissedCheckin,
    Panic,
    Duress,
}

impl AlarmKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmKind::MissedCheckin => "missed_checkin",
            AlarmKind::Panic => "panic",
            AlarmKind::Duress => "duress",
        }
    }

    fn parse(s: &str) -> Result<AlarmKind> {
        match s {
            "missed_checkin" => Ok(AlarmKind::MissedCheckin),
            "panic" => Ok(AlarmKind::Panic),
            "duress" => Ok(AlarmKind::Duress),
            _ => Err(StoreError::Corrupt("alarms.kind")),
        }
    }
}

/// What [`Store::alarm_notice`] counts for one buddy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlarmNotice {
    /// The sellers she watches over (accepted).
    pub watching: i64,
    /// Their alarms no buddy has closed yet.
    pub open: i64,
}

/// An alarm as her buddies see it, its note and buyer opened (`None` also once their day key
/// is shredded).
#[derive(Clone, PartialEq, Eq)]
pub struct Alarm {
    pub id: i64,
    /// Her canonical pseudonym.
    pub seller: String,
    pub kind: AlarmKind,
    pub raised_at: i64,
    pub note: Option<String>,
    /// The buyer's canonical pseudonym she named.
    pub buyer: Option<String>,
    pub checked_in_late_at: Option<i64>,
    /// The buddy who said "I'm on it".
    pub acknowledged_by: Option<String>,
    pub closed_at: Option<i64>,
}

impl std::fmt::Debug for Alarm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Neither pseudonyms nor sealed bytes (R8.4).
        write!(f, "Alarm({}, {})", self.id, self.kind.as_str())
    }
}

const ALARM_SELECT: &str = "SELECT a.id, s.pseudonym, a.kind, a.raised_at, a.note, a.buyer, \
    a.checked_in_late_at, k.pseudonym, a.closed_at FROM alarms a \
    JOIN buddies b ON b.seller_id = a.seller_id AND b.buddy_id = $1 AND b.state = 'active' \
    JOIN accounts s ON s.id = a.seller_id \
    LEFT JOIN accounts k ON k.id = a.acknowledged_by";

/// An alarm as read, its note and buyer still sealed.
struct SealedAlarm {
    alarm: Alarm,
    note: Option<Vec<u8>>,
    buyer: Option<Vec<u8>>,
}

fn alarm_from(r: &dyn Cols) -> Result<SealedAlarm> {
    Ok(SealedAlarm {
        alarm: Alarm {
            id: r.i64(0)?,
            seller: r.text(1)?,
            kind: AlarmKind::parse(&r.text(2)?)?,
            raised_at: r.i64(3)?,
            note: None,
            buyer: None,
            checked_in_late_at: r.opt_i64(6)?,
            acknowledged_by: r.opt_text(7)?,
            closed_at: r.opt_i64(8)?,
        },
        note: r.opt_bytes(4)?,
        buyer: r.opt_bytes(5)?,
    })
}

/// "An active buddy of the alarm's seller", for the updates: `$1` the buddy, `$2` the alarm.
const WATCHED_BY: &str = "id = $2 AND EXISTS (SELECT 1 FROM buddies b \
    WHERE b.seller_id = alarms.seller_id AND b.buddy_id = $1 AND b.state = 'active')";

impl Store {
    async fn opened(&self, s: SealedAlarm) -> Result<Alarm> {
        Ok(Alarm {
            note: self.open_note(NOTE, s.note).await?,
            buyer: self.open_note(BUYER, s.buyer).await?,
            ..s.alarm
        })
    }

    /// Panic (R6.7): an alarm at once, with the sealed note and buyer of her open check-in if
    /// she has one; one statement.
    pub async fn raise_panic(&self, seller: SellerId, now: i64) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO alarms (seller_id, kind, checkin_id, note, buyer, raised_at) \
                 SELECT $1, 'panic', \
                 (SELECT id FROM checkins WHERE seller_id = $1), \
                 (SELECT note FROM checkins WHERE seller_id = $1), \
                 (SELECT buyer FROM checkins WHERE seller_id = $1), $2",
                &[seller.into(), now.into()],
            )
            .await?;
        Ok(())
    }

    /// The alarms of the sellers `buddy` watches over, open ones first, newest first.
    pub async fn alarms_for(&self, buddy: SellerId) -> Result<Vec<Alarm>> {
        let sealed = self
            .db
            .read()
            .fetch_all(
                &format!(
                    "{ALARM_SELECT} ORDER BY CASE WHEN a.closed_at IS NULL THEN 0 ELSE 1 END, \
                     a.raised_at DESC, a.id DESC"
                ),
                &[buddy.into()],
                alarm_from,
            )
            .await?;
        let mut out = Vec::with_capacity(sealed.len());
        for s in sealed {
            out.push(self.opened(s).await?);
        }
        Ok(out)
    }

    /// One alarm, if `buddy` watches over its seller.
    pub async fn alarm_for(&self, buddy: SellerId, id: i64) -> Result<Option<Alarm>> {
        let sealed = self
            .db
            .write()
            .fetch_optional(
                &format!("{ALARM_SELECT} WHERE a.id = $2"),
                &[buddy.into(), id.into()],
                alarm_from,
            )
            .await?;
        match sealed {
            Some(s) => Ok(Some(self.opened(s).await?)),
            None => Ok(None),
        }
    }

    /// "I'm on it": the first buddy to acknowledge is recorded (one conditional update); the
    /// alarm as it is then, or `None` when `buddy` does not watch over its seller.
    pub async fn ack_alarm(&self, buddy: SellerId, id: i64) -> Result<Option<Alarm>> {
        self.db
            .write()
            .execute(
                &format!(
                    "UPDATE alarms SET acknowledged_by = $1 \
                     WHERE acknowledged_by IS NULL AND {WATCHED_BY}"
                ),
                &[buddy.into(), id.into()],
            )
            .await?;
        self.alarm_for(buddy, id).await
    }

    /// Closes the alarm (any buddy who watches over her); `None` as for [`Store::ack_alarm`].
    /// The close that took effect seals its note again until the purge deletes the alarm,
    /// [`CLOSED_RETENTION_SECS`] later (R8.3), and no longer. Should that fail, the alarm is
    /// closed all the same (it is committed) and the note keeps its earlier day (at most a
    /// week past its last carrying forward); the failure is logged.
    pub async fn close_alarm(&self, buddy: SellerId, id: i64, now: i64) -> Result<Option<Alarm>> {
        let closed = self
            .db
            .write()
            .execute(
                &format!(
                    "UPDATE alarms SET closed_at = $3 WHERE closed_at IS NULL AND {WATCHED_BY}"
                ),
                &[buddy.into(), id.into(), now.into()],
            )
            .await?;
        if closed == 1 {
            if let Err(e) = self
                .reseal_alarm_notes(id, now + CLOSED_RETENTION_SECS, false)
                .await
            {
                tracing::warn!(error = %e, "sealing a closed alarm's note again failed");
            }
        }
        self.alarm_for(buddy, id).await
    }

    /// How many open alarms `buddy` sees (the dashboard's count).
    pub async fn open_alarm_count(&self, buddy: SellerId) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM alarms a JOIN buddies b ON b.seller_id = a.seller_id \
                 AND b.buddy_id = $1 AND b.state = 'active' WHERE a.closed_at IS NULL",
                &[buddy.into()],
                |r| r.i64(0),
            )
            .await
    }

    /// What every page of `buddy` needs for the alarm notice (R6.7: in-app only): how many
    /// sellers she watches over (active), and how many open alarms they have. One round trip,
    /// since it runs on every seller page.
    pub async fn alarm_notice(&self, buddy: SellerId) -> Result<AlarmNotice> {
        self.db
            .read()
            .fetch_one(
                "SELECT (SELECT COUNT(*) FROM buddies WHERE buddy_id = $1 AND state = 'active'), \
                 (SELECT COUNT(*) FROM alarms a JOIN buddies b ON b.seller_id = a.seller_id \
                 AND b.buddy_id = $1 AND b.state = 'active' WHERE a.closed_at IS NULL)",
                &[buddy.into()],
                |r| {
                    Ok(AlarmNotice {
                        watching: r.i64(0)?,
                        open: r.i64(1)?,
                    })
                },
            )
            .await
    }

    /// Deletes alarms closed more than [`CLOSED_RETENTION_SECS`] ago (R8.3).
    pub async fn purge_alarms(&self, now: i64) -> Result<u64> {
        self.db
            .write()
            .execute(
                "DELETE FROM alarms WHERE closed_at <= $1",
                &[(now - CLOSED_RETENTION_SECS).into()],
            )
            .await
    }
}
