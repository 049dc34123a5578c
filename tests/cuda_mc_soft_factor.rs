//! GPU tests of the Monte Carlo soft factors (`kernels::cuda::mc_soft_factor`, feature `cuda`).
//!
//! Against the reference: the differential harness with `Backend::Cuda` classifies every GPU
//! output against MPFR on the same Philox samples, under the budgets of `tolerances_mc` (the
//! probit decoder's re-derived for CUDA's `erfc` in `kernels::cuda::mc_soft_factor`). Against the
//! CPU kernel: both draw the same samples and differ only in libm, so the step decoder's counts
//! agree exactly when no margin is near the threshold, the probit / softmax outputs agree within
//! the sum of the two backends' budgets, and with one sample per factor (4096 factors) the
//! outputs agree sample for sample within the per-sample budgets. Also: bit-identical repeated runs,
//! and the CPU kernel's typed errors for bad input.
//!
//! Ignored without a GPU, failing under `THEOREMCHECK_REQUIRE_CUDA=1` (see tests/cuda_ece.rs).
#![cfg(feature = "cuda")]

mod gpu_support;

use gpu_support::{assert_cuda_within_budget, require_gpu};
use nalgebra::DMatrix;
use theoremcheck::kernels::cpu::mc_sample::fill_normals;
use theoremcheck::kernels::cpu::mc_soft_factor::{mc_soft_factor as cpu_soft_factor, Decoder, Latents, Scale, SoftFactorError};
use theoremcheck::kernels::cuda::mc_soft_factor::{mc_soft_factor, probit_sample_error as gpu_probit_sample_error, CudaSoftFactorError};
use theoremcheck::kernels::tolerances_mc::{margin_abs_error, probit_sample_error, soft_factor_budget, softmax_sample_error};
use theoremcheck::rng::Philox4x32;

/// `K = 2` factors in `d = 3` with diagonal scales; samples span several chunks plus a partial one.
const D: usize = 3;
const MEANS: [f64; 6] = [0.3, -1.2, 0.7, -0.4, 0.9, 2.1];
const SIGMA: [f64; 6] = [0.8, 1.3, 0.25, 1.7, 0.05, 0.9];
const U_DIR: [f64; 3] = [0.6, -1.1, 0.45];
const SAMPLES: u64 = 5_000;
const SEED: u64 = 0x50F7_FAC7;

/// The largest margin error of `tolerances_mc::margin_abs_error` over the factors (`means`,
/// `sigma`: `K × d`, diagonal scales) and the rows of `w` (`rows × d`, row-major) with offsets `b`;
/// the magnitudes are rounded up by a relative 1e-12 (at most d = 3 terms).
fn margin_error_of(means: &[f64], sigma: &[f64], w: &[f64], b: &[f64]) -> f64 {
    (0..means.len() / D)
        .flat_map(|i| {
            (0..b.len()).map(move |y| {
                let row = &w[y * D..(y + 1) * D];
                let c_abs: f64 = (0..D).map(|k| (row[k] * means[i * D + k]).abs()).sum::<f64>() + b[y].abs();
                let a_abs: f64 = (0..D).map(|k| (row[k] * sigma[i * D + k]).abs()).sum();
                margin_abs_error(D, c_abs * (1.0 + 1e-12), a_abs * (1.0 + 1e-12))
            })
        })
        .fold(0.0, f64::max)
}

/// [`margin_error_of`] for the fixed problem above.
fn margin_error(w: &[f64], b: &[f64]) -> f64 {
    margin_error_of(&MEANS, &SIGMA, w, b)
}

