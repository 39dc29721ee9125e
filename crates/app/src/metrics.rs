//! The aggregate counters of SPEC R9.6, recorded where the use case happens. Every name is
//! here once; no label ever carries a pseudonym, an id or an address: the only labels are a
//! closed list (the abuse rule). Without a recorder installed (the CLI, most tests) each call
//! does nothing.

pub const LOOKUPS: &str = "tessera_lookups_total";
pub const RATINGS: &str = "tessera_ratings_total";
pub const CODES_GENERATED: &str = "tessera_codes_generated_total";
pub const CODES_REDEEMED: &str = "tessera_codes_redeemed_total";
pub const CODE_FAILURES: &str = "tessera_code_failures_total";
pub const PURGE_RUNS: &str = "tessera_purge_runs_total";
pub const PURGE_ROWS: &str = "tessera_purge_rows_deleted_total";
pub const JOB_LAG: &str = "tessera_job_lag_seconds";
pub const ABUSE_FLAGS: &str = "tessera_abuse_flags_total";

/// A lookup answered (by pseudonym or by screening link).
pub fn lookup() {
    metrics::counter!(LOOKUPS).increment(1);
}

/// A seller's rating of a buyer saved.
pub fn rating() {
    metrics::counter!(RATINGS).increment(1);
}

pub fn code_generated() {
    metrics::counter!(CODES_GENERATED).increment(1);
}

pub fn code_redeemed() {
    metrics::counter!(CODES_REDEEMED).increment(1);
}

/// A wrong, used or expired code given by a buyer (R4.5).
pub fn code_failure() {
    metrics::counter!(CODE_FAILURES).increment(1);
}

/// One purge round and how many rows it deleted, all kinds together.
pub fn purge(rows: u64) {
    metrics::counter!(PURGE_RUNS).increment(1);
    metrics::counter!(PURGE_ROWS).increment(rows);
}

/// How late the job runner started its latest round after the round was due.
pub fn job_lag(seconds: f64) {
    metrics::gauge!(JOB_LAG).set(seconds);
}

/// New abuse flags raised by one rule (R9.7); `rule` is one of the rules' fixed names.
pub fn abuse_flags(rule: &'static str, n: u64) {
    metrics::counter!(ABUSE_FLAGS, "rule" => rule).increment(n);
}

/// Every counter and gauge with its help text, so the exporter describes them all and
/// `/metrics` lists each one from the start (at 0) rather than from its first event.
pub fn describe() {
    for (name, help) in [
        (LOOKUPS, "Buyer lookups answered"),
        (RATINGS, "Seller ratings of buyers saved"),
        (CODES_GENERATED, "One-time rating codes generated"),
        (CODES_REDEEMED, "Rating codes redeemed by a buyer's rating"),
        (CODE_FAILURES, "Wrong, used or expired rating codes given"),
        (PURGE_RUNS, "Purge rounds run"),
        (PURGE_ROWS, "Rows deleted by the purge"),
    ] {
        metrics::describe_counter!(name, help);
        metrics::counter!(name).increment(0);
    }
    metrics::describe_counter!(ABUSE_FLAGS, "Abuse flags raised, by rule (R9.7)");
    metrics::describe_gauge!(
        JOB_LAG,
        "Seconds the job runner's latest round started after it was due"
    );
    metrics::gauge!(JOB_LAG).set(0.0);
}
