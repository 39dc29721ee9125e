//! Reads every row of every table as text, for the privacy tests that check what the database
//! holds (SPEC R2.11, R8.4): after a deletion, a pseudonym must appear nowhere.

use sqlx::Row;

use crate::db::Db;
use crate::{Result, Store};

impl Store {
    /// Runs one statement on the application's own write connection. For tests that prove
    /// what the database itself refuses, whoever asks (the append-only roster audit, R7.8);
    /// never called on a request path.
    pub async fn execute_for_tests(&self, sql: &str) -> Result<u64> {
        self.db.write().execute(sql, &[]).await
    }

    /// How many rows `table` holds, for tests and benchmarks that check a count exactly (the
    /// watcher benchmark: one alarm per missed check-in, R6.6). `table` is a name written in
    /// their code, never input.
    pub async fn count_rows(&self, table: &str) -> Result<i64> {
        self.db
            .read()
            .fetch_one(&format!("SELECT COUNT(*) FROM \"{table}\""), &[], |r| {
                r.i64(0)
            })
            .await
    }

    /// Every row of every table, one line per row, values as SQL literals (SQLite) or JSON
    /// (PostgreSQL). Slow; meant for tests and diagnostics, not for request paths.
    pub async fn dump_all_rows(&self) -> Result<String> {
        let mut out = String::new();
        match &self.db {
            Db::Sqlite { read, .. } => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                )
                .fetch_all(read)
                .await?;
                for t in tables {
                    let cols: Vec<String> = sqlx::query(&format!("PRAGMA table_info(\"{t}\")"))
                        .fetch_all(read)
                        .await?
                        .iter()
                        .map(|r| r.try_get::<String, _>("name"))
                        .collect::<Result<_, _>>()?;
                    let expr = cols
                        .iter()
                        .map(|c| format!("quote(\"{c}\")"))
                        .collect::<Vec<_>>()
                        .join(" || ',' || ");
                    let rows: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT {expr} FROM \"{t}\""))
                            .fetch_all(read)
                            .await?;
                    for r in rows {
                        out.push_str(&format!("{t}: {r}\n"));
                    }
                }
            }
            Db::Postgres(pool) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                )
                .fetch_all(pool)
                .await?;
                for t in tables {
                    let rows: Vec<String> = sqlx::query_scalar(&format!(
                        "SELECT row_to_json(dump_row)::text FROM \"{t}\" dump_row"
                    ))
                    .fetch_all(pool)
                    .await?;
                    for r in rows {
                        out.push_str(&format!("{t}: {r}\n"));
                    }
                }
            }
        }
        Ok(out)
    }
}

impl Store {
    /// Every column of every table the migrations made, as (table, column), sorted: what the
    /// privacy inventory (docs/privacy.md, SPEC R8) must list, so that no migration adds data
    /// silently. sqlx's own bookkeeping table is left out.
    pub async fn schema_columns(&self) -> Result<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = match &self.db {
            Db::Sqlite { read, .. } => sqlx::query(
                "SELECT m.name AS t, p.name AS c FROM sqlite_master m, \
                     pragma_table_info(m.name) p WHERE m.type = 'table' \
                     AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
            )
            .fetch_all(read)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("t")?, r.try_get("c")?)))
            .collect::<Result<_>>()?,
            Db::Postgres(pool) => sqlx::query(
                "SELECT c.table_name::text AS t, c.column_name::text AS c \
                 FROM information_schema.columns c JOIN information_schema.tables t \
                 ON t.table_name = c.table_name AND t.table_schema = c.table_schema \
                 WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
                 AND c.table_name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("t")?, r.try_get("c")?)))
            .collect::<Result<_>>()?,
        };
        out.sort();
        Ok(out)
    }

    /// SQLite's query plan for the lookup query, to check it stays a constant number of index
    /// reads (R3.2). Empty on PostgreSQL, whose planner picks by table size.
    pub async fn explain_buyer_record(&self) -> Result<Vec<String>> {
        match &self.db {
            Db::Sqlite { read, .. } => {
                let rows = sqlx::query(&format!(
                    "EXPLAIN QUERY PLAN {}",
                    crate::ratings::lookup::BUYER_RECORD_SQL
                ))
                .bind("x")
                .fetch_all(read)
                .await?;
                rows.iter()
                    .map(|r| Ok(r.try_get::<String, _>("detail")?))
                    .collect()
            }
            Db::Postgres(_) => Ok(Vec::new()),
        }
    }
}

impl Store {
    /// The schema's tables, keys, constraints and indexes, one sorted line each, to check that a
    /// bulk load which sets them aside puts back exactly what the migrations made (issue 4).
    pub async fn schema_outline(&self) -> Result<Vec<String>> {
        match &self.db {
            Db::Sqlite { read, .. } => Ok(sqlx::query_scalar(
                "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master \
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
            )
            .fetch_all(read)
            .await?),
            Db::Postgres(pool) => Ok(sqlx::query_scalar(
                "SELECT * FROM ( \
                   SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ': ' \
                     || pg_get_constraintdef(oid) AS line \
                   FROM pg_constraint WHERE connamespace = current_schema()::regnamespace \
                   UNION ALL \
                   SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes \
                   WHERE schemaname = current_schema()) o ORDER BY line",
            )
            .fetch_all(pool)
            .await?),
        }
    }
}

