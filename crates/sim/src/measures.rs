//! What a run measured (issue 15 §2), from the world's final state. Seller scores are
//! computed with tessera-core's `influence` and `seller_score` (R3.3, R3.5).

use serde::{Deserialize, Serialize};
use tessera_core::prefs::{Preferences, Preset};
use tessera_core::reputation::{influence, reputation, seller_score, FlagCounts, Reputation};

use crate::abuse::{self, RuleCount};
use crate::people::{Buyer, Role, SellerRole, Tag};
use crate::scenario::Scenario;
use crate::world::{World, PRESETS};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub scenario: String,
    pub params: String,
    pub meetings: u64,
    pub harms: u64,
    /// Times a buyer found no seller who would meet him that day.
    pub turned_away: u64,
    /// Harms, and harms after the buyer's first report, by how the seller screened:
    /// cautious, moderate, open, welcoming, anyone.
    pub harms_by_screen: Vec<u64>,
    pub harms_after_report_by_screen: Vec<u64>,
    /// Codes sellers could not generate: they had `max_active_codes` active (R4.3).
    pub codes_refused: u64,
    /// Ratings on the record of the median rated buyer (the benchmark generator's is 8).
    pub median_ratings: Option<f64>,
    pub dangerous: Vec<DangerRow>,
    pub false_flags: FalseFlags,
    /// Q_s damage (or, for fake accounts, gain) from the attack's ratings.
    pub seller_effect: Option<SellerEffect>,
    pub abuse: Vec<RuleCount>,
    pub extra: Extra,
}

/// When a preset first declines a dangerous buyer, by harm probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DangerRow {
    pub harm: f64,
    pub buyers: u32,
    /// Buyers with at least one meeting.
    pub met: u32,
    pub meetings: u64,
    pub harms: u64,
    /// Meetings, and harms in them, after the first unsafe flag on his record.
    pub meetings_after_report: u64,
    pub harms_after_report: u64,
    pub presets: Vec<Fall>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fall {
    pub preset: String,
    /// Buyers the preset declined by the end of the run, and those it never did.
    pub fell: u32,
    pub never: u32,
    /// Of those declines, how many were on trust (the score) rather than the unsafe count.
    pub on_trust: u32,
    /// Medians over those who fell: his meetings, and days since his first meeting.
    pub median_meetings: Option<f64>,
    pub median_days: Option<f64>,
}

