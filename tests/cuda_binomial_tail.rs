//! GPU tests of the binomial log-tail kernels (`kernels::cuda::binomial_tail`, feature `cuda`).
//!
//! Against the reference, not the CPU kernel: the differential harness with `Backend::Cuda`
//! classifies every GPU output (`ln P[X ≥ k]` and `ln P[X ≤ k]`) against the log of the exact
//! rational tail under `tolerances_klbt::binomial_log_{tail,cdf}_budget` (which
//! `kernels::cuda::binomial_tail` shows covers the GPU), and requires exactly `−∞` for empty
//! events. Also: bit-identical repeated runs, and the CPU kernel's typed errors for bad input.
//!
//! Without a GPU these tests are reported *ignored*, never passed: `build.rs` compiles them
//! as ignored, with the reason "no CUDA device found at build time" (cfg `theoremcheck_no_gpu`),
//! unless the build machine has `/dev/nvidia0` or
//! `THEOREMCHECK_REQUIRE_CUDA=1` is set; a test that does run fails when no device is found. On a
//! GPU machine, binaries built elsewhere are run with `--include-ignored` (kernels/run-gpu.sh).
#![cfg(feature = "cuda")]

use theoremcheck::kernels::cpu::binomial_tail::{BinomialTailError, N_MAX};
use theoremcheck::kernels::cuda::binomial_tail::{binomial_log_cdf, binomial_log_sf, binomial_log_sf_into, CudaBinomialTailError};

mod gpu_support;
use gpu_support::{assert_cuda_within_budget, require_gpu};

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget() {
    require_gpu();
    for (cases, max_n, seed) in [(64, 2_000, 0x0C0D_B171), (16, 200_000, 0x0C0D_B172)] {
        assert_cuda_within_budget("binomial_tail", cases, max_n, seed);
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical() {
    require_gpu();
    let len = 100_003usize;
    let mix = |i: usize, salt: u64| (i as u64 ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11;
    let n: Vec<u32> = (0..len).map(|i| (mix(i, 1) % 5_000) as u32).collect();
    let k: Vec<u32> = (0..len).map(|i| (mix(i, 2) % (u64::from(n[i]) + 2)) as u32).collect();
    let p: Vec<f64> =
        (0..len).map(|i| if i % 7 == 0 { [0.0, 1.0, 1e-300, 0.5][i / 7 % 4] } else { mix(i, 3) as f64 / (1u64 << 53) as f64 }).collect();
    let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
    assert_eq!(bits(binomial_log_sf(&n, &k, &p).unwrap()), bits(binomial_log_sf(&n, &k, &p).unwrap()));
    assert_eq!(bits(binomial_log_cdf(&n, &k, &p).unwrap()), bits(binomial_log_cdf(&n, &k, &p).unwrap()));
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn special_cases_are_exact() {
    require_gpu();
    // k = 0; k > n; p = 0 with k ≥ 1; p = 1.
    let (n, k, p) = ([10, 10, 10, 10], [0, 11, 1, 4], [0.3, 0.3, 0.0, 1.0]);
    assert_eq!(binomial_log_sf(&n, &k, &p).unwrap(), vec![0.0, f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0]);
    // k ≥ n; p = 0; p = 1 with k < n.
    let (n, k, p) = ([10, 10, 10], [10, 3, 3], [0.3, 0.0, 1.0]);
    assert_eq!(binomial_log_cdf(&n, &k, &p).unwrap(), vec![0.0, 0.0, f64::NEG_INFINITY]);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let input = |e: CudaBinomialTailError| match e {
        CudaBinomialTailError::Input(i) => i,
        other => panic!("expected an input error, got {other}"),
    };
    let mut n = vec![100u32; 10_000];
    let k = vec![30u32; 10_000];
    let mut p = vec![0.25; 10_000];
    p[7_001] = f64::NAN;
    p[9_000] = 1.5;
    assert_eq!(input(binomial_log_sf(&n, &k, &p).unwrap_err()), BinomialTailError::NotANumber { index: 7_001 });
    p[7_001] = -0.25;
    assert_eq!(input(binomial_log_cdf(&n, &k, &p).unwrap_err()), BinomialTailError::ProbabilityOutOfRange { index: 7_001, value: -0.25 });
    p[7_001] = 0.25;
    p[9_000] = 0.25;
    n[55] = N_MAX + 1;
    assert_eq!(
        input(binomial_log_sf(&n, &k, &p).unwrap_err()),
        BinomialTailError::TooManyTrials { index: 55, value: N_MAX + 1, max: N_MAX }
    );
    assert_eq!(input(binomial_log_sf(&n[..3], &k[..2], &p[..3]).unwrap_err()), BinomialTailError::LengthMismatch { n: 3, k: 2, p: 3 });
    assert_eq!(input(binomial_log_cdf(&[], &[], &[]).unwrap_err()), BinomialTailError::Empty);
    let mut out = vec![0.0; 2];
    assert_eq!(
        input(binomial_log_sf_into(&[5; 3], &[1; 3], &[0.5; 3], &mut out).unwrap_err()),
        BinomialTailError::OutputLength { out: 2, len: 3 }
    );
}
