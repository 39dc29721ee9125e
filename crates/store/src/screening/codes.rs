//! Rating codes (SPEC R4.3, R4.4): six digits from the OS CSPRNG, unique among the seller's
//! unused codes, optionally bound to a buyer; redemption is one conditional update, so of any
//! number of concurrent attempts with one code, in any number of processes, exactly one wins.

use rand::Rng;
use tessera_core::code::RatingCode;
use tessera_core::vocab::{ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{BuyerId, CodeId, Day, SellerId};

use super::ratings::{Delta, ADD_TO_STATS, LOCK_BUYER_STATS_SQL};
use crate::accounts::LOCK_ACCOUNT_SQL;
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStatus {
    Unused,
    Used,
    /// Expired unused, or invalidated by the seller.
    Expired,
}

impl CodeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeStatus::Unused => "unused",
            CodeStatus::Used => "used",
            CodeStatus::Expired => "expired",
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct CodeRow {
    pub code: String,
    pub generated_at: i64,
    pub status: CodeStatus,
    pub expires_at: i64,
    /// Display form of the buyer it is bound to.
    pub bound_to: Option<String>,
}

impl std::fmt::Debug for CodeRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CodeRow({:?})", self.status)
    }
}

pub struct NewCode {
    pub seller_id: SellerId,
    pub bound_buyer_id: Option<BuyerId>,
    pub now: i64,
    pub today: Day,
    pub ttl_secs: i64,
    pub max_active: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Valid { id: CodeId, generated_on: Day },
    InvalidOrExpired,
    AlreadyUsed,
}

#[derive(Debug, Clone, Copy)]
pub struct SellerRatingInput {
    pub listing_accuracy: ListingAccuracy,
    pub punctuality: Punctuality,
    pub professionalism: Professionalism,
    pub x: f64,
}

/// How long used or expired codes are kept after expiry (R8.3).
pub const CODE_RETENTION_SECS: i64 = 90 * 86_400;

/// The assignments that coarsen a code's times to the start of their UTC day (R8.1: exact
/// times only while needed). A code needs its exact times only while it is active: once used,
/// invalidated or expired, its history shows the day. `expires_at` goes too, since it is
/// `generated_at` plus the code's lifetime.
pub(crate) const COARSEN_CODE_TIMES: &str = "generated_at = generated_at - generated_at % 86400, \
    expires_at = expires_at - expires_at % 86400";

