//! The database (R9.2, R9.6): that it opens with the key, its schema version, and on
//! PostgreSQL the link to it and its clock.

use tessera_store::{Location, SQLITE_FILE};

use super::super::common::{location, open_store, Config};
use super::host::clock_skew_check;
use super::Check;

/// Opens the database as `serve` would and checks its schema. Nothing is created: on SQLite a
/// missing database file is a finding, not something to make, and without a key the store is
/// not opened at all (opening would write a new key file, `common::master_key`).
pub(super) async fn database_checks(cfg: &Config, have_key: bool) -> Vec<Check> {
    let loc = match location(cfg) {
        Ok(l) => l,
        Err(e) => {
            return vec![Check::fail(
                format!("database: {e:#}"),
                "use sslmode=verify-full, or a database on this machine (docs/operator.md, The \
                 database link)",
            )]
        }
    };
    if let Location::Sqlite { data_dir } = &loc {
        let db = data_dir.join(SQLITE_FILE);
        if !db.exists() {
            return vec![Check::fail(
                format!("no database at {}", db.display()),
                format!(
                    "give the --data-dir that holds it, or create one with tessera migrate \
                     --data-dir {}",
                    data_dir.display()
                ),
            )];
        }
    }
    if !have_key {
        return vec![Check::warn(
            "database: not opened without a key",
            "fix the key first (see above)",
        )];
    }
    let store = match open_store(cfg).await {
        Ok(s) => s,
        Err(e) => {
            return vec![Check::fail(
                format!("database does not open: {e:#}"),
                match loc {
                    Location::Sqlite { .. } => {
                        "use the key this database was made with (TESSERA_DB_KEY or tessera.key)"
                    }
                    Location::Postgres { .. } => {
                        "check --database-url, that PostgreSQL runs, and the key"
                    }
                },
            )]
        }
    };
    let mut out = Vec::new();
    match store.schema_version().await {
        Ok(v) if v.current() => out.push(Check::ok(format!(
            "database ({}) opens with the key; schema current (migration {})",
            store.backend(),
            v.applied
        ))),
        Ok(v) if v.applied > v.known => out.push(Check::fail(
            format!(
                "database schema is at migration {}, newer than this tessera knows ({})",
                v.applied, v.known
            ),
            "run the tessera version that migrated it",
        )),
        Ok(v) => out.push(Check::fail(
            format!(
                "database schema is at migration {}, this tessera needs {}",
                v.applied, v.known
            ),
            "run tessera migrate",
        )),
        Err(e) => out.push(Check::fail(
            format!("database: cannot read its schema version: {e}"),
            "run tessera migrate",
        )),
    }
    if let Location::Postgres { .. } = loc {
        match store.database_link().await {
            Ok(link) => out.push(Check::ok(format!("database link: {link}"))),
            Err(e) => out.push(Check::warn(
                format!("database link: cannot tell how it is reached: {e}"),
                "see docs/operator.md, The database link",
            )),
        }
        // R9.6: expiries are written with the application's clock; a database on another
        // machine with another time does not change them, but the operator's own queries and
        // PostgreSQL's logs then disagree with Tessera's.
        match store.database_clock().await {
            Ok(db_now) => out.push(clock_skew_check(
                time::OffsetDateTime::now_utc().unix_timestamp(),
                db_now,
            )),
            Err(e) => out.push(Check::warn(
                format!("database clock: cannot be read: {e}"),
                "compare the clocks by hand",
            )),
        }
    }
    store.close().await;
    out
}
