//! Reads every row of every table as text, for the privacy tests that check what the database
//! holds (SPEC R2.11, R8.4): after a deletion, a pseudonym must appear nowhere.

use sqlx::Row;

use crate::{Db, Result, Store};

impl Store {
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
    /// SQLite's query plan for the lookup query, to check it stays a constant number of index
    /// reads (R3.2). Empty on PostgreSQL, whose planner picks by table size.
    pub async fn explain_buyer_record(&self) -> Result<Vec<String>> {
        match &self.db {
            Db::Sqlite { read, .. } => {
                let rows = sqlx::query(&format!(
                    "EXPLAIN QUERY PLAN {}",
                    crate::ratings::BUYER_RECORD_SQL
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
