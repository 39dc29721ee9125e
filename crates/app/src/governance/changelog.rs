//! The public changelog (SPEC R7.6; API.md `GET /api/changelog`): every enacted parameter
//! version, newest first, with its date, the proposal that made it, a plain-language summary
//! and the diff from the version before. Public, no login: the charter says silent changes
//! void the system's legitimacy.

use super::{params_diff, GovernanceError, ParamChange};
use crate::App;

/// What made a version, so pages can say it in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The charter's baseline (version 1) or anything else without a proposal.
    Baseline,
    /// A passed proposal: its title is the summary.
    Proposal,
    /// An emergency change (R7.5).
    Emergency,
    /// An emergency change's failed vote brought the set before it back.
    Revert,
}

#[derive(Debug, Clone)]
pub struct ChangelogEntry {
    pub on: tessera_core::Day,
    pub version: i64,
    pub proposal: Option<String>,
    pub origin: Origin,
    /// For the JSON API: the proposal's title, or a fixed English sentence (pages use
    /// [`ChangelogEntry::origin`] and their own words).
    pub summary: String,
    pub diff: Vec<ParamChange>,
}

pub async fn changelog(app: &App) -> Result<Vec<ChangelogEntry>, GovernanceError> {
    let history = app.store.param_history().await?;
    let mut out = Vec::with_capacity(history.len());
    for (i, v) in history.iter().enumerate() {
        let proposal = v
            .source
            .strip_prefix("proposal:")
            .or_else(|| v.source.strip_prefix("revert:"))
            .map(str::to_owned);
        let origin = if v.source.starts_with("emergency:") {
            Origin::Emergency
        } else if v.source.starts_with("revert:") {
            Origin::Revert
        } else if proposal.is_some() {
            Origin::Proposal
        } else {
            Origin::Baseline
        };
        let summary = if origin == Origin::Emergency {
            "Emergency change by the Security Committee, in force until its vote (R7.5).".to_owned()
        } else if origin == Origin::Revert {
            "The emergency change was reverted: its vote did not pass.".to_owned()
        } else {
            match &proposal {
                Some(id) => match app.store.proposal(id).await? {
                    Some(p) => p.title,
                    None => v.source.clone(),
                },
                None => v.source.clone(),
            }
        };
        let diff = match i.checked_sub(1).and_then(|j| history.get(j)) {
            Some(prev) => params_diff(&prev.params, &v.params),
            None => Vec::new(),
        };
        out.push(ChangelogEntry {
            on: v.enacted_on,
            version: v.version,
            proposal,
            origin,
            summary,
            diff,
        });
    }
    out.reverse();
    Ok(out)
}
