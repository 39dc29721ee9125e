//! Who counts (SPEC R7.1, R7.2, R7.7): the members in good standing, who form a vote's roll
//! when it opens and the base of a recall petition's tenth.

use super::members::standing_of;
use super::GovernanceError;

/// Members in good standing today: the electorate of a vote opening now, or of a petition.
pub(crate) async fn good_standing_members(
    store: &tessera_store::Store,
    today: tessera_core::Day,
) -> Result<Vec<tessera_core::AccountId>, GovernanceError> {
    Ok(store
        .all_member_facts()
        .await?
        .iter()
        .filter(|f| standing_of(f, today).good())
        .map(|f| f.account)
        .collect())
}

/// ceil(10 % of the members in good standing): a recall petition's signatures (R7.7).
pub fn petition_needed(members: usize) -> i64 {
    i64::try_from(members.div_ceil(10)).unwrap_or(i64::MAX)
}
