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

/// Cheap catalogue claims, four with a tightness grid (so plots are merged too) and one headline
/// whose four readings must stay in its shard.
const REPORT_IDS: [&str; 5] = [
    "concentration.chernoff_kl",
    "pac_bayes.test_set_bound",
    "monte_carlo.pass_at_k",
    "universality.width_claims",
    "calibration.lpf_theorem5",
];

/// Every file under `dir`, relative path and bytes, sorted.
fn tree(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn sharded_reports_merge_into_the_unsharded_report_byte_for_byte() {
    let dir = std::env::temp_dir().join(format!("theoremcheck-report-shards-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let report = |out: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["report", "--out", out.to_str().unwrap()];
        args.extend(REPORT_IDS);
        args.extend(extra);
        theoremcheck(&args)
    };
    let whole_dir = dir.join("whole");
    let whole = report(&whole_dir, &[]);
    assert_eq!(whole.status.code(), Some(0), "{}", String::from_utf8_lossy(&whole.stderr));
    let expected = tree(&whole_dir);
    assert!(expected.iter().filter(|(p, _)| p.starts_with("plots")).count() >= 2, "plots are part of the comparison");
    for count in [1, 2, 3, 7] {
        let mut args = vec!["merge".to_string(), "--report".to_string()];
        for index in 1..=count {
            let shard_dir = dir.join(format!("{index}-of-{count}"));
            let out = report(&shard_dir, &["--shard", &format!("{index}/{count}")]);
            assert_eq!(out.status.code(), Some(0), "shard {index}/{count}: {}", String::from_utf8_lossy(&out.stderr));
            args.push(shard_dir.to_str().unwrap().to_string());
        }
        let merged_dir = dir.join(format!("merged-{count}"));
        args.extend(["--out".to_string(), merged_dir.to_str().unwrap().to_string()]);
        let merged = theoremcheck(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(merged.status.code(), Some(0), "merge of {count}: {}", String::from_utf8_lossy(&merged.stderr));
        assert!(tree(&merged_dir) == expected, "the merge of {count} shards differs from the unsharded report");
    }
    // A claim reported by two shards, or a directory that is not a report, is refused.
    let twice = theoremcheck(&[
        "merge",
        "--report",
        whole_dir.to_str().unwrap(),
        whole_dir.to_str().unwrap(),
        "--out",
        dir.join("twice").to_str().unwrap(),
    ]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("appears in two reports"));
    assert!(!dir.join("twice").exists(), "nothing is written");
    let not_a_report = theoremcheck(&["merge", "--report", dir.to_str().unwrap(), "--out", dir.join("x").to_str().unwrap()]);
    assert_eq!(not_a_report.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
