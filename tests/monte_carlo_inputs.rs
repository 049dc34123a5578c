//! The monte_carlo family's models reject bad input with typed errors naming the parameter
//! (M = 0, probabilities outside [0, 1], variances ≤ 0, open-interval parameters at their ends),
//! and its reference pieces agree with independent computations, also the closed forms that the
//! family's data claims write in their specs.

mod common;

use rug::Rational;
use theoremcheck::engine::{EvalError, Instance, Outcome, Theorem, Value};
use theoremcheck::registry;
use theoremcheck::theorems::monte_carlo::model::{mean_abs_deviation_by_sum, open_unit, positive_variance, probability, samples};
use theoremcheck::theorems::monte_carlo::{mean_abs_deviation, McError, McRmseProbit, StepDecoder};
use theoremcheck::Enclosure;

fn n(x: (i64, i64)) -> Value {
    Value::Number(Rational::from(x))
}

/// The data claim of a catalogue spec, as the engine checks it.
fn data_claim(id: &str) -> Box<dyn Theorem> {
    let spec = common::catalogue_specs().into_iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no spec {id}"));
    assert!(spec.claim.is_some(), "{id} carries its claim as data");
    registry::implementation(&spec).expect("a data claim needs no registration")
}

fn probit_at(m: i64, s1: (i64, i64)) -> Instance {
    Instance::default()
        .with("M", Value::Integer(m))
        .with("u1", n((1, 1)))
        .with("u2", n((1, 1)))
        .with("mu1", n((0, 1)))
        .with("mu2", n((0, 1)))
        .with("s1", n(s1))
        .with("s2", n((1, 1)))
        .with("b", n((0, 1)))
}

#[test]
fn zero_samples_is_an_error() {
    assert_eq!(samples(0), Err(McError::ZeroSamples));
    let err = McRmseProbit::catalogue().evaluate(&probit_at(0, (1, 1)), &Instance::default(), 64).unwrap_err();
    assert!(matches!(err, EvalError::Reference(ref m) if m.contains("M must be at least 1")), "{err}");
    // Outside its spec's domain (M ≥ 1) the data claim has no value at M = 0: an answer, not a panic.
    let at = Instance::default().with("M", Value::Integer(0)).with("q", n((1, 2))).with("a", n((1, 1))).with("v", n((0, 1)));
    let outcome = data_claim("monte_carlo.mc_abs_error").evaluate(&at, &Instance::default(), 64).unwrap();
    assert!(matches!(outcome, Outcome::Unevaluable { retry: false, ref reason } if reason.contains("division by zero")), "{outcome:?}");
}

#[test]
fn the_data_claims_de_moivre_form_matches_the_term_by_term_sum() {
    // mc_abs_error's left side, E|Φ̂_M − Φ| = E|B − Mq|/M at a = 1, b = 0, as the spec writes it.
    let claim = data_claim("monte_carlo.mc_abs_error");
    for m in [1i64, 2, 3, 7, 20, 41] {
        for q in [(0, 1), (1, 2), (1, 3), (5, 7), (1, 64), (1, 1)] {
            let at = Instance::default().with("M", Value::Integer(m)).with("q", n(q)).with("a", n((1, 1))).with("v", n((0, 1)));
            let Outcome::Compared(c) = claim.evaluate(&at, &Instance::default(), 64).unwrap() else { panic!("M = {m}, q = {q:?}") };
            let by_sum = mean_abs_deviation_by_sum(m as u32, &Rational::from(q)) / m;
            assert_eq!(c.lhs, Enclosure::exact(by_sum), "M = {m}, q = {q:?}");
        }
    }
}

#[test]
fn probabilities_outside_the_unit_interval_are_errors() {
    assert!(matches!(probability("q", &Rational::from(-1)), Err(McError::ProbabilityOutOfRange { name: "q", .. })));
    assert!(matches!(
        StepDecoder::new(Rational::from(1), Rational::from(0), &Rational::from((3, 2))),
        Err(McError::ProbabilityOutOfRange { .. })
    ));
    assert!(matches!(
        StepDecoder::new(Rational::from((3, 4)), Rational::from((1, 2)), &Rational::from((1, 2))),
        Err(McError::DecoderOutOfRange { .. })
    ));
}

#[test]
fn non_positive_variances_are_errors() {
    assert!(matches!(positive_variance("s1", &Rational::from(0)), Err(McError::NonPositiveVariance { name: "s1", .. })));
    let err = McRmseProbit::catalogue().evaluate(&probit_at(1, (-1, 1)), &Instance::default(), 64).unwrap_err();
    assert!(matches!(err, EvalError::Reference(ref m) if m.contains("s1")), "{err}");
}

#[test]
fn open_interval_parameters_at_their_ends_are_errors() {
    assert!(matches!(open_unit("alpha", &Rational::from(1)), Err(McError::OpenUnitInterval { name: "alpha", .. })));
    // optscale_min_n is a data claim: its open ends are refused where instances enter, at replay.
    let spec = common::catalogue_specs().into_iter().find(|s| s.id == "monte_carlo.optscale_min_n").expect("spec");
    let refused = Instance::from_json(r#"{"F":"1/2","alpha":"0"}"#, &spec).unwrap_err();
    assert!(refused.contains("alpha") && refused.contains("outside its domain"), "{refused}");
}

#[test]
fn de_moivre_gives_the_textbook_values() {
    // Bin(2, 1/2): E|B − 1| = 1/2; Bin(3, 1/3): E|B − 1| = 16/27 (summed by hand).
    assert_eq!(mean_abs_deviation(2, &Rational::from((1, 2))), Rational::from((1, 2)));
    assert_eq!(mean_abs_deviation(3, &Rational::from((1, 3))), Rational::from((16, 27)));
    assert_eq!(mean_abs_deviation(5, &Rational::from(1)), Rational::new());
}

#[test]
fn a_probit_instance_is_compared() {
    let at = Instance::default()
        .with("M", Value::Integer(10))
        .with("u1", n((1, 1)))
        .with("u2", n((0, 1)))
        .with("mu1", n((1, 2)))
        .with("mu2", n((0, 1)))
        .with("s1", n((1, 1)))
        .with("s2", n((1, 1)))
        .with("b", n((0, 1)));
    assert!(matches!(McRmseProbit::catalogue().evaluate(&at, &Instance::default(), 256).unwrap(), Outcome::Compared(_)));
}
