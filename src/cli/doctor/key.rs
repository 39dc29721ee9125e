//! The key (R8.2, docs/operator.md "Keys"): where it comes from, and the key file's mode and
//! owner.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use tessera_store::MasterKey;

use super::Check;

/// The user this process runs as: the owner of `/proc/self` (no `libc` call needed; the
/// crate forbids unsafe code). `None` where `/proc` is missing: the owner check is then skipped.
pub(super) fn current_uid() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// `TESSERA_DB_KEY` wins (as in `common::master_key`); otherwise the key file must exist, be
/// readable by its owner only and belong to the user that runs Tessera. In production the key
/// file should not lie beside the data at all: whoever takes the folder then has the file and
/// its key (docs/privacy.md, case (b)).
pub(super) fn key_checks(
    env_key: Option<Option<&str>>,
    key_file: &Path,
    uid: Option<u32>,
    production: bool,
) -> Vec<Check> {
    let shown = key_file.display();
    let mut out = Vec::new();
    match env_key {
        Some(Some(k)) if MasterKey::from_hex(k).is_ok() => {
            out.push(Check::ok("key: from TESSERA_DB_KEY"));
            if key_file.exists() {
                out.push(Check::warn(
                    format!("key: {shown} lies in the data folder although TESSERA_DB_KEY is set"),
                    "if it holds the same key and a copy is kept offline, delete the file",
                ));
            }
            return out;
        }
        Some(_) => {
            out.push(Check::fail(
                "key: TESSERA_DB_KEY is not 64 hexadecimal characters",
                "set it to the key this database was made with (a new key, from openssl rand \
                 -hex 32, only for a new database)",
            ));
            return out;
        }
        None => {}
    }
    let meta = match std::fs::metadata(key_file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            out.push(Check::fail(
                format!("key: TESSERA_DB_KEY is not set and there is no key file at {shown}"),
                "set TESSERA_DB_KEY (from a secrets file), or give the --data-dir that holds \
                 tessera.key",
            ));
            return out;
        }
        Err(e) => {
            out.push(Check::fail(
                format!("key: cannot read {shown}: {e}"),
                "run this as the user tessera runs as",
            ));
            return out;
        }
    };
    out.push(key_file_mode_check(key_file, meta.permissions().mode()));
    if let Some(uid) = uid {
        if meta.uid() != uid {
            out.push(Check::warn(
                format!(
                    "key file {shown} belongs to uid {}, not to the user running this check \
                     (uid {uid})",
                    meta.uid()
                ),
                "run tessera (and this check) as the key file's owner, or chown the file to it",
            ));
        }
    }
    out.push(if production {
        Check::warn(
            format!("key: the key file {shown} lies beside the data"),
            "keep the key elsewhere: TESSERA_DB_KEY from a secrets file (docs/operator.md, \
             Keys), then delete the file",
        )
    } else {
        Check::ok(format!(
            "key: key file {shown} (fine for a trial; in production keep the key elsewhere)"
        ))
    });
    out
}

/// R8.2: the key file is readable by its owner only. 0600 is what Tessera creates; 0400 is as
/// tight. Anything else lets someone besides the owner read or replace the key.
fn key_file_mode_check(path: &Path, mode: u32) -> Check {
    let mode = mode & 0o777;
    if mode & 0o077 == 0 && mode & 0o400 != 0 && mode & 0o100 == 0 {
        Check::ok(format!("key file {}: mode {mode:04o}", path.display()))
    } else {
        Check::fail(
            format!(
                "key file {} has mode {mode:04o}: only its owner may read it",
                path.display()
            ),
            format!("chmod 600 {}", path.display()),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tessera_store::crypto::KEY_FILE;

    use super::super::{with_mode, Level};
    use super::*;

    fn key_file(dir: &Path, mode: u32) -> PathBuf {
        let p = dir.join(KEY_FILE);
        std::fs::write(&p, "ab".repeat(32)).unwrap();
        with_mode(&p, mode);
        p
    }

    #[test]
    fn r9_6_doctor_fails_a_key_file_others_can_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = key_file(dir.path(), 0o644);
        let checks = key_checks(None, &p, current_uid(), false);
        let fail = checks.iter().find(|c| c.level == Level::Fail).unwrap();
        assert_eq!(fail.fix, format!("chmod 600 {}", p.display()));
        assert!(fail.to_string().starts_with("FAIL  key file "), "{fail}");
        assert!(fail.what.contains("0644"), "{fail}");

        // Group-readable is a failure too: only the owner reads the key (R8.2).
        with_mode(&p, 0o640);
        assert!(key_checks(None, &p, current_uid(), false)
            .iter()
            .any(|c| c.level == Level::Fail));

        with_mode(&p, 0o600);
        let checks = key_checks(None, &p, current_uid(), false);
        assert!(checks.iter().all(|c| c.level == Level::Ok), "{checks:#?}");
        with_mode(&p, 0o400);
        assert_eq!(
            key_file_mode_check(&p, 0o400).level,
            Level::Ok,
            "read-only for the owner is as tight"
        );
    }

    #[test]
    fn r9_6_doctor_warns_of_a_key_beside_the_data_in_production_and_of_another_owner() {
        let dir = tempfile::tempdir().unwrap();
        let p = key_file(dir.path(), 0o600);
        let checks = key_checks(None, &p, current_uid(), true);
        let warn = checks.iter().find(|c| c.level == Level::Warn).unwrap();
        assert!(
            warn.fix.contains("TESSERA_DB_KEY from a secrets file"),
            "{warn}"
        );

        let other = current_uid().map_or(12_345, |u| u.wrapping_add(1));
        let checks = key_checks(None, &p, Some(other), false);
        assert!(
            checks
                .iter()
                .any(|c| c.level == Level::Warn && c.what.contains("belongs to uid")),
            "{checks:#?}"
        );
    }

    #[test]
    fn r9_6_doctor_key_from_the_environment_or_missing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(KEY_FILE);
        let hex = "cd".repeat(32);
        assert_eq!(
            key_checks(Some(Some(&hex)), &p, None, true),
            vec![Check::ok("key: from TESSERA_DB_KEY")]
        );
        let bad = key_checks(Some(Some("not a key")), &p, None, true);
        assert_eq!(bad[0].level, Level::Fail);
        assert!(
            !bad[0].to_string().contains("not a key"),
            "never echo the key"
        );
        let missing = key_checks(None, &p, None, false);
        assert_eq!(missing[0].level, Level::Fail);
        assert!(missing[0].what.contains("no key file"), "{:?}", missing[0]);
        assert!(!p.exists(), "the check creates nothing");
        // A leftover key file beside an environment key.
        let p = key_file(dir.path(), 0o600);
        let checks = key_checks(Some(Some(&hex)), &p, None, false);
        assert_eq!(checks[1].level, Level::Warn);
    }
}
