//! The governed parameter versions (SPEC R7.4). Version 1 (the charter's baseline) is written
//! at first start; later versions come from governance.

use tessera_core::{Day, Params};

use crate::{exec, on_db, Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct ParamVersion {
    pub version: i64,
    pub params: Params,
    pub enacted_on: Day,
    /// What made it: "charter baseline", a proposal reference, "emergency change".
    pub source: String,
}

fn parse(json: &str) -> Result<Params> {
    serde_json::from_str(json).map_err(|_| StoreError::Corrupt("params"))
}

impl Store {
    /// Writes version 1 if there is no version yet (idempotent, safe in several processes).
    pub async fn ensure_baseline_params(&self, today: Day) -> Result<()> {
        let json =
            serde_json::to_string(&Params::default()).map_err(|_| StoreError::Corrupt("params"))?;
        exec!(
            self,
            "INSERT INTO param_versions (version, params, enacted_on, source) VALUES (1, $1, $2, 'charter baseline') \
             ON CONFLICT (version) DO NOTHING",
            json,
            today.to_string()
        );
        Ok(())
    }

    /// The newest version.
    pub async fn current_params(&self) -> Result<ParamVersion> {
        let row: Option<(i64, String, String, String)> = on_db!(self, read, |pool| {
            sqlx::query_as("SELECT version, params, enacted_on, source FROM param_versions ORDER BY version DESC LIMIT 1")
                .fetch_optional(pool)
                .await?
        });
        let (version, json, on, source) = row.ok_or(StoreError::NotFound)?;
        Ok(ParamVersion {
            version,
            params: parse(&json)?,
            enacted_on: Day::parse(&on).ok_or(StoreError::Corrupt("enacted_on"))?,
            source,
        })
    }

    pub async fn param_history(&self) -> Result<Vec<ParamVersion>> {
        let rows: Vec<(i64, String, String, String)> = on_db!(self, read, |pool| {
            sqlx::query_as(
                "SELECT version, params, enacted_on, source FROM param_versions ORDER BY version",
            )
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(version, json, on, source)| {
                Ok(ParamVersion {
                    version,
                    params: parse(&json)?,
                    enacted_on: Day::parse(&on).ok_or(StoreError::Corrupt("enacted_on"))?,
                    source,
                })
            })
            .collect()
    }

    /// Enacts a validated set as the next version; returns its number.
    pub async fn enact_params(&self, params: &Params, on: Day, source: &str) -> Result<i64> {
        params
            .validate()
            .map_err(|_| StoreError::Corrupt("params do not validate"))?;
        let json = serde_json::to_string(params).map_err(|_| StoreError::Corrupt("params"))?;
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let next: i64 =
                sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM param_versions")
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query("INSERT INTO param_versions (version, params, enacted_on, source) VALUES ($1, $2, $3, $4)")
                .bind(next)
                .bind(&json)
                .bind(on.to_string())
                .bind(source)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(next)
        })
    }
}
