//! The operator's commands run as the real binary: `tessera inspect
//! --what-would-a-seizure-reveal` (SPEC R8, issue 14 §5), `tessera doctor` (R9.6, issue 14 §6)
//! and `tessera backup`/`restore` through the command line (R9.5), on a demo collective.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tessera");

/// Runs `tessera` with these arguments, without a key from the environment (the key file in
/// the data folder is used, as in a trial set-up).
fn tessera(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("TESSERA_DB_KEY")
        .env_remove("TESSERA_DATA_DIR")
        .env_remove("TESSERA_DATABASE_URL")
        .env_remove("TESSERA_CONFIG")
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let out = tessera(args);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{args:?}: {stdout}\n{stderr}");
    stdout
}

fn failing(args: &[&str]) -> String {
    let out = tessera(args);
    let (stdout, stderr) = text(&out);
    assert!(
        !out.status.success(),
        "{args:?} should fail: {stdout}\n{stderr}"
    );
    format!("{stdout}\n{stderr}")
}

/// A demo collective in `dir`; returns the pseudonyms the demo printed (its sample logins).
fn demo(dir: &Path) -> Vec<String> {
    let out = ok(&["demo", "--data-dir", dir.to_str().unwrap()]);
    let mut names = Vec::new();
    let sellers = out
        .lines()
        .find_map(|l| l.strip_prefix("Sellers (members): "))
        .expect("the demo names its sellers");
    let sellers = sellers.split(" (").next().unwrap();
    names.extend(sellers.split(", ").map(str::to_owned));
    let buyers = out
        .lines()
        .skip_while(|l| !l.starts_with("Buyers:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "));
    names.extend(buyers.filter_map(|l| l.split_whitespace().next().map(str::to_owned)));
    assert!(
        names.len() >= 8,
        "the demo printed its logins: {names:?}\n{out}"
    );
    names
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The lines of doctor's output that start with `prefix` (`ok    key`, `FAIL  data folder`).
fn lines_starting<'a>(out: &'a str, prefix: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.starts_with(prefix)).collect()
}

#[test]
fn r8_inspect_summarises_a_seizure_in_aggregate_and_names_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let names = demo(&data);
    let d = data.to_str().unwrap();
    let out = ok(&["inspect", "--what-would-a-seizure-reveal", "--data-dir", d]);

    // Every table of the backup plan, with its count; the demo's are known.
    for table in tessera_store::backup::planned_tables() {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().next() == Some(table)),
            "{table} is listed:\n{out}"
        );
    }
    let rows = |table: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(table))
            .unwrap()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(rows("accounts")[1], "10", "4 sellers and 6 buyers:\n{out}");
    assert_eq!(rows("accounts")[2], "yes");
    assert_eq!(rows("sessions")[1..], ["0", "no", "(ephemeral)"]);
    assert!(out.contains("Backend: SQLite"), "{out}");
    assert!(
        out.contains("accounts: 4 sellers and 6 buyers live") && out.contains("0 deleted"),
        "{out}"
    );
    assert!(out.contains("2 unused rating codes"), "{out}");
    for case in [
        "(a) The database file only",
        "(b) The file and its key",
        "(c) A backup and its passphrase",
        "(d) The server's stdout",
    ] {
        assert!(out.contains(case), "{case}:\n{out}");
    }
    // R8.4: counts only. No pseudonym appears, not even as part of a word's case.
    let words: Vec<String> = out
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(str::to_lowercase)
        .collect();
    for name in &names {
        assert!(
            !words.contains(&name.to_lowercase()),
            "{name} appears in:\n{out}"
        );
    }

    // Looking creates nothing: a mistyped folder is reported, not made.
    let absent = dir.path().join("absent");
    let err = failing(&[
        "inspect",
        "--what-would-a-seizure-reveal",
        "--data-dir",
        absent.to_str().unwrap(),
    ]);
    assert!(err.contains("no database at"), "{err}");
    assert!(!absent.exists());
    // The flag is required for now.
    let err = failing(&["inspect", "--data-dir", d]);
    assert!(err.contains("--what-would-a-seizure-reveal"), "{err}");
}

#[test]
fn r9_6_doctor_finds_a_readable_key_file_and_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    demo(&data);
    let d = data.to_str().unwrap();
    let key = data.join(tessera_store::crypto::KEY_FILE);

    set_mode(&key, 0o644);
    let out = failing(&["doctor", "--data-dir", d]);
    assert!(
        out.contains(&format!("chmod 600 {}", key.display())),
        "{out}"
    );
    assert_eq!(lines_starting(&out, "FAIL  key file").len(), 1, "{out}");

    set_mode(&key, 0o600);
    set_mode(&data, 0o700);
    let out = tessera(&["doctor", "--data-dir", d]);
    let (stdout, stderr) = text(&out);
    assert!(
        lines_starting(&stdout, "ok    key file").len() == 1
            && lines_starting(&stdout, "ok    data folder").len() == 1,
        "{stdout}\n{stderr}"
    );
    for bad in [
        "warn  key",
        "FAIL  key",
        "warn  data folder",
        "FAIL  data folder",
    ] {
        assert!(lines_starting(&stdout, bad).is_empty(), "{stdout}");
    }
    assert!(
        lines_starting(&stdout, "ok    database (sqlite) opens with the key").len() == 1,
        "{stdout}"
    );
    // Every line is one of the three forms.
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("ok    ") || l.starts_with("warn  ") || l.starts_with("FAIL  ")),
        "{stdout}"
    );

    // A folder others can enter fails, with the command that fixes it.
    set_mode(&data, 0o755);
    let out = failing(&["doctor", "--data-dir", d]);
    assert!(out.contains(&format!("chmod 700 {d}")), "{out}");
    set_mode(&data, 0o700);

    // No database and no key: a finding, and nothing is created.
    let absent = dir.path().join("absent");
    let out = failing(&["doctor", "--data-dir", absent.to_str().unwrap()]);
    assert!(out.contains("no database at"), "{out}");
    assert!(!absent.exists(), "doctor created {}", absent.display());
}

