//! Tests of the tempered product-of-experts kernel (`kernels::cpu::poe_aggregate`) and the LPF
//! confidence weight.
//!
//! With weights 1 the normalized product is rational: the kernel must agree with the exact value
//! within `tolerances_mc::poe_budget`. The differential harness (MPFR, general weights) is within
//! budget on another seed; scaling a factor does not change the output beyond the budget (the
//! documented normalization policy); output is bit-identical for 1, 2 and 3 threads; bad inputs
//! are typed errors.

use rug::Rational;
use theoremcheck::kernels::cpu::poe_aggregate::{lpf_confidence_weight, lpf_confidence_weights, poe_aggregate, PoeError};
use theoremcheck::kernels::diff::{op, Backend, DiffConfig};
use theoremcheck::kernels::tolerances_mc::poe_budget;

fn q(x: f64) -> Rational {
    Rational::from_f64(x).unwrap()
}

#[test]
fn unit_weights_agree_with_the_exact_rational_product() {
    let (k, classes) = (3, 4);
    let phi: Vec<f64> = (0..2 * k * classes).map(|j| 0.05 + ((j * 7) % 11) as f64 / 13.0).collect();
    let weights = vec![1.0; 2 * k];
    let prior = [0.1, 0.2, 0.3, 0.4];
    for with_prior in [false, true] {
        let pr = with_prior.then_some(&prior[..]);
        let out = poe_aggregate(&phi, &weights, pr, k, classes).unwrap();
        for r in 0..2 {
            let mass: Vec<Rational> = (0..classes)
                .map(|y| {
                    (0..k).fold(if with_prior { q(prior[y]) } else { Rational::from(1) }, |acc, i| acc * q(phi[(r * k + i) * classes + y]))
                })
                .collect();
            let total: Rational = mass.iter().sum();
            let log_mass = (0..classes)
                .map(|y| {
                    (if with_prior { prior[y].ln().abs() } else { 0.0 })
                        + (0..k).map(|i| phi[(r * k + i) * classes + y].ln().abs()).sum::<f64>()
                })
                .fold(0.0, f64::max);
            let budget = q(poe_budget(k, classes, log_mass * 1.01));
            for y in 0..classes {
                let exact = Rational::from(&mass[y] / &total);
                assert!((q(out[r * classes + y]) - exact).abs() <= budget, "row {r} class {y}");
            }
        }
    }
}

#[test]
fn zero_factors_give_exact_zeros_and_scaling_is_harmless() {
    let phi = [0.5f64, 0.0, 0.5, 0.25, 0.75, 0.0];
    let out = poe_aggregate(&phi, &[0.5, 0.7], None, 2, 3).unwrap();
    assert_eq!(out[1], 0.0);
    assert_eq!(out[2], 0.0);
    assert_eq!(out[0], 1.0);
    let a = [0.2f64, 0.5, 0.3, 0.6, 0.1, 0.3];
    let scaled: Vec<f64> = a.iter().enumerate().map(|(j, x)| if j < 3 { x * 1e-200 } else { *x }).collect();
    let w = [0.3, 0.9];
    let p = poe_aggregate(&a, &w, None, 2, 3).unwrap();
    let s = poe_aggregate(&scaled, &w, None, 2, 3).unwrap();
    let budget = 2.0 * poe_budget(2, 3, 0.3 * (1e-200f64).ln().abs() + 5.0);
    assert!(p.iter().zip(&s).all(|(x, y)| (x - y).abs() <= budget));
}

#[test]
fn differential_harness_is_within_budget_on_another_seed() {
    let config = DiffConfig { cases: 30, max_n: 500, seed: 4242, backend: Backend::Cpu };
    let report = op("poe_aggregate").unwrap().run(&config).unwrap();
    assert!(report.outputs > 100);
    assert!(report.all_within(), "{:#?}", &report.disagreements[..report.disagreements.len().min(5)]);
}

#[test]
fn confidence_weight_values() {
    assert_eq!(lpf_confidence_weight(0.0f64), Ok(0.5));
    let w1 = lpf_confidence_weight(1.0f32).unwrap();
    assert!((w1 - 1.0 / ((1.0 + 2f64.exp()) * 2.0)).abs() < 1e-16);
    assert_eq!(lpf_confidence_weight(f64::INFINITY), Ok(0.0));
    assert_eq!(lpf_confidence_weight(-0.1f64), Err(PoeError::BadSigma(-0.1)));
    assert!(matches!(lpf_confidence_weight(f64::NAN), Err(PoeError::BadSigma(_))));
    assert!(lpf_confidence_weights(&[0.0f64, 1.0, f64::NAN]).is_err());
    assert_eq!(lpf_confidence_weights(&[0.0f64, 0.0]).unwrap(), vec![0.5, 0.5]);
}

#[test]
fn bit_identical_for_one_two_three_threads() {
    let (k, classes, batch) = (7, 5, 3001);
    let phi: Vec<f32> = (0..batch * k * classes).map(|j| ((j as f32 * 0.618).fract() + 1e-3).min(1.0)).collect();
    let w: Vec<f32> = (0..batch * k).map(|j| ((j as f32 * 0.377).fract()).max(0.01)).collect();
    let prior = [0.1f32, 0.2, 0.3, 0.2, 0.2];
    let run = |t: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap()
            .install(|| poe_aggregate(&phi, &w, Some(&prior), k, classes).unwrap())
    };
    let first = run(1);
    for t in [2, 3, 1, 2] {
        assert!(run(t).iter().zip(&first).all(|(a, b)| a.to_bits() == b.to_bits()), "{t} threads");
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    let phi = [0.5f64, 0.5];
    assert_eq!(poe_aggregate(&phi, &[1.0], None, 0, 2), Err(PoeError::NoFactors));
    assert_eq!(poe_aggregate(&phi, &[1.0], None, 1, 0), Err(PoeError::NoClasses));
    assert_eq!(poe_aggregate::<f64>(&[], &[], None, 1, 2), Err(PoeError::Empty));
    assert_eq!(poe_aggregate(&phi[..1], &[1.0], None, 1, 2), Err(PoeError::Shape { name: "phi", got: 1, expected: 2 }));
    assert_eq!(poe_aggregate(&phi, &[1.0, 1.0], None, 1, 2), Err(PoeError::Shape { name: "weights", got: 2, expected: 1 }));
    assert_eq!(poe_aggregate(&phi, &[1.0], Some(&[1.0]), 1, 2), Err(PoeError::Shape { name: "prior", got: 1, expected: 2 }));
    assert!(matches!(poe_aggregate(&[0.5, f64::NAN], &[1.0], None, 1, 2), Err(PoeError::BadValue { name: "phi", index: 1, .. })));
    assert!(matches!(poe_aggregate(&[0.5, -0.1], &[1.0], None, 1, 2), Err(PoeError::BadValue { name: "phi", index: 1, .. })));
    assert_eq!(poe_aggregate(&phi, &[0.0], None, 1, 2), Err(PoeError::WeightOutOfRange { index: 0, value: 0.0 }));
    assert_eq!(poe_aggregate(&phi, &[1.5], None, 1, 2), Err(PoeError::WeightOutOfRange { index: 0, value: 1.5 }));
    assert!(matches!(poe_aggregate(&phi, &[1.0], Some(&[0.5, -1.0]), 1, 2), Err(PoeError::BadValue { name: "prior", .. })));
    assert_eq!(poe_aggregate(&[0.5, 0.5, 0.0, 0.0], &[1.0, 1.0], None, 1, 2), Err(PoeError::ZeroMass { row: 1 }));
}
