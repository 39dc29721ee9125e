//! The charter's claims held against the numbers, the headline numbers and the
//! recommendation. Every verdict is decided from the measured values, never written in advance.

use tessera_core::reputation::{binary_quantile, influence, reputation, FlagCounts};
use tessera_core::Params;

use super::numbers::{pct, per_1000, run, thousands, v1};
use crate::measures::{Extra, RunResult, SellerEffect, Weighted};
use crate::Results;

pub struct Claim {
    pub section: &'static str,
    pub claim: &'static str,
    pub evidence: String,
    pub verdict: String,
}

/// The weighted damage at the charter's k = 3, ε = 0.05, or else the first pair swept.
fn at_baseline(e: &SellerEffect) -> Option<&Weighted> {
    e.weighted
        .iter()
        .find(|w| w.k == 3.0 && w.epsilon == 0.05)
        .or(e.weighted.first())
}

fn sybil_gain(r: &Results, set: &str, rated: bool) -> Option<f64> {
    match &r.run("sybil", set)?.extra {
        Extra::Sybil { groups } => groups
            .iter()
            .find(|g| g.rated_fakes == rated)
            .map(|g| g.stars_per_code),
        _ => None,
    }
}

/// (share of sellers asking for a code, harms, flags on the innocent) under version 1.
fn impersonation(r: &Results) -> Vec<(f64, u64, u32)> {
    r.runs
        .iter()
        .filter(|x| x.params == v1(r))
        .filter_map(|x| match x.extra {
            Extra::Impersonation {
                code_share,
                harms,
                misdirected_flags,
                ..
            } => Some((code_share, harms, misdirected_flags)),
            _ => None,
        })
        .collect()
}

/// Harms by dangerous buyers with a new account after each exclusion, and without (version 1).
fn whitewash(r: &Results) -> Option<(u64, u64)> {
    let with = run(r, "whitewash")?;
    let without = run(r, "baseline")?;
    Some((harms_after(with).1, harms_after(without).1))
}

fn harms_after(run: &RunResult) -> (u64, u64) {
    (
        run.dangerous.iter().map(|x| x.harms_after_report).sum(),
        run.dangerous.iter().map(|x| x.harms).sum(),
    )
}

/// The moderate preset declines a buyer with 20 clean ratings at his second unsafe flag: his
/// weight at that moment (charter 11.1: "influence loss precedes access loss").
fn weight_when_declined() -> f64 {
    let p = Params::default();
    let rep = reputation(
        FlagCounts { n: 22, zeros: 2 },
        FlagCounts { n: 22, zeros: 0 },
        &p,
    );
    influence(rep.trust, p.k)
}

/// Of the dangerous buyers the moderate preset declined: (declined, of them on trust).
fn moderate_declines(run: &RunResult) -> (u32, u32) {
    run.dangerous.iter().fold((0, 0), |(f, t), row| {
        row.presets
            .get(1)
            .map_or((f, t), |x| (f + x.fell, t + x.on_trust))
    })
}

fn count(v: Option<u64>) -> String {
    v.map_or("never".into(), |n| n.to_string())
}

fn twenty(r: &Results) -> Option<&crate::thresholds::ThresholdRow> {
    r.thresholds
        .iter()
        .find(|t| t.params == v1(r) && t.clean == 20)
}

