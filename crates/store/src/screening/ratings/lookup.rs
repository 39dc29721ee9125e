//! The buyer lookup (SPEC R3.2): a buyer's display name, age and counters by canonical
//! pseudonym, one indexed read of the account and one of its counters. Read in batches by
//! [`crate::db::lookups`]; on SQLite through the direct path [`crate::db::fast`].

use std::collections::HashMap;

use sqlx::PgPool;

use super::BuyerRecord;
use crate::db::fast::FastReads;
use crate::db::lookups::BatchRead;
use crate::db::Cols;
use crate::Result;

/// The lookup query (R3.2): the account and its counters by one index read each. `$extra` is
/// appended to the columns, `$which` selects the accounts. Columns are read by position.
macro_rules! buyer_record_sql {
    ($extra:literal, $which:literal) => {
        concat!(
            "SELECT a.id, a.display_name, a.created_on, \
             COALESCE(s.safe_n, 0) AS safe_n, COALESCE(s.safe_zeros, 0) AS safe_zeros, \
             COALESCE(s.reliable_n, 0) AS reliable_n, \
             COALESCE(s.reliable_zeros, 0) AS reliable_zeros, \
             COALESCE(s.interactions, 0) AS interactions, COALESCE(s.sellers, 0) AS sellers, \
             COALESCE(s.verified, 0) AS verified",
            $extra,
            " FROM accounts a LEFT JOIN buyer_stats s ON s.buyer_id = a.id WHERE ",
            $which,
            " AND a.account_type = 'buyer' AND NOT a.deleted"
        )
    };
}

/// One buyer by canonical pseudonym.
pub(crate) const BUYER_RECORD_SQL: &str = buyer_record_sql!("", "a.pseudonym = $1");

/// Several buyers at once (PostgreSQL), each row followed by its pseudonym.
const BUYER_RECORDS_SQL: &str = buyer_record_sql!(", a.pseudonym", "a.pseudonym = ANY($1)");

/// A row of either query above, by position; the one mapping for every driver.
pub(crate) fn buyer_record_from<R: Cols + ?Sized>(row: &R) -> Result<BuyerRecord> {
    Ok(BuyerRecord {
        id: tessera_core::BuyerId::new(row.i64(0)?),
        display_name: row.text(1)?,
        created_on: row.day(2)?,
        safe: row.counts(3, 4)?,
        reliable: row.counts(5, 6)?,
        interactions: row.i64(7)?,
        sellers: row.i64(8)?,
        verified: row.i64(9)?,
    })
}

/// The lookup as [`crate::db::lookups`] batches it.
pub(crate) struct BuyerLookup;

impl BatchRead for BuyerLookup {
    type Out = BuyerRecord;

    fn sqlite(fast: &FastReads, keys: &[&str]) -> Result<Vec<Option<BuyerRecord>>> {
        fast.each(BUYER_RECORD_SQL, keys, |r| buyer_record_from(r))
    }

    async fn postgres_many(pool: &PgPool, keys: &[&str]) -> Result<HashMap<String, BuyerRecord>> {
        let rows = sqlx::query(BUYER_RECORDS_SQL)
            .bind(keys)
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.text(10)?, buyer_record_from(row)?)))
            .collect()
    }

    async fn postgres_one(pool: &PgPool, key: &str) -> Result<Option<BuyerRecord>> {
        let row = sqlx::query(BUYER_RECORD_SQL)
            .bind(key)
            .fetch_optional(pool)
            .await?;
        row.as_ref().map(buyer_record_from).transpose()
    }
}
