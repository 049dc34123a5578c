//! Tests of the uncertainty-decomposition kernel (`kernels::cpu::uncertainty_decomposition`).
//!
//! Exact small cases; the decomposition identity `total = aleatoric + epistemic` (LPF Theorem 7)
//! holds within the derived budgets (the kernel computes the three terms independently); the
//! epistemic terms are never negative, also for identical members where they are exactly 0 in
//! exact arithmetic; the differential harness is within budget on another seed; output is
//! bit-identical for 1, 2 and 3 threads; bad inputs are typed errors.

use theoremcheck::kernels::cpu::uncertainty_decomposition::{uncertainty_decomposition, UncertaintyError};
use theoremcheck::kernels::diff::{op, Backend, DiffConfig};
use theoremcheck::kernels::tolerances_mc::{entropy_budget, variance_budget};

fn random_rows(n: usize, m: usize, classes: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out = Vec::new();
    for _ in 0..n * m {
        let raw: Vec<f64> = (0..classes).map(|_| next() + 1e-3).collect();
        let t: f64 = raw.iter().sum();
        out.extend(raw.iter().map(|x| x / t));
    }
    out
}

#[test]
fn identity_holds_within_budget_and_epistemic_is_never_negative() {
    for (m, classes) in [(1usize, 2usize), (2, 3), (5, 10), (16, 4)] {
        let probs = random_rows(200, m, classes, m as u64);
        let (eb, vb) = (entropy_budget(m, classes), variance_budget(m, classes));
        for d in uncertainty_decomposition(&probs, m, classes).unwrap() {
            assert!((d.total_entropy - d.aleatoric_entropy - d.epistemic_entropy).abs() <= 3.0 * eb + 4.0 * f64::EPSILON);
            assert!((d.total_variance - d.aleatoric_variance - d.epistemic_variance).abs() <= 3.0 * vb + 2.0 * f64::EPSILON);
            assert!(d.epistemic_entropy >= 0.0 && d.epistemic_variance >= 0.0);
            if m == 1 {
                assert_eq!(d.epistemic_variance, 0.0);
            }
        }
    }
    // Identical members: exact epistemic 0; the kernel returns a value in [0, budget].
    let row = [0.1f64, 0.2, 0.7];
    let probs: Vec<f64> = (0..3).flat_map(|_| row).collect();
    let d = uncertainty_decomposition(&probs, 3, 3).unwrap()[0];
    assert!(d.epistemic_entropy >= 0.0 && d.epistemic_entropy <= entropy_budget(3, 3));
    assert!(d.epistemic_variance <= variance_budget(3, 3));
}

#[test]
fn exact_small_cases() {
    let d = uncertainty_decomposition(&[0.5f32, 0.5, 0.5, 0.5], 2, 2).unwrap()[0];
    assert_eq!(d.total_variance, 0.5);
    assert_eq!(d.aleatoric_variance, 0.5);
    assert_eq!(d.epistemic_variance, 0.0);
    assert_eq!(d.epistemic_entropy, 0.0);
    assert!((d.total_entropy - 2f64.ln()).abs() <= 2.0 * f64::EPSILON);
    let one_hot = uncertainty_decomposition(&[0.0f64, 1.0, 0.0, 0.0, 0.0, 1.0], 2, 3).unwrap()[0];
    assert_eq!(one_hot.aleatoric_entropy, 0.0);
    assert!((one_hot.epistemic_entropy - 2f64.ln()).abs() <= entropy_budget(2, 3));
    assert_eq!(one_hot.epistemic_variance, 0.5);
}

#[test]
fn differential_harness_is_within_budget_on_another_seed() {
    let config = DiffConfig { cases: 30, max_n: 200, seed: 777, backend: Backend::Cpu };
    let report = op("uncertainty_decomposition").unwrap().run(&config).unwrap();
    assert!(report.outputs > 100);
    assert!(report.all_within(), "{:#?}", &report.disagreements[..report.disagreements.len().min(5)]);
}

#[test]
fn bit_identical_for_one_two_three_threads() {
    let probs = random_rows(20_000, 5, 7, 9);
    let run = |t: usize| {
        rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap().install(|| uncertainty_decomposition(&probs, 5, 7).unwrap())
    };
    let first = run(1);
    for t in [2, 3, 1, 3] {
        let again = run(t);
        assert!(again.iter().zip(&first).all(|(a, b)| {
            [a.total_entropy, a.aleatoric_entropy, a.epistemic_entropy, a.total_variance, a.aleatoric_variance, a.epistemic_variance]
                .iter()
                .zip([
                    b.total_entropy,
                    b.aleatoric_entropy,
                    b.epistemic_entropy,
                    b.total_variance,
                    b.aleatoric_variance,
                    b.epistemic_variance,
                ])
                .all(|(x, y)| x.to_bits() == y.to_bits())
        }));
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    let p = [0.5f64, 0.5];
    assert_eq!(uncertainty_decomposition(&p, 0, 2), Err(UncertaintyError::NoMembers));
    assert_eq!(uncertainty_decomposition(&p, 1, 0), Err(UncertaintyError::NoClasses));
    assert_eq!(uncertainty_decomposition::<f64>(&[], 1, 2), Err(UncertaintyError::Empty));
    assert_eq!(uncertainty_decomposition(&[0.5f64, 0.5, 1.0], 1, 2), Err(UncertaintyError::Shape { got: 3, row: 2 }));
    assert!(matches!(uncertainty_decomposition(&[0.5f64, f64::NAN], 1, 2), Err(UncertaintyError::OutOfRange { index: 1, .. })));
    assert!(matches!(uncertainty_decomposition(&[1.5f64, -0.5], 1, 2), Err(UncertaintyError::OutOfRange { index: 0, .. })));
    assert!(matches!(uncertainty_decomposition(&[0.5f64, 0.5, 0.5, 0.6], 2, 2), Err(UncertaintyError::RowSum { input: 0, member: 1, .. })));
}
