//! Fuzzing the claim language: random strings and random token soups go through the parser,
//! the checker and (when they check) the evaluator, under a small budget. Nothing may panic,
//! hang or abort; every input gets a value or a typed error. Seeded (proptest's default
//! deterministic runner with the cases below), so a failure reproduces.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::time::Duration;
use theoremcheck::claim::{ClaimSource, ClaimText, ExprSource, Limits, Type};
use theoremcheck::engine::{Instance, Relation, Theorem, Value};

/// A tight budget, so that a soup that happens to build a huge sum ends quickly.
const LIMITS: Limits = Limits { terms: 20_000, bits: 1 << 16, time: Duration::from_millis(200), trials: 2_000 };

const TOKENS: &[&str] = &[
    "n",
    "x",
    "k",
    "0",
    "1",
    "2",
    "10",
    "0.5",
    "1e-3",
    "1e4000",
    "99999999999999999999",
    "1/3",
    "+",
    "-",
    "*",
    "/",
    "^",
    "(",
    ")",
    ",",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "and",
    "or",
    "not",
    "exp",
    "ln",
    "log1p",
    "expm1",
    "sqrt",
    "pow",
    "erf",
    "erfc",
    "normal_cdf",
    "lgamma",
    "floor",
    "ceil",
    "round",
    "min",
    "max",
    "abs",
    "binomial",
    "factorial",
    "sum",
    "prod",
    "if",
    "i",
    "pi",
    "binomial_tail_upper",
    "binomial_pmf",
    "kl_bernoulli",
    "kl_inverse_upper",
    "clopper_pearson_upper",
    "seeger_bound",
    "test_set_bound",
    "bennett_h",
    "xi",
    "\"a\"",
    "'",
    "\"",
    "#",
    "×",
    "≤",
    "é",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..24).prop_map(|t| t.join(" "))
}

/// Programs that checked and were evaluated (so the property cannot pass vacuously).
static EVALUATED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Compiles `text` as the left side of a claim over `n: int`, `x: rational` and, if it checks,
/// evaluates it at a few instances. Returns nothing: the property is that it returns at all.
fn exercise(text: &str) {
    let parameters = [("n".to_string(), Type::Int), ("x".to_string(), Type::Rat)];
    let claim = ClaimText {
        lets: vec![("k".to_string(), ExprSource::detached("let.k", "n + 1"))],
        assume: Vec::new(),
        lhs: ExprSource::detached("lhs", text),
        relation: Relation::Le,
        rhs: ExprSource::detached("rhs", "1"),
        describe: None,
    };
    let source = ClaimSource { text: claim, parameters: parameters.to_vec(), constants: Vec::new() };
    let Ok(program) = source.compile() else { return };
    let spec_text = r#"
id = "fuzz.claim"
title = "t"
statement = "s"
rigor = "certified"
verdict = "holds"
cases = 1
[source]
citation = "c"
[parameters]
n = { kind = "integer", min = -5, max = 100 }
x = { kind = "rational", min = "-2", max = "2", max_denominator = 7 }
"#;
    let mut spec = theoremcheck::spec::parse_spec(spec_text, std::path::Path::new("fuzz.toml"), None).expect("the fixed spec parses");
    spec.claim = Some(theoremcheck::spec::ClaimData {
        program: std::sync::Arc::new(program),
        source: std::sync::Arc::new(source),
        edges: Vec::new(),
    });
    let claim = theoremcheck::claim::DataClaim::from_spec(&spec).expect("has a claim").with_limits(LIMITS);
    EVALUATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    for (n, x) in [(0, (0, 1)), (3, (1, 2)), (-5, (-2, 1)), (100, (13, 7))] {
        let instance = Instance::default().with("n", Value::Integer(n)).with("x", Value::Number(rug::Rational::from(x)));
        for prec in [64, 256] {
            let _ = claim.evaluate(&instance, &Instance::default(), prec);
        }
    }
}

fn run(cases: u32, strategy: impl Strategy<Value = String>) {
    let config = Config { cases, failure_persistence: None, ..Config::with_cases(cases) };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    runner
        .run(&strategy, |text| {
            exercise(&text);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn token_soups_never_panic() {
    run(3000, soup());
}

#[test]
fn arbitrary_strings_never_panic() {
    run(1500, ".{0,60}");
}

#[test]
fn well_formed_random_expressions_evaluate_or_fault_cleanly() {
    // Grammatical expressions reach the evaluator far more often than soups do.
    let leaf = prop::sample::select(vec!["n", "x", "k", "0", "1", "2", "1/3", "0.5", "pi"]).prop_map(str::to_string);
    let expr = leaf.prop_recursive(5, 48, 3, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "^"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (prop::sample::select(vec!["exp", "ln", "sqrt", "floor", "abs", "lgamma", "erf", "normal_cdf"]), inner.clone())
                .prop_map(|(f, a)| format!("{f}({a})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("binomial(floor({a}), ceil({b}))")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("sum(i, round({a}), floor({b}), i*x) + factorial(floor({a}))")),
            (inner.clone(), inner.clone(), inner).prop_map(|(a, b, c)| format!("if({a} < {b}, {c}, {a})")),
        ]
    });
    let before = EVALUATED.load(std::sync::atomic::Ordering::Relaxed);
    run(1500, expr);
    let evaluated = EVALUATED.load(std::sync::atomic::Ordering::Relaxed) - before;
    assert!(evaluated >= 1000, "only {evaluated} of 1500 grammatical expressions reached the evaluator");
}
