//! What a backup takes from each table (SPEC R9.5): every durable table whole, in an order in
//! which every foreign key points to a table already loaded (the order the migrations created
//! them); ephemeral data never (sessions, messages, alarms, rate counters, day keys, and the
//! texts sealed under day keys); and the columns sealed under the field key opened, so that a
//! restore under a new master key can seal them again.
//!
//! A conformance test fails when the schema has a table this list does not name, so a new
//! table has to be placed here (kept or left out) before it can ship.

/// How one table enters a backup.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Take {
    /// Every row, every column, except: `cleared` columns go in as null (ephemeral texts of a
    /// durable row), `sealed` columns go in opened (sealed again at the restore).
    Rows {
        cleared: &'static [&'static str],
        sealed: &'static [Sealed],
    },
    /// Nothing: ephemeral by SPEC R9.5.
    Never,
}

/// A column sealed under the field key, and how its context is made from the row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sealed {
    pub column: &'static str,
    pub context: Context,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Context {
    /// The same context for every row.
    Fixed(&'static str),
    /// A prefix followed by an integer column of the row (`"ballot key {proposal_seq}"`).
    WithColumn(&'static str, &'static str),
}

const ROWS: Take = Take::Rows {
    cleared: &[],
    sealed: &[],
};

/// Every table of the schema, in the migrations' order.
pub(crate) const PLAN: &[(&str, Take)] = &[
    (
        "accounts",
        Take::Rows {
            cleared: &[],
            sealed: &[Sealed {
                column: "totp_secret",
                context: Context::Fixed("totp"),
            }],
        },
    ),
    ("sessions", Take::Never),
    ("invitations", ROWS),
    ("recovery_codes", ROWS),
    ("recovery_tokens", ROWS),
    // Login, code and sign-up counters (R9.3, R9.5: rate counters).
    ("security_events", Take::Never),
    ("ratings", ROWS),
    ("buyer_stats", ROWS),
    ("rating_codes", ROWS),
    ("buyer_ratings", ROWS),
    ("seller_releases", ROWS),
    ("buyer_snapshots", ROWS),
    ("issue_reports", ROWS),
    ("param_versions", ROWS),
    ("claim_tokens", ROWS),
    ("screening_links", ROWS),
    ("coops", ROWS),
    ("coop_members", ROWS),
    ("coop_links", ROWS),
    ("committee_members", ROWS),
    ("committee_audit", ROWS),
    ("buddies", ROWS),
    ("buddy_watch", ROWS),
    (
        "checkin_pins",
        Take::Rows {
            cleared: &[],
            sealed: &[Sealed {
                column: "roles",
                context: Context::WithColumn("checkin-pin-roles/", "account_id"),
            }],
        },
    ),
    // A running check-in keeps its deadline (a missed one still raises its alarm after a
    // restore); its note and buyer are sealed under a day key (R8.2), which never leaves.
    (
        "checkins",
        Take::Rows {
            cleared: &["note", "buyer"],
            sealed: &[],
        },
    ),
    ("alarms", Take::Never),
    ("day_keys", Take::Never),
    (
        "threads",
        Take::Rows {
            cleared: &[],
            sealed: &[Sealed {
                column: "title",
                context: Context::Fixed("thread title"),
            }],
        },
    ),
    ("thread_members", ROWS),
    ("messages", Take::Never),
    (
        "alerts",
        Take::Rows {
            cleared: &["text"],
            sealed: &[],
        },
    ),
    (
        "alert_disputes",
        Take::Rows {
            cleared: &["context"],
            sealed: &[],
        },
    ),
    ("alert_posting_bans", ROWS),
    ("member_standing", ROWS),
    ("proposals", ROWS),
    ("proposal_comments", ROWS),
    ("proposal_candidates", ROWS),
    ("proposal_signatures", ROWS),
    ("voter_roll", ROWS),
    ("ballots", ROWS),
    // An open vote's key: without it the vote could not be counted after a restore. Like the
    // database itself during a vote, such a backup can tell how the voters voted (docs/privacy.md).
    (
        "ballot_keys",
        Take::Rows {
            cleared: &[],
            sealed: &[Sealed {
                column: "wrapped",
                context: Context::WithColumn("ballot key ", "proposal_seq"),
            }],
        },
    ),
    ("audit_log", ROWS),
    ("approvals", ROWS),
    (
        "disputes",
        Take::Rows {
            cleared: &[],
            sealed: &[Sealed {
                column: "context",
                context: Context::Fixed("dispute-context"),
            }],
        },
    ),
    ("dispute_panel", ROWS),
    ("excluded_ratings", ROWS),
    ("dispute_signatures", ROWS),
    ("transparency_reports", ROWS),
    ("committee_terms", ROWS),
    ("account_suspensions", ROWS),
    ("restore_codes", ROWS),
    ("abuse_flags", ROWS),
];

/// The tables a backup leaves out (for the documentation and the tests).
pub fn ephemeral_tables() -> Vec<&'static str> {
    PLAN.iter()
        .filter(|(_, t)| matches!(t, Take::Never))
        .map(|(n, _)| *n)
        .collect()
}

/// Every table the plan names, kept or not.
pub fn planned_tables() -> Vec<&'static str> {
    PLAN.iter().map(|(n, _)| *n).collect()
}
