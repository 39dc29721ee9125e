//! The governed parameter versions (SPEC R7.4). Version 1 (the charter's baseline) is written
//! at first start; later versions come from governance.

use tessera_core::{Day, Params};

use crate::db::Cols;
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct ParamVersion {
    pub version: i64,
    pub params: Params,
    pub enacted_on: Day,
    /// What made it: "charter baseline", a proposal reference, "emergency change".
    pub source: String,
}

const VERSION_COLUMNS: &str = "SELECT version, params, enacted_on, source FROM param_versions";

/// A row of [`VERSION_COLUMNS`].
fn version_from(r: &dyn Cols) -> Result<ParamVersion> {
    Ok(ParamVersion {
        version: r.i64(0)?,
        params: serde_json::from_str(&r.text(1)?).map_err(|_| StoreError::Corrupt("params"))?,
        enacted_on: r.day(2)?,
        source: r.text(3)?,
    })
}

impl Store {
    /// Writes version 1 if there is no version yet (idempotent, safe in several processes).
    pub async fn ensure_baseline_params(&self, today: Day) -> Result<()> {
        let json =
            serde_json::to_string(&Params::default()).map_err(|_| StoreError::Corrupt("params"))?;
        self.db
            .write()
            .execute(
                "INSERT INTO param_versions (version, params, enacted_on, source) \
                 VALUES (1, $1, $2, 'charter baseline') ON CONFLICT (version) DO NOTHING",
                &[json.into(), today.to_string().into()],
            )
            .await?;
        Ok(())
    }

    /// The newest version.
    pub async fn current_params(&self) -> Result<ParamVersion> {
        let sql = format!("{VERSION_COLUMNS} ORDER BY version DESC LIMIT 1");
        self.db
            .read()
            .fetch_optional(&sql, &[], version_from)
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn param_history(&self) -> Result<Vec<ParamVersion>> {
        let sql = format!("{VERSION_COLUMNS} ORDER BY version");
        self.db.read().fetch_all(&sql, &[], version_from).await
    }

    /// Enacts a validated set as the next version; returns its number.
    pub async fn enact_params(&self, params: &Params, on: Day, source: &str) -> Result<i64> {
        params
            .validate()
            .map_err(|_| StoreError::Corrupt("params do not validate"))?;
        let json = serde_json::to_string(params).map_err(|_| StoreError::Corrupt("params"))?;
        let mut tx = self.db.write().begin().await?;
        let next = tx
            .fetch_one(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM param_versions",
                &[],
                |r| r.i64(0),
            )
            .await?;
        tx.execute(
            "INSERT INTO param_versions (version, params, enacted_on, source) \
             VALUES ($1, $2, $3, $4)",
            &[
                next.into(),
                json.into(),
                on.to_string().into(),
                source.into(),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }
}
