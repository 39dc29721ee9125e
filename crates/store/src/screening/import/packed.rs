//! Rating rows packed for sorting millions in memory, and the counters computed from them at
//! the end of an import (SPEC R4.10, R3.2).

use std::collections::HashMap;

use tessera_core::Day;

use super::RatingRow;
use crate::db::Cols;
use crate::ratings::Delta;
use crate::Result;

/// A rating row packed for sorting millions in memory (24 bytes).
#[derive(Clone, Copy)]
pub(super) struct Packed {
    pub(super) seller: i64,
    pub(super) buyer: i64,
    /// Days since 1970-01-01.
    day: i32,
    /// Bits: 0 safe set, 1 safe value, 2 reliable set, 3 reliable value, 4 verified.
    flags: u8,
}

const VERIFIED: u8 = 16;

impl Packed {
    pub(super) fn new(r: &RatingRow) -> Packed {
        Packed::of(r.seller_id, r.buyer_id, r.day, r.safe, r.reliable, false)
    }

    pub(super) fn of(
        seller: i64,
        buyer: i64,
        day: Day,
        safe: Option<bool>,
        reliable: Option<bool>,
        verified: bool,
    ) -> Packed {
        let bit = |v: Option<bool>, set: u8, val: u8| match v {
            Some(true) => set | val,
            Some(false) => set,
            None => 0,
        };
        Packed {
            seller,
            buyer,
            day: day.0.to_julian_day() - EPOCH_JULIAN,
            flags: bit(safe, 1, 2) | bit(reliable, 4, 8) | if verified { VERIFIED } else { 0 },
        }
    }

    pub(super) fn key(&self) -> (i64, i64, i32) {
        (self.seller, self.buyer, self.day)
    }

    pub(super) fn day(&self) -> Day {
        Day(time::Date::from_julian_day(self.day + EPOCH_JULIAN).unwrap_or(time::Date::MIN))
    }

    pub(super) fn safe(&self) -> Option<bool> {
        (self.flags & 1 != 0).then_some(self.flags & 2 != 0)
    }

    pub(super) fn reliable(&self) -> Option<bool> {
        (self.flags & 4 != 0).then_some(self.flags & 8 != 0)
    }

    pub(super) fn verified(&self) -> bool {
        self.flags & VERIFIED != 0
    }
}

/// Julian day number of 1970-01-01.
const EPOCH_JULIAN: i32 = 2_440_588;

/// Each rated buyer's counters (as `Delta` sums) and distinct sellers, by buyer id, from rows
/// sorted by (seller, buyer, day).
pub(super) fn buyer_counters(rows: &[Packed]) -> Vec<(i64, Delta, i64)> {
    let mut by_buyer: HashMap<i64, (Delta, i64)> = HashMap::new();
    let mut pair = None;
    for p in rows {
        let e = by_buyer.entry(p.buyer).or_default();
        e.0 = e.0.plus(Delta::of(p.safe(), p.reliable(), p.verified()));
        if pair != Some((p.seller, p.buyer)) {
            e.1 += 1;
            pair = Some((p.seller, p.buyer));
        }
    }
    let mut out: Vec<(i64, Delta, i64)> = by_buyer
        .into_iter()
        .map(|(buyer, (d, sellers))| (buyer, d, sellers))
        .collect();
    out.sort_unstable_by_key(|(buyer, _, _)| *buyer);
    out
}

/// A row of `SELECT seller_id, buyer_id, day, safe, reliable, verified FROM ratings`.
pub(super) fn packed_from(r: &dyn Cols) -> Result<Packed> {
    Ok(Packed::of(
        r.i64(0)?,
        r.i64(1)?,
        r.day(2)?,
        r.opt_bool(3)?,
        r.opt_bool(4)?,
        r.bool(5)?,
    ))
}
