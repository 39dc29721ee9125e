//! Screening links (SPEC R4.11, proof of control): a buyer's single-use link with two keys (the
//! link's token and the read-out code), stored only as hashes. Using one is a single
//! conditional update, so of any number of concurrent uses, in any number of server processes,
//! exactly one wins. A used link keeps only its day (R8.1) and never who used it; an expired one
//! is deleted by the purge (R8.3).

use tessera_core::{BuyerId, Day};

use crate::accounts::LOCK_ACCOUNT_SQL;
use crate::{Result, Store, StoreError};

/// At most this many open links per buyer: enough for a busy day, few enough that a buyer
/// cannot fill the code space (the guessing arithmetic in docs/algorithm.md counts on it).
pub const MAX_OPEN_PER_BUYER: i64 = 20;

/// Used links are counted for the buyer for this many days, then deleted (R8.3).
pub const USED_RETENTION_DAYS: i64 = 90;

/// A new link: the hashes of its two keys.
pub struct NewLink<'a> {
    pub buyer_id: BuyerId,
    pub token_hash: &'a [u8],
    pub code_hash: &'a [u8],
    pub expires_at: i64,
    pub now: i64,
}

/// Which of a link's two keys a seller gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKey<'a> {
    Token(&'a [u8]),
    Code(&'a [u8]),
}

/// What the purge removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LinksPurged {
    pub expired: u64,
    pub used: u64,
}

impl Store {
    /// Stores a new link. `TooManyOpenLinks` when the buyer already has
    /// [`MAX_OPEN_PER_BUYER`] open ones, counted under a lock on his account so that two
    /// requests cannot pass the count together; `Conflict` when a hash is taken (the caller
    /// draws new keys).
    pub async fn create_screening_link(&self, n: &NewLink<'_>) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        tx.execute(LOCK_ACCOUNT_SQL, &[n.buyer_id.into()]).await?;
        let open = tx
            .fetch_one(
                "SELECT COUNT(*) FROM screening_links \
                 WHERE buyer_id = $1 AND used_on IS NULL AND expires_at > $2",
                &[n.buyer_id.into(), n.now.into()],
                |r| r.i64(0),
            )
            .await?;
        if open >= MAX_OPEN_PER_BUYER {
            return Err(StoreError::TooManyOpenLinks);
        }
        let inserted = tx
            .execute(
                "INSERT INTO screening_links (buyer_id, token_hash, code_hash, expires_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[
                    n.buyer_id.into(),
                    n.token_hash.into(),
                    n.code_hash.into(),
                    n.expires_at.into(),
                ],
            )
            .await?;
        if inserted != 1 {
            return Err(StoreError::Conflict);
        }
        tx.commit().await
    }

    /// Uses a link by either key: one statement that succeeds only for an open, unexpired link
    /// and forgets its keys and exact expiry as it marks it used on `today`. The buyer's id, or
    /// `None` for an unknown, used or expired key (the caller cannot tell which, by design).
    pub async fn use_screening_link(
        &self,
        key: LinkKey<'_>,
        now: i64,
        today: Day,
    ) -> Result<Option<BuyerId>> {
        let (column, hash) = match key {
            LinkKey::Token(h) => ("token_hash", h),
            LinkKey::Code(h) => ("code_hash", h),
        };
        let sql = format!(
            "UPDATE screening_links \
             SET used_on = $1, token_hash = NULL, code_hash = NULL, expires_at = NULL \
             WHERE {column} = $2 AND used_on IS NULL AND expires_at > $3 RETURNING buyer_id"
        );
        self.db
            .write()
            .fetch_optional(
                &sql,
                &[today.to_string().into(), hash.into(), now.into()],
                |r| Ok(BuyerId::new(r.i64(0)?)),
            )
            .await
    }

    /// How many of the buyer's links were used (in the last [`USED_RETENTION_DAYS`]), and how
    /// many are open now.
    pub async fn screening_link_counts(&self, buyer_id: BuyerId, now: i64) -> Result<(i64, i64)> {
        self.db
            .read()
            .fetch_one(
                "SELECT \
                 COALESCE(SUM(CASE WHEN used_on IS NOT NULL THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN used_on IS NULL AND expires_at > $2 THEN 1 ELSE 0 END), 0) \
                 FROM screening_links WHERE buyer_id = $1",
                &[buyer_id.into(), now.into()],
                |r| Ok((r.i64(0)?, r.i64(1)?)),
            )
            .await
    }

    /// Deletes links that expired unused (at once: nothing of them is needed) and used links
    /// older than [`USED_RETENTION_DAYS`] (R8.3).
    pub async fn purge_screening_links(&self, now: i64, today: Day) -> Result<LinksPurged> {
        let db = self.db.write();
        let expired = db
            .execute(
                "DELETE FROM screening_links WHERE used_on IS NULL AND expires_at <= $1",
                &[now.into()],
            )
            .await?;
        let used = db
            .execute(
                "DELETE FROM screening_links WHERE used_on IS NOT NULL AND used_on < $1",
                &[today.plus_days(-USED_RETENTION_DAYS).to_string().into()],
            )
            .await?;
        Ok(LinksPurged { expired, used })
    }
}
