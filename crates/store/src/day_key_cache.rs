//! Day keys kept in memory for a minute (issue 12 §4): a lookup that shows alerts, or a thread
//! of messages, opens many values sealed under few days, and reading and unwrapping the day's
//! key for each would cost a database round trip apiece. A key shredded by another process's
//! purge stays here at most [`TTL`] longer, and only in this process's memory: the database
//! and any copy of it have lost it (what shredding protects against), and nothing expired is
//! served anyway. This process's own purge forgets the shredded days at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chacha20poly1305::XChaCha20Poly1305;

const TTL: Duration = Duration::from_secs(60);

#[derive(Default)]
pub(crate) struct DayKeyCache(Mutex<HashMap<i64, (Instant, XChaCha20Poly1305)>>);

impl DayKeyCache {
    pub(crate) fn get(&self, day: i64) -> Option<XChaCha20Poly1305> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&day)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, c)| c.clone())
    }

    pub(crate) fn put(&self, day: i64, cipher: XChaCha20Poly1305) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.retain(|_, (at, _)| at.elapsed() < TTL);
        map.insert(day, (Instant::now(), cipher));
    }

    /// Forgets the keys of every day before `day` (they were just shredded).
    pub(crate) fn forget_before(&self, day: i64) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.retain(|d, _| *d >= day);
    }
}
