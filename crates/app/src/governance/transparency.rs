//! The yearly transparency report (SPEC R7.6; charter 13.5): the Governance committee enters a
//! year's legal requests and how they were answered; anyone reads them, without logging in.

use tessera_core::committee::Committee;
use tessera_core::governance::transparency::Report;
use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
use tessera_core::{AccountType, Day};
use tessera_store::accounts::Account;

use super::GovernanceError;
use crate::App;

/// A published report and the day it was entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub report: Report,
    pub recorded_on: Day,
}

/// Whether she may enter reports: a seller on the Governance committee.
pub async fn may_record(app: &App, account: &Account) -> Result<bool, GovernanceError> {
    Ok(account.account_type == AccountType::Seller
        && app
            .store
            .is_committee_member(account.id, Committee::Governance)
            .await?)
}

/// Enters (or replaces) one year's report: 403 off the Governance committee, 400 naming the
/// fields that are wrong. Audit-logged, without its content (R7.10).
pub async fn record(
    app: &App,
    actor: &Account,
    report: Report,
) -> Result<Published, GovernanceError> {
    if !may_record(app, actor).await? {
        return Err(GovernanceError::Forbidden);
    }
    let report = Report {
        summary: report.summary.trim().to_owned(),
        ..report
    };
    let bad = report.problems(app.today());
    if !bad.is_empty() {
        return Err(GovernanceError::Invalid(bad));
    }
    app.store.record_transparency(&report, app.today()).await?;
    super::audit::record(
        &app.store,
        app.now(),
        Some(actor.id),
        AuditRole::Governance,
        AuditAction::TransparencyRecorded,
        ObjectKind::Report,
    )
    .await?;
    Ok(Published {
        report,
        recorded_on: app.today(),
    })
}

/// Every report, newest year first (public).
pub async fn reports(app: &App) -> Result<Vec<Published>, GovernanceError> {
    Ok(app
        .store
        .transparency_reports()
        .await?
        .into_iter()
        .map(|(report, recorded_on)| Published {
            report,
            recorded_on,
        })
        .collect())
}
