//! GPU tests of the kl-inverse kernels (`kernels::cuda::kl_inverse`, feature `cuda`).
//!
//! Against the reference, not the CPU kernel: the differential harness with `Backend::Cuda`
//! classifies every GPU output against the certified MPFR root under
//! `tolerances_klbt::kl_inverse_budget` (which `kernels::cuda::kl_inverse` shows covers the GPU,
//! whose math library is documented within the analysis's 2-ulp assumption), one-sided: an upper
//! bound below the exact root, or a lower bound above it, is a violation. Also: bit-identical
//! repeated runs, and the CPU kernel's typed errors for bad input.
//!
//! Without a GPU these tests are reported *ignored*, never passed: `build.rs` compiles them
//! as ignored, with the reason "no CUDA device found at build time" (cfg `theoremcheck_no_gpu`),
//! unless the build machine has `/dev/nvidia0` or
//! `THEOREMCHECK_REQUIRE_CUDA=1` is set; a test that does run fails when no device is found. On a
//! GPU machine, binaries built elsewhere are run with `--include-ignored` (kernels/run-gpu.sh).
#![cfg(feature = "cuda")]

use theoremcheck::kernels::cpu::kl_inverse::KlInverseError;
use theoremcheck::kernels::cuda::kl_inverse::{kl_inverse_lower, kl_inverse_upper, kl_inverse_upper_into, CudaKlInverseError};

mod gpu_support;
use gpu_support::{assert_cuda_within_budget, require_gpu};

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget_and_one_sided() {
    require_gpu();
    for (cases, max_n, seed) in [(64, 1_000, 0x0C0D_A4B1), (32, 1_000_000, 0x0C0D_A4B2)] {
        assert_cuda_within_budget("kl_inverse", cases, max_n, seed);
    }
}

/// A batch that walks both directions, the special cases and the extreme magnitudes.
fn batch(n: usize) -> (Vec<f64>, Vec<f64>) {
    let special_q = [0.0, 1.0, 5e-324, 1e-300, 1e-10, 0.5, 1.0 - f64::EPSILON / 2.0];
    let special_c = [0.0, 5e-324, 1e-300, 1e-8, std::f64::consts::LN_2, 1000.0, f64::INFINITY];
    let mix = |i: usize, salt: u64| ((i as u64 ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / (1u64 << 53) as f64;
    let q = (0..n).map(|i| if i % 5 == 0 { special_q[i / 5 % special_q.len()] } else { mix(i, 1) }).collect();
    let c = (0..n).map(|i| if i % 3 == 0 { special_c[i / 3 % special_c.len()] } else { 3.0 * mix(i, 2) }).collect();
    (q, c)
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical() {
    require_gpu();
    let (q, c) = batch(200_003);
    let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
    assert_eq!(bits(kl_inverse_upper(&q, &c).unwrap()), bits(kl_inverse_upper(&q, &c).unwrap()));
    assert_eq!(bits(kl_inverse_lower(&q, &c).unwrap()), bits(kl_inverse_lower(&q, &c).unwrap()));
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn special_cases_are_the_closed_forms() {
    require_gpu();
    let q = [0.3, 1.0, 0.3, 0.0, 0.3];
    let c = [0.0, 0.5, f64::INFINITY, 0.5, f64::INFINITY];
    let up = kl_inverse_upper(&q, &c).unwrap();
    assert_eq!(&up[..3], &[0.3, 1.0, 1.0]);
    let lo = kl_inverse_lower(&q, &c).unwrap();
    assert_eq!(lo[0], 0.3);
    assert_eq!(lo[3], 0.0);
    assert_eq!(lo[4], 0.0);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let input = |e: CudaKlInverseError| match e {
        CudaKlInverseError::Input(i) => i,
        other => panic!("expected an input error, got {other}"),
    };
    let mut q = vec![0.5; 10_000];
    let mut c = vec![0.1; 10_000];
    q[7_001] = f64::NAN;
    q[9_000] = 1.5;
    assert_eq!(input(kl_inverse_upper(&q, &c).unwrap_err()), KlInverseError::NotANumber { name: "q", index: 7_001 });
    q[7_001] = -0.25;
    assert_eq!(input(kl_inverse_lower(&q, &c).unwrap_err()), KlInverseError::QOutOfRange { index: 7_001, value: -0.25 });
    q[7_001] = 0.5;
    q[9_000] = 0.5;
    c[123] = f64::NAN;
    assert_eq!(input(kl_inverse_upper(&q, &c).unwrap_err()), KlInverseError::NotANumber { name: "c", index: 123 });
    c[123] = -1.0;
    assert_eq!(input(kl_inverse_lower(&q, &c).unwrap_err()), KlInverseError::NegativeC { index: 123, value: -1.0 });
    assert_eq!(input(kl_inverse_upper(&q[..3], &c[..2]).unwrap_err()), KlInverseError::LengthMismatch { q: 3, c: 2 });
    assert_eq!(input(kl_inverse_upper(&[], &[]).unwrap_err()), KlInverseError::Empty);
    let mut out = vec![0.0; 2];
    assert_eq!(input(kl_inverse_upper_into(&[0.5; 3], &[0.1; 3], &mut out).unwrap_err()), KlInverseError::OutputLength { out: 2, n: 3 });
}
