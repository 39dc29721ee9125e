//! A vote's published result (SPEC R7.2; API.md `result`), as the close stores it and every
//! reader shows it.

use serde::{Deserialize, Serialize};

/// The published result (API.md `result`), stored as it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteResult {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub turnout: u64,
    pub quorum_met: bool,
    pub passed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub petition_failed: Option<bool>,
}
