//! `tessera backup` and `tessera restore` (SPEC R9.5): thin wrappers around
//! `tessera_app::backup` that read the keys, show progress and handle the files.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use secrecy::SecretString;
use serde::Serialize;
use tessera_app::backup::{self, Lock, Unlock};
use tessera_store::Location;

use super::common::{load_config, location, open_store, DbArgs};

#[derive(Args, Debug, Serialize)]
pub struct BackupArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// The backup file to write, e.g. /var/backups/tessera/tessera-backup-2026-12-04.age
    #[arg(long)]
    #[serde(skip)]
    pub out: PathBuf,
    /// A file whose first line is the passphrase (age scrypt)
    #[arg(
        long,
        required_unless_present = "recipient",
        conflicts_with = "recipient"
    )]
    #[serde(skip)]
    pub passphrase_file: Option<PathBuf>,
    /// An age public key (age1…) to encrypt to; may be given more than once
    #[arg(long)]
    #[serde(skip)]
    pub recipient: Vec<String>,
    /// Afterwards delete, in the folder of --out, files named tessera-backup-*.age older
    /// than this many days
    #[arg(long)]
    #[serde(skip)]
    pub keep_days: Option<u32>,
}

#[derive(Args, Debug, Serialize)]
pub struct RestoreArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// The backup file
    #[serde(skip)]
    pub file: PathBuf,
    /// A file whose first line is the backup's passphrase
    #[arg(
        long,
        required_unless_present = "identity",
        conflicts_with = "identity"
    )]
    #[serde(skip)]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file (AGE-SECRET-KEY-1…) for a backup made with --recipient
    #[arg(long)]
    #[serde(skip)]
    pub identity: Option<PathBuf>,
}

/// The first line of a passphrase file, without its line end.
fn passphrase(path: &Path) -> anyhow::Result<SecretString> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the passphrase file {}", path.display()))?;
    let line = text.lines().next().unwrap_or("");
    anyhow::ensure!(
        !line.is_empty(),
        "the passphrase file {} is empty",
        path.display()
    );
    Ok(SecretString::from(line.to_owned()))
}

fn rows_bar(len: u64, what: &str) -> anyhow::Result<ProgressBar> {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} rows {elapsed}")
            .context("progress template")?
            .progress_chars("=> "),
    );
    pb.set_message(what.to_owned());
    Ok(pb)
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let lock = match &args.passphrase_file {
        Some(p) => Lock::Passphrase(passphrase(p)?),
        None => Lock::Recipients(args.recipient.clone()),
    };
    let store = open_store(&cfg).await?;
    // Written beside the target and renamed at the end: a failed backup leaves no file that
    // looks like one.
    let partial = args.out.with_extension("partial");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let pb = rows_bar(store.backup_row_estimate().await?, "backup")?;
    let bar = pb.clone();
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let result = backup::backup(
        &store,
        &file,
        &lock,
        &today,
        Box::new(move |n| bar.set_position(n)),
    )
    .await;
    store.close().await;
    let moved = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e).context("the backup failed; nothing was written");
        }
    };
    (&file).flush()?;
    file.sync_all().context("cannot write the backup to disk")?;
    std::fs::rename(&partial, &args.out)
        .with_context(|| format!("cannot name the backup {}", args.out.display()))?;
    pb.finish_and_clear();
    println!(
        "backup written to {}: {} tables, {} rows (sessions, messages, alarms, texts and rate counters are never included)",
        args.out.display(),
        moved.tables,
        moved.rows
    );
    if let Some(days) = args.keep_days {
        let dir = match args.out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let deleted = backup::prune(&dir, days, std::time::SystemTime::now(), &args.out)
            .with_context(|| format!("cannot prune old backups in {}", dir.display()))?;
        for d in &deleted {
            println!("deleted old backup {}", d.display());
        }
    }
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let unlock = match (&args.passphrase_file, &args.identity) {
        (Some(p), _) => Unlock::Passphrase(passphrase(p)?),
        (None, Some(i)) => Unlock::Identities(
            std::fs::read_to_string(i)
                .with_context(|| format!("cannot read the identity file {}", i.display()))?,
        ),
        (None, None) => anyhow::bail!("give --passphrase-file or --identity"),
    };
    let input = File::open(&args.file)
        .with_context(|| format!("cannot open the backup {}", args.file.display()))?;
    let size = input.metadata().map_or(0, |m| m.len());
    let pb = ProgressBar::new(size);
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {bytes}/{total_bytes} {elapsed}")
            .context("progress template")?
            .progress_chars("=> "),
    );
    pb.set_message("restore");
    // The key and the header are checked before the destination is touched.
    let known = tessera_store::known_schema_version(location(&cfg)?.backend());
    let opened = backup::open(pb.wrap_read(input), &unlock, known)
        .with_context(|| format!("cannot restore {}", args.file.display()))?;
    let before = files_in(&location(&cfg)?);
    let store = open_store(&cfg).await?;
    let result = backup::restore(&store, opened, Box::new(|_| {})).await;
    store.close().await;
    pb.finish_and_clear();
    match result {
        Ok(moved) => {
            println!(
                "restored {} tables, {} rows from {}",
                moved.tables,
                moved.rows,
                args.file.display()
            );
            Ok(())
        }
        Err(e) => {
            remove_new_files(&location(&cfg)?, &before);
            Err(e).context(format!(
                "cannot restore {}; nothing was written",
                args.file.display()
            ))
        }
    }
}

/// The files of an embedded database's folder before a restore, so that a failed restore into
/// a new folder leaves it as it was (a new key file and an empty database removed).
fn files_in(location: &Location) -> Option<BTreeSet<PathBuf>> {
    match location {
        Location::Sqlite { data_dir } => Some(
            std::fs::read_dir(data_dir)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default(),
        ),
        Location::Postgres { .. } => None,
    }
}

fn remove_new_files(location: &Location, before: &Option<BTreeSet<PathBuf>>) {
    let (Some(before), Some(now)) = (before, files_in(location)) else {
        return;
    };
    for new in now.difference(before) {
        let _ = std::fs::remove_file(new);
    }
    if let Location::Sqlite { data_dir } = location {
        if before.is_empty() {
            let _ = std::fs::remove_dir(data_dir);
        }
    }
}
