//! This machine: its clock (also compared with PostgreSQL's by `database`) and, for SQLite, its
//! free disk.

use std::path::Path;
use std::process::Command;

use super::Check;

// ---------------------------------------------------------------------------------------------
// The clock (R8.1, R8.3: days, expiries and the shredding of day keys all follow it)

pub(super) fn clock_year_check(year: i32) -> Check {
    if year >= 2025 {
        Check::ok(format!("clock: the year is {year}"))
    } else {
        Check::fail(
            format!("clock: this machine says the year is {year}"),
            "set the clock (NTP): expiries, day keys and codes follow it",
        )
    }
}

/// `timedatectl show -p NTPSynchronized --value`, if the command exists and answers.
pub(super) fn timedatectl_ntp() -> Option<String> {
    let out = Command::new("timedatectl")
        .args(["show", "-p", "NTPSynchronized", "--value"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

pub(super) fn ntp_check(answer: Option<&str>) -> Check {
    match answer {
        Some("yes") => Check::ok("clock: synchronised (NTP)"),
        Some(_) => Check::warn(
            "clock: not synchronised (timedatectl says NTPSynchronized=no)",
            "turn time synchronisation on: timedatectl set-ntp true, or chrony",
        ),
        None => Check::warn(
            "clock: cannot tell whether it is synchronised (no answer from timedatectl)",
            "make sure NTP (chrony, systemd-timesyncd) keeps this machine's clock right",
        ),
    }
}

const CLOCK_SKEW_SECS: i64 = 5;

pub(super) fn clock_skew_check(system: i64, database: i64) -> Check {
    let diff = (system - database).abs();
    if diff > CLOCK_SKEW_SECS {
        Check::warn(
            format!("database clock: differs from this machine's by {diff} s"),
            "synchronise both with NTP",
        )
    } else {
        Check::ok(format!(
            "database clock: agrees with this machine's within {CLOCK_SKEW_SECS} s"
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Free disk (SQLite): a full disk stops every write, ratings and alarms among them (R6.6)

const KIB_100_MIB: u64 = 100 * 1024;
const KIB_1_GIB: u64 = 1024 * 1024;

pub(super) fn disk_check(dir: &Path) -> Check {
    // A folder not made yet will live on its nearest existing parent's file system.
    let existing = dir
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or_else(|| Path::new("."));
    let out = Command::new("df")
        .args(["-Pk", "--"])
        .arg(existing)
        .output();
    let parsed = match &out {
        Ok(o) if o.status.success() => parse_df(&String::from_utf8_lossy(&o.stdout)),
        _ => None,
    };
    match parsed {
        Some((total, avail)) => disk_verdict(dir, total, avail),
        None => Check::warn(
            format!("free disk: could not read df -Pk {}", dir.display()),
            "check the free space of the data folder's disk by hand",
        ),
    }
}

/// `df -Pk` output: (total, available) in KiB. Read from the capacity column (`NN%`) back, so
/// spaces in the file system's name or its mount point do not matter.
fn parse_df(output: &str) -> Option<(u64, u64)> {
    let line = output.lines().nth(1)?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    (3..fields.len()).find_map(|i| {
        let pct = fields[i].strip_suffix('%')?;
        pct.parse::<u64>().ok()?;
        let total = fields[i - 3].parse().ok()?;
        fields[i - 2].parse::<u64>().ok()?;
        let avail = fields[i - 1].parse().ok()?;
        Some((total, avail))
    })
}

fn disk_verdict(dir: &Path, total_kib: u64, avail_kib: u64) -> Check {
    let gib = avail_kib as f64 / KIB_1_GIB as f64;
    let pct = avail_kib
        .saturating_mul(100)
        .checked_div(total_kib)
        .unwrap_or(0);
    let what = format!(
        "free disk: {gib:.1} GiB ({pct} %) on the file system of {}",
        dir.display()
    );
    if avail_kib < KIB_100_MIB {
        Check::fail(
            what,
            "free space now: below 100 MiB the database cannot take writes for long",
        )
    } else if avail_kib < KIB_1_GIB || pct < 10 {
        Check::warn(
            what,
            "free space or grow the disk (warned below 1 GiB or 10 %)",
        )
    } else {
        Check::ok(what)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Level;
    use super::*;

    #[test]
    fn r9_6_doctor_reads_df_output() {
        let out = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                   /dev/vda         264212084 19393048  75892840      21% /\n";
        assert_eq!(parse_df(out), Some((264_212_084, 75_892_840)));
        // Spaces in the device's name and in the mount point.
        let out = "Filesystem 1024-blocks Used Available Capacity Mounted on\n\
                   my nas:/share 1000 900 100 90% /mnt/with space\n";
        assert_eq!(parse_df(out), Some((1000, 100)));
        assert_eq!(parse_df("Filesystem\n"), None);
        assert_eq!(parse_df(""), None);
        assert_eq!(parse_df("header\nnothing numeric here 5%\n"), None);
    }

    #[test]
    fn r9_6_doctor_disk_thresholds() {
        let d = Path::new("/var/lib/tessera");
        let gib = KIB_1_GIB;
        assert_eq!(disk_verdict(d, 100 * gib, 50 * gib).level, Level::Ok);
        // Below 10 % of the disk, though many GiB.
        assert_eq!(disk_verdict(d, 1000 * gib, 50 * gib).level, Level::Warn);
        // Below 1 GiB.
        assert_eq!(disk_verdict(d, 2 * gib, gib - 1).level, Level::Warn);
        // Below 100 MiB.
        let c = disk_verdict(d, 2 * gib, KIB_100_MIB - 1);
        assert_eq!(c.level, Level::Fail);
        assert!(c.what.contains("/var/lib/tessera"), "{c}");
        assert_eq!(disk_verdict(d, 0, 0).level, Level::Fail);
        // Where df really runs: this machine's temporary folder has a parsable answer.
        assert!(
            !disk_check(&std::env::temp_dir())
                .what
                .contains("could not read"),
            "df -Pk works here"
        );
    }

    #[test]
    fn r9_6_doctor_checks_the_clock() {
        assert_eq!(clock_year_check(2026).level, Level::Ok);
        assert_eq!(clock_year_check(1970).level, Level::Fail);
        assert_eq!(ntp_check(Some("yes")).level, Level::Ok);
        assert_eq!(ntp_check(Some("no")).level, Level::Warn);
        // A missing tool is a warning, never a failure.
        assert_eq!(ntp_check(None).level, Level::Warn);
        assert_eq!(clock_skew_check(1000, 1005).level, Level::Ok);
        assert_eq!(clock_skew_check(1000, 994).level, Level::Warn);
    }
}
