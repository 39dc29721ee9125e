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

/// The lookup query (R3.2): the account and its counters by one index read each, one probe
/// of the alerts naming him (R6.4), so a lookup reads the alerts only for a buyer who has live
/// ones, and for a buyer with unsafe flags the distinct sellers behind them (R3.8) through the
/// partial index `ratings_unsafe`. One statement on the direct read path: a second query per
/// lookup (through sqlx's SQLite worker thread) had cost a third of the lookup rate. `$extra` is
/// appended to the columns, `$which` selects the accounts. Columns are read by position.
macro_rules! buyer_record_sql {
    ($extra:literal, $which:literal) => {
        concat!(
            "SELECT a.id, a.display_name, a.created_on, \
             COALESCE(s.safe_n, 0) AS safe_n, COALESCE(s.safe_zeros, 0) AS safe_zeros, \
             COALESCE(s.reliable_n, 0) AS reliable_n, \
             COALESCE(s.reliable_zeros, 0) AS reliable_zeros, \
             COALESCE(s.interactions, 0) AS interactions, COALESCE(s.sellers, 0) AS sellers, \
             COALESCE(s.verified, 0) AS verified, \
             (SELECT MAX(al.expires_at) FROM alerts al \
              WHERE al.buyer_id = a.id AND al.state = 'live') AS alerts_until, \
             CASE WHEN COALESCE(s.safe_zeros, 0) > 0 THEN \
              (SELECT COUNT(DISTINCT r.seller_id) FROM ratings r \
               WHERE r.buyer_id = a.id AND r.safe = FALSE) ELSE 0 END AS unsafe_sellers",
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
        alerts_until: row.opt_i64(10)?,
        unsafe_sellers: row.i64(11)?,
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
            .map(|row| Ok((row.text(12)?, buyer_record_from(row)?)))
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
