//! `tessera doctor` (SPEC R9.6, issue 14 §6): checks a set-up before and while it runs and says
//! how to fix what it finds. It reads the same configuration as `serve` (file, `TESSERA_*`,
//! flags) and prints one line per check:
//!
//! ```text
//! ok    <what>
//! warn  <what>: <what to do>
//! FAIL  <what>: <what to do>
//! ```
//!
//! and exits non-zero if any check failed. It never creates anything: no key file, no database
//! (the checks look for them first), and it never prints a key, a pseudonym or any data (R8.4).
//! Each check is a small function returning [`Check`]s, in one file per area (the key, the
//! data folder's files, the database, the network, the host, the backups); the file system and
//! clock readings are passed in where that keeps them testable.

mod backups;
mod database;
mod files;
mod host;
mod key;
mod network;

use std::fmt;
use std::path::PathBuf;
use std::time::SystemTime;

use clap::Args;
use serde::Serialize;
use tessera_store::crypto::KEY_FILE;

use super::common::{load_config, DbArgs, SiteArgs};
use backups::backup_check;
use database::database_checks;
use files::{data_dir_check, database_files_check};
use host::{clock_year_check, disk_check, ntp_check, timedatectl_ntp};
use key::{current_uid, key_checks};
use network::{listen_checks, looks_like_production};

#[derive(Args, Debug, Serialize)]
pub struct DoctorArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// Folder of the backups (tessera-backup-*.age): checks the newest one's age
    #[arg(long)]
    #[serde(skip)]
    pub backup_dir: Option<PathBuf>,
    #[command(flatten)]
    #[serde(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One finding: what was looked at and, unless it is fine, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub what: String,
    pub fix: String,
}

impl Check {
    fn ok(what: impl Into<String>) -> Check {
        Check {
            level: Level::Ok,
            what: what.into(),
            fix: String::new(),
        }
    }

    fn warn(what: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            level: Level::Warn,
            what: what.into(),
            fix: fix.into(),
        }
    }

    fn fail(what: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            level: Level::Fail,
            what: what.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Level::Ok => write!(f, "ok    {}", self.what),
            Level::Warn => write!(f, "warn  {}: {}", self.what, self.fix),
            Level::Fail => write!(f, "FAIL  {}: {}", self.what, self.fix),
        }
    }
}

pub async fn run(args: DoctorArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let env_key = std::env::var_os("TESSERA_DB_KEY");
    let env_key = env_key.as_ref().map(|k| k.to_str());
    let sqlite = cfg.database_url.as_deref().is_none_or(str::is_empty);
    let mut checks = Vec::new();

    let key_file = cfg.data_dir.join(KEY_FILE);
    checks.extend(key_checks(
        env_key,
        &key_file,
        current_uid(),
        looks_like_production(&cfg),
    ));
    if sqlite {
        checks.push(data_dir_check(&cfg.data_dir));
        checks.extend(database_files_check(&cfg.data_dir));
    }
    let have_key = env_key.is_some() || key_file.exists();
    checks.extend(database_checks(&cfg, have_key).await);
    checks.extend(listen_checks(&cfg));
    checks.push(clock_year_check(time::OffsetDateTime::now_utc().year()));
    checks.push(ntp_check(timedatectl_ntp().as_deref()));
    if sqlite {
        checks.push(disk_check(&cfg.data_dir));
    } else {
        checks.push(Check::ok(
            "free disk: not checked (PostgreSQL: watch the database server's disk)",
        ));
    }
    checks.push(backup_check(args.backup_dir.as_deref(), SystemTime::now()));

    for c in &checks {
        println!("{c}");
    }
    let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
    anyhow::ensure!(failed == 0, "{failed} of {} checks failed", checks.len());
    Ok(())
}

/// Sets a file's mode, for the tests of the checks that read modes.
#[cfg(test)]
fn with_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}
