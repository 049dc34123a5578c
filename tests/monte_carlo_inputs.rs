//! The monte_carlo family's models reject bad input with typed errors naming the parameter
//! (M = 0, probabilities outside [0, 1], variances ≤ 0, open-interval parameters at their ends),
//! and its reference pieces agree with independent computations.

use rug::Rational;
use theoremcheck::engine::{EvalError, Instance, Outcome, Theorem, Value};
use theoremcheck::theorems::monte_carlo::model::{open_unit, positive_variance, probability, samples};
use theoremcheck::theorems::monte_carlo::{mean_abs_deviation, McAbsError, McError, McRmseProbit, OptScaleMinN, StepDecoder};

fn n(x: (i64, i64)) -> Value {
    Value::Number(Rational::from(x))
}

#[test]
fn zero_samples_is_an_error() {
    assert_eq!(samples(0), Err(McError::ZeroSamples));
    let at = Instance::default().with("M", Value::Integer(0)).with("q", n((1, 2))).with("a", n((1, 1))).with("v", n((0, 1)));
    let err = McAbsError::catalogue().evaluate(&at, &Instance::default(), 64).unwrap_err();
    assert!(matches!(err, EvalError::Reference(ref m) if m.contains("M must be at least 1")), "{err}");
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
    let at = Instance::default()
        .with("M", Value::Integer(1))
        .with("u1", n((1, 1)))
        .with("u2", n((1, 1)))
        .with("mu1", n((0, 1)))
        .with("mu2", n((0, 1)))
        .with("s1", n((-1, 1)))
        .with("s2", n((1, 1)))
        .with("b", n((0, 1)));
    let err = McRmseProbit::catalogue().evaluate(&at, &Instance::default(), 64).unwrap_err();
    assert!(matches!(err, EvalError::Reference(ref m) if m.contains("s1")), "{err}");
}

#[test]
fn open_interval_parameters_at_their_ends_are_errors() {
    assert!(matches!(open_unit("alpha", &Rational::from(1)), Err(McError::OpenUnitInterval { name: "alpha", .. })));
    let at = Instance::default().with("F", n((1, 2))).with("alpha", n((0, 1)));
    assert!(OptScaleMinN::catalogue().evaluate(&at, &Instance::default(), 64).is_err());
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
