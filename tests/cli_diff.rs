//! `theoremcheck diff` as a user meets it: a clean run exits 0 and prints one JSON report per
//! operation with `--json`; an unknown operation, a bad size or a backend this binary was not built
//! with exits 2 with a message naming the problem.

use std::process::{Command, Output};

fn theoremcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theoremcheck")).args(args).output().expect("the binary runs")
}

#[test]
fn diff_of_the_ece_kernel_is_clean_and_reports_json() {
    let out = theoremcheck(&["diff", "--op", "ece", "--cases", "6", "--n", "300", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8(out.stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON report");
    assert_eq!(report["op"], "ece");
    assert_eq!(report["cases"], 6);
    assert!(report["outputs"].as_u64().unwrap() >= 12);
    assert_eq!(report["disagreements"].as_array().unwrap().len(), 0);
}

#[test]
fn diff_refuses_unknown_ops_bad_sizes_and_unbuilt_backends() {
    let unknown = theoremcheck(&["diff", "--op", "no_such_op"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown kernel operation 'no_such_op'"));
    let zero = theoremcheck(&["diff", "--n", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    if !cfg!(feature = "cuda") {
        let cuda = theoremcheck(&["diff", "--backend", "cuda"]);
        assert_eq!(cuda.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&cuda.stderr).contains("without the 'cuda' feature"));
    }
}
