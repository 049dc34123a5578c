//! Claims as data: a folder of TOML bounds with no Rust at all is checked by `check --spec-dir`,
//! each verdict computed (a true bound holds, one false by 1 % is refuted with a certified
//! counterexample that replays, one with a hypothesis holds on the instances that meet it), and
//! every kind of bad expression is an error that names the file, line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn theoremcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theoremcheck")).args(args).env_remove("THEOREMCHECK_SPEC_DIR").output().expect("the binary runs")
}

fn user_bounds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/user_bounds/bounds")
}

fn json_rows(out: &Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"))).collect()
}

#[test]
fn a_folder_of_data_claims_gets_computed_verdicts() {
    let dir = user_bounds();
    let out = theoremcheck(&["check", "--spec-dir", dir.to_str().unwrap(), "--json"]);
    let rows = json_rows(&out);
    let verdict = |id: &str| rows.iter().find(|r| r["id"] == id).map(|r| r["verdict"].as_str().unwrap_or("").to_string());
    assert_eq!(verdict("mine.pinsker").as_deref(), Some("holds"), "{rows:?}");
    assert_eq!(verdict("mine.pinsker_one_percent").as_deref(), Some("refuted"), "{rows:?}");
    assert_eq!(verdict("mine.multiplicative_chernoff").as_deref(), Some("holds"), "{rows:?}");
    assert!(out.status.success(), "every verdict as recorded: {}", String::from_utf8_lossy(&out.stderr));
    let chernoff = rows.iter().find(|r| r["id"] == "mine.multiplicative_chernoff").unwrap();
    let met = chernoff["cases_met_hypotheses"].as_u64().unwrap();
    let tried = chernoff["cases"].as_u64().unwrap();
    assert!(met < tried && met >= 100, "the hypothesis δ ≤ 1 filters some instances and enough remain: {met} of {tried}");
}

#[test]
fn the_false_bound_is_refuted_by_a_certified_counterexample_that_replays() {
    let dir = user_bounds();
    let out = theoremcheck(&["check", "--spec-dir", dir.to_str().unwrap(), "mine.pinsker_one_percent", "--json"]);
    let row = &json_rows(&out)[0];
    let replay = row["counterexample"]["replay"].as_str().unwrap_or_else(|| panic!("a replay command: {row}"));
    assert!(replay.contains("--spec-dir"), "the replay names the user's folder: {replay}");
    let instance = row["counterexample"]["instance"].to_string();
    let again = theoremcheck(&["check", "--spec-dir", dir.to_str().unwrap(), "mine.pinsker_one_percent", "--replay", &instance, "--json"]);
    let replayed = &json_rows(&again)[0];
    assert_eq!(replayed["verdict"], "refuted", "{replayed}");
    assert_eq!(replayed["found_by"], "replay");
}

#[test]
fn show_prints_the_parsed_claim_back() {
    let dir = user_bounds();
    let out = theoremcheck(&["show", "--spec-dir", dir.to_str().unwrap(), "mine.multiplicative_chernoff"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("let mu = n*p"), "{text}");
    assert!(text.contains("assume delta <= 1"), "{text}");
    assert!(text.contains("claim binomial_tail_upper(n, k, p) ≤ exp(-mu*delta^2/3)"), "{text}");
}

/// A one-claim folder holding `claim` (the `[claim]` table's body) over parameters `n`, `x`.
fn folder_with(claim: &str) -> tempfile_dir::Dir {
    let dir = tempfile_dir::Dir::new();
    let spec = format!(
        r#"id = "mine.bad"
title = "a claim with a problem"
statement = "for the tests"
rigor = "certified"
verdict = "holds"
cases = 20

[source]
citation = "test"

[parameters]
n = {{ kind = "integer", min = 1, max = 50 }}
x = {{ kind = "rational", min = "0", max = "1", max_denominator = 8 }}

[claim]
{claim}
"#
    );
    std::fs::write(dir.path().join("bad.toml"), spec).unwrap();
    dir
}

/// A temporary folder removed on drop (no extra dependency for one helper).
mod tempfile_dir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU32, Ordering};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Self {
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let path =
                std::env::temp_dir().join(format!("theoremcheck-data-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Checks the folder and returns (exit code, stdout + stderr).
fn check(dir: &tempfile_dir::Dir) -> (i32, String) {
    let out = theoremcheck(&["check", "--spec-dir", dir.path().to_str().unwrap()]);
    (out.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn static_errors_exit_2_with_file_line_and_column() {
    // (the [claim] body, the position reported as "bad.toml:line:column", the problem)
    let cases = [
        ("lhs = \"n +* x\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:11", "unexpected '*'"),
        ("lhs = \"foo(x)\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:8", "unknown function 'foo'"),
        ("lhs = \"y\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:8", "unknown name 'y'"),
        ("lhs = \"binomial(n, x)\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:20", "must be an integer"),
        ("lhs = \"binomial_tail_upper(n, 1, exp(x))\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:34", "must be an exact rational"),
        ("lhs = \"x\"\nrelation = \"<=\"\nrhs = \"n < 1\"", "bad.toml:18:8", "rhs must be a number"),
        ("lhs = \"x\"\nrelation = \"=<\"\nrhs = \"1\"", "bad.toml:17:", "relation '=<'"),
        ("let = { a = \"b + 1\", b = \"a\" }\nlhs = \"a\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:", "cycle"),
        ("lhs = \"exp(x, x)\"\nrelation = \"<=\"\nrhs = \"1\"", "bad.toml:16:8", "takes 1 argument"),
    ];
    for (claim, position, problem) in cases {
        let (code, output) = check(&folder_with(claim));
        assert_eq!(code, 2, "{claim}: {output}");
        assert!(output.contains(position), "{claim}: expected {position} in {output}");
        assert!(output.contains(problem), "{claim}: expected '{problem}' in {output}");
    }
}

#[test]
fn a_nesting_bomb_is_a_load_error_not_a_crash() {
    let bomb = format!("lhs = \"{}x{}\"\nrelation = \"<=\"\nrhs = \"1\"", "(".repeat(3000), ")".repeat(3000));
    let (code, output) = check(&folder_with(&bomb));
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("nests deeper than"), "{output}");
}

#[test]
fn runtime_faults_are_inconclusive_with_the_reason_at_the_instance() {
    let cases = [
        ("lhs = \"1/(x - x)\"\nrelation = \"<=\"\nrhs = \"1\"", "division by zero"),
        ("lhs = \"ln(x - 1)\"\nrelation = \"<=\"\nrhs = \"1\"", "needs x > 0"),
        ("lhs = \"sum(i, 1, 10^12, i)\"\nrelation = \"<=\"\nrhs = \"1\"", "budget exceeded"),
        ("lhs = \"factorial(10^9)\"\nrelation = \">=\"\nrhs = \"1\"", "budget exceeded"),
        ("lhs = \"2^(10^9)\"\nrelation = \">=\"\nrhs = \"1\"", "budget exceeded"),
    ];
    for (claim, reason) in cases {
        let dir = folder_with(claim);
        let out = theoremcheck(&["check", "--spec-dir", dir.path().to_str().unwrap(), "--json"]);
        let row = &json_rows(&out)[0];
        assert_eq!(row["verdict"], "inconclusive", "{claim}: {row}");
        let why = row["reason"].as_str().unwrap_or_default().to_string() + &row.to_string();
        assert!(why.contains(reason) && why.contains("bad.toml:16:"), "{claim}: expected '{reason}' at bad.toml:16 in {row}");
        assert_eq!(out.status.code(), Some(1), "a computed verdict that differs from the recorded one exits 1");
    }
}
