//! The charter's claims held against the numbers, the headline numbers and the
//! recommendation. Verdicts are decided from the measured values, not written in advance.

use tessera_core::reputation::{binary_quantile, influence, reputation, FlagCounts};
use tessera_core::Params;

use super::document::{pct, per_1000, run, v1};
use crate::measures::{Extra, RunResult, SellerEffect};
use crate::Results;

pub struct Claim {
    pub section: &'static str,
    pub claim: &'static str,
    pub evidence: String,
    pub verdict: String,
}

/// Weighted damage at the charter's k = 3, ε = 0.05 (or the first pair swept).
fn at_baseline(e: &SellerEffect) -> f64 {
    e.weighted
        .iter()
        .find(|w| w.k == 3.0 && w.epsilon == 0.05)
        .or(e.weighted.first())
        .map_or(0.0, |w| w.mean)
}

fn ratio(weighted: f64, unweighted: f64) -> f64 {
    if unweighted <= 0.0 {
        1.0
    } else {
        weighted / unweighted
    }
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

fn harms_after(run: &RunResult) -> (u64, u64) {
    (
        run.dangerous.iter().map(|x| x.harms_after_report).sum(),
        run.dangerous.iter().map(|x| x.harms).sum(),
    )
}

/// The moderate preset's decline of a buyer with 20 clean ratings and two unsafe flags, and
/// his weight at that moment (charter 11.1: "influence loss precedes access loss").
fn weight_when_declined() -> f64 {
    let p = Params::default();
    let rep = reputation(
        FlagCounts { n: 22, zeros: 2 },
        FlagCounts { n: 22, zeros: 0 },
        &p,
    );
    influence(rep.trust, p.k)
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
    out.push(Claim {
        section: "11.1",
        claim: "influence loss precedes access loss",
        evidence: format!(
            "the moderate preset declines a buyer with 20 good ratings at his 2nd unsafe flag, while his weight I_b is still {w:.2}"
        ),
        verdict: if w > 0.5 { "reversed: access goes first".into() } else { "confirmed".into() },
    });
    if let Some(e) = run(r, "retaliation").and_then(|x| x.seller_effect.as_ref()) {
        let wd = at_baseline(e);
        let k = ratio(wd, e.unweighted);
        out.push(Claim {
            section: "14.1",
            claim: "retaliation is structurally defeated; residual risk minimal",
            evidence: format!(
                "mean damage {wd:.3} stars weighted (k = 3, ε = 0.05) against {:.3} unweighted, over {} sellers: the weight removes {:.0}%",
                e.unweighted,
                e.sellers,
                (1.0 - k) * 100.0
            ),
            verdict: if k <= 0.2 {
                "confirmed".into()
            } else if k <= 0.6 {
                "partly: the weight lags his flags".into()
            } else {
                "not confirmed".into()
            },
        });
    }
    if let Some(run) = run(r, "coercion") {
        if let Extra::Coercion { coerced_harms } = run.extra {
            out.push(Claim {
                section: "14.2",
                claim: "coercion is self-defeating: he is flagged unsafe",
                evidence: format!(
                    "only when she refuses: {} of {} harms ({}) went unreported",
                    coerced_harms,
                    run.harms,
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
            out.push(Claim {
                section: "14.3",
                claim: "brigading is structurally difficult; detected as low ratings from new accounts",
                evidence: format!(
                    "brigaders who behave get full weight ({:.3} stars weighted against {:.3} unweighted); R9.7 flags {f1} of {targets} targets when they rate at once and {f2} of {targets} when they wait {} days",
                    at_baseline(e),
                    e.unweighted,
                    r.config.attacks.patient_wait_days
                ),
                verdict: if *f2 < *targets { "partly: a patient brigade is not seen".into() } else { "confirmed".into() },
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
                "{unrated:.4} stars per code from fakes nobody rated{}; {rated:.4} per code when the seller rates her own fakes safe first (no code needed for that)",
                prior.map_or(String::new(), |p| format!(", {p:.4} with the prior on"))
            ),
            verdict: if rated > 0.001 { "only while the seller does not rate her fakes".into() } else { "confirmed".into() },
        });
    }
    let twenty = r
        .thresholds
        .iter()
        .find(|t| t.params == v1(r) && t.clean == 20);
    if let Some(t) = twenty {
        out.push(Claim {
            section: "14.5",
            claim: "collusion requires 25%+ of ratings to be false",
            evidence: format!(
                "trust alone falls below 0.75 at {} false flags on 20 good ratings ({:.0}%), but the presets decline him at {}, {} and {} flags whatever his record",
                t.trust_only,
                t.trust_only_share * 100.0,
                t.presets.first().copied().unwrap_or(0),
                t.presets.get(1).copied().unwrap_or(0),
                t.presets.get(2).copied().unwrap_or(0)
            ),
            verdict: "true of the quantile, wrong of the presets sellers use".into(),
        });
    }
    if let Some(rated) = sybil_gain(r, v1(r), true) {
        out.push(Claim {
            section: "14.11",
            claim: "code trading has limited benefit: fake ratings are still weighted by I_b",
            evidence: format!("a traded code from a buyer she rated brings {rated:.4} stars; R9.7's rules flag none of the Sybil sellers (§10)"),
            verdict: if rated > 0.001 { "not confirmed".into() } else { "confirmed".into() },
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
                none.1, none.2, all.1, all.2
            ),
            verdict: "a real attack; screening codes (R4.11) close it".into(),
        });
    }
    out
}

pub fn headlines(r: &Results) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(base) = run(r, "baseline") {
        let (after, harms) = harms_after(base);
        let after_all: u64 = base.harms_after_report_by_screen.iter().sum();
        let lenient: u64 = base.harms_after_report_by_screen.iter().skip(3).sum();
        out.push(format!(
            "Version 1 (`{}`): {:.2} harms per 1,000 meetings; {} of harms by dangerous buyers happen after the first unsafe flag reached his record, {} of those with sellers who meet new buyers (welcoming) or anyone.",
            v1(r),
            per_1000(base.harms, base.meetings),
            pct(after, harms),
            pct(lenient, after_all)
        ));
        if let Some(row) = base
            .dangerous
            .iter()
            .find(|x| (x.harm - 0.2).abs() < 1e-9)
            .or(base.dangerous.first())
        {
            if let Some(m) = row.presets.get(1).and_then(|f| f.median_meetings) {
                out.push(format!(
                    "A buyer who harms in {:.0}% of meetings is declined by the moderate preset after a median of {m:.0} meetings.",
                    row.harm * 100.0
                ));
            }
        }
        let f = &base.false_flags;
        out.push(format!(
            "Careless raters: {} of honest buyers with enough ratings are declined by the moderate preset, {} by the cautious one.",
            pct(u64::from(f.declined[1]), u64::from(f.eligible[1])),
            pct(u64::from(f.declined[0]), u64::from(f.eligible[0]))
        ));
    }
    if let Some(t) = r
        .thresholds
        .iter()
        .find(|t| t.params == v1(r) && t.clean == 20)
    {
        out.push(format!(
            "Collusion: the charter's \"25%+\" holds for the quantile ({} false flags of {} on 20 good ratings), but one false flag from one seller makes the cautious preset decline anyone.",
            t.trust_only,
            20 + t.trust_only
        ));
    }
    if let Some(e) = run(r, "retaliation").and_then(|x| x.seller_effect.as_ref()) {
        out.push(format!(
            "Retaliation costs a seller {:.3} stars with the weights of version 1 against {:.3} without them.",
            at_baseline(e),
            e.unweighted
        ));
    }
    let imp = impersonation(r);
    if let (Some(none), Some(all)) = (
        imp.iter().find(|x| x.0 == 0.0),
        imp.iter().find(|x| x.0 == 1.0),
    ) {
        out.push(format!(
            "Impersonation: {} harms and {} flags on innocent buyers when no seller asks for a screening code, {} and {} when all do.",
            none.1, none.2, all.1, all.2
        ));
    }
    out
}

/// The parameter set with the fewest harms whose honest buyers are declined (moderate) no more
/// than one percentage point more often than under version 1.
fn best_set(r: &Results) -> Option<(String, f64, f64)> {
    let rate = |x: &RunResult| {
        let f = &x.false_flags;
        if f.eligible[1] == 0 {
            0.0
        } else {
            f64::from(f.declined[1]) / f64::from(f.eligible[1])
        }
    };
    let base = run(r, "baseline")?;
    let limit = rate(base) + 0.01;
    r.param_sets
        .iter()
        .filter_map(|s| r.run("baseline", s))
        .filter(|x| rate(x) <= limit)
        .map(|x| (x.params.clone(), per_1000(x.harms, x.meetings), rate(x)))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
}

/// A change must cut harms by at least this share of version 1's to count as better: less is
/// within one simulated year's noise and no reason to vote.
const CLEAR: f64 = 0.05;

pub fn recommendation(r: &Results) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some((set, harms, rate)), Some(base)) = (best_set(r), run(r, "baseline")) {
        let base_harms = per_1000(base.harms, base.meetings);
        if set == v1(r) || harms > base_harms * (1.0 - CLEAR) {
            out.push(format!(
                "Keep the scoring parameters of version 1 (`{}`): no other set measured here cut harms by {:.0}% or more ({base_harms:.2} per 1,000 meetings; the best, `{set}`, {harms:.2}) without declining more honest buyers.",
                v1(r),
                CLEAR * 100.0
            ));
        } else {
            out.push(format!(
                "Scoring: `{set}` had the fewest harms ({harms:.2} per 1,000 meetings against {base_harms:.2} for version 1) while declining {:.1}% of honest buyers with the moderate preset; put it to a vote with the impact preview (R7.4).",
                rate * 100.0
            ));
        }
    }
    out.push(
        "Keep the unsafe-flag maximum in every preset (R4.6): it, not the quantile, is what declines a dangerous buyer early (§1), and it is why one careless or false flag costs an honest buyer the cautious sellers (§3, §4). Show sellers the number of distinct sellers behind the flags (R3.8) so that one seller's flags weigh as one.".into(),
    );
    if let Some(base) = run(r, "baseline") {
        let all: u64 = base.harms_after_report_by_screen.iter().sum();
        let anyone = base
            .harms_after_report_by_screen
            .get(4)
            .copied()
            .unwrap_or(0);
        out.push(format!(
            "Tell every seller what a lookup's unsafe count means and offer the presets at sign-up: sellers who meet anyone suffered {} of the harms after a first report ({}, §1).",
            pct(anyone, all),
            super::document::thousands(anyone)
        ));
    }
    let imp = impersonation(r);
    if let (Some(none), Some(half)) = (
        imp.iter().find(|x| x.0 == 0.0),
        imp.iter().find(|x| x.0 == 0.5),
    ) {
        out.push(format!(
            "Ask every buyer for a screening code (R4.11) before a first meeting: unsafe flags landed on innocent buyers {} times with no seller asking and {} times with half asking (§9); the protection is each seller's own, not shared.",
            none.2, half.2
        ));
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
                "Keep the prior off: with it, a fake account nobody rated counts ({with:.4} stars per code against {without:.4}, §7), and buyers with no record are known at trust 0.56, below what welcoming sellers accept (§2)."
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
