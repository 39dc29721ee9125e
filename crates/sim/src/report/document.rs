//! docs/safety-model.md, written from the numbers of one simulation.

use std::fmt::Write;

use super::claims;
use super::numbers::{opt, pct, per_1000, run, thousands, v1};
use plotters::prelude::SeriesLabelPosition;

use super::plots::{lines, Line};
use super::ReportError;
use crate::measures::Extra;
use crate::Results;

fn plot(name: &str, svg: Result<String, String>) -> Result<(String, String), ReportError> {
    svg.map(|s| (name.to_string(), s))
        .map_err(|reason| ReportError::Plot {
            figure: name.into(),
            reason,
        })
}

/// The document and its figures (file name, SVG).
pub fn document(r: &Results) -> Result<(String, Vec<(String, String)>), ReportError> {
    let mut d = String::new();
    let mut figures = Vec::new();
    let p = &r.config.population;
    let b = &r.config.behaviour;
    let base = v1(r).to_string();
    let _ = writeln!(d, "# The safety model, measured\n");
    let _ = writeln!(
        d,
        "Written by `tessera simulate --seed {} --out docs` (issue 15); do not edit by hand: change \
         the simulator or its configuration and run it again. The same seed and configuration write \
         the same document. Every score below comes from `tessera-core`, the functions the server's \
         lookup calls (`reputation`, the presets' `verdict`, `influence`, `seller_score`), with the \
         governed parameter set under test.\n",
        r.seed
    );
    let _ = writeln!(d, "## Headline numbers\n");
    for line in claims::headlines(r) {
        let _ = writeln!(d, "- {line}");
    }
    let _ = writeln!(d, "\n## The simulated collective\n");
    let _ = writeln!(
        d,
        "- {} sellers and {} buyers over {} days, {} meetings a year sought (the benchmark \
         generator's `small` preset: buyers' popularity log-normal with σ {}, capped at {}× the \
         mean, {:.0}% of buyers never meet anyone; sellers' σ {}).",
        p.sellers,
        p.buyers,
        p.days,
        p.meetings_per_year,
        p.buyer_sigma,
        p.buyer_cap,
        p.inactive_buyers * 100.0,
        p.seller_sigma
    );
    let _ = writeln!(
        d,
        "- Sellers screen with the presets of R4.6: {:.0}% cautious (trust ≥ 0.9, ≥ 10 ratings, no \
         unsafe flag), {:.0}% moderate (≥ 0.8, ≥ 5, at most 1), {:.0}% open (≥ 0.75, ≥ 3, at most \
         2); {:.0}% are welcoming (the open preset's trust and unsafe limits, but they meet buyers \
         with no record: the charter's high-tolerance sellers who generate the first ratings); \
         the other {:.0}% meet anyone. A declined buyer asks up to {} other sellers that day; \
         {:.0}% of the time he asks the seller he last met first.",
        p.cautious * 100.0,
        p.moderate * 100.0,
        p.open * 100.0,
        p.welcoming * 100.0,
        ((1.0 - p.cautious - p.moderate - p.open - p.welcoming) * 100.0).max(0.0),
        b.retries,
        b.returning * 100.0
    );
    let _ =
        writeln!(
        d,
        "- {:.0}% of buyers are dangerous, with a per-meeting probability of harm of {}; {:.0}% \
         are often unreliable ({:.0}% of meetings), everyone else {:.0}%. {:.0}% of sellers are \
         careless raters who flag a good meeting unsafe (or unreliable) {:.0}% of the time.",
        p.dangerous_buyers * 100.0,
        p.harm.iter().map(|h| format!("{h:.2}")).collect::<Vec<_>>().join(", "),
        p.unreliable_buyers * 100.0,
        p.unreliable_rate * 100.0,
        p.base_unreliable_rate * 100.0,
        p.careless_sellers * 100.0,
        p.careless_rate * 100.0
    );
    if let Some(base) = run(r, "baseline") {
        let _ = writeln!(
            d,
            "- In the baseline year under version 1: {} meetings, the median rated buyer has {} \
             ratings, and sellers could not generate {} codes because they had {} active (R4.3).",
            thousands(base.meetings),
            opt(base.median_ratings),
            thousands(base.codes_refused),
            tessera_core::Params::default().max_active_codes
        );
    }
    let _ = writeln!(
        d,
        "- After a meeting she rates him {:.0}% of the time, honestly; she hands a rating code \
         after {:.0}% of good meetings and {:.0}% of harmful ones; a buyer redeems {:.0}% of his \
         codes. Rating codes live {} days.",
        b.rating_rate * 100.0,
        b.code_rate * 100.0,
        b.code_after_harm * 100.0,
        b.code_use * 100.0,
        tessera_core::Params::default().code_ttl_days
    );
    let _ =
        writeln!(
        d,
        "- Parameter sets: {}. `q=…` is the lower quantile of R3.2, `+prior` the prior of R3.4 \
         (weight 2, 0.75), `beta10` the Bayesian lower bound (the 10th percentile of the Beta \
         posterior, `method = \"beta_lower_bound\"`). k and ε change only weights, never who is \
         screened out, so they are applied to each run's final state: {} × {}.\n",
        r.param_sets.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "),
        r.config.sweep.k.iter().map(|k| format!("k={k}")).collect::<Vec<_>>().join("/"),
        r.config.sweep.epsilon.iter().map(|e| format!("ε={e}")).collect::<Vec<_>>().join("/")
    );

    // 1. Dangerous buyers.
    if let Some(run) = run(r, "baseline") {
        let _ = writeln!(d, "## 1. How long a dangerous buyer is met\n");
        let _ = writeln!(
            d,
            "Baseline collective, version 1 (`{base}`). For each per-meeting probability of harm: \
             the median number of his meetings (and days since his first) until each preset \
             first declines him on trust or on unsafe flags, and how many were still accepted \
             at the end of the year. \"Harm after first report\" counts harms in meetings after \
             the first unsafe flag reached his record.\n"
        );
        let _ = writeln!(
            d,
            "| harm per meeting | buyers met | cautious: meetings (days) | moderate | open | never declined by open | harms | harms after first report |\n|---|---|---|---|---|---|---|---|"
        );
        for row in &run.dangerous {
            let cell = |i: usize| {
                row.presets.get(i).map_or("–".into(), |f| {
                    format!("{} ({})", opt(f.median_meetings), opt(f.median_days))
                })
            };
            let never = row.presets.get(2).map_or(0, |f| f.never);
            let _ = writeln!(
                d,
                "| {:.2} | {} | {} | {} | {} | {} | {} | {} ({}) |",
                row.harm,
                row.met,
                cell(0),
                cell(1),
                cell(2),
                never,
                row.harms,
                row.harms_after_report,
                pct(row.harms_after_report, row.harms)
            );
        }
        let _ = writeln!(
            d,
            "\nWhere the harm happens, by how the seller who met him screens:\n\n| seller screens with | harms | of them after his first report |\n|---|---|---|"
        );
        for (i, screen) in crate::people::Screen::ALL.iter().enumerate() {
            let h = run.harms_by_screen.get(i).copied().unwrap_or(0);
            let a = run
                .harms_after_report_by_screen
                .get(i)
                .copied()
                .unwrap_or(0);
            let _ = writeln!(
                d,
                "| {} | {} | {} ({}) |",
                screen.name(),
                thousands(h),
                thousands(a),
                pct(a, h)
            );
        }
        let series: Vec<Line> = ["cautious", "moderate", "open"]
            .iter()
            .enumerate()
            .map(|(i, name)| Line {
                label: (*name).into(),
                points: run
                    .dangerous
                    .iter()
                    .filter_map(|row| row.presets.get(i)?.median_meetings.map(|m| (row.harm, m)))
                    .collect(),
            })
            .collect();
        figures.push(plot(
            "time-to-decline.svg",
            lines(
                "Meetings until a preset declines him (median)",
                "probability of harm per meeting",
                "meetings",
                &series,
                SeriesLabelPosition::UpperRight,
            ),
        )?);
        let _ = writeln!(
            d,
            "\n![Median meetings until each preset declines a dangerous buyer, by harm probability](safety-model/time-to-decline.svg)\n"
        );
        let (fell, trust) = run.dangerous.iter().fold((0, 0), |(f, t), row| {
            row.presets
                .get(1)
                .map_or((f, t), |x| (f + x.fell, t + x.on_trust))
        });
        let _ = writeln!(
            d,
            "Of the {fell} dangerous buyers the moderate preset declined, {trust} were declined on \
             trust (the quantile of a short record drops to 0 at the first unsafe flag) and {} on \
             the unsafe count alone (R4.6's maximum, added for R3.8's blind spot, where his score \
             still showed 1). What remains is the time to the first flags, and the sellers who \
             meet anyone.\n",
            fell - trust
        );
    }

    // 2. Sweep of harm.
    let _ = writeln!(d, "## 2. Harm and exclusion under each parameter set\n");
    let _ = writeln!(
        d,
        "Baseline collective. Harms in the year and per 1,000 meetings; harms after the first \
         report; honest (never harmful) buyers a preset declines only because of flags they did \
         not earn, of those with enough ratings for it; days on which a buyer found no one to \
         meet him.\n"
    );
    let _ = writeln!(
        d,
        "| parameter set | meetings | harms | harms per 1,000 | harms after first report | moderate declines a 20% buyer after (median meetings) | honest buyers declined for flags they did not earn (moderate) | (cautious) | turned away |\n|---|---|---|---|---|---|---|---|---|"
    );
    for set in &r.param_sets {
        if let Some(run) = r.run("baseline", set) {
            let after: u64 = run.dangerous.iter().map(|x| x.harms_after_report).sum();
            let f = &run.false_flags;
            let twenty = run
                .dangerous
                .iter()
                .find(|x| (x.harm - 0.2).abs() < 1e-9)
                .and_then(|x| x.presets.get(1)?.median_meetings);
            let _ = writeln!(
                d,
                "| `{set}` | {} | {} | {:.2} | {} | {} | {} | {} | {} |",
                thousands(run.meetings),
                thousands(run.harms),
                per_1000(run.harms, run.meetings),
                pct(after, run.harms),
                opt(twenty),
                pct(u64::from(f.declined_unearned[1]), u64::from(f.eligible[1])),
                pct(u64::from(f.declined_unearned[0]), u64::from(f.eligible[0])),
                thousands(run.turned_away)
            );
        }
    }

    if let Some(base) = run(r, "baseline") {
        let fewer: Vec<String> = r
            .param_sets
            .iter()
            .filter_map(|set| r.run("baseline", set))
            .filter(|x| {
                x.meetings < base.meetings
                    && per_1000(x.harms, x.meetings) > per_1000(base.harms, base.meetings)
            })
            .map(|x| format!("`{}`", x.params))
            .collect();
        if !fewer.is_empty() {
            let _ = writeln!(
                d,
                "\n{} had fewer meetings than version 1 and more harm per meeting: scoring short \
                 records lower turns honest new buyers away from the presets' sellers, so more of \
                 the meetings that remain are with sellers who meet anyone.",
                fewer.join(", ")
            );
        }
    }

    // 3. False flags.
    if let Some(run) = run(r, "baseline") {
        let f = &run.false_flags;
        let _ = writeln!(d, "\n## 3. False flags: honest buyers declined\n");
        let _ =
            writeln!(
            d,
            "Version 1. Of {} honest buyers who never harmed anyone and were rated at least once, \
             {} ({}) carry an unsafe flag a careless rater gave them. A preset declines a buyer \
             \"for flags he did not earn\" when the same record with the careless zeros as ones \
             would pass; of those with enough ratings for the preset: cautious {} of {} ({}), \
             moderate {} of {} ({}), open {} of {} ({}). Declined for any reason, including \
             unreliable meetings they did have: cautious {}, moderate {}, open {}. The longer an \
             honest buyer's record, the likelier a careless zero: the unsafe maximum counts \
             flags, not their share.\n",
            thousands(u64::from(f.safe_buyers_rated)),
            thousands(u64::from(f.with_unsafe_flag)),
            pct(u64::from(f.with_unsafe_flag), u64::from(f.safe_buyers_rated)),
            f.declined_unearned[0],
            f.eligible[0],
            pct(u64::from(f.declined_unearned[0]), u64::from(f.eligible[0])),
            f.declined_unearned[1],
            f.eligible[1],
            pct(u64::from(f.declined_unearned[1]), u64::from(f.eligible[1])),
            f.declined_unearned[2],
            f.eligible[2],
            pct(u64::from(f.declined_unearned[2]), u64::from(f.eligible[2])),
            pct(u64::from(f.declined[0]), u64::from(f.eligible[0])),
            pct(u64::from(f.declined[1]), u64::from(f.eligible[1])),
            pct(u64::from(f.declined[2]), u64::from(f.eligible[2])),
        );
    }

    // 4. Collusion.
    let _ = writeln!(
        d,
        "## 4. Seller collusion: how many false flags sink an honest buyer\n"
    );
    let _ = writeln!(
        d,
        "Computed with the core functions: an honest buyer with n clean ratings gets c false \
         unsafe flags from c sellers. \"Trust only\" asks when his trust alone falls below 0.75 \
         (no unsafe maximum): the charter's claim (14.5) that collusion needs \"25%+ of ratings\". \
         The presets' columns include their unsafe maximum.\n"
    );
    let _ = writeln!(
        d,
        "| parameter set | clean ratings | cautious | moderate | open | trust only | share of flags false |\n|---|---|---|---|---|---|---|"
    );
    let flags = |n: Option<u64>| match n {
        None => "never".to_string(),
        Some(0) => "0 (declined already)".to_string(),
        Some(n) => n.to_string(),
    };
    for row in r.thresholds.iter().filter(|t| !t.params.contains("+prior")) {
        let _ = writeln!(
            d,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            row.params,
            row.clean,
            flags(row.presets.first().copied().flatten()),
            flags(row.presets.get(1).copied().flatten()),
            flags(row.presets.get(2).copied().flatten()),
            flags(row.trust_only),
            row.trust_only_share
                .map_or("–".into(), |s| format!("{:.0}%", s * 100.0))
        );
    }
    let series: Vec<Line> = r
        .param_sets
        .iter()
        .filter(|s| !s.contains("+prior"))
        .map(|s| Line {
            label: format!("trust only, {s}"),
            points: r
                .thresholds
                .iter()
                .filter(|t| &t.params == s)
                .filter_map(|t| Some((t.clean as f64, t.trust_only? as f64)))
                .collect(),
        })
        .collect();
    figures.push(plot(
        "collusion.svg",
        lines(
            "False flags until trust < 0.75",
            "clean ratings",
            "false unsafe flags",
            &series,
            SeriesLabelPosition::UpperLeft,
        ),
    )?);
    let _ = writeln!(d, "\n![False flags needed to push trust below 0.75, by record length](safety-model/collusion.svg)\n");
    if let Some(Extra::Collusion { groups }) = run(r, "collusion").map(|x| &x.extra) {
        let _ = writeln!(
            d,
            "In the simulation (version 1), groups of sellers flagged honest buyers with ten or \
             more ratings whom every preset accepted, on day {}:\n",
            r.config.attacks.collusion_day
        );
        let _ = writeln!(
            d,
            "| colluders × days | targets | median ratings | false flags among his ratings | declined by cautious / moderate / open | meetings per 30 days before → after | R9.7 flag |\n|---|---|---|---|---|---|---|"
        );
        for g in groups {
            let _ = writeln!(
                d,
                "| {} × {} | {} | {} | {:.0}% | {} / {} / {} | {:.1} → {:.1} | {} of {} |",
                g.colluders,
                g.days,
                g.targets,
                opt(g.median_ratings),
                g.false_share * 100.0,
                g.declined_after.first().copied().unwrap_or(0),
                g.declined_after.get(1).copied().unwrap_or(0),
                g.declined_after.get(2).copied().unwrap_or(0),
                g.meetings_per_30_before,
                g.meetings_per_30_after,
                g.flagged_by_r9_7,
                g.targets
            );
        }
        let _ = writeln!(d);
    }

    // 5. Retaliation and coercion.
    let _ = writeln!(
        d,
        "## 5. Retaliation and coercion: damage to a seller's score\n"
    );
    let _ = writeln!(
        d,
        "Every dangerous buyer rates 0 each seller he harmed whenever she handed him a code \
         ({:.0}% of harmful meetings). Damage is the mean drop of her shown score (5 × Q_s, in \
         stars) against the same ratings without the attack's, over the sellers who received one. \
         Unweighted is the plain mean the charter compares with.\n",
        b.code_after_harm * 100.0
    );
    let mut ret_series = Vec::new();
    let effects: Vec<(&str, &crate::measures::SellerEffect)> =
        ["retaliation", "coercion", "brigading", "patient_brigading"]
            .iter()
            .filter_map(|name| Some((*name, run(r, name)?.seller_effect.as_ref()?)))
            .collect();
    let _ = writeln!(
        d,
        "| weights | {} |\n|---|{}",
        effects
            .iter()
            .map(|(n, e)| format!("{n} ({} sellers, {} ratings)", e.sellers, e.ratings))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(effects.len())
    );
    let _ = writeln!(
        d,
        "| unweighted (plain mean) | {} |",
        effects
            .iter()
            .map(|(_, e)| format!("{:.3}", e.unweighted))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    if let Some((_, first)) = effects.first() {
        for (i, w) in first.weighted.iter().enumerate() {
            let cells: Vec<String> = effects
                .iter()
                .map(|(_, e)| {
                    e.weighted.get(i).map_or("–".into(), |x| {
                        format!("{:.3} (largest {:.3})", x.mean, x.max)
                    })
                })
                .collect();
            let _ = writeln!(
                d,
                "| k = {}, ε = {} | {} |",
                w.k,
                w.epsilon,
                cells.join(" | ")
            );
        }
    }
    if let Some((_, e)) = effects.first() {
        let means: Vec<f64> = e.weighted.iter().map(|w| w.mean).collect();
        let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = means.iter().copied().fold(0.0, f64::max);
        if hi - lo < 0.1 * e.unweighted.max(1e-9) {
            let _ = writeln!(
                d,
                "\nk and ε barely move the damage (retaliation: {lo:.3} to {hi:.3} stars): under \
                 the quantile a buyer's trust is nearly always exactly 0 or 1, so his weight is 0 \
                 or 1 whatever the exponent, and the ε cut only matters for the few records in \
                 between. What protects a seller is whether the retaliator's own flags reached his \
                 record before his rating is counted.\n"
            );
        } else {
            let _ = writeln!(
                d,
                "\nAcross k and ε the retaliation damage ranges from {lo:.3} to {hi:.3} stars.\n"
            );
        }
    }
    if let Some((_, e)) = effects.first() {
        for &eps in &r.config.sweep.epsilon {
            ret_series.push(Line {
                label: format!("weighted, ε={eps}"),
                points: e
                    .weighted
                    .iter()
                    .filter(|w| w.epsilon == eps)
                    .map(|w| (w.k, w.mean))
                    .collect(),
            });
        }
        ret_series.push(Line {
            label: "unweighted".into(),
            points: r
                .config
                .sweep
                .k
                .iter()
                .map(|k| (*k, e.unweighted))
                .collect(),
        });
    }
    if !ret_series.is_empty() {
        figures.push(plot(
            "retaliation.svg",
            lines(
                "Retaliation: mean damage to the seller's score",
                "influence exponent k",
                "stars lost",
                &ret_series,
                SeriesLabelPosition::MiddleRight,
            ),
        )?);
        let _ = writeln!(d, "![Retaliation damage by k and ε, against the unweighted mean](safety-model/retaliation.svg)\n");
    }
    if let Some(run) = run(r, "coercion") {
        if let Extra::Coercion { coerced_harms } = run.extra {
            let _ = writeln!(
                d,
                "Coercion: every dangerous buyer threatens; {:.0}% of sellers give in (rate him safe \
                 and hand him a code). {} of {} harms ({}) were never reported.\n",
                r.config.attacks.coercion_comply * 100.0,
                coerced_harms,
                run.harms,
                pct(coerced_harms, run.harms)
            );
        }
    }

    // 6. Brigading.
    let _ = writeln!(d, "## 6. Buyer brigading\n");
    for scenario in ["brigading", "patient_brigading"] {
        if let Some(Extra::Brigading {
            targets,
            flagged_by_r9_7,
        }) = run(r, scenario).map(|x| &x.extra)
        {
            let _ = writeln!(
                d,
                "- {scenario}: {} new accounts per seller meet her and behave; those she hands a code rate her 0 {}. \
                 R9.7's brigading rule flagged {} of {} targeted sellers.",
                r.config.attacks.brigaders_per_target,
                if scenario == "brigading" {
                    "the next day".to_string()
                } else {
                    format!("{} days later", r.config.attacks.patient_wait_days)
                },
                flagged_by_r9_7,
                targets
            );
        }
    }
    let _ = writeln!(
        d,
        "\nA brigader who behaved in the meeting is rated safe and reliable, so his trust is 1 and \
         his rating weighs in full: the weight does nothing against him (the tables in §5).\n"
    );

    // 7. Sybil.
    let _ = writeln!(d, "## 7. Sybil accounts and code trading\n");
    if let Some(run) = run(r, "sybil") {
        if let Extra::Sybil { groups } = &run.extra {
            let _ = writeln!(
                d,
                "{} sellers with poor listings each hand {} codes to fake accounts (bought, traded or \
                 their own), which rate them 1.0. Half of them first rate their fakes safe and \
                 reliable (no code is needed for that: R4.2).\n",
                r.config.attacks.sybil_sellers, r.config.attacks.sybil_codes
            );
            let _ = writeln!(d, "| parameter set | she rated her fakes | codes used | stars gained per code | stars gained per seller |\n|---|---|---|---|---|");
            for set in &r.param_sets {
                if let Some(Extra::Sybil { groups }) = r.run("sybil", set).map(|x| &x.extra) {
                    for g in groups {
                        let _ = writeln!(
                            d,
                            "| `{set}` | {} | {} | {:.4} | {:.2} |",
                            if g.rated_fakes { "yes" } else { "no" },
                            g.codes,
                            g.stars_per_code,
                            g.stars_gained
                        );
                    }
                }
            }
            let _ = groups;
            let _ = writeln!(d);
        }
    }

    // 8. Whitewash.
    if let (Some(w), Some(base_run)) = (run(r, "whitewash"), run(r, "baseline")) {
        if let Extra::Whitewash { new_accounts } = w.extra {
            let _ = writeln!(d, "## 8. A new account after exclusion\n");
            let _ = writeln!(
                d,
                "Each dangerous buyer opens a new account once the moderate preset declines him \
                 ({} new accounts in the year). Harms by dangerous buyers: {} with new accounts \
                 against {} without; harms after their first report: {} against {}. Every preset \
                 treats \"no record yet\" as below, so a new account is met only by welcoming sellers \
                 and those who meet anyone until it has three ratings (open).\n",
                new_accounts,
                w.dangerous.iter().map(|x| x.harms).sum::<u64>(),
                base_run.dangerous.iter().map(|x| x.harms).sum::<u64>(),
                w.dangerous.iter().map(|x| x.harms_after_report).sum::<u64>(),
                base_run.dangerous.iter().map(|x| x.harms_after_report).sum::<u64>(),
            );
        }
    }

    // 9. Impersonation.
    let _ = writeln!(d, "## 9. Impersonation and screening codes (R4.11)\n");
    let _ = writeln!(
        d,
        "{} dangerous buyers (harm {:.2} per meeting) give sellers the pseudonym of a good buyer \
         from the busiest tenth. A seller who asks for a screening code sees his own record \
         instead. Her unsafe flag lands on the pseudonym she was given.\n",
        r.config.attacks.impersonators, r.config.attacks.impersonator_harm
    );
    let _ = writeln!(
        d,
        "| sellers asking for a code | impersonators' meetings | harms | flags on the innocent | impersonators flagged themselves | victims declined for flags they did not earn (cautious / moderate / open) |\n|---|---|---|---|---|---|"
    );
    let mut imp_harms = Vec::new();
    let mut imp_wrong = Vec::new();
    for run in r.runs.iter().filter(|x| x.params == base) {
        if let Extra::Impersonation {
            code_share,
            impersonators,
            meetings,
            harms,
            misdirected_flags,
            impersonators_flagged,
            victims,
            victims_declined,
        } = &run.extra
        {
            let _ = writeln!(
                d,
                "| {:.0}% | {} | {} | {} | {} of {} | {} / {} / {} of {} |",
                code_share * 100.0,
                meetings,
                harms,
                misdirected_flags,
                impersonators_flagged,
                impersonators,
                victims_declined.first().copied().unwrap_or(0),
                victims_declined.get(1).copied().unwrap_or(0),
                victims_declined.get(2).copied().unwrap_or(0),
                victims
            );
            imp_harms.push((*code_share, *harms as f64));
            imp_wrong.push((*code_share, f64::from(*misdirected_flags)));
        }
    }
    figures.push(plot(
        "impersonation.svg",
        lines(
            "Impersonation by share of sellers asking for a screening code",
            "share of sellers asking for a code",
            "count in a year",
            &[
                Line {
                    label: "harms by impersonators".into(),
                    points: imp_harms.clone(),
                },
                Line {
                    label: "unsafe flags on innocent buyers".into(),
                    points: imp_wrong,
                },
            ],
            SeriesLabelPosition::MiddleRight,
        ),
    )?);
    if let (Some(first), Some(last)) = (imp_harms.first(), imp_harms.last()) {
        let _ = writeln!(
            d,
            "\nAs more sellers ask for a code, his flags land on his own record instead of an \
             innocent's; his harms went from {:.0} (none asking) to {:.0} (all asking), because \
             with his own new account he is still met by sellers who meet new buyers or anyone.",
            first.1, last.1
        );
    }
    let _ = writeln!(d, "\n![Impersonators' harms and flags on the innocent, by share of sellers asking for a screening code](safety-model/impersonation.svg)\n");

    // 10. R9.7.
    let _ = writeln!(d, "## 10. Which R9.7 abuse rules fire\n");
    let _ = writeln!(
        d,
        "The rules of R9.7 replayed at day precision with the governed thresholds (code failures, \
         i.e. guessing, are not simulated). \"On attackers\" counts flags whose subject is an \
         attacking account or whose window holds an attack's rating.\n"
    );
    let rules: Vec<String> = run(r, "baseline").map_or(Vec::new(), |x| {
        x.abuse.iter().map(|a| a.rule.clone()).collect()
    });
    let _ = writeln!(
        d,
        "| scenario | {} |\n|---|{}",
        rules.join(" | "),
        "---|".repeat(rules.len())
    );
    for run in r.runs.iter().filter(|x| x.params == base) {
        let cells: Vec<String> = run
            .abuse
            .iter()
            .map(|a| {
                if a.on_attackers > 0 {
                    format!("{} ({} on attackers)", a.flags, a.on_attackers)
                } else {
                    a.flags.to_string()
                }
            })
            .collect();
        let _ = writeln!(d, "| {} | {} |", run.scenario, cells.join(" | "));
    }
    if let Some(baseline) = run(r, "baseline") {
        let months = f64::from(p.days) / 30.0;
        let per = |rule: &str| {
            baseline
                .abuse
                .iter()
                .find(|a| a.rule == rule)
                .map_or(0.0, |a| {
                    a.flags as f64 / months * 1000.0 / f64::from(p.sellers)
                })
        };
        let _ = writeln!(
            d,
            "\nOn honest traffic (the baseline) that is {:.1} unused-codes flags and {:.1} \
             repeat-codes flags per 1,000 sellers a month for the Security Committee to read.\n",
            per("unused_codes"),
            per("repeat_codes")
        );
    }

    // 11. Claims.
    let _ = writeln!(d, "## 11. The charter's claims, checked\n");
    let _ = writeln!(
        d,
        "| charter | claim | what the numbers say | verdict |\n|---|---|---|---|"
    );
    for c in claims::claims(r) {
        let _ = writeln!(
            d,
            "| {} | {} | {} | {} |",
            c.section, c.claim, c.evidence, c.verdict
        );
    }

    // 12. Recommendation.
    let _ = writeln!(d, "\n## 12. Recommendation to put to a vote\n");
    for line in claims::recommendation(r) {
        let _ = writeln!(d, "- {line}");
    }

    let _ = writeln!(d, "\n## Limits of this model\n");
    let _ = writeln!(
        d,
        "- People follow fixed probabilities; real dangerous buyers adapt, and real sellers talk \
         to each other (alerts, R6.4, are not simulated and would shorten every time above).\n\
         - One rating per meeting, never updated; no rating days back-dated; no reporter-protection \
         batches (R4.8), which delay what a buyer can see but not what a seller's lookup shows.\n\
         - The abuse rules are replayed once a day, not every ten minutes, and code guessing is not \
         simulated.\n\
         - The population is drawn once per seed; other seeds give other numbers within the \
         noise of a single year.\n"
    );
    Ok((d, figures))
}
