//! Tests of the Monte Carlo soft-factor kernel (`kernels::cpu::mc_soft_factor`) and of its
//! sample specification (`kernels::cpu::mc_sample`).
//!
//! * The samples are exactly the documented function of the Philox block at counter
//!   `(m, j, i lo, i hi)` (so a CUDA port can reproduce them one for one).
//! * Statistical check: the estimate against the exact expectation (probit
//!   `Φ((u·μ + b)/√(1 + uᵀΣu))`, step `b + a·Φ((u·μ − t)/√(uᵀΣu))`) by Hoeffding's inequality for
//!   `[0, 1]` summands, `P(|Φ̂ − Φ| ≥ t) ≤ 2e^{−2Mt²}`; the suite's α = 10⁻⁶ is split over the
//!   checks, seeds fixed. The same test rejects a wrong expectation (it can fail).
//! * The differential harness is within budget on a second seed; results are bit-identical for
//!   1, 2 and 3 threads; bad inputs are typed errors.

use nalgebra::DMatrix;
use rug::Rational;
use theoremcheck::kernels::cpu::mc_sample::{fill_normals, normal_pair, uniform_bits, uniform_pair, EPS_MAX};
use theoremcheck::kernels::cpu::mc_soft_factor::{cholesky_factor, mc_soft_factor, Decoder, Latents, Scale, SoftFactorError, CHUNK};
use theoremcheck::kernels::diff::{classify, op, Backend, Classification, DiffConfig};
use theoremcheck::kernels::tolerances_mc::{margin_abs_error, probit_sample_error, soft_factor_budget};
use theoremcheck::reference::Enclosure;
use theoremcheck::rng::{philox4x32_10, Philox4x32, Stream};
use theoremcheck::stats::{default_alpha, AlphaBudget};

const PREC: u32 = 128;

#[test]
fn samples_follow_the_documented_philox_and_box_muller_spec() {
    let seed = 0x0123_4567_89ab_cdef_u64;
    for (factor, sample, pair) in [(0u64, 0u32, 0u32), (3, 17, 2), (u64::MAX, u32::MAX, 7), (1 << 40, 5, 0)] {
        let counter = [sample, pair, factor as u32, (factor >> 32) as u32];
        let w = philox4x32_10(counter, [seed as u32, (seed >> 32) as u32]);
        assert_eq!(Stream::at(seed, factor, (u64::from(pair) << 32) | u64::from(sample)).next_block(), w);
        let a = ((u64::from(w[1]) << 32) | u64::from(w[0])) >> 11;
        let b = ((u64::from(w[3]) << 32) | u64::from(w[2])) >> 11;
        assert_eq!(uniform_bits(seed, factor, sample, pair), (a, b));
        let (u1, u2) = uniform_pair(seed, factor, sample, pair);
        assert_eq!(u1, (a + 1) as f64 / 2f64.powi(53));
        assert_eq!(u2, b as f64 / 2f64.powi(53));
        let r = (-2.0 * u1.ln()).sqrt();
        let theta = std::f64::consts::TAU * u2;
        assert_eq!(normal_pair(seed, factor, sample, pair), [r * theta.cos(), r * theta.sin()]);
    }
    // Coordinates 2j, 2j+1 come from pair j; an odd dimension drops the last sine.
    let g = Philox4x32::new(seed);
    let mut eps = [0.0; 5];
    fill_normals(&g, 2, 9, &mut eps);
    for j in 0..3u32 {
        let p = normal_pair(seed, 2, 9, j);
        assert_eq!(eps[2 * j as usize], p[0]);
        if 2 * j as usize + 1 < 5 {
            assert_eq!(eps[2 * j as usize + 1], p[1]);
        }
    }
    // |ε| ≤ EPS_MAX on many samples, and the sample mean / variance look standard normal.
    let n = 200_000u32;
    let (mut s1, mut s2) = (0.0, 0.0);
    for m in 0..n / 2 {
        for e in normal_pair(seed, 0, m, 0) {
            assert!(e.abs() <= EPS_MAX);
            s1 += e;
            s2 += e * e;
        }
    }
    let mean = s1 / f64::from(n);
    let var = s2 / f64::from(n) - mean * mean;
    assert!(mean.abs() < 0.02 && (var - 1.0).abs() < 0.03, "mean {mean}, var {var}");
}

/// Known answers for ports (computed independently with a Python Philox4x32-10 and glibc's
/// `log`/`cos`/`sin`): the 53-bit integers are exact; the normals agree to libm accuracy.
#[test]
fn known_answer_samples() {
    let cases = [
        ((0u64, 0u64, 0u32, 0u32), (7931020870206717u64, 5453695703026421u64), [-0.39766753844418223, -0.310395478801738]),
        ((42, 3, 17, 1), (4989318941288422, 8790962078553903), [1.0746027734854264, -0.16333522974746284]),
    ];
    for ((seed, factor, sample, pair), bits, normals) in cases {
        assert_eq!(uniform_bits(seed, factor, sample, pair), bits);
        let got = normal_pair(seed, factor, sample, pair);
        assert!(got.iter().zip(normals).all(|(g, e)| (g - e).abs() <= 1e-14), "{got:?} vs {normals:?}");
    }
}

