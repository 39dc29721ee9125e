//! `tessera simulate` as the real binary (issue 15): it writes the document, its figures and
//! its summary from a configuration file, the same bytes for the same seed, and refuses a bad
//! configuration with the reason and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_tessera");
const SMALL: &str = include_str!("../crates/sim/tests/data/small.toml");

fn simulate(dir: &std::path::Path, config: &str, seed: &str) -> std::process::Output {
    let file = dir.join("sim.toml");
    std::fs::write(&file, config).unwrap();
    Command::new(BIN)
        .args(["simulate", "--config"])
        .arg(&file)
        .args(["--seed", seed, "--out"])
        .arg(dir.join("out"))
        .output()
        .unwrap()
}

#[test]
fn issue_15_simulate_writes_the_document_and_the_same_seed_writes_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let out = simulate(a.path(), SMALL, "5");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for name in [
        "safety-model.md",
        "summary.json",
        "time-to-decline.svg",
        "impersonation.svg",
    ] {
        assert!(stdout.contains(name), "{name} in {stdout}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("simulated 22 runs"), "{stderr}");
    assert!(simulate(b.path(), SMALL, "5").status.success());
    let doc = |d: &tempfile::TempDir| std::fs::read(d.path().join("out/safety-model.md")).unwrap();
    assert_eq!(doc(&a), doc(&b));
    let text = String::from_utf8(doc(&a)).unwrap();
    assert!(
        text.contains("tessera simulate --seed 5"),
        "the document names its seed"
    );
}

#[test]
fn issue_15_a_bad_configuration_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    for (config, reason) in [
        ("[population]\nsellers = 5\n", "at least 10 sellers"),
        ("[behaviour]\ncode_use = 2.0\n", "between 0 and 1"),
        ("[population]\nseller = 200\n", "unknown field"),
        ("[sweep]\nq = [1.5]\n", "sweep q=1.50"),
    ] {
        let out = simulate(dir.path(), config, "1");
        assert!(!out.status.success(), "{config}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{config}: {stderr}");
        assert!(
            !dir.path().join("out").exists(),
            "nothing written for {config}"
        );
    }
}
