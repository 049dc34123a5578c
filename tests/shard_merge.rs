//! `check --shard K/N` + `merge` reproduce the unsharded `check --json` output exactly (apart
//! from the measured times), for N ∈ {1, 2, 3, 7}: every claim runs in exactly one shard, with
//! the same verdict and counterexample as unsharded.

mod common;
use common::root;
use std::process::{Command, Output};

const IDS: [&str; 6] = [
    "concentration.bennett_sharpened",
    "concentration.bernstein_sharpened",
    "concentration.hoeffding_sharpened",
    "concentration.missing_mass_sharpened",
    "concentration.spherical_cap_sharpened",
    "concentration.chernoff_kl_sharpened",
];

fn theoremcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theoremcheck")).args(args).env_remove("THEOREMCHECK_SPEC_DIR").output().expect("the binary runs")
}

/// The lines with the measured time removed (the one field that differs between runs).
fn without_times(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let mut row: serde_json::Value = serde_json::from_str(l).unwrap();
            row.as_object_mut().unwrap().remove("elapsed_ms");
            row
        })
        .collect()
}

#[test]
fn sharded_runs_merge_into_the_unsharded_output() {
    let fixtures = root().join("tests/fixtures/spec");
    let spec_dir = fixtures.to_str().unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec!["--spec-dir", spec_dir, "check", "--json"];
        args.extend(IDS);
        args.extend(extra);
        theoremcheck(&args)
    };
    let whole = check(&[]);
    assert_eq!(whole.status.code(), Some(0));
    let expected = without_times(&whole.stdout);
    assert_eq!(expected.len(), IDS.len());
    let dir = std::env::temp_dir().join(format!("theoremcheck-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for count in [1, 2, 3, 7] {
        let mut files = Vec::new();
        for index in 1..=count {
            let shard = format!("{index}/{count}");
            let out = check(&["--shard", &shard]);
            assert_eq!(out.status.code(), Some(0), "shard {shard}");
            let file = dir.join(format!("{index}-of-{count}.jsonl"));
            std::fs::write(&file, &out.stdout).unwrap();
            files.push(file.to_str().unwrap().to_string());
        }
        let mut args = vec!["merge"];
        args.extend(files.iter().map(String::as_str));
        let merged = theoremcheck(&args);
        assert_eq!(merged.status.code(), Some(0), "{}", String::from_utf8_lossy(&merged.stderr));
        assert_eq!(without_times(&merged.stdout), expected, "N = {count}");
    }
    // The same shard twice is refused.
    let twice = theoremcheck(&["merge", &dir.join("1-of-1.jsonl").to_string_lossy(), &dir.join("1-of-1.jsonl").to_string_lossy()]);
    assert_eq!(twice.status.code(), Some(2));
    let bad = theoremcheck(&["check", "--shard", "3/2"]);
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