pub fn claims(r: &Results) -> Vec<Claim> {
    let mut out = Vec::new();
    let q = binary_quantile(FlagCounts { n: 25, zeros: 5 }, 0.25).unwrap_or(0.0);
    out.push(Claim {
        section: "11.3",
        claim: "20 safe and 5 unsafe ratings give a 25th percentile of 0",
        evidence: format!("the formula gives {q:.1} (5 of 25 is 20%, under the quantile's 25%)"),
        verdict: if q > 0.0 {
            "wrong (R3.8)".into()
        } else {
            "confirmed".into()
        },
    });
    let w = weight_when_declined();
    let (fell, on_trust) = run(r, "baseline").map_or((0, 0), moderate_declines);
    out.push(Claim {
        section: "11.1",
        claim: "influence loss precedes access loss",
        evidence: format!(
            "the moderate preset declines a buyer with 20 good ratings at his 2nd unsafe flag, while his weight I_b is still {w:.2}; in the simulation {on_trust} of the {fell} dangerous buyers it declined lost trust (and with it all weight) at that moment, mostly at a first flag on a short record"
        ),
        verdict: match (w > 0.5, on_trust * 2 > fell) {
            (true, true) => "not as stated: both go together for new buyers, access first for established ones".into(),
            (true, false) => "reversed: access goes first".into(),
            (false, _) => "confirmed".into(),
        },
    });
    if let Some(e) = run(r, "retaliation").and_then(|x| x.seller_effect.as_ref()) {
        if let Some(wd) = at_baseline(e) {
            let removed = if e.unweighted > 0.0 {
                Some(1.0 - wd.mean / e.unweighted)
            } else {
                None
            };
            out.push(Claim {
                section: "14.1",
                claim: "retaliation is structurally defeated; residual risk minimal",
                evidence: format!(
                    "mean damage {:.3} stars weighted (k = {}, ε = {}) against {:.3} unweighted, over {} sellers{}",
                    wd.mean,
                    wd.k,
                    wd.epsilon,
                    e.unweighted,
                    e.sellers,
                    removed.map_or(String::new(), |x| format!(": the weight removes {:.0}%", x * 100.0))
                ),
                verdict: match removed {
                    None => "no damage measured".into(),
                    Some(x) if x >= 0.8 => "confirmed".into(),
                    Some(x) if x >= 0.4 => "partly: the weight lags his flags".into(),
                    Some(_) => "not confirmed".into(),
                },
            });
        }
    }
    if let Some(run) = run(r, "coercion") {
        if let Extra::Coercion { coerced_harms } = run.extra {
            out.push(Claim {
                section: "14.2",
                claim: "coercion is self-defeating: he is flagged unsafe",
                evidence: format!(
                    "only when she refuses: {} of {} harms ({}) went unreported",
                    thousands(coerced_harms),
                    thousands(run.harms),
                    pct(coerced_harms, run.harms)
                ),
                verdict: if coerced_harms > 0 {
                    "partly".into()
                } else {
                    "confirmed".into()
                },
            });
        }
    }
    if let (Some(fast), Some(slow)) = (run(r, "brigading"), run(r, "patient_brigading")) {
        if let (
            Extra::Brigading {
                targets,
                flagged_by_r9_7: f1,
            },
            Extra::Brigading {
                flagged_by_r9_7: f2,
                ..
            },
            Some(e),
        ) = (&fast.extra, &slow.extra, fast.seller_effect.as_ref())
        {
            let weighted = at_baseline(e).map_or(0.0, |w| w.mean);
            out.push(Claim {
                section: "14.3",
                claim: "brigading is structurally difficult; detected as low ratings from new accounts",
                evidence: format!(
                    "brigaders who behave are rated safe and weigh in full ({weighted:.3} stars weighted against {:.3} unweighted); R9.7 flags {f1} of {targets} targets when they rate at once and {f2} of {targets} when they wait {} days",
                    e.unweighted,
                    r.config.attacks.patient_wait_days
                ),
                verdict: if *f1 == *targets && *f2 == *targets && weighted < 0.5 * e.unweighted {
                    "confirmed".into()
                } else if *f2 < *targets {
                    "partly: a patient brigade is not seen".into()
                } else {
                    "partly: seen, but the weight does not reduce it".into()
                },
            });
        }
    }
    if let (Some(unrated), Some(rated)) = (sybil_gain(r, v1(r), false), sybil_gain(r, v1(r), true))
    {
        let prior = r
            .param_sets
            .iter()
            .find(|s| s.starts_with("q=0.25+prior"))
            .and_then(|s| sybil_gain(r, s, false));
        out.push(Claim {
            section: "14.4",
            claim: "fake accounts have I_b ≈ 0; codes make Sybil attacks much harder",
            evidence: format!(
                "{unrated:.4} stars per code from fakes nobody rated{}; {rated:.4} per code when the seller rates her own fakes safe first (no code is needed for that)",
                prior.map_or(String::new(), |p| format!(", {p:.4} with the prior on"))
            ),
            verdict: match (unrated > 0.001, rated > 0.001) {
                (false, false) => "confirmed".into(),
                (false, true) => "only while the seller does not rate her fakes".into(),
                _ => "not confirmed".into(),
            },
        });
    }
    if let Some(t) = twenty(r) {
        let share = t.trust_only_share.unwrap_or(1.0);
        let first = t.presets.first().copied().flatten();
        out.push(Claim {
            section: "14.5",
            claim: "collusion requires 25%+ of ratings to be false",
            evidence: format!(
                "trust alone falls below 0.75 at {} false flags on 20 good ratings ({:.0}%), the presets decline him at {}, {} and {} flags",
                count(t.trust_only),
                share * 100.0,
                count(first),
                count(t.presets.get(1).copied().flatten()),
                count(t.presets.get(2).copied().flatten())
            ),
            verdict: match (share >= 0.25, first.is_some_and(|f| f * 4 < 21)) {
                (true, true) => "true of the quantile, wrong of the presets sellers use".into(),
                (true, false) => "confirmed".into(),
                (false, _) => "wrong: fewer suffice".into(),
            },
        });
    }
    if let Some(rated) = sybil_gain(r, v1(r), true) {
        let on: u64 = run(r, "sybil").map_or(0, |x| x.abuse.iter().map(|a| a.on_attackers).sum());
        out.push(Claim {
            section: "14.11",
            claim: "code trading has limited benefit and creates detectable statistical anomalies",
            evidence: format!(
                "a traded code redeemed by a buyer she rated brings {rated:.4} stars; R9.7's rules raised {on} flags naming a Sybil seller or her fakes in the year (§10)"
            ),
            verdict: match (rated > 0.001, on > 0) {
                (false, _) => "confirmed".into(),
                (true, true) => "partly: it pays, and is sometimes seen".into(),
                (true, false) => "not confirmed: it pays and is not seen".into(),
            },
        });
    }
    let imp = impersonation(r);
    if let (Some(none), Some(all)) = (
        imp.iter().find(|x| x.0 == 0.0),
        imp.iter().find(|x| x.0 == 1.0),
    ) {
        out.push(Claim {
            section: "(missing)",
            claim: "the charter does not consider a buyer giving another's pseudonym",
            evidence: format!(
                "with no seller asking for a screening code: {} harms and {} unsafe flags on innocent buyers; with every seller asking: {} and {}",
                thousands(none.1),
                none.2,
                thousands(all.1),
                all.2
            ),
            verdict: if none.2 > 0 && all.2 == 0 {
                "a real attack; screening codes (R4.11) keep his flags on his own record".into()
            } else if none.2 > 0 {
                "a real attack; screening codes reduce it".into()
            } else {
                "not seen in this run".into()
            },
        });
    }
    out
}

