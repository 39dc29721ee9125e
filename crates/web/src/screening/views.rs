//! What the screening pages show, computed from a lookup (charter 12.4; SPEC R3.6–R3.9, R4.1):
//! numbers in the reader's notation, interval bars, the trust band and its explanation.

use tessera_core::reputation::{Band, Score};

use crate::i18n::Lang;
use tessera_app::screening::Lookup;

/// A number as the charter shows it: two decimals, in the reader's notation.
pub fn num(l: Lang, x: f64) -> String {
    l.decimal(x, 2)
}

pub fn q(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A small server-rendered bar of the confidence interval (R4.1): no script, no style. The
/// label comes from the catalogue, never from user input, and is escaped anyway.
pub fn interval_bar(score: &Score, label: &str) -> String {
    let (Some(s), Some((lo, hi))) = (score.score, score.ci) else {
        return String::new();
    };
    let label: String = label
        .chars()
        .map(|c| match c {
            '"' | '<' | '>' | '&' => ' ',
            c => c,
        })
        .collect();
    let start = lo * 200.0;
    let width = ((hi - lo) * 200.0).max(1.0);
    let mark = s.min(0.99) * 200.0;
    format!(
        "<svg class=\"bar\" width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" role=\"img\" aria-label=\"{label}\">\
         <rect x=\"0\" y=\"5\" width=\"200\" height=\"4\" fill=\"#d5d9df\"/>\
         <rect x=\"{start:.1}\" y=\"2\" width=\"{width:.1}\" height=\"10\" fill=\"#1f5f8b\"/>\
         <rect x=\"{mark:.1}\" y=\"0\" width=\"2\" height=\"14\" fill=\"#1c1f23\"/></svg>"
    )
}

pub struct ResultView {
    pub buyer: String,
    pub buyer_q: String,
    pub safe_score: String,
    pub safe_detail: String,
    pub safe_bar: String,
    pub unsafe_line: String,
    pub reliable_score: String,
    pub reliable_detail: String,
    pub reliable_bar: String,
    pub unreliable_line: String,
    pub trust: String,
    pub influence: String,
    pub verified: String,
    pub age: String,
    pub band: String,
    pub band_class: &'static str,
    pub low_sample: bool,
    pub meets: bool,
    pub verdict: String,
    pub alerts: String,
    /// The live alerts naming him that she can see (R6.4).
    pub alert_list: Vec<crate::network::alerts::pages::AlertItem>,
    pub params_line: String,
    /// Whether the lookup came through the buyer's screening link or code (R4.11), and the
    /// line that says what that proves.
    pub verified_control: bool,
    pub control: String,
    /// Above the band, before anything green, for any buyer with an unsafe flag (R3.8): the
    /// counts, then why the score cannot show them.
    pub unsafe_warning: Option<(String, String)>,
}

fn detail(l: Lang, s: &Score) -> String {
    match s.ci {
        Some((lo, hi)) => l.ta(
            "lookup-detail",
            &[
                ("n", s.n.to_string()),
                ("lo", num(l, lo)),
                ("hi", num(l, hi)),
            ],
        ),
        None => l.ta("lookup-detail-none", &[("n", s.n.to_string())]),
    }
}

pub fn result_view(l: Lang, r: &Lookup) -> ResultView {
    let unknown = l.t("lookup-unknown");
    let score = |s: &Score| s.score.map_or_else(|| unknown.clone(), |v| num(l, v));
    let sellers = r.buyer.sellers.to_string();
    let band_key = match r.rep.band {
        Band::High => "band-high",
        Band::Moderate => "band-moderate",
        Band::Low => "band-low",
        Band::Unknown => "band-unknown",
    };
    let verdict = if r.verdict.meets {
        l.t("pref-meets")
    } else {
        let missed: Vec<String> = r
            .verdict
            .missed
            .iter()
            .map(|m| l.t(&format!("pref-missed-{}", m.replace('_', "-"))))
            .collect();
        l.ta("pref-misses", &[("which", missed.join(", "))])
    };
    ResultView {
        buyer: r.buyer.display_name.clone(),
        buyer_q: q(&r.buyer.display_name),
        safe_score: score(&r.rep.safe),
        safe_detail: detail(l, &r.rep.safe),
        safe_bar: interval_bar(&r.rep.safe, &l.t("lookup-bar-safe")),
        unsafe_line: l.ta(
            "lookup-unsafe-count",
            &[
                ("flagged", r.rep.safe.flagged.to_string()),
                ("n", r.rep.safe.n.to_string()),
                ("sellers", sellers.clone()),
            ],
        ),
        reliable_score: score(&r.rep.reliable),
        reliable_detail: detail(l, &r.rep.reliable),
        reliable_bar: interval_bar(&r.rep.reliable, &l.t("lookup-bar-reliable")),
        unreliable_line: l.ta(
            "lookup-unreliable-count",
            &[
                ("flagged", r.rep.reliable.flagged.to_string()),
                ("n", r.rep.reliable.n.to_string()),
                ("sellers", sellers),
            ],
        ),
        trust: r.rep.trust.map_or_else(|| unknown.clone(), |v| num(l, v)),
        influence: num(l, r.rep.influence),
        verified: l.ta(
            "lookup-verified-count",
            &[
                ("verified", r.buyer.verified.to_string()),
                ("n", r.buyer.interactions.to_string()),
            ],
        ),
        age: if r.age_months < 1 {
            l.t("lookup-new-account")
        } else {
            l.ta("lookup-age-months", &[("months", r.age_months.to_string())])
        },
        band: l.t(band_key),
        band_class: r.rep.band.as_str(),
        low_sample: r.rep.low_sample,
        meets: r.verdict.meets,
        verdict,
        alerts: if r.alerts.is_empty() {
            l.t("lookup-no-alerts")
        } else {
            l.ta("lookup-alerts", &[("n", r.alerts.len().to_string())])
        },
        alert_list: crate::network::alerts::pages::alert_items(l, &r.alerts),
        params_line: l.ta(
            "lookup-params",
            &[("version", r.params_version.to_string())],
        ),
        verified_control: r.verified_control,
        control: l.t(if r.verified_control {
            "lookup-control-verified"
        } else {
            "lookup-control-unverified"
        }),
        unsafe_warning: (r.rep.safe.flagged > 0).then(|| {
            (
                l.ta(
                    "lookup-unsafe-warning",
                    &[
                        ("sellers", r.unsafe_sellers.to_string()),
                        ("flagged", r.rep.safe.flagged.to_string()),
                        ("n", r.rep.safe.n.to_string()),
                    ],
                ),
                l.t("lookup-unsafe-warning-score"),
            )
        }),
    }
}
