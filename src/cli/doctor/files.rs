//! The data folder of the embedded database (SQLite) and the modes of its database files.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tessera_store::SQLITE_FILE;

use super::Check;

/// R8.2: the folder of the embedded database. Others must not list or enter it (then they can
/// open any file in it that is readable, the key file too); a group is a weaker leak.
pub(super) fn data_dir_check(dir: &Path) -> Check {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Check::fail(
            format!("data folder {shown} does not exist"),
            "give the --data-dir that holds tessera.db, or run tessera migrate to create one",
        ),
        Err(e) => Check::fail(
            format!("data folder {shown} cannot be read: {e}"),
            "run this as the user tessera runs as",
        ),
        Ok(m) => dir_mode_check(dir, m.permissions().mode()),
    }
}

fn dir_mode_check(dir: &Path, mode: u32) -> Check {
    let mode = mode & 0o777;
    let shown = dir.display();
    if mode & 0o007 != 0 {
        Check::fail(
            format!("data folder {shown} has mode {mode:04o}: other users can reach into it"),
            format!("chmod 700 {shown}"),
        )
    } else if mode & 0o070 != 0 {
        Check::warn(
            format!("data folder {shown} has mode {mode:04o}: its group can reach into it"),
            format!("chmod 700 {shown}"),
        )
    } else {
        Check::ok(format!("data folder {shown}: mode {mode:04o}"))
    }
}

/// The database file and its WAL and shared-memory files. They are encrypted (SQLCipher), so a
/// reader learns their size and times (docs/privacy.md, case (a)); still, nobody but the owner
/// should read them. Readable by others is a failure only where the folder lets others in.
pub(super) fn database_files_check(dir: &Path) -> Vec<Check> {
    let folder_open = std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0);
    let mut out = Vec::new();
    for name in [
        SQLITE_FILE.to_owned(),
        format!("{SQLITE_FILE}-wal"),
        format!("{SQLITE_FILE}-shm"),
    ] {
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if let Some(c) = database_file_mode_check(&path, meta.permissions().mode(), folder_open) {
            out.push(c);
        }
    }
    if out.is_empty() && dir.join(SQLITE_FILE).exists() {
        out.push(Check::ok("database files: not readable by others"));
    }
    out
}

fn database_file_mode_check(path: &Path, mode: u32, folder_open: bool) -> Option<Check> {
    let mode = mode & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    let what = format!("{} has mode {mode:04o}", path.display());
    let fix = format!("chmod 600 {}", path.display());
    Some(if mode & 0o004 != 0 && folder_open {
        Check::fail(format!("{what}: other users can read it"), fix)
    } else {
        Check::warn(
            format!("{what}: readable beyond its owner (encrypted; the folder keeps others out)"),
            fix,
        )
    })
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use super::super::{with_mode, Level};
    use super::*;

    #[test]
    fn r9_6_doctor_checks_the_data_folder_and_its_files_modes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("data");
        std::fs::create_dir(&d).unwrap();
        with_mode(&d, 0o700);
        assert_eq!(data_dir_check(&d).level, Level::Ok);
        with_mode(&d, 0o750);
        let c = data_dir_check(&d);
        assert_eq!(c.level, Level::Warn);
        assert_eq!(c.fix, format!("chmod 700 {}", d.display()));
        with_mode(&d, 0o755);
        assert_eq!(data_dir_check(&d).level, Level::Fail);
        with_mode(&d, 0o703);
        assert_eq!(data_dir_check(&d).level, Level::Fail);
        assert_eq!(
            data_dir_check(&dir.path().join("absent")).level,
            Level::Fail
        );

        let db = d.join(SQLITE_FILE);
        std::fs::write(&db, b"x").unwrap();
        with_mode(&db, 0o600);
        with_mode(&d, 0o700);
        assert_eq!(
            database_files_check(&d),
            vec![Check::ok("database files: not readable by others")]
        );
        // Readable by others: a failure where others can enter the folder, a warning where not.
        with_mode(&db, 0o644);
        let c = database_files_check(&d);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].level, Level::Warn);
        assert_eq!(c[0].fix, format!("chmod 600 {}", db.display()));
        with_mode(&d, 0o711);
        assert_eq!(database_files_check(&d)[0].level, Level::Fail);
        let wal = d.join(format!("{SQLITE_FILE}-wal"));
        File::create(&wal).unwrap();
        with_mode(&wal, 0o604);
        assert_eq!(database_files_check(&d).len(), 2);
        with_mode(&d, 0o700);
    }
}
