//! What the impact preview of an algorithm proposal reads (SPEC R7.4): every buyer's counters,
//! every rating a seller received with its buyer's counters, and every seller's trust
//! preference. Three full reads, made when a proposal is created and when its vote opens; the
//! preview itself is computed in core and kept as aggregate counts only.

use tessera_core::governance::{Received, TrustPreference};
use tessera_core::reputation::FlagCounts;

use super::proposals::ProposalKey;
use crate::{Result, Store};

/// The live data a preview is computed over.
#[derive(Debug, Clone, Default)]
pub struct ImpactInputs {
    pub buyers: Vec<(FlagCounts, FlagCounts)>,
    pub received: Vec<Received>,
    pub preferences: Vec<TrustPreference>,
}

impl Store {
    pub async fn impact_inputs(&self) -> Result<ImpactInputs> {
        let db = self.db.read();
        let buyers = db
            .fetch_all(
                "SELECT safe_n, safe_zeros, reliable_n, reliable_zeros FROM buyer_stats",
                &[],
                |r| Ok((r.counts(0, 1)?, r.counts(2, 3)?)),
            )
            .await?;
        let received = db
            .fetch_all(
                "SELECT r.seller_id, r.x, COALESCE(s.safe_n, 0), COALESCE(s.safe_zeros, 0), \
                 COALESCE(s.reliable_n, 0), COALESCE(s.reliable_zeros, 0) \
                 FROM buyer_ratings r LEFT JOIN buyer_stats s ON s.buyer_id = r.buyer_id",
                &[],
                |r| {
                    Ok(Received {
                        seller: r.i64(0)?,
                        x: r.f64(1)?,
                        buyer_safe: r.counts(2, 3)?,
                        buyer_reliable: r.counts(4, 5)?,
                    })
                },
            )
            .await?;
        let preferences = db
            .fetch_all(
                "SELECT min_trust, unknown_is_below FROM accounts \
                 WHERE account_type = 'seller' AND NOT deleted",
                &[],
                |r| {
                    Ok(TrustPreference {
                        min_trust: r.opt_f64(0)?,
                        unknown_is_below: r.bool(1)?,
                    })
                },
            )
            .await?;
        Ok(ImpactInputs {
            buyers,
            received,
            preferences,
        })
    }

    /// Keeps a proposal's preview (JSON of aggregate counts); a later one replaces it.
    pub async fn set_proposal_impact(&self, key: ProposalKey, impact: &str) -> Result<()> {
        self.db
            .write()
            .execute(
                "UPDATE proposals SET impact = $2 WHERE seq = $1",
                &[key.0.into(), impact.into()],
            )
            .await?;
        Ok(())
    }
}
