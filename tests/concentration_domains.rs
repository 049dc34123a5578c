//! Bad input to the concentration family gives typed errors that name the problem, never a
//! panic: empty laws, probabilities not summing to 1, t ≤ 0, δ ∉ (0, 1), a > b, and replayed
//! instances outside a spec's domains.

mod common;
use common::*;
use rug::Rational;
use theoremcheck::engine::{EvalError, Instance, Theorem, Value};
use theoremcheck::reference::tail_bounds::{bennett_bound, bernstein_bound, empirical_bernstein_radius, hoeffding_bound, mcdiarmid_bound};
use theoremcheck::reference::{FiniteLaw, LawError, TailBoundError};
use theoremcheck::theorems::concentration::{ClopperPearson, EmpiricalBernstein};

fn q(n: i64, d: i64) -> Rational {
    Rational::from((n, d))
}

#[test]
fn laws_reject_empty_unnormalised_and_negative_input() {
    assert_eq!(FiniteLaw::new(vec![], vec![]), Err(LawError::Empty));
    let e = FiniteLaw::new(vec![q(0, 1), q(1, 1)], vec![q(1, 3), q(1, 3)]).unwrap_err();
    assert!(e.to_string().contains("sum to 2/3"), "{e}");
    assert!(matches!(FiniteLaw::new(vec![q(0, 1), q(1, 1)], vec![q(-1, 3), q(4, 3)]), Err(LawError::NegativeProbability { index: 0, .. })));
    assert_eq!(FiniteLaw::from_weights(vec![q(0, 1), q(1, 1)], &[0, 0]), Err(LawError::ZeroTotalWeight));
    assert!(FiniteLaw::bernoulli(&q(3, 2)).is_err());
}

#[test]
fn tail_bounds_reject_parameters_outside_their_domains() {
    let one = q(1, 1);
    assert!(matches!(hoeffding_bound(&one, &q(0, 1), &one, &q(0, 1), 64), Err(TailBoundError::NonPositiveDeviation(_))));
    assert!(matches!(hoeffding_bound(&one, &q(0, 1), &one, &q(-1, 2), 64), Err(TailBoundError::NonPositiveDeviation(_))));
    let e = hoeffding_bound(&one, &one, &q(0, 1), &one, 64).unwrap_err();
    assert!(e.to_string().contains("a = 1 > b = 0"), "{e}");
    assert!(matches!(bernstein_bound(&one, &one, &q(0, 1), &q(1, 3), 64), Err(TailBoundError::NonPositiveDeviation(_))));
    assert!(matches!(bennett_bound(&one, &q(-1, 1), &one, &one, 64), Err(TailBoundError::NonPositive { .. })));
    for delta in [q(0, 1), q(1, 1), q(-1, 2), q(3, 2)] {
        let e = empirical_bernstein_radius(10, &one, &delta, 2, &q(7, 3), 64).unwrap_err();
        assert!(matches!(e, TailBoundError::DeltaOutOfRange(_)), "{e}");
    }
    assert!(matches!(mcdiarmid_bound(&one, &q(0, 1), &q(2, 1), 64), Err(TailBoundError::NonPositiveDeviation(_))));
}

#[test]
fn theorems_turn_out_of_domain_instances_into_errors_not_panics() {
    let cp = Instance::default().with("n", Value::Integer(10)).with("p", Value::Number(q(1, 2))).with("delta", Value::Number(q(0, 1)));
    let e = ClopperPearson::catalogue().evaluate(&cp, &Instance::default(), 64).unwrap_err();
    assert!(e.to_string().contains("delta"), "{e}");
    // All weights zero: no law.
    let mut eb = Instance::default().with("n", Value::Integer(5)).with("delta", Value::Number(q(1, 10)));
    for name in ["x0", "x1", "x2", "x3"] {
        eb = eb.with(name, Value::Number(q(1, 2)));
    }
    for name in ["w0", "w1", "w2", "w3"] {
        eb = eb.with(name, Value::Integer(0));
    }
    assert!(matches!(EmpiricalBernstein::catalogue().evaluate(&eb, &Instance::default(), 64), Err(EvalError::Reference(_))));
}

#[test]
fn replayed_instances_are_checked_against_the_spec() {
    let specs = catalogue_specs();
    let spec = specs.iter().find(|s| s.id == "concentration.empirical_bernstein").unwrap();
    let bad_delta = r#"{"n":5,"delta":"1","x0":"0","x1":"1","x2":"1","x3":"1","w0":1,"w1":1,"w2":0,"w3":0}"#;
    let e = Instance::from_json(bad_delta, spec).unwrap_err();
    assert!(e.contains("delta"), "{e}");
    let too_small = r#"{"n":1,"delta":"1/2","x0":"0","x1":"1","x2":"1","x3":"1","w0":1,"w1":1,"w2":0,"w3":0}"#;
    assert!(Instance::from_json(too_small, spec).unwrap_err().contains("'n'"));
}
