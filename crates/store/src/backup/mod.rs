//! Logical export and import of the durable tables, for `tessera backup` and `tessera restore`
//! (SPEC R9.5). The store reads and writes rows as portable [`Value`]s in one transaction each
//! (one snapshot for the export; all or nothing for the import) and knows which tables and
//! columns may leave ([`plan`]); the file format and its encryption are the caller's.
//!
//! Rows stream: the export hands each row to a [`Sink`] as the database returns it, and the
//! import takes them from a [`Source`] in batches, so memory does not grow with the database.

mod export;
mod import;
pub(crate) mod plan;

pub use plan::{ephemeral_tables, planned_tables};

/// One value, the same on both backends: SQLite's integers stand for PostgreSQL's booleans
/// and its text for JSON; the import turns each into what the destination column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
}

/// One item of an export, in order: a table's header, then its rows; at the end the next
/// value of each table's id sequence, so that ids are not handed out twice after a restore.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Table { name: String, columns: Vec<String> },
    Row(Vec<Value>),
    Sequence { table: String, next: i64 },
}

/// Where an export goes. Errors are the caller's (a full disk), passed back as they are.
pub trait Sink: Send {
    fn put(&mut self, item: Item) -> std::io::Result<()>;
}

/// Where an import comes from: `None` at the end. An error (an altered or cut file) rolls the
/// whole import back.
pub trait Source: Send {
    fn next_item(&mut self) -> std::io::Result<Option<Item>>;
}

/// What an export or an import moved.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Moved {
    pub tables: usize,
    pub rows: u64,
}

/// Why an import was refused before it wrote anything.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the database is not empty: table {0} has rows; restore only into a new database")]
    NotEmpty(String),
    #[error("the backup names a table this version does not have: {0}")]
    UnknownTable(String),
    #[error("the backup names a column this version does not have: {0}.{1}")]
    UnknownColumn(String, String),
    #[error("the backup holds a value column {0}.{1} cannot take")]
    BadValue(String, String),
    #[error("the backup is malformed: {0}")]
    Malformed(&'static str),
    #[error("could not read the backup: {0}")]
    Read(#[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> ImportError {
        ImportError::Store(e.into())
    }
}

impl crate::Store {
    /// How many rows a backup would hold now: the length of the progress bar (counted outside
    /// the export's snapshot, so only about right while the server writes).
    pub async fn backup_row_estimate(&self) -> crate::Result<u64> {
        let mut n = 0;
        for (table, take) in plan::PLAN {
            if matches!(take, plan::Take::Rows { .. }) {
                n += self.count_rows(table).await?;
            }
        }
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
