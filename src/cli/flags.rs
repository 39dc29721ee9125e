//! `tessera flags`: one round of the abuse rules now (SPEC R9.7), as the server's job does
//! every ten minutes, for operators and tests. It prints how many new flags each rule raised:
//! counts only, never whom (R8.4); the Security Committee reads the flags at `/security`.

use super::common::{load_config, open_store, DbArgs};

pub async fn run(args: DbArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let raised = tessera_app::jobs::Abuse.once(&store, now).await;
    store.close().await;
    let raised = raised?;
    let parts: Vec<String> = raised
        .iter()
        .map(|(rule, n)| format!("{n} {}", rule.as_str()))
        .collect();
    println!("new abuse flags: {}", parts.join(", "));
    Ok(())
}
