//! R9.7's abuse rules replayed over a simulated year. The server counts them in SQL
//! (`crates/store/src/abuse.rs`, one statement per rule, run every ten minutes, looking back
//! over the last days after a restart); here the same windows, thresholds and keys, from the
//! same governed `AbuseParams`, are evaluated for a window ending on every day of the run, so a
//! scenario says which rules its attack trips and how often honest traffic trips them. Code
//! failures (guessing) are not simulated.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use tessera_core::screening::abuse::{AbuseParams, Rule};

use crate::people::{Role, SellerRole, Tag};
use crate::world::World;

/// How often one rule fired, and how many of its flags name an attacker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleCount {
    pub rule: String,
    pub flags: u64,
    pub on_attackers: u64,
}

/// The flags raised, with their subjects and days.
#[derive(Debug, Default)]
pub struct Flags {
    /// (seller, day raised).
    pub brigading: BTreeSet<(u32, u16)>,
    /// (seller, buyer).
    pub unverified_unsafe: BTreeSet<(u32, u32)>,
    pub counts: Vec<RuleCount>,
}

/// How many of `days` (sorted) fall in the window of `len` days ending on `end`.
fn in_window(days: &[u16], end: u16, len: u16) -> usize {
    let start = end.saturating_add(1).saturating_sub(len);
    let lo = days.partition_point(|d| *d < start);
    let hi = days.partition_point(|d| *d <= end);
    hi - lo
}

/// The days whose window of `len` days holds any of `days` (sorted), up to `last`.
fn window_ends(days: &[u16], len: u16, last: u16) -> impl Iterator<Item = u16> {
    let first = days.first().copied().unwrap_or(u16::MAX);
    let end = days
        .last()
        .map_or(0, |d| d.saturating_add(len.saturating_sub(1)))
        .min(last);
    first..=end
}

fn days_len(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX).max(1)
}

/// Flags raised per (subject, window end), one per subject until its window no longer holds
/// the last flag's day: the SQL's `NOT EXISTS (… raised_on >= start AND raised_on < d)`.
fn sliding(days: &[u16], len: u16, last: u16, enough: impl Fn(u16) -> bool) -> Vec<u16> {
    let mut raised: Vec<u16> = Vec::new();
    for d in window_ends(days, len, last) {
        let start = d.saturating_add(1).saturating_sub(len);
        let recent = raised.last().is_some_and(|f| *f >= start && *f < d);
        if !recent && enough(d) {
            raised.push(d);
        }
    }
    raised
}

/// Flags raised once per (subject, period of `len` days): the SQL's period key.
fn periodic(days: &[u16], len: u16, last: u16, enough: impl Fn(u16) -> bool) -> BTreeSet<u16> {
    window_ends(days, len, last)
        .filter(|d| enough(*d))
        .map(|d| d / len)
        .collect()
}

