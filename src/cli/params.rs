//! `tessera params show|history` (SPEC R7.4): the governed scoring parameters.

use clap::{Args, Subcommand};
use tessera_core::Params;

use super::common::{load_config, open_store, DbArgs};

#[derive(Args, Debug)]
pub struct ParamsArgs {
    #[command(subcommand)]
    pub action: ParamsAction,
}

#[derive(Subcommand, Debug)]
pub enum ParamsAction {
    /// The version in force.
    Show(DbArgs),
    /// Every version, with what changed.
    History(DbArgs),
}

/// The parameters as `name = value` lines, in a stable order.
fn lines(p: &Params) -> Vec<(String, String)> {
    let v = serde_json::to_value(p).unwrap_or_default();
    let mut out = Vec::new();
    flatten("", &v, &mut out);
    out
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

pub async fn run(args: ParamsArgs) -> anyhow::Result<()> {
    let (db, show) = match args.action {
        ParamsAction::Show(db) => (db, true),
        ParamsAction::History(db) => (db, false),
    };
    let cfg = load_config(db.config.as_ref(), &db)?;
    let store = open_store(&cfg).await?;
    match show {
        true => {
            let v = store.current_params().await?;
            println!(
                "version {} (enacted {}, {})",
                v.version, v.enacted_on, v.source
            );
            for (k, val) in lines(&v.params) {
                println!("  {k} = {val}");
            }
        }
        false => {
            let mut prev: Option<Vec<(String, String)>> = None;
            for v in store.param_history().await? {
                println!(
                    "version {} (enacted {}, {})",
                    v.version, v.enacted_on, v.source
                );
                let now = lines(&v.params);
                match &prev {
                    None => println!("  the charter's baseline"),
                    Some(before) => {
                        for ((k, a), (_, b)) in before.iter().zip(&now) {
                            if a != b {
                                println!("  {k}: {a} -> {b}");
                            }
                        }
                    }
                }
                prev = Some(now);
            }
        }
    }
    store.close().await;
    Ok(())
}