pub fn headlines(r: &Results) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(base) = run(r, "baseline") {
        let (after, harms) = harms_after(base);
        let after_all: u64 = base.harms_after_report_by_screen.iter().sum();
        let anyone = base
            .harms_after_report_by_screen
            .get(4)
            .copied()
            .unwrap_or(0);
        out.push(format!(
            "Version 1 (`{}`): {:.2} harms per 1,000 meetings; {} of harms by dangerous buyers happen after the first unsafe flag reached his record, {} of those with sellers who screen with no preferences.",
            v1(r),
            per_1000(base.harms, base.meetings),
            pct(after, harms),
            pct(anyone, after_all)
        ));
        if let Some(row) = base
            .dangerous
            .iter()
            .find(|x| (x.harm - 0.2).abs() < 1e-9)
            .or(base.dangerous.first())
        {
            if let Some(f) = row.presets.get(1) {
                if let Some(m) = f.median_meetings {
                    out.push(format!(
                        "A buyer who harms in {:.0}% of meetings is declined by the moderate preset after a median of {m:.0} meetings ({} of {} such buyers who met anyone were declined within the year).",
                        row.harm * 100.0,
                        f.fell,
                        row.met
                    ));
                }
            }
        }
        let f = &base.false_flags;
        out.push(format!(
            "Careless raters' flags alone make the moderate preset decline {} of honest buyers with enough ratings for it, the cautious one {}.",
            pct(u64::from(f.declined_unearned[1]), u64::from(f.eligible[1])),
            pct(u64::from(f.declined_unearned[0]), u64::from(f.eligible[0]))
        ));
    }
    if let Some(t) = twenty(r) {
        out.push(format!(
            "Collusion: pushing an honest buyer with 20 good ratings below trust 0.75 takes {} false flags, but {} false flag from one seller makes the cautious preset decline him.",
            count(t.trust_only),
            count(t.presets.first().copied().flatten())
        ));
    }
    if let Some(e) = run(r, "retaliation").and_then(|x| x.seller_effect.as_ref()) {
        if let Some(w) = at_baseline(e) {
            out.push(format!(
                "Retaliation costs a seller {:.3} stars on average with the weights of version 1, against {:.3} without them.",
                w.mean, e.unweighted
            ));
        }
    }
    if let Some((with, without)) = whitewash(r) {
        out.push(format!(
            "New accounts: dangerous buyers who open a new account whenever the moderate preset declines them did {} harms in the year, against {} when they keep one.",
            thousands(with),
            thousands(without)
        ));
    }
    let imp = impersonation(r);
    if let (Some(none), Some(all)) = (
        imp.iter().find(|x| x.0 == 0.0),
        imp.iter().find(|x| x.0 == 1.0),
    ) {
        out.push(format!(
            "Impersonation: {} unsafe flags landed on innocent buyers when no seller asked for a screening code, {} when all did.",
            none.2, all.2
        ));
    }
    out
}

