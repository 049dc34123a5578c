//! The command line as a user meets it: exit statuses (0 as recorded, 1 when a verdict differs,
//! 2 on usage and spec errors), the replay round trip, `--json` lines, and `eval` answering bad
//! lines with errors while carrying on.

mod common;
use common::root;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn theoremcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theoremcheck")).args(args).env_remove("THEOREMCHECK_SPEC_DIR").output().expect("the binary runs")
}

fn eval(input: &str) -> Vec<serde_json::Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_theoremcheck"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect()
}

/// A copy of the catalogue's concentration specs in a scratch directory.
fn scratch_catalogue(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("theoremcheck-cli-{name}-{}", std::process::id()));
    let family = dir.join("spec/concentration");
    std::fs::create_dir_all(&family).unwrap();
    for file in ["hoeffding.toml", "chernoff_kl.toml"] {
        std::fs::copy(root().join("spec/concentration").join(file), family.join(file)).unwrap();
    }
    dir
}

#[test]
fn check_exits_zero_when_verdicts_match_and_one_when_one_is_edited() {
    let dir = scratch_catalogue("edit");
    let spec_dir = dir.join("spec");
    let ok = theoremcheck(&["--spec-dir", spec_dir.to_str().unwrap(), "check", "--family", "concentration"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
    let path = spec_dir.join("concentration/hoeffding.toml");
    let edited = std::fs::read_to_string(&path).unwrap().replace("verdict = \"holds\"", "verdict = \"refuted\"");
    std::fs::write(&path, edited).unwrap();
    let differs = theoremcheck(&["--spec-dir", spec_dir.to_str().unwrap(), "check", "concentration.hoeffding"]);
    assert_eq!(differs.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&differs.stdout).contains("DIFFERS"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_exits_two_on_a_malformed_spec_or_unknown_id() {
    let dir = scratch_catalogue("bad");
    let spec_dir = dir.join("spec");
    let path = spec_dir.join("concentration/hoeffding.toml");
    let broken = std::fs::read_to_string(&path).unwrap().replace("cases = 400", "cases = 400\nbogus = 1");
    std::fs::write(&path, broken).unwrap();
    let out = theoremcheck(&["--spec-dir", spec_dir.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("hoeffding.toml:") && stderr.contains("bogus"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
    let unknown = theoremcheck(&["check", "concentration.nonexistent"]);
    assert_eq!(unknown.status.code(), Some(2));
    let usage = theoremcheck(&["check", "--cases", "many"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn the_printed_replay_command_reproduces_the_counterexample() {
    let fixtures = root().join("tests/fixtures/spec");
    let out = theoremcheck(&["--spec-dir", fixtures.to_str().unwrap(), "check", "concentration.hoeffding_sharpened", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["verdict"], "refuted");
    for key in ["id", "title", "source", "recorded", "cases"] {
        assert!(line.get(key).is_some(), "--json lacks '{key}'");
    }
    let instance = line["counterexample"]["instance"].to_string();
    let replay = line["counterexample"]["replay"].as_str().unwrap();
    assert!(replay.contains(&instance), "{replay}");
    let again = theoremcheck(&[
        "--spec-dir",
        fixtures.to_str().unwrap(),
        "check",
        "concentration.hoeffding_sharpened",
        "--replay",
        &instance,
        "--json",
    ]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["verdict"], "refuted");
    assert_eq!(again["counterexample"]["lhs"], line["counterexample"]["lhs"]);
    let bad = theoremcheck(&[
        "--spec-dir",
        fixtures.to_str().unwrap(),
        "check",
        "concentration.hoeffding_sharpened",
        "--replay",
        r#"{"n":0,"p":"1/2","u":"1"}"#,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("outside its domain"));
}

#[test]
fn list_and_show_describe_the_catalogue() {
    let list = theoremcheck(&["list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("concentration.hoeffding") && text.contains("holds"));
    let show = theoremcheck(&["show", "concentration.chernoff_kl"]);
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.contains("proofs/concentration/chernoff_kl.md") && text.contains("integer in [1, 10000]"), "{text}");
    assert_eq!(theoremcheck(&["show", "nope.nope"]).status.code(), Some(2));
}

#[test]
fn eval_answers_each_line_and_reports_bad_ones() {
    let input = [
        r#"{"fn":"binomial_pmf","args":{"n":4,"k":2,"p":"1/2"}}"#,
        "this is not json",
        r#"{"fn":"no_such_fn","args":{}}"#,
        r#"{"fn":"binomial_cdf","args":{"n":4,"p":"1/2"}}"#,
        r#"{"fn":"binomial_cdf","args":{"n":4,"k":2,"p":"3/2"}}"#,
        r#"{"fn":"binomial_cdf","args":{"n":4,"k":5,"p":"1/2"}}"#,
        r#"{"fn":"binomial_cdf","args":{"n":0,"k":0,"p":"1/2"}}"#,
        r#"{"fn":"kl_inverse_upper","args":{"q":"1/2","c":"-1"}}"#,
        r#"{"fn":"clopper_pearson_upper","args":{"n":10,"k":2,"delta":"1"}}"#,
        r#"{"fn":"normal_cdf","args":{"x":"NaN"}}"#,
        r#"{"fn":"normal_cdf","args":{"x":0.5}}"#,
        r#"{"fn":"normal_cdf","args":{"x":"abc"}}"#,
        r#"{"fn":"normal_cdf","args":{"x":"0"},"prec":3}"#,
        r#"{"fn":"normal_cdf","args":{"x":"0"}}"#,
    ]
    .join("\n");
    let out = eval(&input);
    assert_eq!(out.len(), 14, "one answer per line");
    assert_eq!(out[0]["lo"], out[0]["hi"]);
    assert_eq!(theoremcheck::reference::parse_rational(out[0]["lo"].as_str().unwrap()).unwrap(), rug::Rational::from((3, 8)));
    let expect_error = |i: usize, needle: &str| {
        let e = out[i]["error"].as_str().unwrap_or_else(|| panic!("line {i} should be an error: {}", out[i]));
        assert!(e.contains(needle), "line {i}: {e}");
    };
    expect_error(1, "not valid JSON");
    expect_error(2, "unknown function");
    expect_error(3, "missing argument 'k'");
    expect_error(4, "outside [0, 1]");
    expect_error(5, "exceeds");
    expect_error(6, "at least 1");
    expect_error(7, "negative");
    expect_error(8, "outside (0, 1)");
    expect_error(9, "not finite");
    expect_error(10, "JSON float");
    expect_error(11, "not a number");
    expect_error(12, "prec");
    let half = rug::Rational::from((1, 2));
    for end in ["lo", "hi"] {
        assert_eq!(theoremcheck::reference::parse_rational(out[13][end].as_str().unwrap()).unwrap(), half, "Φ(0) = 1/2 exactly");
    }
}

#[test]
fn the_search_and_sensitivity_flags_refuse_bad_input_with_exit_two() {
    for (args, expect) in [
        (&["check", "concentration.hoeffding", "--search-cases", "abc"][..], "invalid value 'abc'"),
        (&["check", "concentration.hoeffding", "--sensitivity", "--eta", "-1/2"][..], "between 0 and 1"),
        (&["check", "concentration.hoeffding", "--sensitivity", "--eta", "1"][..], "between 0 and 1"),
        (&["check", "concentration.hoeffding", "--sensitivity", "--eta", "x"][..], "--eta 'x'"),
        (&["check", "concentration.hoeffding", "--no-edges"][..], "none of the selected claims declares edge instances"),
    ] {
        let out = theoremcheck(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expect), "{args:?}: {stderr}");
    }
}

#[test]
fn json_rows_carry_found_by_sensitivity_slack_and_rigor() {
    let out = theoremcheck(&["check", "concentration.hoeffding", "--sensitivity", "--eta", "1/2,1/10", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(row["rigor"], "certified");
    assert!(row["found_by"].is_null());
    assert_eq!(row["sensitivity"]["eta"], "1/10");
    assert!(row["slack"]["value"].is_string());
    let refuted = theoremcheck(&["--spec-dir", "tests/fixtures/spec", "check", "concentration.mcdiarmid_sharpened", "--json"]);
    let row: serde_json::Value = serde_json::from_slice(&refuted.stdout).expect("one JSON line");
    assert_eq!(row["found_by"], "search");
    assert!(row["slack"].is_null());
}
