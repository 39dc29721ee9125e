//! `tessera inspect --what-would-a-seizure-reveal` (issue 14 §5, SPEC R8): for the operator's
//! own database, what someone who took the server would learn, in the four cases of
//! docs/privacy.md ("What each adversary learns"), with this database's numbers filled in.
//! Aggregate counts only: no pseudonym, no text, no key is read or printed (R8.4), so the
//! output can be shown to members.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use clap::Args;
use serde::Serialize;
use tessera_store::backup::{ephemeral_tables, planned_tables};
use tessera_store::crypto::KEY_FILE;
use tessera_store::seizure::SeizureCounts;
use tessera_store::{Location, SQLITE_FILE};

use super::common::{load_config, location, open_store, DbArgs};

#[derive(Args, Debug, Serialize)]
pub struct InspectArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// Print, in aggregate only, what someone who seized this server's data would learn
    /// (docs/privacy.md)
    #[arg(long, required = true)]
    #[serde(skip)]
    pub what_would_a_seizure_reveal: bool,
}

/// One table's row count, and whether `tessera backup` takes it (R9.5).
struct TableRows {
    name: &'static str,
    rows: i64,
    in_backup: bool,
}

/// What the summary needs besides the counts: where the key is.
struct Setting {
    postgres: bool,
    key_from_env: bool,
    key_file_beside_data: bool,
    db_file_bytes: Option<u64>,
}

pub async fn run(args: InspectArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let loc = location(&cfg)?;
    let key_from_env = std::env::var_os("TESSERA_DB_KEY").is_some();
    let key_file = cfg.data_dir.join(KEY_FILE);
    // Looking must not create: no new database, no new key file (`common::master_key` would
    // write one), so a mistyped --data-dir is reported instead of inspected empty.
    if let Location::Sqlite { data_dir } = &loc {
        let db = data_dir.join(SQLITE_FILE);
        anyhow::ensure!(db.exists(), "no database at {}", db.display());
    }
    anyhow::ensure!(
        key_from_env || key_file.exists(),
        "TESSERA_DB_KEY is not set and there is no key file at {}",
        key_file.display()
    );
    let store = open_store(&cfg).await?;
    let result = gather(&store).await;
    store.close().await;
    let (tables, counts) = result?;
    let setting = Setting {
        postgres: matches!(loc, Location::Postgres { .. }),
        key_from_env,
        key_file_beside_data: key_file.exists(),
        db_file_bytes: match &loc {
            Location::Sqlite { data_dir } => file_bytes(data_dir),
            Location::Postgres { .. } => None,
        },
    };
    print!("{}", report(&setting, &tables, &counts));
    Ok(())
}

async fn gather(store: &tessera_store::Store) -> anyhow::Result<(Vec<TableRows>, SeizureCounts)> {
    let ephemeral = ephemeral_tables();
    let mut tables = Vec::new();
    for name in planned_tables() {
        let rows = store
            .count_rows(name)
            .await
            .with_context(|| format!("could not count the rows of {name}"))?;
        tables.push(TableRows {
            name,
            rows,
            in_backup: !ephemeral.contains(&name),
        });
    }
    let counts = store
        .seizure_counts()
        .await
        .context("could not count the records")?;
    Ok((tables, counts))
}

/// The size of the SQLite database and its WAL: all that the file shows without its key.
fn file_bytes(dir: &Path) -> Option<u64> {
    let main = std::fs::metadata(dir.join(SQLITE_FILE)).ok()?.len();
    let wal = std::fs::metadata(dir.join(format!("{SQLITE_FILE}-wal"))).map_or(0, |m| m.len());
    Some(main + wal)
}

