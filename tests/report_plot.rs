//! Plots and tables for grids unlike the concentration ones: a margin measure that goes
//! negative (so no log scale on y), a set-valued parameter on the x axis, and a one-point grid.
//! The report code must handle any theorem with a grid, not only the two it was written with.

use rug::Rational;
use std::path::Path;
use theoremcheck::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use theoremcheck::report::{grid_report, markdown::tightness_table, plot::svg};
use theoremcheck::spec::parse_spec;
use theoremcheck::Enclosure;

/// `k·w(mode) ≤ 12`, with w(a) = 1, w(b) = 2: false for large k.
struct Weighted;

const PARAMS: [ParamRequirement; 2] = [ParamRequirement::integer("k"), ParamRequirement::set("mode")];

impl Theorem for Weighted {
    fn id(&self) -> &str {
        "test.weighted"
    }
    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMS
    }
    fn evaluate(&self, instance: &Instance, _: &Instance, _: u32) -> Result<Outcome, EvalError> {
        let k = instance.integer("k")?;
        let w = if instance.choice("mode")? == "a" { 1 } else { 2 };
        let lhs = Enclosure::exact(Rational::from(k * w));
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, Enclosure::exact(Rational::from(12)))))
    }
}

fn spec(grid: &str) -> theoremcheck::spec::Spec {
    let text = format!(
        r#"
id = "test.weighted"
title = "t"
statement = "k·w(mode) ≤ 12"
rigor = "exact"
verdict = "refuted"
cases = 10
[source]
citation = "test"
[parameters]
k = {{ kind = "integer", min = 1, max = 100 }}
mode = {{ kind = "set", values = ["a", "b"] }}
[tightness]
measure = "margin"
grid = {grid}
"#
    );
    parse_spec(&text, Path::new("spec/test/weighted.toml"), Some("test.weighted")).unwrap()
}

fn assert_whole_svg(text: &str) {
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"), "{text}");
}

#[test]
fn negative_margins_and_a_log_x_axis() {
    let g = grid_report(&Weighted, &spec(r#"{ k = [1, 5, 10], mode = ["a", "b"] }"#)).unwrap().unwrap();
    let table = tightness_table(&g);
    assert!(table.contains("rhs − lhs") && table.contains("**violated**"), "{table}");
    // The tightest point of a margin is the smallest margin: k = 10, mode = b, 12 − 20 = −8.
    assert_eq!(g.points[g.tightest.unwrap()].instance.to_string(), r#"{"k":10,"mode":"b"}"#);
    let text = svg("test.weighted", &g).unwrap();
    assert_whole_svg(&text);
    assert!(text.contains("k (log scale)") && text.contains("rhs − lhs"), "{text}");
}

#[test]
fn a_set_valued_x_axis_and_a_single_point() {
    let g = grid_report(&Weighted, &spec(r#"{ k = [3], mode = ["a", "b"] }"#)).unwrap().unwrap();
    let text = svg("test.weighted", &g).unwrap();
    assert_whole_svg(&text);
    assert!(text.contains(">mode<") || text.contains("mode"), "the set parameter is on the x axis");
    let g = grid_report(&Weighted, &spec(r#"{ k = [3], mode = ["a"] }"#)).unwrap().unwrap();
    assert_whole_svg(&svg("test.weighted", &g).unwrap());
}
