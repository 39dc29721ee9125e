//! `tessera`: one binary (SPEC R9.1, R9.4). Each subcommand lives in `cli/` and stays thin.

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};

mod cli;

// glibc malloc showed as ~17% of a lookup-load profile (many small, short-lived allocations
// across threads); mimalloc handles that pattern with far less contention.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "tessera",
    version,
    about = "Screening and reputation infrastructure for a seller cooperative"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve(cli::serve::ServeArgs),
    /// Create or update the database schema, then exit.
    Migrate(cli::common::DbArgs),
    /// Print a seller invitation link (valid 14 days, single use).
    Invite(cli::invite::InviteArgs),
    /// Delete expired data now (the server also does this every hour).
    Purge(cli::common::DbArgs),
    /// Import users.csv, ratings.csv and buyer_ratings.csv from a folder.
    Import(cli::import::ImportArgs),
    /// Show the governed scoring parameters.
    Params(cli::params::ParamsArgs),
    /// Create a small demo collective and print sample logins.
    Demo(cli::demo::DemoArgs),
    /// Write an encrypted backup of every durable table (age; R9.5).
    Backup(cli::backup::BackupArgs),
    /// Load a backup into a new, empty database of either backend (R9.5).
    Restore(cli::backup::RestoreArgs),
    /// Name interim members of the security, disputes and governance committees (R7.8).
    Committee(cli::committee::CommitteeArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        match cli.command {
            Command::Serve(a) => cli::serve::run(a).await,
            Command::Migrate(a) => cli::migrate::run(a).await,
            Command::Invite(a) => cli::invite::run(a).await,
            Command::Purge(a) => cli::purge::run(a).await,
            Command::Import(a) => cli::import::run(a).await,
            Command::Params(a) => cli::params::run(a).await,
            Command::Demo(a) => cli::demo::run(a).await,
            Command::Committee(a) => cli::committee::run(a).await,
            Command::Backup(a) => cli::backup::backup(a).await,
            Command::Restore(a) => cli::backup::restore(a).await,
        }
    })
}
