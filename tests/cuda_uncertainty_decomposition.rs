//! GPU tests of the uncertainty decomposition (`kernels::cuda::uncertainty_decomposition`,
//! feature `cuda`).
//!
//! Against the reference: the differential harness with `Backend::Cuda` classifies every GPU
//! output (entropy form against MPFR, variance form against exact rationals) under
//! `tolerances_mc::entropy_budget` / `variance_budget` (CUDA's `log` is within the CPU analysis's
//! libm assumption, so the budgets apply unchanged). Also: bit-identical repeated runs on a
//! large batch, the variance form equal to the CPU kernel's bit for bit (it calls no libm, and the
//! GPU mirrors the CPU's operations), and the CPU kernel's typed errors for bad input.
//!
//! Ignored without a GPU, failing under `THEOREMCHECK_REQUIRE_CUDA=1` (see tests/cuda_ece.rs).
#![cfg(feature = "cuda")]

mod gpu_support;

use gpu_support::{assert_cuda_within_budget, require_gpu};
use theoremcheck::kernels::cpu::uncertainty_decomposition::uncertainty_decomposition as cpu_decomposition;
use theoremcheck::kernels::cuda::uncertainty_decomposition::{uncertainty_decomposition, CudaUncertaintyError};

/// `n` inputs of `members` normalized rows over `classes` classes, some entries exactly 0.
fn ensemble(n: usize, members: usize, classes: usize) -> Vec<f64> {
    let unit = |i: usize| ((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / (1u64 << 53) as f64;
    let mut probs = Vec::with_capacity(n * members * classes);
    for r in 0..n * members {
        let raw: Vec<f64> = (0..classes).map(|y| if (r + y) % 7 == 0 { 0.0 } else { unit(r * classes + y) + 1e-3 }).collect();
        let s: f64 = raw.iter().sum();
        probs.extend(raw.iter().map(|x| x / s));
    }
    probs
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget() {
    require_gpu();
    assert_cuda_within_budget("uncertainty_decomposition", 48, 60, 0x0C0D_A5F2);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical_and_the_variance_form_equals_the_cpu_kernel() {
    require_gpu();
    let (n, members, classes) = (50_001usize, 5usize, 6usize);
    let probs = ensemble(n, members, classes);
    let first = uncertainty_decomposition(&probs, members, classes).unwrap();
    let second = uncertainty_decomposition(&probs, members, classes).unwrap();
    let bits = |d: &[theoremcheck::kernels::cpu::uncertainty_decomposition::Decomposition]| {
        d.iter()
            .flat_map(|x| {
                [x.total_entropy, x.aleatoric_entropy, x.epistemic_entropy, x.total_variance, x.aleatoric_variance, x.epistemic_variance]
            })
            .map(f64::to_bits)
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&first), bits(&second));
    let cpu = cpu_decomposition(&probs, members, classes).unwrap();
    for (i, (g, c)) in first.iter().zip(&cpu).enumerate() {
        let v = |d: &theoremcheck::kernels::cpu::uncertainty_decomposition::Decomposition| {
            [d.total_variance.to_bits(), d.aleatoric_variance.to_bits(), d.epistemic_variance.to_bits()]
        };
        assert_eq!(v(g), v(c), "input {i}: variance form differs from the CPU kernel");
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let good = ensemble(3, 2, 3);
    let mut out_of_range = good.clone();
    out_of_range[4] = 1.5;
    let mut bad_sum = good.clone();
    bad_sum[7] += 1e-3;
    let cases: Vec<(&[f64], usize, usize)> =
        vec![(&good, 0, 3), (&good, 2, 0), (&[], 2, 3), (&good[..17], 2, 3), (&out_of_range, 2, 3), (&bad_sum, 2, 3)];
    for (probs, members, classes) in cases {
        let cpu = cpu_decomposition(probs, members, classes).unwrap_err();
        let gpu = uncertainty_decomposition(probs, members, classes).unwrap_err();
        assert_eq!(gpu, CudaUncertaintyError::Input(cpu));
    }
}