impl Store {
    /// Generates a code: `TooManyActiveCodes` when the seller already has `max_active` unused codes, checked
    /// under a lock on the seller's account so that concurrent requests cannot pass it together.
    pub async fn generate_code(&self, n: &NewCode) -> Result<(RatingCode, i64)> {
        let expires = n.now + n.ttl_secs;
        let mut tx = self.db.write().begin().await?;
        // Two processes generating for one seller would both pass the count below.
        tx.execute(LOCK_ACCOUNT_SQL, &[n.seller_id.into()]).await?;
        // Expired codes leave the unused set, so their digits can be drawn again.
        tx.execute(
            &format!(
                "UPDATE rating_codes SET status = 'expired', {COARSEN_CODE_TIMES} \
                 WHERE seller_id = $1 AND status = 'unused' AND expires_at <= $2"
            ),
            &[n.seller_id.into(), n.now.into()],
        )
        .await?;
        let active = tx
            .fetch_one(
                "SELECT COUNT(*) FROM rating_codes WHERE seller_id = $1 AND status = 'unused'",
                &[n.seller_id.into()],
                |r| r.i64(0),
            )
            .await?;
        if active >= n.max_active {
            return Err(StoreError::TooManyActiveCodes);
        }
        for _ in 0..64 {
            let code = RatingCode::from_number(rand::rngs::OsRng.gen_range(0..RatingCode::SPACE))
                .ok_or(StoreError::Corrupt("code range"))?;
            let inserted = tx
                .execute(
                    "INSERT INTO rating_codes \
                     (seller_id, code, bound_buyer_id, generated_at, generated_on, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    &[
                        n.seller_id.into(),
                        code.as_string().into(),
                        n.bound_buyer_id.into(),
                        n.now.into(),
                        n.today.to_string().into(),
                        expires.into(),
                    ],
                )
                .await?;
            if inserted == 1 {
                tx.commit().await?;
                return Ok((code, expires));
            }
        }
        Err(StoreError::NoFreeCode)
    }

    /// The seller's codes generated at or after `since`, newest first (R4.3).
    pub async fn code_history(
        &self,
        seller_id: SellerId,
        since: i64,
        now: i64,
    ) -> Result<Vec<CodeRow>> {
        self.db
            .read()
            .fetch_all(
                "SELECT c.code, c.generated_at, c.status, c.expires_at, a.display_name \
                 FROM rating_codes c \
                 LEFT JOIN accounts a ON a.id = c.bound_buyer_id AND NOT a.deleted \
                 WHERE c.seller_id = $1 AND c.generated_at >= $2 \
                 ORDER BY c.generated_at DESC, c.id DESC",
                &[seller_id.into(), since.into()],
                |r| {
                    let expires_at = r.i64(3)?;
                    let status = match r.text(2)?.as_str() {
                        "used" => CodeStatus::Used,
                        "unused" if expires_at > now => CodeStatus::Unused,
                        _ => CodeStatus::Expired,
                    };
                    Ok(CodeRow {
                        code: r.text(0)?,
                        generated_at: r.i64(1)?,
                        status,
                        expires_at,
                        bound_to: r.opt_text(4)?,
                    })
                },
            )
            .await
    }

    pub async fn count_unused_codes(&self, seller_id: SellerId, now: i64) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM rating_codes \
                 WHERE seller_id = $1 AND status = 'unused' AND expires_at > $2",
                &[seller_id.into(), now.into()],
                |r| r.i64(0),
            )
            .await
    }

    /// "Invalidate all unused codes" (R4.3): returns how many.
    pub async fn invalidate_codes(&self, seller_id: SellerId, now: i64) -> Result<u64> {
        self.db
            .write()
            .execute(
                &format!(
                    "UPDATE rating_codes SET status = 'invalidated', {COARSEN_CODE_TIMES} \
                     WHERE seller_id = $1 AND status = 'unused' AND expires_at > $2"
                ),
                &[seller_id.into(), now.into()],
            )
            .await
    }

    /// Whether `buyer_id` could use this code of this seller now, without using it.
    pub async fn check_code(
        &self,
        seller_id: SellerId,
        code: RatingCode,
        buyer_id: BuyerId,
        now: i64,
    ) -> Result<CodeCheck> {
        let rows = self
            .db
            .read()
            .fetch_all(
                "SELECT id, status, expires_at, bound_buyer_id, generated_on FROM rating_codes \
                 WHERE seller_id = $1 AND code = $2 ORDER BY id DESC",
                &[seller_id.into(), code.as_string().into()],
                |r| Ok((r.i64(0)?, r.text(1)?, r.i64(2)?, r.opt_i64(3)?, r.text(4)?)),
            )
            .await?;
        let mine = |bound: Option<i64>| bound.is_none_or(|b| b == buyer_id.get());
        for (id, status, expires_at, bound, generated_on) in &rows {
            if status == "unused" && *expires_at > now && mine(*bound) {
                let generated_on =
                    Day::parse(generated_on).ok_or(StoreError::Corrupt("generated_on"))?;
                return Ok(CodeCheck::Valid {
                    id: CodeId::new(*id),
                    generated_on,
                });
            }
        }
        if rows
            .iter()
            .any(|(_, status, _, bound, _)| status == "used" && mine(*bound))
        {
            return Ok(CodeCheck::AlreadyUsed);
        }
        Ok(CodeCheck::InvalidOrExpired)
    }

    /// Uses the code and stores the buyer's rating of the seller, in one transaction. The code
    /// is taken by one conditional update; `false` when another attempt won (R4.4). The
    /// seller's rating of this buyer for the code's day becomes verified.
    pub async fn redeem_code(
        &self,
        code_id: CodeId,
        seller_id: SellerId,
        buyer_id: BuyerId,
        day: Day,
        now: i64,
        r: &SellerRatingInput,
    ) -> Result<bool> {
        let day = day.to_string();
        let mut tx = self.db.write().begin().await?;
        let taken = tx
            .execute(
                &format!(
                    "UPDATE rating_codes SET status = 'used', used_by = $1, {COARSEN_CODE_TIMES} \
                     WHERE id = $2 AND seller_id = $3 AND status = 'unused' AND expires_at > $4 \
                     AND (bound_buyer_id IS NULL OR bound_buyer_id = $1)"
                ),
                &[
                    buyer_id.into(),
                    code_id.into(),
                    seller_id.into(),
                    now.into(),
                ],
            )
            .await?;
        if taken != 1 {
            return Ok(false);
        }
        // A rating of this buyer may be being written by another process right now: wait for
        // it (its lock), so the rating it writes is the one marked verified below.
        tx.execute(LOCK_BUYER_STATS_SQL, &[buyer_id.into()]).await?;
        tx.execute(
            "INSERT INTO buyer_ratings \
             (seller_id, buyer_id, day, listing_accuracy, punctuality, professionalism, x, \
              rated_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                seller_id.into(),
                buyer_id.into(),
                (&day).into(),
                r.listing_accuracy.as_str().into(),
                r.punctuality.as_str().into(),
                r.professionalism.as_str().into(),
                r.x.into(),
                // The day it is given, for the brigading rule (R9.7); day precision (R8.1).
                tessera_core::Day::from_unix(now).to_string().into(),
            ],
        )
        .await?;
        let marked = tx
            .fetch_optional(
                "UPDATE ratings SET verified = TRUE \
                 WHERE seller_id = $1 AND buyer_id = $2 AND day = $3 AND NOT verified \
                 RETURNING safe, reliable",
                &[seller_id.into(), buyer_id.into(), (&day).into()],
                |r| Ok((r.opt_bool(0)?, r.opt_bool(1)?)),
            )
            .await?;
        if let Some((safe, reliable)) = marked {
            let d = Delta::of(safe, reliable, true).minus(Delta::of(safe, reliable, false));
            let zero = crate::db::Arg::from(0i64);
            tx.execute(
                ADD_TO_STATS,
                &[
                    buyer_id.into(),
                    zero.clone(),
                    zero.clone(),
                    zero.clone(),
                    zero.clone(),
                    zero.clone(),
                    zero,
                    d.verified.into(),
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