/// The share of honest buyers the moderate preset declines because of flags they did not earn.
fn false_rate(x: &RunResult) -> f64 {
    let f = &x.false_flags;
    if f.eligible[1] == 0 {
        0.0
    } else {
        f64::from(f.declined_unearned[1]) / f64::from(f.eligible[1])
    }
}

/// A change must cut the harm per meeting by at least this share of version 1's to count as
/// better: less is within one simulated year's noise and no reason to vote.
const CLEAR: f64 = 0.05;

/// How many more buyer-days without a meeting than version 1 a set may cost: fewer harms bought
/// by turning honest buyers away is exclusion, not safety.
const ACCESS: f64 = 1.25;

/// The parameter set with the least harm per 1,000 meetings whose honest buyers are falsely
/// declined (moderate) no more than one percentage point more often than under version 1 and
/// which turns buyers away no more than [`ACCESS`] times as often.
fn best_set(r: &Results) -> Option<(String, f64, f64)> {
    let base = run(r, "baseline")?;
    let limit = false_rate(base) + 0.01;
    r.param_sets
        .iter()
        .filter_map(|s| r.run("baseline", s))
        .filter(|x| {
            false_rate(x) <= limit && x.turned_away as f64 <= base.turned_away as f64 * ACCESS
        })
        .map(|x| {
            (
                x.params.clone(),
                per_1000(x.harms, x.meetings),
                false_rate(x),
            )
        })
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
}

/// The sets with fewer harms in the year than version 1 that turned buyers away more than
/// [`ACCESS`] times as often, as a sentence (empty when there are none).
fn fewer_by_exclusion(r: &Results, base: &RunResult) -> String {
    let sets: Vec<String> = r
        .param_sets
        .iter()
        .filter_map(|s| r.run("baseline", s))
        .filter(|x| x.harms < base.harms && x.turned_away as f64 > base.turned_away as f64 * ACCESS)
        .map(|x| {
            format!(
                "`{}` ({} harms, {} buyer-days without a meeting)",
                x.params,
                thousands(x.harms),
                thousands(x.turned_away)
            )
        })
        .collect();
    if sets.is_empty() {
        String::new()
    } else {
        format!(
            " Fewer harms in the year came only with turning buyers away: {} against {} and {} for version 1.",
            sets.join(", "),
            thousands(base.harms),
            thousands(base.turned_away)
        )
    }
}