#[test]
fn r9_5_backup_and_restore_through_the_cli_refuse_what_they_must() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let data = path("data");
    demo(&data);
    let backups = path("backups");
    std::fs::create_dir(&backups).unwrap();
    let file = backups.join("tessera-backup-1.age");
    let pass = path("passphrase");
    std::fs::write(&pass, "correct horse battery staple\n").unwrap();

    let out = ok(&[
        "backup",
        "--data-dir",
        &s(&data),
        "--out",
        &s(&file),
        "--passphrase-file",
        &s(&pass),
    ]);
    assert!(out.contains("backup written to"), "{out}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the backup is for its owner only");

    let restore = |into: &Path, from: &Path, pass: &Path| -> Vec<String> {
        vec![
            "restore".into(),
            s(from),
            "--passphrase-file".into(),
            s(pass),
            "--data-dir".into(),
            s(into),
        ]
    };

    let into = path("restored");
    let v = restore(&into, &file, &pass);
    let out = ok(&as_refs(&v));
    assert!(out.contains("restored"), "{out}");
    // The restored copy holds the demo's members, as inspect counts them.
    let counts = ok(&[
        "inspect",
        "--what-would-a-seizure-reveal",
        "--data-dir",
        &s(&into),
    ]);
    assert!(counts.contains("4 sellers and 6 buyers live"), "{counts}");

    // Into a database that has data: refused.
    let v = restore(&into, &file, &pass);
    let err = failing(&as_refs(&v));
    assert!(err.contains("not empty"), "{err}");

    // The wrong passphrase: refused before anything is written.
    let wrong = path("wrong");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let elsewhere = path("elsewhere");
    let v = restore(&elsewhere, &file, &wrong);
    let err = failing(&as_refs(&v));
    assert!(err.contains("does not open"), "{err}");
    assert!(!elsewhere.exists(), "a refused restore leaves no folder");

    // A copy cut in half: refused, and the new folder is not left behind.
    let bytes = std::fs::read(&file).unwrap();
    let cut = path("cut.age");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let d3 = path("d3");
    let v = restore(&d3, &cut, &pass);
    let err = failing(&as_refs(&v));
    assert!(err.contains("damaged or cut short"), "{err}");
    assert!(
        !d3.exists(),
        "a failed restore leaves no folder: {}",
        d3.display()
    );

    // R9.6: doctor sees the fresh backup.
    set_mode(&data, 0o700);
    let out = tessera(&[
        "doctor",
        "--data-dir",
        &s(&data),
        "--backup-dir",
        &s(&backups),
    ]);
    let (stdout, stderr) = text(&out);
    assert_eq!(
        lines_starting(
            &stdout,
            "ok    last backup: tessera-backup-1.age, 0 hours old"
        )
        .len(),
        1,
        "{stdout}\n{stderr}"
    );
}

/// `seizure_counts`, the database clock and the link through the binary on PostgreSQL, where
/// the summary's case (a) differs (R8; docs/operator.md, "Data at rest on PostgreSQL").
#[test]
fn r8_r9_6_inspect_and_doctor_on_postgresql() {
    let Ok(server_url) = std::env::var("TEST_DATABASE_URL") else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"NOTE: TEST_DATABASE_URL is not set: the PostgreSQL inspect and doctor test was skipped.\n",
        );
        return;
    };
    let name = format!("tessera_cli_ops_{}", std::process::id());
    psql(&server_url, &format!("DROP DATABASE IF EXISTS {name}"));
    psql(&server_url, &format!("CREATE DATABASE {name}"));
    let mut parsed = reqwest::Url::parse(&server_url).unwrap();
    parsed.set_path(&format!("/{name}"));
    let url = parsed.to_string();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("no-data-here");
    let key = "6b".repeat(32);
    let run = |args: &[&str]| -> Output {
        Command::new(BIN)
            .args(args)
            .args(["--database-url", &url, "--data-dir"])
            .arg(&folder)
            .env("TESSERA_DB_KEY", &key)
            .output()
            .unwrap()
    };
    let out = run(&["demo"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = run(&["inspect", "--what-would-a-seizure-reveal"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Backend: PostgreSQL"), "{stdout}");
    assert!(stdout.contains("not encrypted as a whole"), "{stdout}");
    assert!(
        stdout.contains("accounts: 4 sellers and 6 buyers live, pseudonyms readable; 0 deleted"),
        "{stdout}"
    );
    assert!(!stdout.contains("steady_sam"), "{stdout}");

    let out = run(&["doctor", "--listen", "127.0.0.1:8080"]);
    let (stdout, stderr) = text(&out);
    for line in [
        "ok    key: from TESSERA_DB_KEY",
        "ok    database (postgres) opens with the key; schema current",
        "ok    database link: PostgreSQL over ",
        "ok    database clock: agrees with this machine's within 5 s",
        "ok    free disk: not checked (PostgreSQL",
    ] {
        assert_eq!(
            lines_starting(&stdout, line).len(),
            1,
            "{line}:\n{stdout}\n{stderr}"
        );
    }
    // On PostgreSQL the data folder holds nothing, and neither command made one.
    assert!(!folder.exists());
    psql(&server_url, &format!("DROP DATABASE {name}"));
}

fn psql(url: &str, sql: &str) {
    let out = Command::new("psql")
        .arg(url)
        .args(["-q", "-c", sql])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
