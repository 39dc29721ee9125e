//! The export: one read transaction (one snapshot on both backends), table by table in the
//! plan's order, each row handed to the sink as the database returns it (SPEC R9.5).

use futures_util::TryStreamExt;
use sqlx::{Row, TypeInfo, ValueRef};

use super::plan::{Context, Sealed, Take, PLAN};
use super::{Item, Moved, Sink, Value};
use crate::db::Db;
use crate::{Result, Store, StoreError};

impl Store {
    /// Writes every durable row to `sink`, as one consistent snapshot. Texts sealed under the
    /// field key leave opened; the caller encrypts the whole export.
    pub async fn export(&self, sink: &mut dyn Sink) -> Result<Moved> {
        let mut moved = Moved::default();
        match &self.db {
            Db::Sqlite { read, .. } => {
                // A deferred transaction reads one snapshot of the WAL from its first SELECT on.
                let mut tx = read.begin().await?;
                for (table, take) in PLAN {
                    let Take::Rows { cleared, sealed } = take else {
                        continue;
                    };
                    let columns: Vec<String> =
                        sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                            .bind(*table)
                            .fetch_all(&mut *tx)
                            .await?;
                    let select = select_list(&columns, cleared, |c| format!("\"{c}\""));
                    sink.put(Item::Table {
                        name: (*table).to_owned(),
                        columns: columns.clone(),
                    })
                    .map_err(StoreError::Io)?;
                    moved.tables += 1;
                    let sql = format!("SELECT {select} FROM \"{table}\"");
                    let mut rows = sqlx::query(&sql).fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        let mut values = (0..columns.len())
                            .map(|i| sqlite_value(&row, i))
                            .collect::<Result<Vec<_>>>()?;
                        self.open_field_sealed(&columns, sealed, &mut values)?;
                        sink.put(Item::Row(values)).map_err(StoreError::Io)?;
                        moved.rows += 1;
                    }
                }
                let seqs: Vec<(String, i64)> =
                    sqlx::query_as("SELECT name, seq FROM sqlite_sequence ORDER BY name")
                        .fetch_all(&mut *tx)
                        .await?;
                for (table, seq) in seqs {
                    sink.put(Item::Sequence {
                        table,
                        next: seq + 1,
                    })
                    .map_err(StoreError::Io)?;
                }
                tx.commit().await?;
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .execute(&mut *tx)
                    .await?;
                for (table, take) in PLAN {
                    let Take::Rows { cleared, sealed } = take else {
                        continue;
                    };
                    let columns: Vec<(String, String)> = sqlx::query_as(
                        "SELECT column_name::text, data_type::text FROM information_schema.columns \
                         WHERE table_schema = current_schema() AND table_name = $1 \
                         ORDER BY ordinal_position",
                    )
                    .bind(*table)
                    .fetch_all(&mut *tx)
                    .await?;
                    let names: Vec<String> = columns.iter().map(|(c, _)| c.clone()).collect();
                    // Every column read as one of five types: integers as bigint, JSON and
                    // dates as text.
                    let select = select_list(&names, cleared, |c| {
                        let ty = columns
                            .iter()
                            .find(|(n, _)| n == c)
                            .map_or("", |(_, t)| t.as_str());
                        match pg_kind(ty) {
                            PgKind::Int => format!("\"{c}\"::bigint"),
                            PgKind::Real => format!("\"{c}\"::float8"),
                            PgKind::Text => format!("\"{c}\"::text"),
                            PgKind::Bool | PgKind::Bytes => format!("\"{c}\""),
                        }
                    });
                    sink.put(Item::Table {
                        name: (*table).to_owned(),
                        columns: names.clone(),
                    })
                    .map_err(StoreError::Io)?;
                    moved.tables += 1;
                    let sql = format!("SELECT {select} FROM \"{table}\"");
                    let mut rows = sqlx::query(&sql).fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        let mut values = (0..names.len())
                            .map(|i| pg_value(&row, i))
                            .collect::<Result<Vec<_>>>()?;
                        self.open_field_sealed(&names, sealed, &mut values)?;
                        sink.put(Item::Row(values)).map_err(StoreError::Io)?;
                        moved.rows += 1;
                    }
                }
                let idents: Vec<(String, String)> = sqlx::query_as(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND is_identity = 'YES' \
                     ORDER BY table_name",
                )
                .fetch_all(&mut *tx)
                .await?;
                for (table, column) in idents {
                    let seq = pg_sequence_name(&mut tx, &table, &column).await?;
                    let next: Option<i64> = sqlx::query_scalar(&format!(
                        "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END \
                         FROM {seq}"
                    ))
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some(next) = next {
                        sink.put(Item::Sequence { table, next })
                            .map_err(StoreError::Io)?;
                    }
                }
                tx.commit().await?;
            }
        }
        Ok(moved)
    }

    /// Opens the row's columns sealed under the field key (R8.2), so that a restore under
    /// another master key can seal them again.
    fn open_field_sealed(
        &self,
        columns: &[String],
        sealed: &[Sealed],
        values: &mut [Value],
    ) -> Result<()> {
        for s in sealed {
            let Some(i) = columns.iter().position(|c| c == s.column) else {
                continue;
            };
            let context = context(s.context, columns, values)?;
            if let Value::Bytes(b) = &values[i] {
                values[i] = Value::Bytes(self.crypto().open(&context, b)?);
            }
        }
        Ok(())
    }
}