fn latents() -> Latents<'static, f64> {
    Latents { dim: D, means: &MEANS, scale: Scale::Diagonal(&SIGMA) }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget() {
    require_gpu();
    // 36 cases cycle through every decoder × scale × precision combination several times.
    assert_cuda_within_budget("mc_soft_factor", 36, 192, 0x0C0D_A5F0);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn step_decoder_counts_equal_the_cpu_kernel_when_no_margin_is_near_the_threshold() {
    require_gpu();
    let t = 0.2;
    // Precondition, checked on the CPU's samples: every margin is farther than 1e-9 from the
    // threshold, far beyond both backends' margin errors (~1e-14), so both count the same samples.
    let generator = Philox4x32::new(SEED);
    let mut eps = [0.0; D];
    let mut closest = f64::INFINITY;
    for i in 0..2 {
        for m in 0..SAMPLES as u32 {
            fill_normals(&generator, i as u64, m, &mut eps);
            let g: f64 = (0..D).map(|k| U_DIR[k] * (MEANS[i * D + k] + SIGMA[i * D + k] * eps[k])).sum::<f64>() - t;
            closest = closest.min(g.abs());
        }
    }
    assert!(closest > 1e-9, "the chosen seed puts a margin within {closest:e} of the threshold");
    let decoder = Decoder::Step { u: &U_DIR, t, a: 0.7, b: 0.1 };
    let gpu = mc_soft_factor(&latents(), &decoder, SAMPLES, SEED).unwrap();
    let cpu = cpu_soft_factor(&latents(), &decoder, SAMPLES, SEED).unwrap();
    assert_eq!(gpu, cpu);
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn probit_and_softmax_outputs_agree_with_the_cpu_kernel_within_both_budgets() {
    require_gpu();
    // Both backends evaluate the same samples with the same operations; each output is within its
    // backend's budget of the same exact value, so they differ by at most the sum of the budgets.
    let b = [0.35];
    let delta = margin_error(&U_DIR, &b);
    let probit = Decoder::Probit { u: &U_DIR, b: b[0] };
    let tolerance = soft_factor_budget(SAMPLES, probit_sample_error(delta)) + soft_factor_budget(SAMPLES, gpu_probit_sample_error(delta));
    let gpu = mc_soft_factor(&latents(), &probit, SAMPLES, SEED).unwrap();
    let cpu = cpu_soft_factor(&latents(), &probit, SAMPLES, SEED).unwrap();
    for (k, (x, y)) in gpu.values.iter().zip(&cpu.values).enumerate() {
        assert!((x - y).abs() <= tolerance, "probit output {k}: GPU {x} vs CPU {y}, tolerance {tolerance:e}");
    }

    let w_rows = [1.5, -0.3, 0.8, -2.0, 0.1, 0.4, 0.2, 1.9, -1.0, 30.0, -25.0, 12.0];
    let w = DMatrix::from_row_slice(4, D, &w_rows);
    let bs = [0.1, -0.2, 0.0, 3.0];
    let delta = margin_error(&w_rows, &bs);
    let softmax = Decoder::Softmax { w: &w, b: &bs };
    let tolerance = 2.0 * soft_factor_budget(SAMPLES, softmax_sample_error(4, delta));
    let gpu = mc_soft_factor(&latents(), &softmax, SAMPLES, SEED).unwrap();
    let cpu = cpu_soft_factor(&latents(), &softmax, SAMPLES, SEED).unwrap();
    for (k, (x, y)) in gpu.values.iter().zip(&cpu.values).enumerate() {
        assert!((x - y).abs() <= tolerance, "softmax output {k}: GPU {x} vs CPU {y}, tolerance {tolerance:e}");
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn one_sample_per_factor_agrees_with_the_cpu_kernel_sample_for_sample() {
    require_gpu();
    // With M = 1 each output is the decoder at one sample (sample 0 of stream i), so K = 4096
    // factors compare 4096 samples one by one: each within the sum of the two per-sample budgets.
    let k = 4096usize;
    let unit = |i: usize| ((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / (1u64 << 53) as f64;
    let means: Vec<f64> = (0..k * D).map(|i| 4.0 * unit(i) - 2.0).collect();
    let sigma: Vec<f64> = (0..k * D).map(|i| 2.0 * unit(i + 7 * k * D)).collect();
    let latents = Latents { dim: D, means: &means, scale: Scale::Diagonal(&sigma) };
    let b = [0.2];
    let delta = margin_error_of(&means, &sigma, &U_DIR, &b);
    let tolerance = soft_factor_budget(1, probit_sample_error(delta)) + soft_factor_budget(1, gpu_probit_sample_error(delta));
    let probit = Decoder::Probit { u: &U_DIR, b: b[0] };
    let gpu = mc_soft_factor(&latents, &probit, 1, SEED).unwrap();
    let cpu = cpu_soft_factor(&latents, &probit, 1, SEED).unwrap();
    assert_eq!(gpu.factors, k);
    for i in 0..k {
        let (x, y) = (gpu.value(i, 1), cpu.value(i, 1));
        assert!((x - y).abs() <= tolerance, "factor {i} (its sample 0): GPU {x} vs CPU {y}, tolerance {tolerance:e}");
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical() {
    require_gpu();
    let w = DMatrix::from_row_slice(3, D, &[1.0, -0.5, 0.2, 0.3, 0.3, -1.4, -0.9, 0.0, 0.7]);
    let bs = [0.0, 0.5, -0.5];
    let decoders =
        [Decoder::Step { u: &U_DIR, t: 0.0, a: 1.0, b: 0.0 }, Decoder::Probit { u: &U_DIR, b: -0.1 }, Decoder::Softmax { w: &w, b: &bs }];
    for decoder in &decoders {
        let first = mc_soft_factor(&latents(), decoder, 100_003, 11).unwrap();
        let second = mc_soft_factor(&latents(), decoder, 100_003, 11).unwrap();
        assert_eq!(first, second);
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let probit = Decoder::Probit { u: &U_DIR, b: 0.0 };
    let negative = [0.8, -1.0, 0.25, 1.7, 0.05, 0.9];
    let nan_means = [0.3, f64::NAN, 0.7, -0.4, 0.9, 2.1];
    let short_u = [1.0, 2.0];
    let cases: Vec<(Latents<'_, f64>, Decoder<'_, f64>, u64)> = vec![
        (latents(), probit, 0),
        (latents(), probit, (1 << 32) + 1),
        (Latents { dim: 0, means: &MEANS, scale: Scale::Diagonal(&SIGMA) }, probit, 10),
        (Latents { dim: D, means: &[], scale: Scale::Diagonal(&SIGMA) }, probit, 10),
        (Latents { dim: D, means: &MEANS, scale: Scale::Diagonal(&negative) }, probit, 10),
        (Latents { dim: D, means: &nan_means, scale: Scale::Diagonal(&SIGMA) }, probit, 10),
        (latents(), Decoder::Probit { u: &short_u, b: 0.0 }, 10),
        (latents(), Decoder::Step { u: &U_DIR, t: 0.0, a: 0.8, b: 0.5 }, 10),
        (latents(), Decoder::Probit { u: &U_DIR, b: f64::INFINITY }, 10),
        (latents(), Decoder::Probit { u: &[1e308, 1e308, 1e308], b: 0.0 }, 10),
    ];
    for (latents, decoder, samples) in &cases {
        let cpu: SoftFactorError = cpu_soft_factor(latents, decoder, *samples, 1).unwrap_err();
        let gpu = mc_soft_factor(latents, decoder, *samples, 1).unwrap_err();
        assert_eq!(gpu, CudaSoftFactorError::Input(cpu));
    }
}
