//! What a seized server reveals (SPEC R8, R2.11; issue 14 §5; docs/privacy.md), checked from
//! the attacker's side: a collective filled through the API (`everything::fill_everything`), its
//! clock moved past every message's and alert's expiry and the retention purge run, then every
//! row of every table read as the holder of the database and its key would. No IP address, no
//! e-mail address, no deleted member's pseudonym, no expired text; exact times only in the
//! columns docs/privacy.md lists as holding them.

use std::collections::BTreeMap;

use tessera_store::backup::{self, ephemeral_tables, Item};

use crate::backup::{export, tables};
use crate::common::*;
use crate::everything::{everything_app, fill_everything};

/// The columns docs/privacy.md's inventory describes as holding an exact time ("exact time",
/// "exact expiry", "the exact deadline"; Unix seconds from the application's clock), as in its
/// list under "Exact times, outside the columns that need them". A column holding a Unix time
/// that is not here fails the test: either it leaks a moment or the inventory is incomplete.
const EXACT_TIMES: &[(&str, &str)] = &[
    ("sessions", "created_at"),
    ("sessions", "last_seen_at"),
    ("invitations", "expires_at"),
    ("recovery_tokens", "expires_at"),
    ("security_events", "at"),
    // Exact while the code is unused, then the start of its day (checked below).
    ("rating_codes", "generated_at"),
    ("rating_codes", "expires_at"),
    ("claim_tokens", "expires_at"),
    ("screening_links", "expires_at"),
    ("coop_links", "expires_at"),
    ("committee_audit", "at"),
    ("buddy_watch", "until_at"),
    ("checkins", "due_at"),
    ("alarms", "raised_at"),
    ("alarms", "checked_in_late_at"),
    ("alarms", "closed_at"),
    ("threads", "created_at"),
    ("threads", "last_at"),
    ("thread_members", "read_at"),
    ("messages", "sent_at"),
    ("messages", "expires_at"),
    ("alerts", "decided_at"),
    ("audit_log", "at"),
    ("approvals", "requested_at"),
    ("approvals", "approved_at"),
];

/// Columns docs/privacy.md describes as "a day boundary, not an exact time": allowed only as
/// the first second of a UTC day.
const DAY_BOUNDARIES: &[(&str, &str)] = &[
    ("alerts", "expires_at"),
    ("proposals", "opens_at"),
    ("proposals", "closes_at"),
];

const DAY: i64 = 86_400;

/// The first IPv4 address in `s`: four numbers of at most 255 joined by dots (a version such as
/// 1.2.3 or a decimal has fewer parts).
fn ipv4_in(s: &str) -> Option<String> {
    for run in s.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let parts: Vec<&str> = run.split('.').collect();
        for w in parts.windows(4) {
            if w.iter()
                .all(|p| (1..=3).contains(&p.len()) && p.parse::<u16>().is_ok_and(|n| n <= 255))
            {
                return Some(w.join("."));
            }
        }
    }
    None
}

/// The first IPv6 address in `s` (also `::1` and `::ffff:127.0.0.1`): a run of hex digits,
/// colons and dots with at least two colons that parses as one. A time such as 12:30:00 does not.
fn ipv6_in(s: &str) -> Option<String> {
    s.split(|c: char| !(c.is_ascii_hexdigit() || c == ':' || c == '.'))
        .map(|run| run.trim_matches('.'))
        .filter(|run| run.matches(':').count() >= 2)
        .find(|run| run.parse::<std::net::Ipv6Addr>().is_ok())
        .map(str::to_owned)
}

/// The first e-mail address in `s`: something before an `@`, a domain with a dot after it.
fn email_in(s: &str) -> Option<String> {
    let local_char = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    for (i, _) in s.match_indices('@') {
        let local: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| local_char(*c))
            .collect();
        let domain: String = s[i + 1..].chars().take_while(|c| domain_char(*c)).collect();
        let domain = domain.trim_end_matches('.');
        if !local.is_empty() && domain.contains('.') && domain.split('.').all(|l| !l.is_empty()) {
            let local: String = local.chars().rev().collect();
            return Some(format!("{local}@{domain}"));
        }
    }
    None
}

/// One SQLite value as `quote()` writes it, for the tables a backup leaves out (the export's
/// typed values cover the rest).
#[derive(Debug)]
enum Literal {
    Int(i64),
    Other,
}

