//! `--keep-days N` (SPEC R9.5): deletes old backups in the folder of a new one, by name and
//! age only, so that nothing else in that folder can be touched.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Backups are named `tessera-backup-<anything>.age` (docs/operator.md); only such files are
/// ever pruned.
pub const BACKUP_PREFIX: &str = "tessera-backup-";
pub const BACKUP_SUFFIX: &str = ".age";

/// Deletes, in `dir`, the regular files named like a backup whose modification time is more
/// than `keep_days` days before `now`, except `keep` (the backup just written). Returns what it
/// deleted.
pub fn prune(
    dir: &Path,
    keep_days: u32,
    now: SystemTime,
    keep: &Path,
) -> std::io::Result<Vec<PathBuf>> {
    let limit = now
        .checked_sub(Duration::from_secs(u64::from(keep_days) * 86_400))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let keep = keep.canonicalize().ok();
    let mut deleted = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(BACKUP_PREFIX) && name.ends_with(BACKUP_SUFFIX)) {
            continue;
        }
        // Not followed: a link named like a backup is left alone, and so is its target.
        let meta = entry.metadata()?;
        if !meta.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if keep.is_some() && path.canonicalize().ok() == keep {
            continue;
        }
        if meta.modified()? < limit {
            std::fs::remove_file(&path)?;
            deleted.push(path);
        }
    }
    deleted.sort();
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str, age_days: u64, now: SystemTime) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, b"x").unwrap();
        let t = now - Duration::from_secs(age_days * 86_400);
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(t)
            .unwrap();
        p
    }

    #[test]
    fn r9_5_keep_days_deletes_only_old_backups_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let old = touch(dir.path(), "tessera-backup-2026-10-01.age", 40, now);
        let young = touch(dir.path(), "tessera-backup-2026-11-20.age", 10, now);
        let other = touch(dir.path(), "notes-2026-10-01.age", 40, now);
        let plain = touch(dir.path(), "tessera-backup-2026-10-01.txt", 40, now);
        let just = touch(dir.path(), "tessera-backup-now.age", 400, now);
        let deleted = prune(dir.path(), 30, now, &just).unwrap();
        assert_eq!(deleted, vec![old.clone()]);
        assert!(!old.exists());
        assert!(young.exists() && other.exists() && plain.exists() && just.exists());
    }
}