pub fn replay(w: &World<'_>) -> Flags {
    let p: &AbuseParams = &w.params.abuse;
    let last = u16::try_from(w.config.population.days.saturating_sub(1)).unwrap_or(u16::MAX);
    let mut out = Flags::default();
    let attacker_buyer = |b: u32| {
        !matches!(
            w.buyers[b as usize].role,
            Role::Honest | Role::CollusionTarget { .. }
        )
    };
    let attacker_seller = |s: u32| w.sellers[s as usize].role != SellerRole::Honest;

    // Brigading: `brigading_ratings` ratings below `brigading_low_x` given within
    // `brigading_days` days by accounts younger than `brigading_account_days` on the window's
    // last day.
    let len = days_len(p.brigading_days);
    let (mut n, mut on) = (0, 0);
    for (s, seller) in w.sellers.iter().enumerate() {
        let low: Vec<_> = seller
            .received
            .iter()
            .filter(|r| f64::from(r.x) < p.brigading_low_x)
            .collect();
        let mut days: Vec<u16> = low.iter().map(|r| r.day).collect();
        days.sort_unstable();
        let window = |d: u16| {
            let start = d.saturating_add(1).saturating_sub(len);
            let young = |b: u32| {
                i64::from(w.buyers[b as usize].created) + i64::from(p.brigading_account_days)
                    > i64::from(d)
            };
            low.iter()
                .filter(move |r| r.day >= start && r.day <= d && young(r.buyer))
                .collect::<Vec<_>>()
        };
        for d in sliding(&days, len, last, |d| {
            window(d).len() >= p.brigading_ratings as usize
        }) {
            n += 1;
            if window(d)
                .iter()
                .any(|r| matches!(r.tag, Tag::Brigade | Tag::Retaliation))
            {
                on += 1;
            }
            out.brigading.insert((s as u32, d));
        }
    }
    out.counts.push(RuleCount {
        rule: Rule::Brigading.as_str().into(),
        flags: n,
        on_attackers: on,
    });

    // Unused codes: more than `unused_codes` codes expired unused in the last
    // `unused_codes_days` days; one flag per seller and period.
    let len = days_len(p.unused_codes_days);
    let (mut n, mut on) = (0, 0);
    for (s, seller) in w.sellers.iter().enumerate() {
        let days = &seller.unused_expiry;
        let periods = periodic(days, len, last, |d| {
            in_window(days, d, len) > p.unused_codes as usize
        });
        n += periods.len() as u64;
        if attacker_seller(s as u32) {
            on += periods.len() as u64;
        }
    }
    out.counts.push(RuleCount {
        rule: Rule::UnusedCodes.as_str().into(),
        flags: n,
        on_attackers: on,
    });

    // Repeat codes: one buyer rating one seller `repeat_codes` times within
    // `repeat_codes_days` days; one flag per pair and period.
    let len = days_len(p.repeat_codes_days);
    let (mut n, mut on) = (0, 0);
    for (s, seller) in w.sellers.iter().enumerate() {
        let mut by_buyer: BTreeMap<u32, Vec<u16>> = BTreeMap::new();
        for r in &seller.received {
            by_buyer.entry(r.buyer).or_default().push(r.day);
        }
        for (b, days) in by_buyer
            .iter_mut()
            .filter(|(_, d)| d.len() >= p.repeat_codes as usize)
        {
            days.sort_unstable();
            let periods = periodic(days, len, last, |d| {
                in_window(days, d, len) >= p.repeat_codes as usize
            });
            n += periods.len() as u64;
            if attacker_seller(s as u32) || attacker_buyer(*b) {
                on += periods.len() as u64;
            }
        }
    }
    out.counts.push(RuleCount {
        rule: Rule::RepeatCodes.as_str().into(),
        flags: n,
        on_attackers: on,
    });

    // Unverified unsafe: one seller flagging one buyer unsafe on `unverified_unsafe` days
    // within `unverified_unsafe_days`, with no verified interaction between them ever (R4.4).
    let len = days_len(p.unverified_unsafe_days);
    let mut pairs: BTreeMap<(u32, u32), Vec<u16>> = BTreeMap::new();
    for &(s, b, d) in &w.unsafe_flags {
        pairs.entry((s, b)).or_default().push(d);
    }
    let (mut n, mut on) = (0, 0);
    for ((s, b), days) in pairs
        .iter_mut()
        .filter(|(_, d)| d.len() >= p.unverified_unsafe as usize)
    {
        days.sort_unstable();
        days.dedup();
        if w.verified.contains(&(*s, *b)) {
            continue;
        }
        let raised = sliding(days, len, last, |d| {
            in_window(days, d, len) >= p.unverified_unsafe as usize
        });
        n += raised.len() as u64;
        if attacker_seller(*s) {
            on += raised.len() as u64;
        }
        if !raised.is_empty() {
            out.unverified_unsafe.insert((*s, *b));
        }
    }
    out.counts.push(RuleCount {
        rule: Rule::UnverifiedUnsafe.as_str().into(),
        flags: n,
        on_attackers: on,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r9_7_windows_count_the_days_they_cover() {
        let days = [1, 2, 2, 5, 9];
        assert_eq!(in_window(&days, 2, 2), 3);
        assert_eq!(in_window(&days, 5, 7), 4);
        assert_eq!(in_window(&days, 9, 1), 1);
        assert_eq!(in_window(&days, 0, 30), 0);
    }

    /// R9.7 as the SQL counts it: unsafe flags on days 1 to 6 (three a day would do) raise a
    /// flag on day 3 and, once day 3 has left the 7-day window, again on day 10.
    #[test]
    fn r9_7_a_sliding_rule_raises_again_once_its_last_flag_left_the_window() {
        let days = [1, 2, 3, 4, 5, 6];
        let raised = sliding(&days, 7, 100, |d| in_window(&days, d, 7) >= 3);
        assert_eq!(raised, vec![3, 10]);
        // A periodic rule raises once per period of its length, in every period one of whose
        // days ends a window holding enough: expiries on days 25 to 34 are still in the window
        // ending on day 60 (days 31 to 60), the first day of period 2.
        let codes: Vec<u16> = (25..35).collect();
        let periods = periodic(&codes, 30, 100, |d| in_window(&codes, d, 30) > 2);
        assert_eq!(periods.into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
    }
}
