//! `theoremcheck report` end to end: a family's report gives a Markdown report, a JSON report
//! and one SVG per claim with a grid; a refuted claim shows its counterexample; a second run
//! into the same directory gives identical bytes; bad input (unwritable output path, unknown id,
//! a grid outside the spec's domain, a grid with no point inside the hypotheses) exits with
//! status 2 and writes nothing; no progress bar reaches a log.

mod common;
mod report_support;
use common::root;
use report_support::*;
use std::path::Path;
use std::process::{Command, Output};
use theoremcheck::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use theoremcheck::report::{grid_report, ReportError};
use theoremcheck::spec::parse_spec;

fn theoremcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theoremcheck"))
        .args(args)
        .env("CI", "true")
        .env_remove("THEOREMCHECK_SPEC_DIR")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_family_report_has_markdown_json_and_a_plot_per_grid() {
    // One family keeps this test fast while other families grow (report measures every claim's
    // sensitivity, several checks each); the snapshot and baseline tests cover every grid in the
    // catalogue.
    let family = "pac_bayes";
    let base = scratch("cli-family");
    let out = base.join("report");
    let run = theoremcheck(&["report", "--family", family, "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(run.stderr.is_empty(), "nothing on stderr in CI (no progress bar): {}", text(&run.stderr));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let in_family: Vec<_> = common::catalogue_specs().into_iter().filter(|s| s.family() == family).collect();
    assert_eq!(json["summary"]["claims"], in_family.len());
    let with_grids: Vec<_> = in_family.iter().filter(|s| s.tightness.is_some()).collect();
    assert!(with_grids.len() >= 2, "the PAC-Bayes family has several grids");
    for spec in &with_grids {
        assert!(md.contains(&format!("<a id=\"{}\"></a>", spec.id)), "section for {}", spec.id);
        let svg = std::fs::read_to_string(out.join("plots").join(format!("{}.svg", spec.id))).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{} plot is a whole SVG", spec.id);
        let entry = json["theorems"].as_array().unwrap().iter().find(|t| t["id"] == spec.id.as_str()).unwrap();
        assert!(!entry["tightness"]["points"].as_array().unwrap().is_empty());
    }
    // A second run replaces the first with the same bytes (nothing depends on time or threads).
    let again = theoremcheck(&["report", "--family", family, "--out", out.to_str().unwrap(), "--threads", "1"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(std::fs::read_to_string(out.join("report.md")).unwrap(), md);
    // A narrower report into the same directory leaves no stale plot behind.
    let one = theoremcheck(&["report", "concentration.hoeffding", "--out", out.to_str().unwrap()]);
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert_eq!(listing(&out.join("plots")), ["concentration.hoeffding.svg"]);
    assert_eq!(listing(&base).iter().filter(|p| p.starts_with('.')).count(), 0, "no leftovers beside the report");
    std::fs::remove_dir_all(&base).unwrap();
}

/// A spec directory holding the sharpened Hoeffding fixture with a grid, or with `edit` applied.
fn fixture_dir(name: &str, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let dir = scratch(name);
    let family = dir.join("spec/concentration");
    std::fs::create_dir_all(&family).unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/spec/concentration/hoeffding_sharpened.toml")).unwrap();
    let text = format!("{text}\n[tightness]\nmeasure = \"ratio\"\ngrid = {{ n = [1, 10, 100], p = [\"1/2\"], u = [\"1/2\", \"1\"] }}\n");
    std::fs::write(family.join("hoeffding_sharpened.toml"), edit(text)).unwrap();
    dir
}

#[test]
fn a_refuted_claim_shows_its_counterexample() {
    let dir = fixture_dir("cli-refuted", |t| t);
    let out = dir.join("out");
    let run = theoremcheck(&["--spec-dir", dir.join("spec").to_str().unwrap(), "report", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("0 holds, 1 refuted"), "{md}");
    assert!(md.contains("**Counterexample.**") && md.contains("--replay '"), "{md}");
    assert!(md.contains("**violated**"), "{md}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn assert_bad_input(run: &Output, needle: &str, out: &Path) {
    assert_eq!(run.status.code(), Some(2), "stdout {} stderr {}", text(&run.stdout), text(&run.stderr));
    assert!(text(&run.stderr).contains(needle), "stderr should mention '{needle}': {}", text(&run.stderr));
    assert!(!out.exists(), "nothing is written to {}", out.display());
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let base = scratch("cli-bad");
    let out = base.join("out");
    // Unknown id.
    let run = theoremcheck(&["report", "--out", out.to_str().unwrap(), "concentration.no_such_claim"]);
    assert_bad_input(&run, "no claim with id 'concentration.no_such_claim'", &out);
    // An output path below a regular file cannot be created.
    std::fs::write(base.join("file"), "").unwrap();
    let below_file = base.join("file/out");
    let run = theoremcheck(&["report", "--out", below_file.to_str().unwrap(), "concentration.hoeffding"]);
    assert_bad_input(&run, "cannot create directory", &below_file);
    // A directory with other data is not replaced.
    let foreign = base.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "data").unwrap();
    let run = theoremcheck(&["report", "--out", foreign.to_str().unwrap(), "concentration.hoeffding"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("is not a theoremcheck report"), "{}", text(&run.stderr));
    assert_eq!(listing(&foreign), ["keep.txt"]);
    // A grid value outside the spec's domain.
    let dir = fixture_dir("cli-bad-grid", |t| t.replace("n = [1, 10, 100]", "n = [0, 10]"));
    let run = theoremcheck(&["--spec-dir", dir.join("spec").to_str().unwrap(), "report", "--out", out.to_str().unwrap()]);
    assert_bad_input(&run, "tightness grid value for 'n'", &out);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&base).unwrap();
}

/// A claim whose hypothesis excludes every point of its grid: `x` must be above 10.
struct AboveTen;

const X: [ParamRequirement; 1] = [ParamRequirement::integer("x")];

impl Theorem for AboveTen {
    fn id(&self) -> &str {
        "test.above_ten"
    }
    fn parameters(&self) -> &[ParamRequirement] {
        &X
    }
    fn evaluate(&self, instance: &Instance, _: &Instance, _: u32) -> Result<Outcome, EvalError> {
        let x = instance.integer("x")?;
        if x <= 10 {
            return Ok(Outcome::HypothesisNotMet(format!("x = {x} is not above 10")));
        }
        let e = theoremcheck::Enclosure::exact(rug::Rational::from(x));
        Ok(Outcome::Compared(Comparison::new(e.clone(), Relation::Le, e)))
    }
}

#[test]
fn a_grid_with_no_point_inside_the_hypotheses_is_an_input_error() {
    let text = r#"
id = "test.above_ten"
title = "t"
statement = "x ≤ x for x > 10"
rigor = "exact"
verdict = "holds"
cases = 10
[source]
citation = "test"
[parameters]
x = { kind = "integer", min = 1, max = 100 }
[tightness]
grid = { x = [1, 5, 10] }
"#;
    let spec = parse_spec(text, Path::new("spec/test/above_ten.toml"), Some("test.above_ten")).unwrap();
    let err = grid_report(&AboveTen, &spec).unwrap_err();
    assert!(matches!(err, ReportError::EmptyGrid { points: 3, .. }), "{err}");
    assert!(err.is_input_error());
    assert!(err.to_string().contains("spec/test/above_ten.toml"), "{err}");
}
