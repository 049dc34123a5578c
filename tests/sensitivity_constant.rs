//! The published-constant mutants of the sensitivity check (`[sensitivity]` in a spec), and the
//! scale-free classification: what each measures, and the errors a bad table gets.

use std::path::Path;
use theoremcheck::engine::{check, sensitivity, CheckError, CheckOptions, Verdict};
use theoremcheck::reference::parse_rational;
use theoremcheck::registry;
use theoremcheck::spec::parse_spec;

/// A Gaussian tail bound `1 − Φ(s) ≤ exp(−s²/c)` with the published `c = 2`: a factor 9/10 on
/// the right side is true everywhere on `s ∈ (0, 8]`, the constant `c = 2·9/10` is false for
/// `s` past about 7.
const GAUSSIAN_TAIL: &str = r#"
id = "demo.gaussian_tail"
title = "Gaussian tail"
source = { citation = "textbook" }
statement = "1 − Φ(s) ≤ exp(−s²/2)"
rigor = "certified"
verdict = "holds"
cases = 200
min_cases = 200

[parameters]
s = { kind = "rational", min = "0", max = "8", open = "min", max_denominator = 16 }

[claim]
let = { c = "2" }
lhs = "1 - normal_cdf(s)"
relation = "<="
rhs = "exp(-s^2/c)"
"#;

fn spec_with(extra: &str) -> Result<theoremcheck::spec::Spec, theoremcheck::spec::SpecError> {
    parse_spec(&format!("{GAUSSIAN_TAIL}\n{extra}"), Path::new("mybounds/gaussian_tail.toml"), None)
}

fn eta_of(extra: &str, etas: &[&str]) -> theoremcheck::engine::Sensitivity {
    let spec = spec_with(extra).expect("the spec loads");
    let theorem = registry::implementation(&spec).expect("a data claim");
    let options = CheckOptions::default();
    let report = check(theorem.as_ref(), &spec, &options).expect("check runs");
    assert!(matches!(report.verdict, Verdict::Holds { .. }), "the published claim holds: {:?}", report.verdict);
    let etas: Vec<_> = etas.iter().map(|e| parse_rational(e).unwrap()).collect();
    sensitivity(theorem.as_ref(), &spec, &options, &report.verdict, &etas).expect("sensitivity runs")
}

#[test]
fn a_factor_on_the_gaussian_tail_bound_is_not_refuted_but_its_scaled_constant_is() {
    let without = eta_of("", &["1/10"]);
    assert_eq!(without.eta, None, "(9/10)·exp(−s²/2) is a true bound on (0, 8]: {without:?}");

    let with = eta_of("[sensitivity]\nconstant = \"c\"\nstrong = \"smaller\"\n", &["1/10"]);
    assert_eq!(with.eta, parse_rational("1/10").ok(), "exp(−s²/1.8) is false near s = 8: {with:?}");
    assert_eq!(with.describe(), "1/10 (c ×9/10)");
    let mutants: Vec<_> = with.trials.iter().map(|t| (t.mutation.describe(), t.verdict)).collect();
    assert_eq!(mutants, [("factor".to_string(), "holds"), ("c ×9/10".to_string(), "refuted")]);
}

#[test]
fn scaling_the_constant_the_wrong_way_is_not_refuted() {
    // Declared "larger is stronger", the mutant is exp(−s²/(20/9)): weaker, and true.
    let wrong_way = eta_of("[sensitivity]\nconstant = \"c\"\nstrong = \"larger\"\n", &["1/10"]);
    assert_eq!(wrong_way.eta, None, "{wrong_way:?}");
}

#[test]
fn a_bad_sensitivity_table_is_a_spec_error_with_file_and_line() {
    for (extra, expected) in [
        ("[sensitivity]\nconstant = \"d\"\nstrong = \"smaller\"\n", "constant 'd' is not a let binding of [claim]"),
        ("[sensitivity]\nconstant = \"c\"\nstrong = \"weaker\"\n", "unknown variant `weaker`"),
        ("[sensitivity]\nconstant = \"c\"\n", "missing field `strong`"),
        ("[sensitivity]\nconstant = \"c\"\nstrong = \"smaller\"\nfactor = \"1/2\"\n", "unknown field `factor`"),
    ] {
        let e = spec_with(extra).expect_err("the table must be refused");
        let message = e.to_string();
        assert!(message.contains(expected), "{message}");
        assert!(e.line.is_some(), "{message}");
    }
}

#[test]
fn a_constant_that_must_stay_an_integer_cannot_be_scaled() {
    let text = GAUSSIAN_TAIL.replace(r#"let = { c = "2" }"#, r#"let = { c = "2", k = "sum(i, 1, c, 1)" }"#);
    let e = parse_spec(&format!("{text}\n[sensitivity]\nconstant = \"c\"\nstrong = \"smaller\"\n"), Path::new("g.toml"), None)
        .expect_err("c bounds a sum, so scaling it cannot type-check");
    assert!(e.to_string().contains("constant 'c' cannot be scaled"), "{e}");
}

#[test]
fn a_rust_claim_without_the_named_constant_is_a_mismatch_not_a_silent_skip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let text = std::fs::read_to_string(dir.join("concentration/azuma.toml")).unwrap();
    let spec = parse_spec(
        &format!("{text}\n[sensitivity]\nconstant = \"nonexistent\"\nstrong = \"smaller\"\n"),
        &dir.join("concentration/azuma.toml"),
        None,
    )
    .expect("a Rust claim's constant is checked when the check runs");
    let theorem = registry::implementation(&spec).expect("registered");
    let e = check(theorem.as_ref(), &spec, &CheckOptions::default()).expect_err("refused before anything runs");
    assert!(matches!(&e, CheckError::SpecMismatch { problem, .. } if problem.contains("'nonexistent'")), "{e}");
}

#[test]
fn a_claim_whose_smaller_side_is_always_zero_is_reported_scale_free() {
    // `0 ≤ exp(−s²/2)`: no factor can make it false, and the report says why instead of
    // blaming the search.
    let text = GAUSSIAN_TAIL.replace(r#"lhs = "1 - normal_cdf(s)""#, r#"lhs = "0""#);
    let spec = parse_spec(&text, Path::new("g.toml"), None).unwrap();
    let theorem = registry::implementation(&spec).unwrap();
    let options = CheckOptions::default();
    let report = check(theorem.as_ref(), &spec, &options).unwrap();
    let s = sensitivity(theorem.as_ref(), &spec, &options, &report.verdict, &[parse_rational("1/2").unwrap()]).unwrap();
    assert_eq!(s.eta, None);
    assert!(s.reason.as_deref().unwrap_or("").contains("no factor on the larger side can be refuted"), "{s:?}");
}