/// Honest, safe buyers (no harm ever) a preset declines because of unsafe or unreliable
/// flags they did not earn (careless raters; in attack scenarios, the attack's flags too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FalseFlags {
    pub safe_buyers_rated: u32,
    /// Of them, with at least one unsafe flag they did not earn.
    pub with_unsafe_flag: u32,
    /// Per preset: safe buyers with enough ratings for it, how many of those it declines on
    /// trust or unsafe flags, and how many it declines only because of zeros they did not
    /// earn (the same record with those zeros as ones would pass).
    pub eligible: Vec<u32>,
    pub declined: Vec<u32>,
    pub declined_unearned: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SellerEffect {
    /// Sellers who received at least one of the attack's ratings.
    pub sellers: u32,
    pub ratings: u64,
    /// Mean change of 5 × Q_s (stars) against the same ratings without the attack's:
    /// positive = the attack lowered her score. Unweighted is the plain mean.
    pub unweighted: f64,
    pub weighted: Vec<Weighted>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weighted {
    pub k: f64,
    pub epsilon: f64,
    pub mean: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extra {
    None,
    Coercion {
        coerced_harms: u64,
    },
    Brigading {
        targets: u32,
        flagged_by_r9_7: u32,
    },
    Sybil {
        /// (rated her fakes first, sellers, codes used, mean stars gained per code).
        groups: Vec<SybilGroup>,
    },
    Whitewash {
        new_accounts: u64,
    },
    Collusion {
        groups: Vec<CollusionGroup>,
    },
    Impersonation {
        code_share: f64,
        impersonators: u32,
        meetings: u64,
        harms: u64,
        misdirected_flags: u32,
        impersonators_flagged: u32,
        /// Victims (honest buyers whose pseudonyms were used) each preset declines at the end
        /// only because of zeros they did not earn.
        victims: u32,
        victims_declined: Vec<u32>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SybilGroup {
    pub rated_fakes: bool,
    pub sellers: u32,
    pub codes: u64,
    pub stars_per_code: f64,
    pub stars_gained: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollusionGroup {
    pub colluders: u32,
    pub days: u32,
    pub targets: u32,
    pub median_ratings: Option<f64>,
    /// The false flags' share of all his ratings once they were in (the charter's "25%+").
    pub false_share: f64,
    /// Targets each preset declined right after the attack, and at the end of the run.
    pub declined_after: Vec<u32>,
    pub declined_at_end: Vec<u32>,
    /// Meetings per 30 days before and after the attack (all targets together).
    pub meetings_per_30_before: f64,
    pub meetings_per_30_after: f64,
    pub flagged_by_r9_7: u32,
}

pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// Everything measured in one finished run.
pub fn measure(w: &World<'_>, label: &str) -> RunResult {
    let flags = abuse::replay(w);
    RunResult {
        scenario: w.scenario.label(),
        params: label.to_string(),
        meetings: w.meetings,
        harms: w.harms,
        turned_away: w.turned_away,
        harms_by_screen: w.harms_by_screen.to_vec(),
        harms_after_report_by_screen: w.harms_after_report_by_screen.to_vec(),
        codes_refused: w.refused_codes,
        median_ratings: median(
            &mut w
                .buyers
                .iter()
                .filter(|b| b.ratings > 0)
                .map(|b| b.ratings as f64)
                .collect::<Vec<_>>(),
        ),
        dangerous: dangerous(w),
        false_flags: false_flags(w),
        seller_effect: seller_effect(w),
        abuse: flags.counts.clone(),
        extra: extra(w, &flags),
    }
}

fn dangerous(w: &World<'_>) -> Vec<DangerRow> {
    w.config
        .population
        .harm
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let group: Vec<_> = w
                .buyers
                .iter()
                .filter(|b| b.danger.map(usize::from) == Some(i))
                .collect();
            let presets = PRESETS
                .iter()
                .enumerate()
                .map(|(p, preset)| {
                    let fell: Vec<_> = group.iter().filter_map(|b| b.fell[p]).collect();
                    let never = group
                        .iter()
                        .filter(|b| b.meetings > 0 && b.fell[p].is_none())
                        .count();
                    Fall {
                        preset: preset.as_str().into(),
                        fell: fell.len() as u32,
                        never: never as u32,
                        on_trust: group
                            .iter()
                            .filter(|b| b.fell[p].is_some() && b.fell_on_trust[p])
                            .count() as u32,
                        median_meetings: median(
                            &mut fell.iter().map(|f| f64::from(f.0)).collect::<Vec<_>>(),
                        ),
                        median_days: median(
                            &mut fell.iter().map(|f| f64::from(f.1)).collect::<Vec<_>>(),
                        ),
                    }
                })
                .collect();
            DangerRow {
                harm: *h,
                buyers: group.len() as u32,
                met: group.iter().filter(|b| b.meetings > 0).count() as u32,
                meetings: group.iter().map(|b| u64::from(b.meetings)).sum(),
                harms: group.iter().map(|b| u64::from(b.harms)).sum(),
                meetings_after_report: group
                    .iter()
                    .map(|b| u64::from(b.meetings_after_report))
                    .sum(),
                harms_after_report: group.iter().map(|b| u64::from(b.harms_after_report)).sum(),
                presets,
            }
        })
        .collect()
}

/// Whether a preset declines this record on trust or unsafe flags.
fn declines(p: &Preferences, rep: &Reputation, ratings: u64) -> bool {
    let v = p.verdict(rep, ratings);
    v.min_trust || v.max_unsafe
}

/// Whether a preset declines him only because of zeros he did not earn: his record with them
/// as ones would pass (the same core functions, the same parameters).
fn declined_unearned(w: &World<'_>, p: &Preferences, b: &Buyer) -> bool {
    if !declines(p, &b.rep, b.ratings) || b.unearned_safe + b.unearned_reliable == 0 {
        return false;
    }
    let safe = FlagCounts {
        n: b.safe.n,
        zeros: b.safe.zeros - b.unearned_safe.min(b.safe.zeros),
    };
    let reliable = FlagCounts {
        n: b.reliable.n,
        zeros: b.reliable.zeros - b.unearned_reliable.min(b.reliable.zeros),
    };
    !declines(p, &reputation(safe, reliable, w.params), b.ratings)
}

fn false_flags(w: &World<'_>) -> FalseFlags {
    let safe: Vec<_> = w
        .buyers
        .iter()
        .filter(|b| b.p_harm == 0.0 && b.danger.is_none() && b.ratings > 0)
        .filter(|b| matches!(b.role, Role::Honest | Role::CollusionTarget { .. }))
        .collect();
    let prefs = PRESETS.map(Preset::preferences);
    let mut eligible = vec![0; 3];
    let mut declined = vec![0; 3];
    let mut unearned = vec![0; 3];
    for b in &safe {
        for (i, p) in prefs.iter().enumerate() {
            if p.min_ratings.is_none_or(|m| b.ratings >= m) {
                eligible[i] += 1;
                declined[i] += u32::from(declines(p, &b.rep, b.ratings));
                unearned[i] += u32::from(declined_unearned(w, p, b));
            }
        }
    }
    FalseFlags {
        safe_buyers_rated: safe.len() as u32,
        with_unsafe_flag: safe.iter().filter(|b| b.unearned_safe > 0).count() as u32,
        eligible,
        declined,
        declined_unearned: unearned,
    }
}

/// The ratings an attack gives, by scenario.
fn attack_tags(s: Scenario) -> &'static [Tag] {
    match s {
        Scenario::Retaliation | Scenario::Coercion => &[Tag::Retaliation],
        Scenario::Brigading | Scenario::PatientBrigading => &[Tag::Brigade],
        Scenario::Sybil => &[Tag::Fake],
        _ => &[],
    }
}

/// 5 × Q_s of a seller's ratings (R3.5), with each rating buyer's current weight.
fn stars(
    w: &World<'_>,
    ratings: &[(u32, f32)],
    k: f64,
    epsilon: f64,
    weighted: bool,
) -> Option<f64> {
    let it = ratings.iter().map(|(b, x)| {
        let i = if weighted {
            influence(w.rep(*b).trust, k)
        } else {
            1.0
        };
        (f64::from(*x), i)
    });
    seller_score(it, if weighted { epsilon } else { 0.0 })
        .0
        .map(|q| 5.0 * q)
}

fn seller_effect(w: &World<'_>) -> Option<SellerEffect> {
    let tags = attack_tags(w.scenario);
    if tags.is_empty() {
        return None;
    }
    let clean_of = |s: &crate::people::Seller| -> Vec<(u32, f32)> {
        s.received
            .iter()
            .filter(|r| !tags.contains(&r.tag))
            .map(|r| (r.buyer, r.x))
            .collect()
    };
    // The same sellers for every weighting: those whose own ratings give a score even under
    // the strictest k and ε swept (a larger k or ε only removes weight), so that the
    // weighted and the plain means compare like with like.
    let k_max = w.config.sweep.k.iter().copied().fold(0.0, f64::max);
    let eps_max = w.config.sweep.epsilon.iter().copied().fold(0.0, f64::max);
    let hit: Vec<_> = w
        .sellers
        .iter()
        .filter(|s| s.received.iter().any(|r| tags.contains(&r.tag)))
        .filter(|s| stars(w, &clean_of(s), k_max, eps_max, true).is_some())
        .collect();
    let sign = if w.scenario == Scenario::Sybil {
        -1.0
    } else {
        1.0
    };
    let change = |k: f64, eps: f64, weighted: bool| -> Vec<f64> {
        hit.iter()
            .filter_map(|s| {
                let all: Vec<(u32, f32)> = s.received.iter().map(|r| (r.buyer, r.x)).collect();
                let clean: Vec<(u32, f32)> = s
                    .received
                    .iter()
                    .filter(|r| !tags.contains(&r.tag))
                    .map(|r| (r.buyer, r.x))
                    .collect();
                let with = stars(w, &all, k, eps, weighted);
                let without = stars(w, &clean, k, eps, weighted);
                Some(sign * (without? - with?))
            })
            .collect()
    };
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mut weighted = Vec::new();
    for &k in &w.config.sweep.k {
        for &epsilon in &w.config.sweep.epsilon {
            let v = change(k, epsilon, true);
            weighted.push(Weighted {
                k,
                epsilon,
                mean: mean(&v),
                max: v.iter().copied().fold(0.0, f64::max),
            });
        }
    }
    Some(SellerEffect {
        sellers: hit.len() as u32,
        ratings: hit
            .iter()
            .map(|s| s.received.iter().filter(|r| tags.contains(&r.tag)).count() as u64)
            .sum(),
        unweighted: mean(&change(0.0, 0.0, false)),
        weighted,
    })
}

fn extra(w: &World<'_>, flags: &abuse::Flags) -> Extra {
    match w.scenario {
        Scenario::Coercion => Extra::Coercion {
            coerced_harms: w.coerced,
        },
        Scenario::Brigading | Scenario::PatientBrigading => {
            // Each target and the day her brigade rates; seen when R9.7 raised a brigading
            // flag for her in the window that holds that day's ratings.
            let targets: std::collections::BTreeMap<u32, u16> = w
                .buyers
                .iter()
                .filter_map(|b| match b.role {
                    Role::Brigader { target, rate_day } => Some((target, rate_day)),
                    _ => None,
                })
                .collect();
            let len = u16::try_from(w.params.abuse.brigading_days).unwrap_or(u16::MAX);
            Extra::Brigading {
                targets: targets.len() as u32,
                flagged_by_r9_7: targets
                    .iter()
                    .filter(|(t, day)| {
                        flags
                            .brigading
                            .range((**t, **day)..(**t, day.saturating_add(len)))
                            .next()
                            .is_some()
                    })
                    .count() as u32,
            }
        }
        Scenario::Sybil => Extra::Sybil { groups: sybil(w) },
        Scenario::Whitewash => Extra::Whitewash {
            new_accounts: w.buyers.iter().map(|b| u64::from(b.new_accounts)).sum(),
        },
        Scenario::Collusion => Extra::Collusion {
            groups: collusion(w, flags),
        },
        Scenario::Impersonation { code_share } => impersonation(w, code_share),
        Scenario::Baseline | Scenario::Retaliation => Extra::None,
    }
}

fn sybil(w: &World<'_>) -> Vec<SybilGroup> {
    let p = w.params;
    [true, false]
        .iter()
        .map(|&boost| {
            let sellers: Vec<_> = w
                .sellers
                .iter()
                .filter(|s| s.role == SellerRole::Sybil { boost })
                .collect();
            let mut codes = 0u64;
            let mut gained = 0.0;
            let mut counted = 0u32;
            for s in &sellers {
                let all: Vec<(u32, f32)> = s.received.iter().map(|r| (r.buyer, r.x)).collect();
                let clean: Vec<(u32, f32)> = s
                    .received
                    .iter()
                    .filter(|r| r.tag != Tag::Fake)
                    .map(|r| (r.buyer, r.x))
                    .collect();
                // A seller with no rating of her own that counts has no score to lift.
                let (Some(with), Some(without)) = (
                    stars(w, &all, p.k, p.epsilon, true),
                    stars(w, &clean, p.k, p.epsilon, true),
                ) else {
                    continue;
                };
                codes += s.received.iter().filter(|r| r.tag == Tag::Fake).count() as u64;
                gained += with - without;
                counted += 1;
            }
            let n = f64::from(counted.max(1));
            SybilGroup {
                rated_fakes: boost,
                sellers: counted,
                codes,
                stars_per_code: if codes == 0 {
                    0.0
                } else {
                    gained / codes as f64
                },
                stars_gained: gained / n,
            }
        })
        .collect()
}

fn collusion(w: &World<'_>, flags: &abuse::Flags) -> Vec<CollusionGroup> {
    let day = w.config.attacks.collusion_day;
    let end = w.config.population.days;
    let prefs = PRESETS.map(Preset::preferences);
    w.groups
        .iter()
        .enumerate()
        .map(|(g, ((size, days), members))| {
            let targets: Vec<_> = w
                .targets
                .iter()
                .filter(|t| usize::from(t.group) == g)
                .collect();
            let mut declined_at_end = vec![0; 3];
            let mut declined_after = vec![0; 3];
            let (mut before, mut after) = (0u64, 0u64);
            let mut falses = 0.0;
            for t in &targets {
                let b = &w.buyers[t.buyer as usize];
                for (i, p) in prefs.iter().enumerate() {
                    let v = p.verdict(&b.rep, b.ratings);
                    declined_at_end[i] += u32::from(v.min_trust || v.max_unsafe);
                    declined_after[i] += u32::from(t.declined_after[i]);
                }
                before += u64::from(t.meetings_before);
                after += u64::from(b.meetings - t.meetings_before);
                let false_flags = f64::from(*size * *days);
                falses += false_flags / (t.ratings_before as f64 + false_flags);
            }
            let n = targets.len().max(1) as f64;
            let span_before: f64 = targets
                .iter()
                .map(|t| f64::from(day.saturating_sub(u32::from(t.first_meeting)).max(1)))
                .sum();
            let span_after = n * f64::from(end - day);
            let flagged = targets
                .iter()
                .filter(|t| {
                    members
                        .iter()
                        .any(|m| flags.unverified_unsafe.contains(&(*m, t.buyer)))
                })
                .count();
            CollusionGroup {
                colluders: *size,
                days: *days,
                targets: targets.len() as u32,
                median_ratings: median(
                    &mut targets
                        .iter()
                        .map(|t| t.ratings_before as f64)
                        .collect::<Vec<_>>(),
                ),
                false_share: falses / n,
                declined_after,
                declined_at_end,
                meetings_per_30_before: 30.0 * before as f64 / span_before.max(1.0),
                meetings_per_30_after: 30.0 * after as f64 / span_after.max(1.0),
                flagged_by_r9_7: flagged as u32,
            }
        })
        .collect()
}

fn impersonation(w: &World<'_>, code_share: f64) -> Extra {
    let imps: Vec<_> = w
        .buyers
        .iter()
        .filter(|b| matches!(b.role, Role::Impersonator { .. }))
        .collect();
    let victims: std::collections::BTreeSet<u32> = imps
        .iter()
        .filter_map(|b| match b.role {
            Role::Impersonator { victim } => Some(victim),
            _ => None,
        })
        .collect();
    let prefs = PRESETS.map(Preset::preferences);
    let victims_declined = prefs
        .iter()
        .map(|p| {
            victims
                .iter()
                .filter(|v| declined_unearned(w, p, &w.buyers[**v as usize]))
                .count() as u32
        })
        .collect();
    Extra::Impersonation {
        code_share,
        impersonators: imps.len() as u32,
        meetings: imps.iter().map(|b| u64::from(b.meetings)).sum(),
        harms: imps.iter().map(|b| u64::from(b.harms)).sum(),
        misdirected_flags: w.misdirected,
        impersonators_flagged: imps.iter().filter(|b| b.safe.zeros > 0).count() as u32,
        victims: victims.len() as u32,
        victims_declined,
    }
}
