//! `tessera committee add|remove|list|audit` (SPEC R7.8; API.md "Seller network"): until
//! governance elects the security, disputes and governance committees, the operator names
//! interim members here. Each change is a row in the roster's append-only audit log.

use anyhow::Context;
use clap::{Args, Subcommand};
use tessera_app::network::committees as uc;
use tessera_core::committee::Committee;

use super::common::{load_config, open_store, DbArgs};

#[derive(Args, Debug)]
pub struct CommitteeArgs {
    #[command(subcommand)]
    pub action: CommitteeAction,
}

#[derive(Subcommand, Debug)]
pub enum CommitteeAction {
    /// Add a seller to a committee.
    Add(Change),
    /// Remove a seller from a committee.
    Remove(Change),
    /// Every committee's members.
    List(DbArgs),
    /// Every change of the roster, oldest first.
    Audit(DbArgs),
}

#[derive(Args, Debug)]
pub struct Change {
    /// The seller's pseudonym.
    pub pseudonym: String,
    /// security, disputes or governance.
    #[arg(long, value_parser = parse_committee)]
    pub committee: Committee,
    #[command(flatten)]
    pub db: DbArgs,
}

fn parse_committee(s: &str) -> Result<Committee, String> {
    Committee::parse(s).ok_or_else(|| "one of: security, disputes, governance".to_owned())
}

fn day_time(unix: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

pub async fn run(args: CommitteeArgs) -> anyhow::Result<()> {
    let db = match &args.action {
        CommitteeAction::Add(c) | CommitteeAction::Remove(c) => c.db.clone(),
        CommitteeAction::List(db) | CommitteeAction::Audit(db) => db.clone(),
    };
    let cfg = load_config(db.config.as_ref(), &db)?;
    let store = open_store(&cfg).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let result = match args.action {
        CommitteeAction::Add(c) => uc::add(&store, &c.pseudonym, c.committee, now)
            .await
            .map(|()| println!("added to the {} committee", c.committee))
            .context("could not add"),
        CommitteeAction::Remove(c) => uc::remove(&store, &c.pseudonym, c.committee, now)
            .await
            .map(|()| println!("removed from the {} committee", c.committee))
            .context("could not remove"),
        CommitteeAction::List(_) => uc::list(&store)
            .await
            .map(|members| {
                for m in members {
                    println!("{:<11} {:<32} since {}", m.committee, m.pseudonym, m.since);
                }
            })
            .context("could not read the roster"),
        CommitteeAction::Audit(_) => match uc::audit(&store).await {
            Ok(log) => {
                for a in log {
                    let who = store
                        .account_by_id(a.account)
                        .await
                        .ok()
                        .flatten()
                        .map_or_else(|| "(deleted account)".to_owned(), |x| x.display_name);
                    println!(
                        "{}  {:<6} {:<11} {:<32} by {}",
                        day_time(a.at),
                        a.action.as_str(),
                        a.committee,
                        who,
                        a.actor
                    );
                }
                Ok(())
            }
            Err(e) => Err(anyhow::Error::from(e).context("could not read the audit log")),
        },
    };
    store.close().await;
    result
}
