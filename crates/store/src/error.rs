//! The store's one error type. Database messages stay here: the web layer maps them to a
//! plain 500 without details.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was hit (pseudonym taken, ...).
    #[error("conflict")]
    Conflict,
    /// The seller already has the most open invitations allowed (R2.3), counted under a lock.
    #[error("too many open invitations")]
    TooManyOpenInvitations,
    /// The seller already has the most unused codes allowed (R4.3), counted under a lock.
    #[error("too many active codes")]
    TooManyActiveCodes,
    /// The buyer already has the most open screening links allowed (R4.11), counted under a
    /// lock.
    #[error("too many open screening links")]
    TooManyOpenLinks,
    /// Every draw of a code collided with one of the seller's unused codes (R4.3): with a
    /// million codes and a few dozen active, practically never.
    #[error("no free code")]
    NoFreeCode,
    /// The seller already has the most buddies pending or active (R6.7), counted under a lock.
    #[error("too many buddies")]
    TooManyBuddies,
    /// The check-in was extended the most times allowed (R6.6).
    #[error("no extensions left")]
    NoExtensionsLeft,
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A PostgreSQL URL that would cross the network without verified TLS (ASVS 12.3.1).
    #[error(transparent)]
    InsecureDatabaseLink(#[from] crate::db::link::InsecureDatabaseLink),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("i/o error: {0}")]
    Io(std::io::Error),
    #[error("key error: {0}")]
    Key(String),
    /// From the direct SQLite read path (`fast`).
    #[error("database error: {0}")]
    Direct(String),
    /// The rating writer or the lookup task is gone (the store is shutting down).
    #[error("the store is shutting down")]
    Stopped,
    #[error("decryption failed")]
    Decrypt,
    #[error("stored data is invalid: {0}")]
    Corrupt(&'static str),
}

impl StoreError {
    /// Turns a unique-constraint violation into `Conflict`, leaving other errors as they are.
    pub(crate) fn unique_to_conflict(self) -> StoreError {
        match &self {
            StoreError::Database(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                StoreError::Conflict
            }
            _ => self,
        }
    }
}

/// From the direct SQLite path (`db::fast`, the rating batches).
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Direct(e.to_string())
    }
}
