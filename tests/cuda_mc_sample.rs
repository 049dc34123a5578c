//! GPU tests of the Monte Carlo samples (`kernels::cuda::mc_sample`, feature `cuda`).
//!
//! Sample for sample: the Philox integers `(A, B)` of every (sample, pair) must equal the CPU
//! generator's (`rng::Philox4x32`, same key and counter layout) bit for bit, and every normal
//! coordinate must lie within `tolerances_cuda::mc_normal_abs_budget` of the exact Box–Muller
//! value of the same sample, computed with MPFR — compared with the reference, not with the CPU's
//! libm. Ignored without a GPU, failing under `THEOREMCHECK_REQUIRE_CUDA=1` (see tests/cuda_ece.rs).
#![cfg(feature = "cuda")]

mod gpu_support;

use gpu_support::require_gpu;
use rug::float::Constant;
use rug::Float;
use theoremcheck::kernels::cuda::mc_sample::{normals, uniform_bits};
use theoremcheck::kernels::tolerances_cuda::mc_normal_abs_budget;
use theoremcheck::rng::Philox4x32;

/// The CPU side's `(A, B)` of pair `j` of sample `m` of `factor`.
fn cpu_bits(seed: u64, factor: u64, m: u32, j: u32) -> (u64, u64) {
    let w = Philox4x32::new(seed).block(factor, (u64::from(j) << 32) | u64::from(m));
    (((u64::from(w[1]) << 32) | u64::from(w[0])) >> 11, ((u64::from(w[3]) << 32) | u64::from(w[2])) >> 11)
}

/// The exact pair `(r cos θ, r sin θ)` of `(A, B)` in 200-bit MPFR.
fn exact_pair(a: u64, b: u64) -> (Float, Float) {
    const P: u32 = 200;
    let u1 = Float::with_val(P, a + 1) >> 53u32;
    let u2 = Float::with_val(P, b) >> 53u32;
    let r = (Float::with_val(P, u1.ln_ref()) * -2i32).sqrt();
    let theta = Float::with_val(P, Constant::Pi) * 2u32 * u2;
    let (s, c) = (Float::with_val(P, theta.sin_ref()), Float::with_val(P, theta.cos_ref()));
    (Float::with_val(P, &r * c), Float::with_val(P, &r * s))
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn philox_integers_equal_the_cpu_generator_sample_for_sample() {
    require_gpu();
    for (seed, factor) in [(0u64, 0u64), (7, 3), (u64::MAX, u64::MAX), (0x299f31d0_a4093822, 1 << 40)] {
        let (samples, pairs) = (4099u32, 3u32);
        let gpu = uniform_bits(seed, factor, samples, pairs).unwrap();
        for m in 0..samples {
            for j in 0..pairs {
                assert_eq!(
                    gpu[(m * pairs + j) as usize],
                    cpu_bits(seed, factor, m, j),
                    "seed {seed}, factor {factor}, sample {m}, pair {j}"
                );
            }
        }
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn normals_are_within_budget_of_the_exact_samples() {
    require_gpu();
    let budget = mc_normal_abs_budget();
    let mut worst = 0.0f64;
    for (seed, factor, d) in [(1u64, 0u64, 5u32), (0xDEAD_BEEF, 9, 2), (42, 1 << 33, 1)] {
        let samples = 3000u32;
        let eps = normals(seed, factor, samples, d).unwrap();
        for m in 0..samples {
            for k in 0..d {
                let (a, b) = cpu_bits(seed, factor, m, k / 2);
                let (c, s) = exact_pair(a, b);
                let exact = if k % 2 == 0 { c } else { s };
                let got = eps[(m * d + k) as usize];
                let err = (Float::with_val(200, got) - &exact).abs().to_f64();
                worst = worst.max(err);
                assert!(
                    err <= budget,
                    "seed {seed}, factor {factor}, sample {m}, coordinate {k}: {got} vs {exact}, error {err:e} > {budget:e}"
                );
            }
        }
    }
    eprintln!("worst normal error {worst:e} (budget {budget:e})");
}