/// The values of one row of the SQLite dump (`quote(a) || ',' || quote(b) ...`).
fn sqlite_row(mut s: &str) -> Vec<Literal> {
    let mut out = Vec::new();
    loop {
        let (value, rest) = if let Some(r) = s.strip_prefix("NULL") {
            (Literal::Other, r)
        } else if s.starts_with('\'') || s.starts_with("X'") {
            // A text or a blob: up to the closing quote that is not a doubled one.
            let start = s.find('\'').unwrap() + 1;
            let b = s.as_bytes();
            let mut i = start;
            loop {
                assert!(i < b.len(), "an unterminated literal in the dump: {s}");
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            (Literal::Other, &s[i + 1..])
        } else {
            let end = s.find(',').unwrap_or(s.len());
            let v = s[..end].parse::<i64>().map_or(Literal::Other, Literal::Int);
            (v, &s[end..])
        };
        out.push(value);
        match rest.strip_prefix(',') {
            Some(r) => s = r,
            None => {
                assert!(rest.is_empty(), "a value ends in the middle: {rest}");
                return out;
            }
        }
    }
}

#[tokio::test]
async fn r8_r2_11_a_seized_database_holds_no_address_no_mail_no_deleted_pseudonym_and_no_expired_text(
) {
    // The detectors find what they are meant to find, and only that.
    assert_eq!(
        ipv4_in("x: 'a',127.0.0.7,NULL").as_deref(),
        Some("127.0.0.7")
    );
    assert_eq!(ipv4_in("v1.2.3 at 0.8668, 10.0.0.300"), None);
    assert_eq!(ipv6_in("'::1'").as_deref(), Some("::1"));
    assert!(ipv6_in("from 2001:db8::7 on").is_some());
    assert!(ipv6_in("'::ffff:127.0.0.1'").is_some());
    assert_eq!(ipv6_in("'2026-01-01 12:30:00'"), None);
    assert_eq!(
        email_in("'x tia@mail.example.org'").as_deref(),
        Some("tia@mail.example.org")
    );
    assert_eq!(email_in("no-reply@localhost and a @ b"), None);

    let app = everything_app().await;
    let e = fill_everything(&app).await;

    // Before the expiry: the texts are sealed, so a search of the rows does not find them
    // either; the control is that it finds every live pseudonym.
    let dump = app.store.dump_all_rows().await.unwrap();
    for t in e.sealed_texts() {
        assert!(!dump.contains(t), "a text in clear: {t}");
    }
    let lower = dump.to_lowercase();
    for p in &e.live {
        assert!(
            lower.contains(&p.to_lowercase()),
            "control: {p} is in a row"
        );
    }

    // 100 days later every message (at most 90 days) and alert has expired; the hourly
    // purge runs.
    app.clock.advance(time::Duration::days(100));
    let now = app.state.now();
    let report = tessera_app::jobs::Purge {
        session_idle_secs: app.state.config.idle_secs(),
        session_absolute_secs: app.state.config.absolute_secs(),
    }
    .once(&app.store, now)
    .await
    .unwrap();
    assert!(
        report.messages >= 1 && report.alerts >= 1 && report.day_keys >= 1,
        "{report:?}"
    );

    let dump = app.store.dump_all_rows().await.unwrap();
    let lower = dump.to_lowercase();
    // R8, R9.3: no IP address, the test clients' (CLIENT_IP) or any other.
    assert!(!dump.contains(CLIENT_IP));
    assert_eq!(ipv4_in(&dump), None, "an IPv4 address in a row");
    assert_eq!(ipv6_in(&dump), None, "an IPv6 address in a row");
    // R2.6: no e-mail address, only the hash of the recovery address.
    assert!(!lower.contains(&e.recovery_email.to_lowercase()));
    assert_eq!(email_in(&dump), None, "an e-mail address in a row");
    // R2.11: a deleted member's pseudonym is nowhere.
    for gone in e.deleted() {
        assert!(
            !lower.contains(&gone.to_lowercase()),
            "the deleted pseudonym {gone} is in a row"
        );
    }
    // R8.2, R8.3: no expired text.
    for t in e.sealed_texts() {
        assert!(!dump.contains(t), "an expired text: {t}");
    }
    for p in &e.live {
        assert!(
            lower.contains(&p.to_lowercase()),
            "control: {p} is in a row"
        );
    }

    // R8.1: exact times only where docs/privacy.md says. A value within two years of the
    // clock is taken for a Unix time; ids, counts, days (counted from 1970) and TOTP steps are
    // far smaller, claim numbers random over all of i64.
    let (lo, hi) = (now - 2 * 366 * DAY, now + 2 * 366 * DAY);
    let is_time = |n: i64| (lo..=hi).contains(&n);
    let items = export(&app.store).await;
    let mut outside = BTreeMap::new();
    let (mut table, mut columns) = (String::new(), Vec::new());
    for item in &items {
        match item {
            Item::Table { name, columns: c } => {
                table.clone_from(name);
                columns.clone_from(c);
            }
            Item::Row(values) => {
                for (column, v) in columns.iter().zip(values) {
                    let backup::Value::Int(n) = v else { continue };
                    let at = (table.as_str(), column.as_str());
                    let allowed =
                        EXACT_TIMES.contains(&at) || (DAY_BOUNDARIES.contains(&at) && n % DAY == 0);
                    if is_time(*n) && !allowed {
                        outside.insert(format!("{table}.{column}"), *n);
                    }
                }
            }
            Item::Sequence { .. } => {}
        }
    }
    assert!(
        outside.is_empty(),
        "Unix times (one each) in columns docs/privacy.md does not list: {outside:?}"
    );
    // A used or expired code keeps only its day (R8.1).
    let t = tables(&items);
    let codes = &t["rating_codes"];
    let col = |name: &str| codes.columns.iter().position(|c| c == name).unwrap();
    let (status, generated, expires) = (col("status"), col("generated_at"), col("expires_at"));
    assert!(!codes.rows.is_empty());
    for row in &codes.rows {
        if row[status] != backup::Value::Text("unused".into()) {
            for i in [generated, expires] {
                let backup::Value::Int(n) = row[i] else {
                    panic!("{row:?}")
                };
                assert_eq!(n % DAY, 0, "a used code's time is its day: {row:?}");
            }
        }
    }
    // The tables a backup leaves out (sessions, alarms...) are not in the export; their rows,
    // read from the dump without column names, may hold no more Unix times than they have
    // listed columns.
    let schema = app.store.schema_columns().await.unwrap();
    for t in ephemeral_tables() {
        let listed = EXACT_TIMES.iter().filter(|(tt, _)| *tt == t).count();
        let width = schema.iter().filter(|(tt, _)| tt == t).count();
        let prefix = format!("{t}: ");
        for line in dump.lines().filter_map(|l| l.strip_prefix(&prefix)) {
            let values = sqlite_row(line);
            assert_eq!(values.len(), width, "{t}: {line}");
            let times = values
                .iter()
                .filter(|v| matches!(v, Literal::Int(n) if is_time(*n)))
                .count();
            assert!(times <= listed, "{t} holds {times} Unix times: {line}");
        }
    }
}