/// The whole report. Every number in it is a count over the database; the text follows
/// docs/privacy.md, so the two say the same.
fn report(s: &Setting, tables: &[TableRows], c: &SeizureCounts) -> String {
    let mut o = String::new();
    let backend = if s.postgres {
        "PostgreSQL (Tessera seals some columns; the rest is as PostgreSQL stores it)"
    } else {
        "SQLite (the whole file encrypted with the master key, SQLCipher)"
    };
    let _ = writeln!(
        o,
        "What a seizure of this server would reveal: aggregate counts only (docs/privacy.md)."
    );
    let _ = writeln!(o, "Backend: {backend}");
    let _ = writeln!(o);
    let _ = writeln!(o, "Rows per table:");
    let width = tables.iter().map(|t| t.name.len()).max().unwrap_or(5);
    let _ = writeln!(o, "  {:<width$}  {:>10}  in a backup", "table", "rows");
    for t in tables {
        let _ = writeln!(
            o,
            "  {:<width$}  {:>10}  {}",
            t.name,
            t.rows,
            if t.in_backup { "yes" } else { "no (ephemeral)" }
        );
    }
    let backup_rows: i64 = tables.iter().filter(|t| t.in_backup).map(|t| t.rows).sum();
    let left_out: Vec<&str> = tables
        .iter()
        .filter(|t| !t.in_backup)
        .map(|t| t.name)
        .collect();

    let _ = writeln!(o);
    let _ = writeln!(o, "(a) The database file only:");
    if s.postgres {
        let _ = writeln!(
            o,
            "  PostgreSQL's files are not encrypted as a whole. Whoever copies its data \
             directory, a base backup, a WAL archive or a pg_dump reads everything in (b) below \
             without any key, except the columns Tessera seals itself: {} TOTP secrets, {} \
             dispute contexts, {} open votes' keys, the PIN roles and conversation titles, and \
             the {} messages, {} alert texts, {} dispute contexts of alerts and {} check-in \
             notes sealed under {} day keys. Put the data directory on an encrypted disk \
             (docs/operator.md, Data at rest on PostgreSQL). Deleted accounts' old row \
             versions can remain in the table files and the WAL for a while.",
            c.totp_secrets,
            c.dispute_contexts,
            c.open_vote_keys,
            c.messages,
            c.alert_texts,
            c.alert_dispute_contexts,
            c.checkin_notes,
            c.day_keys
        );
    } else {
        let size = s
            .db_file_bytes
            .map_or_else(|| "its".to_owned(), |b| format!("its size ({b} bytes) and"));
        let _ = writeln!(
            o,
            "  Encrypted page by page (SQLCipher) under the master key: without the key, {size} \
             modification times, nothing else."
        );
    }
    if s.key_file_beside_data && !s.key_from_env {
        let _ = writeln!(
            o,
            "  The key file lies in the data folder: whoever takes the folder has (b). Keep \
             the key elsewhere (TESSERA_DB_KEY; docs/operator.md, Keys)."
        );
    } else if s.key_file_beside_data {
        let _ = writeln!(
            o,
            "  TESSERA_DB_KEY is set, but a key file still lies in the data folder: whoever \
             takes the folder may have (b)."
        );
    }

    let _ = writeln!(o);
    let _ = writeln!(o, "(b) The file and its key:");
    let lines = [
        format!(
            "accounts: {} sellers and {} buyers live, pseudonyms readable; {} deleted \
             (tombstones: their pseudonyms are gone, their ratings stay)",
            c.live_sellers, c.live_buyers, c.deleted_accounts
        ),
        format!(
            "the ratings graph: {} ratings of buyers by sellers and {} of sellers by buyers \
             (who rated whom, on which day)",
            c.seller_ratings, c.buyer_ratings
        ),
        format!(
            "{} unused rating codes, in clear (they could still be redeemed)",
            c.unused_codes
        ),
        format!(
            "the network: {} coops with {} members, {} buddy pairs, {} conversations with {} \
             memberships (who talks with whom, and when)",
            c.coops, c.coop_members, c.buddy_pairs, c.threads, c.thread_members
        ),
        format!(
            "texts not yet expired, readable while their day key exists: {} messages, {} \
             alert texts, {} dispute contexts of alerts, {} check-in notes ({} day keys held)",
            c.messages, c.alert_texts, c.alert_dispute_contexts, c.checkin_notes, c.day_keys
        ),
        format!(
            "safety: {} running check-ins with their deadlines; {} alarms, {} of them open",
            c.running_checkins, c.alarms, c.open_alarms
        ),
        format!(
            "governance: {} proposals and {} comments in clear; {} open votes whose key is in \
             the file (their ballots can be linked to voters); {} two-person requests waiting \
             with payload and reason; {} dispute contexts",
            c.proposals,
            c.proposal_comments,
            c.open_vote_keys,
            c.pending_approvals,
            c.dispute_contexts
        ),
        format!(
            "secrets that allow guessing, not reading: password hashes, {} recovery e-mail \
             hashes; {} TOTP secrets readable; {} sessions and {} security events of the last \
             30 days (token hashes and counters, not usable)",
            c.recovery_email_hashes, c.totp_secrets, c.sessions, c.security_events
        ),
        "never there: real names, addresses, e-mail addresses, IP addresses, who looked up \
         whom"
            .to_owned(),
    ];
    for l in lines {
        let _ = writeln!(o, "  - {l}");
    }

    let _ = writeln!(o);
    let _ = writeln!(o, "(c) A backup and its passphrase:");
    let _ = writeln!(
        o,
        "  Everything in (b) from the tables marked \"yes\" above ({backup_rows} rows now), \
         without {}; alert texts, dispute contexts of alerts and check-in notes are left \
         empty. The columns sealed under the field key travel opened, under the backup's own \
         encryption: the passphrase alone reveals the {} TOTP secrets, {} dispute contexts, \
         the PIN roles, conversation titles and the keys of {} open votes. No master key is \
         needed.",
        left_out.join(", "),
        c.totp_secrets,
        c.dispute_contexts,
        c.open_vote_keys
    );

    let _ = writeln!(o);
    let _ = writeln!(o, "(d) The server's stdout:");
    let _ = writeln!(
        o,
        "  One line per request (method, route template, status, latency), security events by \
         name, the jobs' counts and start-up warnings: no pseudonym, address, token or code."
    );
    if c.live_sellers == 0 {
        let _ = writeln!(
            o,
            "  There is no seller yet: each start prints a working seller invitation link, \
             which anyone reading the log before it is used can take."
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r8_seizure_report_fills_in_the_counts_for_each_case() {
        let tables = vec![
            TableRows {
                name: "accounts",
                rows: 12,
                in_backup: true,
            },
            TableRows {
                name: "sessions",
                rows: 3,
                in_backup: false,
            },
            TableRows {
                name: "ratings",
                rows: 40,
                in_backup: true,
            },
        ];
        let c = SeizureCounts {
            live_sellers: 4,
            live_buyers: 6,
            deleted_accounts: 2,
            totp_secrets: 1,
            ..SeizureCounts::default()
        };
        let sqlite = Setting {
            postgres: false,
            key_from_env: false,
            key_file_beside_data: true,
            db_file_bytes: Some(4096),
        };
        let r = report(&sqlite, &tables, &c);
        assert!(r.contains("4 sellers and 6 buyers live"), "{r}");
        assert!(r.contains("2 deleted (tombstones"), "{r}");
        assert!(r.contains("(52 rows now), without sessions;"), "{r}");
        assert!(r.contains("its size (4096 bytes)"), "{r}");
        assert!(r.contains("whoever takes the folder has (b)"), "{r}");
        assert!(!r.contains("no seller yet"), "{r}");
        let pg = Setting {
            postgres: true,
            key_from_env: true,
            key_file_beside_data: false,
            db_file_bytes: None,
        };
        let r = report(
            &pg,
            &tables,
            &SeizureCounts {
                totp_secrets: 7,
                ..SeizureCounts::default()
            },
        );
        assert!(r.contains("not encrypted as a whole"), "{r}");
        assert!(r.contains("7 TOTP secrets"), "{r}");
        assert!(r.contains("no seller yet"), "{r}");
    }
}
