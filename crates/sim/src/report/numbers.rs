//! How the document writes numbers, and which run it speaks of: shared by the document and
//! its claims.

use crate::measures::RunResult;
use crate::Results;

pub(super) fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// 1234567 as "1,234,567".
pub(super) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn opt(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.0}"))
}

pub(super) fn per_1000(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        1000.0 * part as f64 / whole as f64
    }
}

/// The charter's baseline (version 1) is the first parameter set.
pub(super) fn v1(r: &Results) -> &str {
    r.param_sets.first().map_or("q=0.25", String::as_str)
}

pub(super) fn run<'a>(r: &'a Results, scenario: &str) -> Option<&'a RunResult> {
    r.run(scenario, v1(r))
}
