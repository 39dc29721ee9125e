//! Alarms as her buddies see them (SPEC R6.6, R6.7): the kind, a case number, when, the sealed
//! note and buyer opened (by the store, while their day key lives), "checked in late", who said "I'm on it". Only the sellers who watch
//! over her see them; never she herself (she must never learn that duress raised one).

use tessera_store::accounts::Account;
use tessera_store::alarms::Alarm;
pub use tessera_store::alarms::AlarmKind;

use super::{require_seller, SafetyError};
use crate::App;

/// An alarm with its note and buyer opened.
#[derive(Clone)]
pub struct AlarmView {
    pub id: i64,
    pub seller: String,
    pub kind: AlarmKind,
    /// `XXXX-XXXX`, to refer to it among the buddies.
    pub case: String,
    pub raised_at: i64,
    pub note: Option<String>,
    pub buyer: Option<String>,
    pub checked_in_late_at: Option<i64>,
    pub acknowledged_by: Option<String>,
    pub closed: bool,
}

impl std::fmt::Debug for AlarmView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AlarmView({}, {})", self.id, self.kind.as_str())
    }
}

/// The case number: a keyed hash of the alarm's id, so it says nothing about how many alarms
/// there were.
pub fn case_number(app: &App, id: i64) -> String {
    let h = app
        .store
        .crypto()
        .keyed_hash("alarm-case", &id.to_be_bytes());
    let s = tessera_core::link::symbols(&h[..8]);
    format!("{}-{}", &s[..4], &s[4..])
}

fn view(app: &App, a: Alarm) -> AlarmView {
    AlarmView {
        case: case_number(app, a.id),
        id: a.id,
        note: a.note,
        buyer: a.buyer,
        seller: a.seller,
        kind: a.kind,
        raised_at: a.raised_at,
        checked_in_late_at: a.checked_in_late_at,
        acknowledged_by: a.acknowledged_by,
        closed: a.closed_at.is_some(),
    }
}

/// The alarms of the sellers she watches over, open ones first.
pub async fn list(app: &App, me: &Account) -> Result<Vec<AlarmView>, SafetyError> {
    let buddy = require_seller(me)?;
    let alarms = app.store.alarms_for(buddy).await?;
    Ok(alarms.into_iter().map(|a| view(app, a)).collect())
}

/// What her pages show about the alarms she watches for (R6.7: in-app notices only): `None`
/// when she watches over nobody, so her pages carry nothing about alarms at all; else the
/// number of open alarms of the sellers she watches over. Never her own (R6.6).
pub async fn notice(app: &App, me: &Account) -> Result<Option<i64>, SafetyError> {
    let buddy = require_seller(me)?;
    let n = app.store.alarm_notice(buddy).await?;
    Ok((n.watching > 0).then_some(n.open))
}

/// "I'm on it": the first buddy to say it is recorded, and everyone sees who.
pub async fn ack(app: &App, me: &Account, id: i64) -> Result<AlarmView, SafetyError> {
    let buddy = require_seller(me)?;
    let a = app.store.ack_alarm(buddy, id).await?;
    a.map(|a| view(app, a)).ok_or(SafetyError::NotFound)
}

/// Closes it (any buddy who watches over her).
pub async fn close(app: &App, me: &Account, id: i64) -> Result<AlarmView, SafetyError> {
    let buddy = require_seller(me)?;
    let a = app.store.close_alarm(buddy, id, app.now()).await?;
    a.map(|a| view(app, a)).ok_or(SafetyError::NotFound)
}