pub fn recommendation(r: &Results) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some((set, harms, rate)), Some(base)) = (best_set(r), run(r, "baseline")) {
        let base_harms = per_1000(base.harms, base.meetings);
        if set == v1(r) || harms > base_harms * (1.0 - CLEAR) {
            out.push(format!(
                "Keep the scoring parameters of version 1 (`{}`): no other set measured here cut the harm per meeting by {:.0}% or more ({base_harms:.2} per 1,000 meetings{}) without declining more honest buyers for flags they did not earn or turning buyers away {:.0}% more often (§2).{}",
                v1(r),
                CLEAR * 100.0,
                if set == v1(r) {
                    String::new()
                } else {
                    format!("; the lowest, `{set}`, {harms:.2}")
                },
                (ACCESS - 1.0) * 100.0,
                fewer_by_exclusion(r, base)
            ));
        } else {
            out.push(format!(
                "Scoring: `{set}` had the least harm per meeting ({harms:.2} per 1,000 against {base_harms:.2} for version 1) while falsely declining {:.1}% of honest buyers with the moderate preset; put it to a vote with the impact preview (R7.4).",
                rate * 100.0
            ));
        }
        let (fell, on_trust) = moderate_declines(base);
        if fell > on_trust {
            out.push(format!(
                "Keep the unsafe-flag maximum in every preset (R4.6): it declined {} of {fell} dangerous buyers the moderate preset turned away before their score moved (§1). It is also why one careless or false flag costs an honest buyer the cautious sellers (§3, §4): show sellers how many distinct sellers stand behind the flags (R3.8), so that one seller's flags weigh as one.",
                fell - on_trust
            ));
        }
        let all: u64 = base.harms_after_report_by_screen.iter().sum();
        let anyone = base
            .harms_after_report_by_screen
            .get(4)
            .copied()
            .unwrap_or(0);
        if all > 0 && anyone * 2 > all {
            out.push(format!(
                "Offer the presets at sign-up and explain the unsafe count on the lookup: sellers who screen with no preferences suffered {} of the harms after a first report ({}, §1).",
                pct(anyone, all),
                thousands(anyone)
            ));
        }
    }
    if let Some((with, without)) = whitewash(r) {
        if with as f64 > without as f64 * (1.0 + CLEAR) {
            out.push(format!(
                "New accounts undo exclusion: dangerous buyers who open one after each exclusion did {} harms instead of {} (§8). The levers are sign-up friction (charter 14.4's proof of work, or sign-up through a seller's invitation) and the lookup's \"new account\" line (R3.9) for the sellers who carry this risk.",
                thousands(with),
                thousands(without)
            ));
        }
    }
    let imp = impersonation(r);
    if let (Some(none), Some(half)) = (
        imp.iter().find(|x| x.0 == 0.0),
        imp.iter().find(|x| x.0 == 0.5),
    ) {
        if none.2 > 0 {
            out.push(format!(
                "Ask every buyer for a screening code (R4.11) before a first meeting: unsafe flags landed on innocent buyers {} times with no seller asking and {} times with half asking (§9); the protection is each seller's own, not shared.",
                none.2, half.2
            ));
        }
    }
    if let Some(Extra::Brigading {
        targets,
        flagged_by_r9_7,
    }) = run(r, "patient_brigading").map(|x| &x.extra)
    {
        if flagged_by_r9_7 < targets {
            out.push(format!(
                "Extend R9.7's brigading rule beyond accounts younger than 14 days (for example: several low ratings of one seller within 48 hours from buyers she met only once): it saw {flagged_by_r9_7} of {targets} patient brigades (§6)."
            ));
        }
    }
    let prior = r
        .param_sets
        .iter()
        .find(|s| s.starts_with("q=0.25+prior"))
        .and_then(|s| sybil_gain(r, s, false));
    if let (Some(with), Some(without)) = (prior, sybil_gain(r, v1(r), false)) {
        if with > without {
            out.push(format!(
                "Keep the prior off: with it a fake account nobody rated counts ({with:.4} stars per code against {without:.4}, §7), and a buyer with no record is known at trust 0.56, below what welcoming sellers accept (§2)."
            ));
        }
    }
    if let Some(base) = run(r, "baseline") {
        let months = f64::from(r.config.population.days) / 30.0;
        let noisy: Vec<String> = base
            .abuse
            .iter()
            .filter(|a| a.flags as f64 / months > f64::from(r.config.population.sellers) / 100.0)
            .map(|a| format!("{} ({:.0} flags a month)", a.rule, a.flags as f64 / months))
            .collect();
        if !noisy.is_empty() {
            out.push(format!(
                "Make R9.7's count rules relative to a seller's activity: on honest traffic {} would bury the Security Committee (§10); for example a share of codes unused, and regular clients exempt from the repeat rule.",
                noisy.join(" and ")
            ));
        }
    }
    out
}
