//! The yearly transparency reports (SPEC R7.6): one row per year, replaced in one statement when
//! the Governance committee enters the year again (the last entry wins, also across processes).

use tessera_core::governance::transparency::Report;
use tessera_core::Day;

use crate::{Result, Store, StoreError};

impl Store {
    pub async fn record_transparency(&self, r: &Report, recorded_on: Day) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO transparency_reports (year, received, disclosed, refused, notified, \
                 summary, recorded_on) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (year) DO UPDATE SET received = excluded.received, \
                 disclosed = excluded.disclosed, refused = excluded.refused, \
                 notified = excluded.notified, summary = excluded.summary, \
                 recorded_on = excluded.recorded_on",
                &[
                    i64::from(r.year).into(),
                    r.received.into(),
                    r.disclosed.into(),
                    r.refused.into(),
                    r.notified.into(),
                    r.summary.as_str().into(),
                    recorded_on.to_string().into(),
                ],
            )
            .await?;
        Ok(())
    }

    /// Every report with the day it was entered, newest year first.
    pub async fn transparency_reports(&self) -> Result<Vec<(Report, Day)>> {
        self.db
            .read()
            .fetch_all(
                "SELECT year, received, disclosed, refused, notified, summary, recorded_on \
                 FROM transparency_reports ORDER BY year DESC",
                &[],
                |r| {
                    Ok((
                        Report {
                            year: i32::try_from(r.i64(0)?)
                                .map_err(|_| StoreError::Corrupt("report year"))?,
                            received: r.i64(1)?,
                            disclosed: r.i64(2)?,
                            refused: r.i64(3)?,
                            notified: r.i64(4)?,
                            summary: r.text(5)?,
                        },
                        r.day(6)?,
                    ))
                },
            )
            .await
    }
}