/// A sealed column's context for one row.
pub(super) fn context(c: Context, columns: &[String], values: &[Value]) -> Result<String> {
    match c {
        Context::Fixed(s) => Ok(s.to_owned()),
        Context::WithColumn(prefix, column) => {
            match columns
                .iter()
                .position(|c| c == column)
                .and_then(|i| values.get(i))
            {
                Some(Value::Int(n)) => Ok(format!("{prefix}{n}")),
                _ => Err(StoreError::Corrupt("a sealed column's row has no key")),
            }
        }
    }
}

/// The columns to select, a cleared one as NULL.
fn select_list(columns: &[String], cleared: &[&str], read: impl Fn(&str) -> String) -> String {
    columns
        .iter()
        .map(|c| {
            if cleared.contains(&c.as_str()) {
                format!("NULL AS \"{c}\"")
            } else {
                read(c)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One SQLite value by its storage class (a declared BOOLEAN is stored as an integer).
fn sqlite_value(row: &sqlx::sqlite::SqliteRow, i: usize) -> Result<Value> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let class = raw.type_info().name().to_owned();
    Ok(match class.as_str() {
        "INTEGER" | "BOOLEAN" => Value::Int(row.try_get_unchecked::<i64, _>(i)?),
        "REAL" => Value::Real(row.try_get_unchecked::<f64, _>(i)?),
        "BLOB" => Value::Bytes(row.try_get_unchecked::<Vec<u8>, _>(i)?),
        _ => Value::Text(row.try_get_unchecked::<String, _>(i)?),
    })
}

/// One PostgreSQL value, as read by [`select_list`]'s casts.
fn pg_value(row: &sqlx::postgres::PgRow, i: usize) -> Result<Value> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let ty = raw.type_info().name().to_owned();
    Ok(match ty.as_str() {
        "INT8" => Value::Int(row.try_get::<i64, _>(i)?),
        "FLOAT8" => Value::Real(row.try_get::<f64, _>(i)?),
        "BOOL" => Value::Bool(row.try_get::<bool, _>(i)?),
        "BYTEA" => Value::Bytes(row.try_get::<Vec<u8>, _>(i)?),
        "TEXT" => Value::Text(row.try_get::<String, _>(i)?),
        _ => {
            return Err(StoreError::Corrupt(
                "a column of a type a backup cannot carry",
            ))
        }
    })
}

/// The five kinds of column on PostgreSQL, by `information_schema.columns.data_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PgKind {
    Int,
    Real,
    Bool,
    Text,
    Bytes,
}

pub(super) fn pg_kind(data_type: &str) -> PgKind {
    match data_type {
        "bigint" | "integer" | "smallint" => PgKind::Int,
        "double precision" | "real" | "numeric" => PgKind::Real,
        "boolean" => PgKind::Bool,
        "bytea" => PgKind::Bytes,
        _ => PgKind::Text,
    }
}

/// The quoted name of an identity column's sequence.
pub(super) async fn pg_sequence_name(
    tx: &mut sqlx::PgConnection,
    table: &str,
    column: &str,
) -> Result<String> {
    let name: Option<String> = sqlx::query_scalar("SELECT pg_get_serial_sequence($1, $2)")
        .bind(format!("\"{table}\""))
        .bind(column)
        .fetch_one(&mut *tx)
        .await?;
    name.ok_or(StoreError::Corrupt("an identity column without a sequence"))
}
