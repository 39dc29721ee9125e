//! A PostgreSQL table's constraints and indexes set aside for a bulk load and put back after it
//! (issue 4, R4.10), as PostgreSQL's manual advises for populating a database.
//!
//! Loaded row by row, each rating fired two foreign-key triggers (each an index probe and a
//! row lock on `accounts`, which PostgreSQL writes to its WAL) and three B-tree inserts. Put back
//! afterwards, each key is one sort and each foreign key one join over the whole table. The
//! definitions are read from the catalog, not restated here, so what is restored is exactly what
//! the migrations made; the conformance suite compares the schema before and after an import.

use sqlx::PgConnection;

use crate::Result;

/// The statements that restore what [`set_aside`] dropped, in order: key, indexes, foreign keys.
#[must_use = "the table is missing its constraints until restored"]
pub(crate) struct SetAside {
    table: String,
    restore: Vec<String>,
}

/// Drops `table`'s foreign keys and secondary indexes, and its primary key when `with_key` (a
/// load into an empty table; an upsert needs the key). Call inside the load's transaction, so a
/// failure rolls the drop back with the rows.
pub(crate) async fn set_aside(
    conn: &mut PgConnection,
    table: &str,
    with_key: bool,
) -> Result<SetAside> {
    let kinds: &[&str] = if with_key { &["p", "f"] } else { &["f"] };
    let constraints: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT conname::text, contype::text, pg_get_constraintdef(oid) FROM pg_constraint \
         WHERE conrelid = $1::regclass AND contype::text = ANY($2) \
         ORDER BY contype = 'p' DESC, conname",
    )
    .bind(table)
    .bind(kinds)
    .fetch_all(&mut *conn)
    .await?;
    // Indexes that belong to no constraint (a key's own index goes and comes with the key).
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT indexname::text, indexdef FROM pg_indexes \
         WHERE schemaname = current_schema() AND tablename = $1 \
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass) \
         ORDER BY indexname",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    let mut restore = Vec::new();
    let (keys, foreign): (Vec<_>, Vec<_>) = constraints.iter().partition(|(_, t, _)| t == "p");
    for (name, _, def) in keys {
        restore.push(format!("ALTER TABLE {table} ADD CONSTRAINT {name} {def}"));
    }
    restore.extend(indexes.iter().map(|(_, def)| def.clone()));
    // All foreign keys in one statement: PostgreSQL checks each with one join.
    if !foreign.is_empty() {
        let adds: Vec<String> = foreign
            .iter()
            .map(|(name, _, def)| format!("ADD CONSTRAINT {name} {def}"))
            .collect();
        restore.push(format!("ALTER TABLE {table} {}", adds.join(", ")));
    }
    for (name, _, _) in &constraints {
        sqlx::query(&format!("ALTER TABLE {table} DROP CONSTRAINT {name}"))
            .execute(&mut *conn)
            .await?;
    }
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX {name}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(SetAside {
        table: table.to_owned(),
        restore,
    })
}

impl SetAside {
    /// Builds the key and indexes and checks the foreign keys over the loaded table. A row that
    /// breaks a constraint fails here, and the transaction with it.
    pub(crate) async fn restore(self, conn: &mut PgConnection) -> Result<()> {
        tracing::debug!(table = %self.table, statements = self.restore.len(), "restoring constraints");
        for sql in &self.restore {
            sqlx::query(sql).execute(&mut *conn).await?;
        }
        Ok(())
    }
}
