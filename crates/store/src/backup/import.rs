//! The import: into an empty database of either backend, in one transaction, so that an
//! altered or cut backup, or one this version cannot read, leaves nothing behind (SPEC R9.5).

use std::collections::HashMap;

use super::export::{context, pg_kind, pg_sequence_name, PgKind};
use super::plan::{Take, PLAN};
use super::{ImportError, Item, Moved, Source, Value};
use crate::db::{Arg, Tx};
use crate::Store;

/// SQLite's page cache during a load, in KiB (256 MiB).
const IMPORT_CACHE_KIB: i64 = 262_144;

/// Bind values per INSERT: far below both backends' limits (SQLite 32,766, PostgreSQL 65,535).
const PARAMS_PER_STATEMENT: usize = 4_000;

/// What a destination column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Bool,
    Text,
    Json,
    Bytes,
}

/// The table being loaded.
struct Loading {
    table: &'static str,
    columns: Vec<String>,
    kinds: Vec<Kind>,
    take: Take,
    batch: Vec<Vec<Value>>,
    rows_per_statement: usize,
}

impl Store {
    /// Loads an export into this database, which must hold no data (a new database: only the
    /// baseline parameter set that opening it wrote). Columns sealed under the field key are
    /// sealed again under this database's key. All or nothing.
    pub async fn import(&self, source: &mut dyn Source) -> Result<Moved, ImportError> {
        let mut tx = self.db.write().begin().await?;
        let sqlite = tx.is_sqlite();
        if sqlite {
            // The indexes of a large table are written in the backup's order, not theirs: a
            // bigger page cache for the load keeps their pages decrypted in memory (SQLCipher)
            // instead of reading them again for every batch. Set back after the load.
            tx.execute(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"), &[])
                .await?;
        }
        ensure_empty(&mut tx, sqlite).await?;
        tx.execute("DELETE FROM param_versions", &[]).await?;
        let mut moved = Moved::default();
        let mut loading: Option<Loading> = None;
        let mut sequences: HashMap<String, i64> = HashMap::new();
        while let Some(item) = source.next_item().map_err(ImportError::Read)? {
            match item {
                Item::Table { name, columns } => {
                    if let Some(done) = loading.take() {
                        self.flush(&mut tx, done, sqlite).await?;
                    }
                    let (table, take) = PLAN
                        .iter()
                        .find(|(t, _)| *t == name)
                        .copied()
                        .ok_or_else(|| ImportError::UnknownTable(name.clone()))?;
                    if matches!(take, Take::Never) {
                        return Err(ImportError::Malformed(
                            "it holds a table that never enters a backup",
                        ));
                    }
                    let kinds = destination_kinds(&mut tx, sqlite, table, &columns).await?;
                    moved.tables += 1;
                    loading = Some(Loading {
                        table,
                        rows_per_statement: (PARAMS_PER_STATEMENT / columns.len().max(1)).max(1),
                        columns,
                        kinds,
                        take,
                        batch: Vec::new(),
                    });
                }
                Item::Row(values) => {
                    let l = loading
                        .as_mut()
                        .ok_or(ImportError::Malformed("a row before its table"))?;
                    if values.len() != l.columns.len() {
                        return Err(ImportError::Malformed(
                            "a row with the wrong number of values",
                        ));
                    }
                    l.batch.push(values);
                    moved.rows += 1;
                    if l.batch.len() >= l.rows_per_statement {
                        self.insert_batch(&mut tx, l, sqlite).await?;
                    }
                }
                Item::Sequence { table, next } => {
                    sequences.insert(table, next);
                }
            }
        }
        if let Some(done) = loading.take() {
            self.flush(&mut tx, done, sqlite).await?;
        }
        set_sequences(&mut tx, sqlite, &sequences).await?;
        tx.commit().await?;
        if sqlite {
            self.db
                .write()
                .execute(
                    &format!("PRAGMA cache_size = -{}", crate::db::SQLITE_CACHE_KIB),
                    &[],
                )
                .await?;
        }
        Ok(moved)
    }

    async fn flush(&self, tx: &mut Tx, mut l: Loading, sqlite: bool) -> Result<(), ImportError> {
        if !l.batch.is_empty() {
            self.insert_batch(tx, &mut l, sqlite).await?;
        }
        Ok(())
    }

    /// Inserts the batch in one statement, sealing its sealed columns under this key.
    async fn insert_batch(
        &self,
        tx: &mut Tx,
        l: &mut Loading,
        sqlite: bool,
    ) -> Result<(), ImportError> {
        let rows = std::mem::take(&mut l.batch);
        let mut sealed_rows = Vec::with_capacity(rows.len());
        for mut values in rows {
            if let Take::Rows { sealed, .. } = l.take {
                for s in sealed {
                    let Some(i) = l.columns.iter().position(|c| c == s.column) else {
                        continue;
                    };
                    if let Value::Bytes(plain) = &values[i] {
                        let ctx = context(s.context, &l.columns, &values)?;
                        values[i] = Value::Bytes(self.crypto().seal(&ctx, plain));
                    }
                }
            }
            sealed_rows.push(values);
        }
        let cols = l
            .columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut n = 0;
        let tuples = sealed_rows
            .iter()
            .map(|_| {
                let one = l
                    .kinds
                    .iter()
                    .map(|k| {
                        n += 1;
                        if *k == Kind::Json && !sqlite {
                            format!("CAST(${n} AS json)")
                        } else {
                            format!("${n}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("({one})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        // Ids keep their values: a restored database is the same collective.
        let overriding = if sqlite {
            ""
        } else {
            " OVERRIDING SYSTEM VALUE"
        };
        let sql = format!(
            "INSERT INTO \"{}\" ({cols}){overriding} VALUES {tuples}",
            l.table
        );
        let mut args = Vec::with_capacity(n);
        for values in &sealed_rows {
            for ((v, k), c) in values.iter().zip(&l.kinds).zip(&l.columns) {
                args.push(
                    arg(*k, v)
                        .ok_or_else(|| ImportError::BadValue(l.table.to_owned(), c.clone()))?,
                );
            }
        }
        tx.execute(&sql, &args).await?;
        Ok(())
    }
}

/// One value as the destination column takes it; `None` when it cannot.
fn arg(kind: Kind, v: &Value) -> Option<Arg<'_>> {
    Some(match (kind, v) {
        (Kind::Int, Value::Null) => Arg::I64(None),
        (Kind::Int, Value::Int(i)) => Arg::I64(Some(*i)),
        (Kind::Int, Value::Bool(b)) => Arg::I64(Some(i64::from(*b))),
        (Kind::Bool, Value::Null) => Arg::Bool(None),
        (Kind::Bool, Value::Bool(b)) => Arg::Bool(Some(*b)),
        (Kind::Bool, Value::Int(i)) if *i == 0 || *i == 1 => Arg::Bool(Some(*i == 1)),
        (Kind::Real, Value::Null) => Arg::F64(None),
        (Kind::Real, Value::Real(f)) => Arg::F64(Some(*f)),
        #[allow(clippy::cast_precision_loss)] // a REAL column's integer, as SQLite stores 1.0
        (Kind::Real, Value::Int(i)) => Arg::F64(Some(*i as f64)),
        (Kind::Text | Kind::Json, Value::Null) => Arg::Text(None),
        (Kind::Text | Kind::Json, Value::Text(s)) => Arg::Text(Some(s)),
        (Kind::Bytes, Value::Null) => Arg::Bytes(None),
        (Kind::Bytes, Value::Bytes(b)) => Arg::Bytes(Some(b)),
        _ => return None,
    })
}

/// Refuses a database that holds anything but the baseline parameter set a new one starts with.
async fn ensure_empty(tx: &mut Tx, sqlite: bool) -> Result<(), ImportError> {
    let tables = tx
        .fetch_all(
            if sqlite {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
            } else {
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 AND table_name <> '_sqlx_migrations' ORDER BY table_name"
            },
            &[],
            |r| r.text(0),
        )
        .await?;
    for t in tables {
        let allowed = if t == "param_versions" { 1 } else { 0 };
        let n = tx
            .fetch_one(&format!("SELECT COUNT(*) FROM \"{t}\""), &[], |r| r.i64(0))
            .await?;
        if n > allowed {
            return Err(ImportError::NotEmpty(t));
        }
    }
    Ok(())
}

/// What each column of the backup's table is in this database.
async fn destination_kinds(
    tx: &mut Tx,
    sqlite: bool,
    table: &str,
    columns: &[String],
) -> Result<Vec<Kind>, ImportError> {
    let here: Vec<(String, String)> = tx
        .fetch_all(
            if sqlite {
                "SELECT name, upper(type) FROM pragma_table_info($1)"
            } else {
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1"
            },
            &[table.into()],
            |r| Ok((r.text(0)?, r.text(1)?)),
        )
        .await?;
    columns
        .iter()
        .map(|c| {
            let (_, ty) = here
                .iter()
                .find(|(n, _)| n == c)
                .ok_or_else(|| ImportError::UnknownColumn(table.to_owned(), c.clone()))?;
            Ok(if sqlite {
                match ty.as_str() {
                    t if t.contains("INT") => Kind::Int,
                    t if t.contains("BOOL") => Kind::Bool,
                    t if t.contains("REAL") || t.contains("DOUBLE") => Kind::Real,
                    t if t.contains("BLOB") => Kind::Bytes,
                    _ => Kind::Text,
                }
            } else if ty == "json" || ty == "jsonb" {
                Kind::Json
            } else {
                match pg_kind(ty) {
                    PgKind::Int => Kind::Int,
                    PgKind::Real => Kind::Real,
                    PgKind::Bool => Kind::Bool,
                    PgKind::Bytes => Kind::Bytes,
                    PgKind::Text => Kind::Text,
                }
            })
        })
        .collect()
}

/// Ids are never handed out twice: each table's next id is at least the backup's and above
/// every loaded row's.
async fn set_sequences(
    tx: &mut Tx,
    sqlite: bool,
    sequences: &HashMap<String, i64>,
) -> Result<(), ImportError> {
    if sqlite {
        let autoincrement = tx
            .fetch_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'",
                &[],
                |r| r.text(0),
            )
            .await?;
        for t in autoincrement {
            let Some(next) = sequences.get(&t) else {
                continue;
            };
            let seq = next - 1;
            let updated = tx
                .execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, $2) WHERE name = $1",
                    &[t.as_str().into(), seq.into()],
                )
                .await?;
            if updated == 0 {
                tx.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES ($1, $2)",
                    &[t.as_str().into(), seq.into()],
                )
                .await?;
            }
        }
        return Ok(());
    }
    let idents = tx
        .fetch_all(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
            &[],
            |r| Ok((r.text(0)?, r.text(1)?)),
        )
        .await?;
    let Tx::Postgres(pg) = tx else {
        return Ok(());
    };
    for (table, column) in idents {
        let seq = pg_sequence_name(pg, &table, &column).await?;
        let floor = sequences.get(&table).copied().unwrap_or(1);
        sqlx::query(&format!(
            "SELECT setval('{seq}', GREATEST($1, COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1), false)"
        ))
        .bind(floor)
        .execute(&mut **pg)
        .await?;
    }
    Ok(())
}
