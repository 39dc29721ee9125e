//! The public changelog (SPEC R7.6; API.md `GET /api/changelog`): every enacted parameter
//! version, newest first, with its date, the proposal that made it, a plain-language summary
//! and the diff from the version before. Public, no login: the charter says silent changes
//! void the system's legitimacy.

use super::{params_diff, GovernanceError, ParamChange};
use crate::App;

#[derive(Debug, Clone)]
pub struct ChangelogEntry {
    pub on: tessera_core::Day,
    pub version: i64,
    pub proposal: Option<String>,
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
        let summary = if v.source.starts_with("emergency:") {
            "Emergency change by the Security Committee, in force until its vote (R7.5).".to_owned()
        } else if v.source.starts_with("revert:") {
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
            summary,
            diff,
        });
    }
    out.reverse();
    Ok(out)
}
