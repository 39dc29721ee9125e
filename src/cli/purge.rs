//! `tessera purge`: one round of the purge job now (SPEC R8.3), for operators and cron.

use super::common::{load_config, open_store, DbArgs};

pub async fn run(args: DbArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let purge = tessera_app::jobs::Purge {
        session_idle_secs: cfg.session_idle_minutes * 60,
        session_absolute_secs: cfg.session_absolute_hours * 3600,
    };
    let r = purge.once(&store, now).await?;
    println!(
        "purged: {} sessions, {} invitations, {} recovery links, {} security events",
        r.sessions, r.invitations, r.recovery_tokens, r.security_events
    );
    store.close().await;
    Ok(())
}
