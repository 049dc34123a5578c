//! GPU tests of the tempered product of experts and the LPF confidence weights
//! (`kernels::cuda::poe_aggregate`, feature `cuda`).
//!
//! Against the reference: the differential harness with `Backend::Cuda` classifies every GPU
//! output against MPFR intervals under `tolerances_mc::poe_budget` and
//! `confidence_weight_budget` (CUDA's `log` and `exp` are within the CPU analysis's libm
//! assumption, so the budgets apply unchanged). Also: bit-identical repeated runs on a large
//! batch, and the CPU kernel's typed errors (same variant, same index) for bad input.
//!
//! Ignored without a GPU, failing under `THEOREMCHECK_REQUIRE_CUDA=1` (see tests/cuda_ece.rs).
#![cfg(feature = "cuda")]

mod gpu_support;

use gpu_support::{assert_cuda_within_budget, require_gpu};
use theoremcheck::kernels::cpu::poe_aggregate::{lpf_confidence_weights as cpu_weights, poe_aggregate as cpu_poe};
use theoremcheck::kernels::cuda::poe_aggregate::{lpf_confidence_weights, poe_aggregate, CudaPoeError};

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget() {
    require_gpu();
    assert_cuda_within_budget("poe_aggregate", 48, 40, 0x0C0D_A5F1);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical() {
    require_gpu();
    let (batch, k, classes) = (100_003usize, 5usize, 7usize);
    let unit = |i: usize, salt: u64| ((i as u64 ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / (1u64 << 53) as f64;
    let phi: Vec<f64> = (0..batch * k * classes).map(|i| unit(i, 1) + 1e-3).collect();
    let weights: Vec<f64> = (0..batch * k).map(|i| unit(i, 2).max(1e-3)).collect();
    let prior: Vec<f64> = (0..classes).map(|y| 0.1 + y as f64).collect();
    let first = poe_aggregate(&phi, &weights, Some(&prior), k, classes).unwrap();
    let second = poe_aggregate(&phi, &weights, Some(&prior), k, classes).unwrap();
    assert_eq!(first.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), second.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
    let sigmas: Vec<f32> = (0..batch).map(|i| (400.0 * unit(i, 3).powi(4)) as f32).collect();
    let a = lpf_confidence_weights(&sigmas).unwrap();
    let b = lpf_confidence_weights(&sigmas).unwrap();
    assert_eq!(a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), b.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
}

/// `(phi, weights, prior, K, |Y|)`.
type Case<'a> = (&'a [f64], &'a [f64], Option<&'a [f64]>, usize, usize);

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let phi = [0.5f64, 0.5, 0.2, 0.8, 0.0, 1.0, 0.0, 1.0];
    let dead_rows = [0.5f64, 0.5, 0.2, 0.8, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let w2 = [1.0f64, 1.0, 1.0, 1.0];
    let w3 = [1.0f64; 6];
    let cases: Vec<Case<'_>> = vec![
        (&phi, &w2, None, 0, 2),
        (&phi, &w2, None, 2, 0),
        (&[], &[], None, 2, 2),
        (&phi[..7], &w2, None, 2, 2),
        (&phi, &w2[..3], None, 2, 2),
        (&phi, &w2, Some(&[1.0]), 2, 2),
        (&[0.5, -0.5, 0.2, 0.8], &w2[..2], None, 2, 2),
        (&[0.5, f64::INFINITY, 0.2, 0.8], &w2[..2], None, 2, 2),
        (&phi, &[1.0, 1.5, 1.0, 1.0], None, 2, 2),
        (&phi, &[1.0, 1.0, 0.0, 1.0], None, 2, 2),
        (&phi, &w2, Some(&[1.0, -1.0]), 2, 2),
        // Rows 1 and 2 of three have no class with positive mass: the error names row 1.
        (&dead_rows, &w3, None, 2, 2),
        (&phi[..4], &w2[..2], Some(&[0.0, 0.0]), 2, 2),
    ];
    for (phi, w, prior, k, classes) in cases {
        let cpu = cpu_poe(phi, w, prior, k, classes).unwrap_err();
        let gpu = poe_aggregate(phi, w, prior, k, classes).unwrap_err();
        assert_eq!(gpu, CudaPoeError::Input(cpu));
    }
    let cpu = cpu_weights(&[0.0f64, 1.0, -2.0, -3.0]).unwrap_err();
    assert_eq!(lpf_confidence_weights(&[0.0f64, 1.0, -2.0, -3.0]).unwrap_err(), CudaPoeError::Input(cpu));
}
