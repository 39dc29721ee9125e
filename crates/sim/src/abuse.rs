//! R9.7's abuse rules replayed over a simulated year. The server counts them in SQL
//! (`crates/store/src/abuse.rs`, one statement per rule, run every ten minutes); here the same
//! windows and thresholds, from the same governed `AbuseParams`, are counted over the year's
//! events at day precision, so a scenario says which rules its attack trips and how often
//! honest traffic trips them. Code failures (guessing) are not simulated.

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

/// The flags raised, with their subjects.
#[derive(Debug, Default)]
pub struct Flags {
    pub brigading: BTreeSet<u32>,
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

pub fn replay(w: &World<'_>) -> Flags {
    let p: &AbuseParams = &w.params.abuse;
    let last_day = u16::try_from(w.config.population.days.saturating_sub(1)).unwrap_or(u16::MAX);
    let mut out = Flags::default();
    let attacker_buyer = |b: u32| {
        !matches!(
            w.buyers[b as usize].role,
            Role::Honest | Role::CollusionTarget { .. }
        )
    };
    let attacker_seller = |s: u32| w.sellers[s as usize].role != SellerRole::Honest;

    // Brigading: `brigading_ratings` ratings below `brigading_low_x` within `brigading_days`
    // days from accounts younger than `brigading_account_days` on the window's last day; one
    // flag per seller and window.
    let (mut n, mut on) = (0, 0);
    for (s, seller) in w.sellers.iter().enumerate() {
        let mut last_flag: Option<u16> = None;
        let low: Vec<_> = seller
            .received
            .iter()
            .filter(|r| f64::from(r.x) < p.brigading_low_x)
            .collect();
        for (i, r) in low.iter().enumerate() {
            let end = r.day;
            let start = end
                .saturating_add(1)
                .saturating_sub(u16::try_from(p.brigading_days).unwrap_or(u16::MAX));
            let young = |b: u32| {
                u32::from(w.buyers[b as usize].created) + p.brigading_account_days > u32::from(end)
            };
            let window: Vec<_> = low[..=i]
                .iter()
                .filter(|x| x.day >= start && young(x.buyer))
                .collect();
            if window.len() >= p.brigading_ratings as usize
                && last_flag.is_none_or(|f| f < start)
                && last_flag != Some(end)
            {
                last_flag = Some(end);
                n += 1;
                if window
                    .iter()
                    .any(|x| matches!(x.tag, Tag::Brigade | Tag::Retaliation))
                {
                    on += 1;
                }
                out.brigading.insert(s as u32);
            }
        }
    }
    out.counts.push(RuleCount {
        rule: Rule::Brigading.as_str().into(),
        flags: n,
        on_attackers: on,
    });

    // Unused codes: more than `unused_codes` codes expiring unused within `unused_codes_days`
    // days; one flag per seller and period.
    let len = u16::try_from(p.unused_codes_days).unwrap_or(u16::MAX);
    let (mut n, mut on) = (0, 0);
    for (s, seller) in w.sellers.iter().enumerate() {
        let mut periods = BTreeSet::new();
        let days = &seller.unused_expiry;
        for &d in days.iter().filter(|d| **d <= last_day) {
            if in_window(days, d, len) > p.unused_codes as usize {
                periods.insert(d / len.max(1));
            }
        }
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
    let len = u16::try_from(p.repeat_codes_days).unwrap_or(u16::MAX);
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
            let periods: BTreeSet<u16> = days
                .iter()
                .filter(|d| in_window(days, **d, len) >= p.repeat_codes as usize)
                .map(|d| d / len.max(1))
                .collect();
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
    // within `unverified_unsafe_days`, never a verified interaction between them (a redeemed
    // code of hers from his account).
    let len = u16::try_from(p.unverified_unsafe_days).unwrap_or(u16::MAX);
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
        if w.sellers[*s as usize]
            .received
            .iter()
            .any(|r| r.buyer == *b)
        {
            continue;
        }
        let mut last_flag: Option<u16> = None;
        for &d in days.iter() {
            let start = d.saturating_add(1).saturating_sub(len);
            if in_window(days, d, len) >= p.unverified_unsafe as usize
                && last_flag.is_none_or(|f| f < start)
            {
                last_flag = Some(d);
                n += 1;
                if attacker_seller(*s) {
                    on += 1;
                }
                out.unverified_unsafe.insert((*s, *b));
            }
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
}
