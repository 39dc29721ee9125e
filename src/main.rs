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
    /// Run the abuse rules once now (the server does every ten minutes) and print how many new
    /// flags each raised (R9.7).
    Flags(cli::common::DbArgs),
    /// Write an encrypted backup of every durable table (age; R9.5).
    Backup(cli::backup::BackupArgs),
    /// Load a backup into a new, empty database of either backend (R9.5).
    Restore(cli::backup::RestoreArgs),
    /// Name interim members of the security, disputes and governance committees (R7.8).
    Committee(cli::committee::CommitteeArgs),
    /// Check the set-up (key, folders, database, TLS, clock, disk, backups): what to fix (R9.6).
    Doctor(cli::doctor::DoctorArgs),
    /// Show, in aggregate only, what someone who seized this server would learn (R8).
    Inspect(cli::inspect::InspectArgs),
    /// Simulate the charter's attacks on the real scoring code and write
    /// docs/safety-model.md (issue 15). Touches no database.
    Simulate(cli::simulate::SimulateArgs),
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
            Command::Flags(a) => cli::flags::run(a).await,
            Command::Restore(a) => cli::backup::restore(a).await,
            Command::Doctor(a) => cli::doctor::run(a).await,
            Command::Inspect(a) => cli::inspect::run(a).await,
            Command::Simulate(a) => cli::simulate::run(a),
        }
    })
}
