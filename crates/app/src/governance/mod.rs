//! The cooperative's governance (SPEC §7): members and their standing (R7.1), proposals and
//! their phases (R7.2), secret and verifiable ballots (R7.3), the scoring parameters changed
//! only by vote (R7.4). One function per use case, one error type for the area; the job that
//! opens and closes votes on the application's clock is [`job::tick`].

pub mod approvals;
pub mod audit;
pub mod changelog;
pub mod disputes;
pub mod dissolutions;
mod electorate;
pub mod emergency;
pub mod flags;
pub mod impact;
pub mod job;
pub mod members;
pub mod proposals;
pub mod restorations;
pub mod result;
pub mod suspensions;
pub mod transparency;
pub mod votes;

use tessera_core::AccountType;
use tessera_store::accounts::Account;
use tessera_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum GovernanceError {
    /// Governance is the sellers' (R7.1): buyers get 403.
    #[error("only sellers may do this")]
    SellersOnly,
    /// A committee's action by someone not on it.
    #[error("not allowed")]
    Forbidden,
    #[error("no such proposal")]
    NotFound,
    #[error("no such member")]
    NoMember,
    #[error("no such case")]
    NoCase,
    #[error("no such request")]
    NoApproval,
    #[error("no buyer account with this pseudonym")]
    NoBuyer,
    #[error("no such alert")]
    NoAlert,
    #[error("no such coop")]
    NoCoop,
    /// A restore code that leads nowhere (unknown or used, charter 18.6).
    #[error("no such restore code")]
    NoRestoreCode,
    /// A party of the case may not act on it or sit on its panel (R7.8).
    #[error("a party of the case")]
    Recused,
    /// A field out of its range or a parameter set that does not validate, named.
    #[error("invalid fields")]
    Invalid(Vec<&'static str>),
    #[error("the vote is not open")]
    NotVoting,
    #[error("she has voted already")]
    AlreadyVoted,
    #[error("not in good standing when the roll was frozen")]
    NotInGoodStanding,
    #[error("the vote has not closed")]
    NotClosed,
    /// Done already (a candidacy, a signature), or not in the phase this needs.
    #[error("conflict")]
    Conflict,
    /// A fourth consecutive term on one committee (R7.7).
    #[error("three consecutive terms served")]
    TermLimit,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Sellers only (R7.1).
pub(crate) fn require_member(account: &Account) -> Result<(), GovernanceError> {
    if account.account_type == AccountType::Seller {
        Ok(())
    } else {
        Err(GovernanceError::SellersOnly)
    }
}

/// A seller on `committee` (403 otherwise).
pub(crate) async fn require_committee(
    app: &crate::App,
    account: &Account,
    committee: tessera_core::committee::Committee,
) -> Result<(), GovernanceError> {
    require_member(account)?;
    if app.store.is_committee_member(account.id, committee).await? {
        Ok(())
    } else {
        Err(GovernanceError::Forbidden)
    }
}

/// One changed parameter (API.md `params_diff`): its dotted name and both values as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamChange {
    pub name: String,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}

/// Every parameter whose value differs between two sets, by dotted name (`prior.weight`),
/// in the order of the set's fields.
pub fn params_diff(from: &tessera_core::Params, to: &tessera_core::Params) -> Vec<ParamChange> {
    fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let name = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&name, v, out);
                }
            }
            other => out.push((prefix.to_owned(), other.clone())),
        }
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten("", &serde_json::to_value(from).unwrap_or_default(), &mut a);
    flatten("", &serde_json::to_value(to).unwrap_or_default(), &mut b);
    a.into_iter()
        .zip(b)
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, from), (_, to))| ParamChange { name, from, to })
        .collect()
}
