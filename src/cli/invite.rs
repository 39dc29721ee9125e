//! `tessera invite`: print one seller invitation URL (SPEC R2.3). Its last path segment is the
//! token.

use anyhow::Context;
use clap::Args;
use serde::Serialize;

use super::common::{load_config, open_store, DbArgs};

#[derive(Args, Debug, Serialize)]
pub struct InviteArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// Public URL of the service, used in the link [default: http://<listen address>]
    #[arg(long, env = "TESSERA_BASE_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

pub async fn run(args: InviteArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (token, _) = tessera_app::accounts::create_invitation_in(&store, now, None)
        .await
        .context("could not create the invitation")?;
    println!("{}", join_url(&cfg, &token));
    store.close().await;
    Ok(())
}

pub fn base_url(cfg: &super::common::Config) -> String {
    match &cfg.base_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => {
            let scheme = if cfg.tls_cert.is_some() {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{}", cfg.listen)
        }
    }
}

pub fn join_url(cfg: &super::common::Config, token: &str) -> String {
    format!("{}/join/{token}", base_url(cfg))
}