/// `Φ(num / √den)` for rationals `num`, `den > 0`, enclosed.
fn phi(num: &Rational, den: &Rational) -> Enclosure {
    let scale = Enclosure::exact(den.clone() * 2u32).sqrt(PREC).unwrap();
    Enclosure::exact(Rational::from(-num)).div(&scale, PREC).unwrap().erfc(PREC).mul(&Enclosure::exact(Rational::from((1, 2))), PREC)
}

fn q(x: f64) -> Rational {
    Rational::from_f64(x).unwrap()
}

#[test]
fn estimates_agree_with_exact_expectations_by_hoeffding() {
    let samples: u64 = 40_000;
    let checks = 8u32;
    let alpha = AlphaBudget::new(default_alpha()).unwrap().per_test(checks).unwrap().to_f64();
    // P(|Φ̂ − Φ| ≥ t) ≤ 2 e^{−2Mt²} = α  ⇔  t = √(ln(2/α)/(2M)); rounded up with room.
    let t = ((2.0 / alpha).ln() / (2.0 * samples as f64)).sqrt() * (1.0 + 1e-9);
    let d = 3;
    let means = [0.3f64, -0.7, 1.1, 0.0, 0.5, -0.2];
    let sigma = [0.5f64, 1.2, 0.1, 2.0, 0.3, 0.8];
    let u = [0.9f64, -0.4, 1.3];
    let cov = DMatrix::from_row_slice(3, 3, &[2.0, 0.3, -0.2, 0.3, 1.0, 0.1, -0.2, 0.1, 0.5]);
    let l = cholesky_factor(&cov).unwrap();
    let chol = vec![l.clone(), l.clone()];
    let mut checked = 0;
    for (scale_kind, seed) in [(0, 11u64), (1, 12)] {
        let scale = if scale_kind == 0 { Scale::Diagonal(&sigma) } else { Scale::Cholesky(&chol) };
        let latents = Latents { dim: d, means: &means, scale };
        // uᵀΣu for factor i, exactly (Σ = diag σ² or L Lᵀ of the f64 factor).
        let quad = |i: usize| -> Rational {
            if scale_kind == 0 {
                (0..d).map(|k| q(u[k]).square() * q(sigma[i * d + k]).square()).sum()
            } else {
                (0..d).map(|k| (0..d).map(|r| q(u[r]) * q(l[(r, k)])).sum::<Rational>().square()).sum()
            }
        };
        let umu = |i: usize| -> Rational { (0..d).map(|k| q(u[k]) * q(means[i * d + k])).sum() };
        let b = 0.25;
        let probit = mc_soft_factor(&latents, &Decoder::Probit { u: &u, b }, samples, seed).unwrap();
        let (ta, tb, tt) = (0.6, 0.3, -0.1);
        let step = mc_soft_factor(&latents, &Decoder::Step { u: &u, t: tt, a: ta, b: tb }, samples, seed + 100).unwrap();
        for i in 0..2 {
            let exact_probit = phi(&(umu(i) + q(b)), &(quad(i) + 1u32));
            let exact_step = phi(&(umu(i) - q(tt)), &quad(i)).mul(&Enclosure::exact(q(ta)), PREC).add(&Enclosure::exact(q(tb)), PREC);
            for (estimate, exact) in [(probit.value(i, 1), &exact_probit), (step.value(i, 1), &exact_step)] {
                // The kernel's own rounding is far below 1e-9; the verdict is decided exactly.
                assert_eq!(classify(estimate, exact, t + 1e-9).classification, Classification::Within, "estimate {estimate} vs {exact}");
                // Sensitivity: an expectation shifted by 3t is rejected.
                let wrong = exact.add(&Enclosure::exact(q(3.0 * t)), PREC);
                assert_eq!(classify(estimate, &wrong, t + 1e-9).classification, Classification::KernelBug);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, checks);
}

#[test]
fn differential_harness_is_within_budget_on_another_seed() {
    let config = DiffConfig { cases: 30, max_n: 400, seed: 99, backend: Backend::Cpu };
    let report = op("mc_soft_factor").unwrap().run(&config).unwrap();
    assert!(report.outputs > 60);
    assert!(report.all_within(), "{:#?}", &report.disagreements[..report.disagreements.len().min(5)]);
}

#[test]
fn budget_is_small_on_ordinary_inputs() {
    // d = 3, |u|, |μ|, σ of order 1, M = 1e4: about 2e-12, far below Monte Carlo noise.
    let delta = margin_abs_error(3, 4.0, 4.0);
    let b = soft_factor_budget(10_000, probit_sample_error(delta));
    assert!(b > 0.0 && b < 1e-11, "{b}");
}

#[test]
fn bit_identical_for_one_two_three_threads() {
    let d = 4;
    let k = 3;
    let means: Vec<f32> = (0..k * d).map(|x| (x as f32 * 0.37).sin()).collect();
    let sigma: Vec<f32> = (0..k * d).map(|x| 0.2 + (x as f32 * 0.11).cos().abs()).collect();
    let w = DMatrix::from_fn(3, d, |r, c| ((r * d + c) as f32 * 0.7).cos());
    let b = [0.1f32, -0.2, 0.3];
    let latents = Latents { dim: d, means: &means, scale: Scale::Diagonal(&sigma) };
    let samples = 3 * u64::from(CHUNK) + 17;
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| mc_soft_factor(&latents, &Decoder::Softmax { w: &w, b: &b }, samples, 5).unwrap())
    };
    let first = run(1);
    assert!((0..k).all(|i| ((0..3).map(|y| first.value(i, y)).sum::<f64>() - 1.0).abs() < 1e-12));
    for threads in [2, 3, 1, 3] {
        let again = run(threads);
        assert!(again.values.iter().zip(&first.values).all(|(a, b)| a.to_bits() == b.to_bits()), "{threads} threads");
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    let mu = [0.0f64, 0.0];
    let s = [1.0f64, 1.0];
    let u = [1.0f64, 1.0];
    let ok = Latents { dim: 2, means: &mu, scale: Scale::Diagonal(&s) };
    let probit = Decoder::Probit { u: &u, b: 0.0 };
    assert_eq!(mc_soft_factor(&ok, &probit, 0, 1), Err(SoftFactorError::ZeroSamples));
    assert_eq!(mc_soft_factor(&ok, &probit, (1 << 32) + 1, 1), Err(SoftFactorError::TooManySamples((1 << 32) + 1)));
    let empty: [f64; 0] = [];
    let none = Latents { dim: 2, means: &empty, scale: Scale::Diagonal(&empty) };
    assert_eq!(mc_soft_factor(&none, &probit, 10, 1), Err(SoftFactorError::NoFactors));
    let zero_dim = Latents { dim: 0, means: &mu, scale: Scale::Diagonal(&s) };
    assert_eq!(mc_soft_factor(&zero_dim, &probit, 10, 1), Err(SoftFactorError::ZeroDimension));
    let neg = [1.0f64, -0.5];
    let bad_sigma = Latents { dim: 2, means: &mu, scale: Scale::Diagonal(&neg) };
    assert_eq!(mc_soft_factor(&bad_sigma, &probit, 10, 1), Err(SoftFactorError::NegativeSigma { index: 1, value: -0.5 }));
    let nan = [0.0f64, f64::NAN];
    let bad_mean = Latents { dim: 2, means: &nan, scale: Scale::Diagonal(&s) };
    assert_eq!(mc_soft_factor(&bad_mean, &probit, 10, 1), Err(SoftFactorError::NotFinite { name: "means", index: 1 }));
    let short_sigma = Latents { dim: 2, means: &mu, scale: Scale::Diagonal(&s[..1]) };
    assert_eq!(mc_soft_factor(&short_sigma, &probit, 10, 1), Err(SoftFactorError::Shape { name: "sigma", got: 1, expected: 2 }));
    let short_u = Decoder::Probit { u: &u[..1], b: 0.0 };
    assert_eq!(mc_soft_factor(&ok, &short_u, 10, 1), Err(SoftFactorError::Shape { name: "u", got: 1, expected: 2 }));
    let step = Decoder::Step { u: &u, t: 0.0, a: 0.8, b: 0.5 };
    assert!(matches!(mc_soft_factor(&ok, &step, 10, 1), Err(SoftFactorError::StepOutOfRange { .. })));
    let w = DMatrix::<f64>::zeros(0, 2);
    assert_eq!(mc_soft_factor(&ok, &Decoder::Softmax { w: &w, b: &[] }, 10, 1), Err(SoftFactorError::NoClasses));
    let huge = [1e308f64, 1e308];
    assert_eq!(mc_soft_factor(&ok, &Decoder::Probit { u: &huge, b: 0.0 }, 10, 1), Err(SoftFactorError::Overflow { factor: 0 }));
    let not_pd = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 1.0]);
    assert_eq!(cholesky_factor(&not_pd), Err(SoftFactorError::NotPositiveDefinite));
    let chol = vec![DMatrix::from_row_slice(3, 3, &[1.0; 9])];
    let wrong_shape = Latents { dim: 2, means: &mu, scale: Scale::Cholesky(&chol) };
    assert!(matches!(mc_soft_factor(&wrong_shape, &probit, 10, 1), Err(SoftFactorError::Shape { .. })));
}
