//! Tests of the concentration-bound kernel (`kernels::cpu::concentration_bounds`).
//!
//! The kernel returns upper bounds, so the property that matters is "never below the exact
//! value": a proptest draws adversarial grid points (the harness generator, seeded by proptest)
//! and requires every value to be certified ≥ the 128-bit reference enclosure and within the
//! derived budget. Also: known values, typed errors for every bad parameter, and bit-identical
//! output for 1, 2 and 3 threads.

use proptest::prelude::*;
use theoremcheck::kernels::cpu::concentration_bounds::{concentration_bounds, upper_bound, BoundParams, ConcentrationError};
use theoremcheck::kernels::diff::concentration_bounds::{point, reference};
use theoremcheck::kernels::diff::{classify_upper_bound, Classification, Splitmix};
use theoremcheck::kernels::tolerances_concentration::budget;

fn grid(seed: u64, size: usize) -> Vec<BoundParams> {
    let mut g = Splitmix::for_case(seed, 0);
    (0..size).map(|_| point(&mut g)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// fast ≥ exact (and within budget) on adversarial grid points.
    #[test]
    fn never_below_the_exact_value(seed in any::<u64>()) {
        let points = grid(seed, 8);
        let values = concentration_bounds(&points).unwrap();
        for (p, v) in points.iter().zip(&values) {
            let exact = reference(p).unwrap();
            let c = classify_upper_bound(*v, &exact, budget(p, *v));
            prop_assert_ne!(c.classification, Classification::BoundViolated, "{:?}: {} below {}", p, v, c.reference_lo);
            prop_assert_eq!(c.classification, Classification::Within, "{:?}: {} vs [{}, {}], budget {}", p, v, c.reference_lo, c.reference_hi, c.budget);
        }
    }
}

#[test]
fn known_values() {
    // Hoeffding with a = b is 0; McAllester at L̂ = 1/10, KL = 0, n = 100, δ = 1/20 is 0.27308…
    assert_eq!(upper_bound(&BoundParams::Hoeffding { n: 5, a: 0.5, b: 0.5, t: 1.0 }).unwrap(), 0.0);
    let m = upper_bound(&BoundParams::McAllester { emp: 0.1, kl: 0.0, n: 100, delta: 0.05 }).unwrap();
    assert!((m - (0.1 + (400f64.ln() / 200.0).sqrt())).abs() < 1e-14 && m > 0.273);
    // λ = 1 at zero risk: 2·ln(2√n/δ)/n.
    let l = upper_bound(&BoundParams::Lambda { emp: 0.0, kl: 0.0, n: 10, delta: 0.5, lambda: 1.0 }).unwrap();
    assert!((l - 2.0 * (2.0 * 10f64.sqrt() / 0.5).ln() / 10.0).abs() < 1e-14);
    // Bernstein with σ² = b = 0 is its limit 0.
    assert_eq!(upper_bound(&BoundParams::Bernstein { variance: 0.0, b: 0.0, t: 1.0 }).unwrap(), 0.0);
}

#[test]
fn bad_parameters_are_typed_errors() {
    use ConcentrationError as E;
    let err = |p: BoundParams| concentration_bounds(&[BoundParams::Bernstein { variance: 1.0, b: 1.0, t: 1.0 }, p]).unwrap_err();
    assert!(matches!(err(BoundParams::Hoeffding { n: 0, a: 0.0, b: 1.0, t: 1.0 }), E::TooFewSamples { index: 1, .. }));
    assert!(matches!(err(BoundParams::Hoeffding { n: 1, a: 1.0, b: 0.0, t: 1.0 }), E::EmptyRange { .. }));
    assert!(matches!(err(BoundParams::Hoeffding { n: 1, a: 0.0, b: 1.0, t: 0.0 }), E::NonPositiveDeviation { .. }));
    assert!(matches!(err(BoundParams::Hoeffding { n: 1, a: f64::NAN, b: 1.0, t: 1.0 }), E::NotFinite { name: "a", .. }));
    assert!(matches!(err(BoundParams::Bernstein { variance: -1.0, b: 1.0, t: 1.0 }), E::Negative { name: "variance", .. }));
    assert!(matches!(err(BoundParams::Bernstein { variance: 1.0, b: f64::INFINITY, t: 1.0 }), E::NotFinite { name: "b", .. }));
    assert!(matches!(err(BoundParams::EmpiricalBernstein { n: 1, v: 1.0, delta: 0.1 }), E::TooFewSamples { min: 2, .. }));
    assert!(matches!(err(BoundParams::EmpiricalBernstein { n: 5, v: 1.0, delta: 1.0 }), E::DeltaOutOfRange { .. }));
    assert!(matches!(err(BoundParams::McAllester { emp: 0.1, kl: 0.0, n: 5, delta: f64::NAN }), E::DeltaOutOfRange { .. }));
    assert!(matches!(err(BoundParams::McAllester { emp: 1.5, kl: 0.0, n: 5, delta: 0.1 }), E::EmpiricalRiskOutOfRange { .. }));
    assert!(matches!(err(BoundParams::McAllester { emp: 0.1, kl: -1.0, n: 5, delta: 0.1 }), E::Negative { name: "kl", .. }));
    assert!(matches!(err(BoundParams::McAllester { emp: 0.1, kl: 0.0, n: 0, delta: 0.1 }), E::TooFewSamples { min: 1, .. }));
    assert!(matches!(err(BoundParams::Catoni { emp: 0.1, kl: 0.0, n: 5, delta: 0.1, c: 0.0 }), E::CatoniConstantNotPositive { .. }));
    assert!(matches!(err(BoundParams::Lambda { emp: 0.1, kl: 0.0, n: 5, delta: 0.1, lambda: 2.0 }), E::LambdaOutOfRange { .. }));
    assert!(concentration_bounds(&[]).unwrap().is_empty());
}

#[test]
fn bit_identical_for_one_two_and_three_threads() {
    let points = grid(42, 20_000);
    let run = |t: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap();
        pool.install(|| concentration_bounds(&points).unwrap())
    };
    let one: Vec<u64> = run(1).iter().map(|v| v.to_bits()).collect();
    for t in [2, 3] {
        let other: Vec<u64> = run(t).iter().map(|v| v.to_bits()).collect();
        assert_eq!(one, other, "{t} threads");
    }
}