/// What [`Store::consistency`] found wrong; empty when the counters and verifications agree with
/// the rating rows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Consistency {
    /// Buyers whose stored counters differ from a recount of their ratings (R3.2).
    pub drifting_buyers: Vec<i64>,
    /// Ratings left unverified although the buyer redeemed that seller's code of that day (R4.4).
    pub unverified_redeemed: i64,
}

/// A recount of every buyer's counters from the ratings table, compared with `buyer_stats`.
const DRIFTING_BUYERS_SQL: &str = "SELECT a.id FROM accounts a \
    LEFT JOIN buyer_stats s ON s.buyer_id = a.id \
    LEFT JOIN (SELECT buyer_id, \
        SUM(CASE WHEN safe IS NOT NULL THEN 1 ELSE 0 END) AS safe_n, \
        SUM(CASE WHEN safe = FALSE THEN 1 ELSE 0 END) AS safe_zeros, \
        SUM(CASE WHEN reliable IS NOT NULL THEN 1 ELSE 0 END) AS reliable_n, \
        SUM(CASE WHEN reliable = FALSE THEN 1 ELSE 0 END) AS reliable_zeros, \
        SUM(CASE WHEN safe IS NOT NULL OR reliable IS NOT NULL THEN 1 ELSE 0 END) AS interactions, \
        COUNT(DISTINCT seller_id) AS sellers, \
        SUM(CASE WHEN verified AND (safe IS NOT NULL OR reliable IS NOT NULL) THEN 1 ELSE 0 END) \
            AS verified \
        FROM ratings GROUP BY buyer_id) r ON r.buyer_id = a.id \
    WHERE COALESCE(s.safe_n, 0) <> COALESCE(r.safe_n, 0) \
       OR COALESCE(s.safe_zeros, 0) <> COALESCE(r.safe_zeros, 0) \
       OR COALESCE(s.reliable_n, 0) <> COALESCE(r.reliable_n, 0) \
       OR COALESCE(s.reliable_zeros, 0) <> COALESCE(r.reliable_zeros, 0) \
       OR COALESCE(s.interactions, 0) <> COALESCE(r.interactions, 0) \
       OR COALESCE(s.sellers, 0) <> COALESCE(r.sellers, 0) \
       OR COALESCE(s.verified, 0) <> COALESCE(r.verified, 0) \
    ORDER BY a.id";

/// Ratings whose code was redeemed (same seller, buyer and day) but that are not verified.
const UNVERIFIED_REDEEMED_SQL: &str = "SELECT COUNT(*) FROM ratings r WHERE NOT r.verified \
    AND EXISTS (SELECT 1 FROM rating_codes c WHERE c.seller_id = r.seller_id \
                AND c.used_by = r.buyer_id AND c.generated_on = r.day AND c.status = 'used')";

impl Store {
    /// Recounts every buyer's counters from the ratings and checks every redeemed code's rating
    /// is verified: the invariants that concurrent writers from several processes must keep
    /// (R3.2, R4.4, R9.2). A full scan; for tests and diagnostics.
    pub async fn consistency(&self) -> Result<Consistency> {
        let db = self.db.read();
        Ok(Consistency {
            drifting_buyers: db.fetch_all(DRIFTING_BUYERS_SQL, &[], |r| r.i64(0)).await?,
            unverified_redeemed: db
                .fetch_one(UNVERIFIED_REDEEMED_SQL, &[], |r| r.i64(0))
                .await?,
        })
    }
}

/// Where the schema stands: the newest migration applied to the database, and the newest this
/// build knows (SPEC R9.5's format check, R9.6's `/readyz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaVersion {
    pub applied: i64,
    pub known: i64,
}

impl SchemaVersion {
    pub fn current(self) -> bool {
        self.applied == self.known
    }
}

impl Store {
    /// The newest migration applied and the newest known; one small read, so `/readyz` can ask
    /// on every probe.
    pub async fn schema_version(&self) -> Result<SchemaVersion> {
        let known = known_schema_version(match &self.db {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        });
        let applied = self
            .db
            .read()
            .fetch_one(
                "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
                &[],
                |r| r.i64(0),
            )
            .await?;
        Ok(SchemaVersion { applied, known })
    }
}

/// Which backend, for what is known before a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The newest migration this build knows for a backend.
pub fn known_schema_version(backend: Backend) -> i64 {
    match backend {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite")
            .iter()
            .map(|m| m.version)
            .max(),
        Backend::Postgres => sqlx::migrate!("migrations/postgres")
            .iter()
            .map(|m| m.version)
            .max(),
    }
    .unwrap_or(0)
}

impl Store {
    /// Connections of this process's pools: (in use, idle), for `/metrics` (R9.6).
    pub fn pool_use(&self) -> (u64, u64) {
        let of = |size: u32, idle: usize| {
            let idle = u64::try_from(idle).unwrap_or(0);
            (u64::from(size).saturating_sub(idle), idle)
        };
        match &self.db {
            Db::Sqlite { read, write, .. } => {
                let (a, b) = of(read.size(), read.num_idle());
                let (c, d) = of(write.size(), write.num_idle());
                (a + c, b + d)
            }
            Db::Postgres(pool) => of(pool.size(), pool.num_idle()),
        }
    }
}

impl Store {
    /// The first column of every row of `sql`, as text: for tests that check which rows a
    /// database holds after a crash (issue 14 §2). `sql` is written in their code, never input.
    pub async fn query_text_for_tests(&self, sql: &str) -> Result<Vec<String>> {
        self.db.read().fetch_all(sql, &[], |r| r.text(0)).await
    }
}
