//! `tessera migrate`: create or update the schema (also done at every start).

use super::common::{load_config, open_store, DbArgs};

pub async fn run(args: DbArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    println!("database is up to date ({})", store.backend());
    store.close().await;
    Ok(())
}
