//! The impact preview of an algorithm proposal (SPEC R7.4; issue 13 §4): computed over the live
//! data when the proposal is made and again when its vote opens (from the job runner, by the
//! process whose claim opened it), and kept with the day it was computed. Aggregate counts only
//! ([`tessera_core::governance::impact`]); nothing about one buyer or one seller is kept.

use serde::{Deserialize, Serialize};
use tessera_core::governance::{impact, Impact, ProposalKind};
use tessera_core::{Day, Params};
use tessera_store::governance::proposals::Proposal;
use tessera_store::Store;

use super::GovernanceError;

/// A preview and the day it was computed, as the proposal object shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub computed_on: String,
    #[serde(flatten)]
    pub impact: Impact,
}

/// The preview kept with a proposal, if it has one.
pub fn of(p: &Proposal) -> Option<Preview> {
    p.impact
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
}

/// Computes and keeps the preview of an algorithm proposal against the set in force. An
/// emergency change's retroactive vote has none: its set is already in force, and the
/// changelog shows what it changed.
pub async fn refresh(store: &Store, p: &Proposal, today: Day) -> Result<(), GovernanceError> {
    if p.kind != ProposalKind::Algorithm || p.emergency_of.is_some() {
        return Ok(());
    }
    let Some(new) = p
        .params
        .as_deref()
        .and_then(|j| serde_json::from_str::<Params>(j).ok())
    else {
        return Ok(());
    };
    let old = store.current_params().await?.params;
    let inputs = store.impact_inputs().await?;
    let preview = Preview {
        computed_on: today.to_string(),
        impact: impact(
            &inputs.buyers,
            &inputs.received,
            &inputs.preferences,
            &old,
            &new,
        ),
    };
    let json = serde_json::to_string(&preview)
        .map_err(|_| tessera_store::StoreError::Corrupt("impact preview"))?;
    store.set_proposal_impact(p.key, &json).await?;
    Ok(())
}
