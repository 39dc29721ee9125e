//! The last backup (R9.5): how old the newest one in `--backup-dir` is.

use std::path::Path;
use std::time::{Duration, SystemTime};

use tessera_app::backup::{BACKUP_PREFIX, BACKUP_SUFFIX};

use super::Check;

const BACKUP_MAX_AGE: Duration = Duration::from_secs(2 * 86_400);

/// The newest `tessera-backup-*.age` in `dir` by modification time, named as `tessera backup
/// --keep-days` names what it prunes; links and other files are ignored as it ignores them.
pub(super) fn backup_check(dir: Option<&Path>, now: SystemTime) -> Check {
    let Some(dir) = dir else {
        return Check::warn(
            "no --backup-dir given",
            "the last backup's age was not checked",
        );
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return Check::warn(
                format!("backup folder {} cannot be read: {e}", dir.display()),
                "give the folder tessera backup --out writes to",
            )
        }
    };
    let newest = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(BACKUP_PREFIX) && n.ends_with(BACKUP_SUFFIX))
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.file_type()
                .is_file()
                .then_some(())
                .and_then(|()| meta.modified().ok())
                .map(|t| (t, e.file_name()))
        })
        .max_by_key(|(t, _)| *t);
    let Some((modified, name)) = newest else {
        return Check::warn(
            format!(
                "no backup in {} ({BACKUP_PREFIX}*{BACKUP_SUFFIX})",
                dir.display()
            ),
            "run tessera backup daily (cron or a systemd timer)",
        );
    };
    let age = now.duration_since(modified).unwrap_or(Duration::ZERO);
    let hours = age.as_secs() / 3600;
    let name = name.to_string_lossy();
    if age > BACKUP_MAX_AGE {
        Check::warn(
            format!("last backup {name} is {hours} hours old"),
            "run tessera backup daily (cron or a systemd timer), and check that it succeeds",
        )
    } else {
        Check::ok(format!("last backup: {name}, {hours} hours old"))
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use super::super::Level;
    use super::*;

    fn touch(dir: &Path, name: &str, age: Duration, now: SystemTime) {
        let p = dir.join(name);
        let f = File::create(&p).unwrap();
        f.set_modified(now - age).unwrap();
    }

    #[test]
    fn r9_6_doctor_warns_of_an_old_or_missing_backup() {
        let now = SystemTime::now();
        let hour = Duration::from_secs(3600);
        let none = backup_check(None, now);
        assert_eq!(
            none.to_string(),
            "warn  no --backup-dir given: the last backup's age was not checked"
        );

        let dir = tempfile::tempdir().unwrap();
        let empty = backup_check(Some(dir.path()), now);
        assert_eq!(empty.level, Level::Warn);
        assert!(empty.what.starts_with("no backup in"), "{empty}");

        touch(dir.path(), "tessera-backup-old.age", 72 * hour, now);
        // Newer, but not named like a backup, or not a regular file: ignored.
        touch(dir.path(), "notes.age", hour, now);
        touch(dir.path(), "tessera-backup-x.partial", hour, now);
        std::fs::create_dir(dir.path().join("tessera-backup-dir.age")).unwrap();
        let old = backup_check(Some(dir.path()), now);
        assert_eq!(old.level, Level::Warn);
        assert!(
            old.what.contains("tessera-backup-old.age is 72 hours old"),
            "{old}"
        );

        touch(dir.path(), "tessera-backup-new.age", 5 * hour, now);
        assert_eq!(
            backup_check(Some(dir.path()), now),
            Check::ok("last backup: tessera-backup-new.age, 5 hours old")
        );
        // Just under two days is still fine.
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "tessera-backup-a.age", 47 * hour, now);
        assert_eq!(backup_check(Some(dir.path()), now).level, Level::Ok);
        assert_eq!(
            backup_check(Some(&dir.path().join("absent")), now).level,
            Level::Warn
        );
    }
}
