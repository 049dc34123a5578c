//! Differential harness of `kernels::cpu::mc_soft_factor` against an MPFR recomputation on the
//! same samples.
//!
//! The reference regenerates each sample's uniforms `(u1, u2)` from the Philox block (exact
//! dyadics, [`crate::kernels::cpu::mc_sample::uniform_bits`]), evaluates Box–Muller, the latent
//! map `z = μ + Lε`, the decoder and the average over samples in MPFR intervals (directed
//! rounding; `cos`/`sin` are enclosed at the left end of the argument's enclosure and widened by
//! its width, as both are 1-Lipschitz), so it encloses the exact soft factor of those samples.
//! Each output is classified against the budgets of [`crate::kernels::tolerances_mc`]; for the
//! step decoder the budget counts the samples whose exact margin lies within the kernel's margin
//! error of the threshold (only those can be counted on the wrong side).
//!
//! With `Backend::Cuda` the GPU kernel (`kernels::cuda::mc_soft_factor`, feature `cuda`)
//! is compared the same way, under the same budgets except the probit decoder's, which uses
//! CUDA's documented `erfc` accuracy (5 ulps, above the CPU's assumed 4) as derived there.
//!
//! Cases cycle through the three decoders, diagonal and Cholesky scales, and f32 / f64 inputs,
//! with adversarial parameters: zero and tiny σ (a step threshold exactly at the margin), large
//! means, saturating softmax weights.

use super::inputs::Splitmix;
use super::{classify, run_cases, Backend, DiffConfig, DiffError, DiffOp, DiffReport};
use crate::kernels::cpu::mc_sample::uniform_bits;
use crate::kernels::cpu::mc_soft_factor::{mc_soft_factor, Decoder, Latents, Scale, SoftFactors};
use crate::kernels::tolerances_mc::{margin_abs_error, probit_sample_error, soft_factor_budget, softmax_sample_error, step_factor_budget};
use crate::reference::{Enclosure, Interval};
use nalgebra::DMatrix;
use rug::float::{Constant, Round};
use rug::{Float, Rational};

pub struct McSoftFactorDiff;

const PREC: u32 = 160;
/// Largest sample count per case (the reference costs ~100 MPFR operations per sample).
const MAX_SAMPLES: usize = 192;

/// One generated problem, all values exactly representable in the precision the kernel sees.
struct Problem {
    k: usize,
    d: usize,
    samples: u64,
    seed: u64,
    means: Vec<f64>,
    /// `K` lower-triangular `d × d` factors (diagonal ones for the diagonal scale).
    scales: Vec<DMatrix<f64>>,
    diagonal: bool,
    kind: usize,
    /// Decoder weights `rows × d` and offsets (for the step decoder: `u` and `−t`).
    w: DMatrix<f64>,
    b: Vec<f64>,
    step_a: f64,
    step_b: f64,
}

impl DiffOp for McSoftFactorDiff {
    fn name(&self) -> &'static str {
        "mc_soft_factor"
    }

    fn describe(&self) -> &'static str {
        "Monte Carlo soft factors (step / probit / softmax decoders, diagonal / Cholesky scales, f32 and f64) vs MPFR on the same Philox samples; budgets of tolerances_mc"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        run_cases(self.name(), config, |g, case, report| {
            let single = case % 4 == 3;
            let p = generate(g, case, config.max_n, single);
            let out = run_kernel(config.backend, &p, single)?;
            compare(report, case, &p, &out, config.backend);
            Ok(())
        })
    }
}

fn generate(g: &mut Splitmix, case: usize, max_n: usize, single: bool) -> Problem {
    let round = |x: f64| if single { f64::from(x as f32) } else { x };
    let k = g.range(1, 3) as usize;
    let d = g.range(1, 5) as usize;
    let samples = g.log_size(max_n.clamp(1, MAX_SAMPLES)) as u64;
    let kind = case % 3;
    let diagonal = (case / 3) % 2 == 0;
    let sym = |g: &mut Splitmix, scale: f64| round((2.0 * g.unit() - 1.0) * scale);
    let mean_scale = if g.next_u64() % 5 == 0 { 40.0 } else { 2.0 };
    let means: Vec<f64> = (0..k * d).map(|_| sym(g, mean_scale)).collect();
    let sigma_mode = g.next_u64() % 6;
    let scales: Vec<DMatrix<f64>> = (0..k)
        .map(|_| {
            let mut l = DMatrix::zeros(d, d);
            for r in 0..d {
                for c in 0..=r {
                    if r == c {
                        l[(r, c)] = match sigma_mode {
                            0 => 0.0,
                            1 => round(1e-3 * g.unit()),
                            _ => round(2.0 * g.unit()),
                        };
                    } else if !diagonal {
                        l[(r, c)] = if sigma_mode == 0 { 0.0 } else { sym(g, 1.0) };
                    }
                }
            }
            l
        })
        .collect();
    let rows = if kind == 2 { g.range(2, 4) as usize } else { 1 };
    let w_scale = if kind == 2 && g.next_u64() % 4 == 0 { 40.0 } else { 1.5 };
    let w = DMatrix::from_fn(rows, d, |_, _| sym(g, w_scale));
    let mut b: Vec<f64> = (0..rows).map(|_| sym(g, 1.0)).collect();
    let (mut step_a, mut step_b) = (0.0, 0.0);
    if kind == 0 {
        // Threshold at the first factor's mean margin (exactly, when σ = 0, a tie at every sample).
        let t = round((0..d).map(|c| w[(0, c)] * means[c]).sum::<f64>());
        b[0] = -t;
        step_b = round(0.5 * g.unit());
        step_a = round(if g.next_u64() % 3 == 0 { -step_b * g.unit() } else { (1.0 - step_b) * g.unit() });
        if !(0.0..=1.0).contains(&(step_a + step_b)) {
            step_a = 0.0;
        }
    }
    Problem { k, d, samples, seed: g.next_u64(), means, scales, diagonal, kind, w, b, step_a, step_b }
}

fn run_kernel(backend: Backend, p: &Problem, single: bool) -> Result<SoftFactors, DiffError> {
    if single {
        let cast = |v: &[f64]| v.iter().map(|x| *x as f32).collect::<Vec<f32>>();
        let means = cast(&p.means);
        let sigma: Vec<f32> = p.scales.iter().flat_map(|l| (0..p.d).map(move |c| l[(c, c)] as f32)).collect();
        let chol: Vec<DMatrix<f32>> = p.scales.iter().map(|l| l.map(|x| x as f32)).collect();
        let scale = if p.diagonal { Scale::Diagonal(&sigma) } else { Scale::Cholesky(&chol) };
        let latents = Latents { dim: p.d, means: &means, scale };
        let w = p.w.map(|x| x as f32);
        let u: Vec<f32> = (0..p.d).map(|c| w[(0, c)]).collect();
        let b = cast(&p.b);
        let decoder = match p.kind {
            0 => Decoder::Step { u: &u, t: -b[0], a: p.step_a as f32, b: p.step_b as f32 },
            1 => Decoder::Probit { u: &u, b: b[0] },
            _ => Decoder::Softmax { w: &w, b: &b },
        };
        call(backend, &latents, &decoder, p.samples, p.seed)
    } else {
        let sigma: Vec<f64> = p.scales.iter().flat_map(|l| (0..p.d).map(move |c| l[(c, c)])).collect();
        let scale = if p.diagonal { Scale::Diagonal(&sigma) } else { Scale::Cholesky(&p.scales) };
        let latents = Latents { dim: p.d, means: &p.means, scale };
        let u: Vec<f64> = (0..p.d).map(|c| p.w[(0, c)]).collect();
        let decoder = match p.kind {
            0 => Decoder::Step { u: &u, t: -p.b[0], a: p.step_a, b: p.step_b },
            1 => Decoder::Probit { u: &u, b: p.b[0] },
            _ => Decoder::Softmax { w: &p.w, b: &p.b },
        };
        call(backend, &latents, &decoder, p.samples, p.seed)
    }
}

/// The kernel of `backend` on one problem.
fn call<F: num_traits::Float + nalgebra::Scalar + Sync>(
    backend: Backend,
    latents: &Latents<'_, F>,
    decoder: &Decoder<'_, F>,
    samples: u64,
    seed: u64,
) -> Result<SoftFactors, DiffError> {
    match backend {
        Backend::Cpu => mc_soft_factor(latents, decoder, samples, seed).map_err(|e| DiffError::Kernel(e.to_string())),
        Backend::Cuda => cuda_kernel(latents, decoder, samples, seed),
    }
}

#[cfg(feature = "cuda")]
fn cuda_kernel<F: num_traits::Float + nalgebra::Scalar>(
    latents: &Latents<'_, F>,
    decoder: &Decoder<'_, F>,
    samples: u64,
    seed: u64,
) -> Result<SoftFactors, DiffError> {
    crate::kernels::cuda::mc_soft_factor::mc_soft_factor(latents, decoder, samples, seed).map_err(super::cuda_failure)
}

#[cfg(not(feature = "cuda"))]
fn cuda_kernel<F: num_traits::Float + nalgebra::Scalar>(
    _: &Latents<'_, F>,
    _: &Decoder<'_, F>,
    _: u64,
    _: u64,
) -> Result<SoftFactors, DiffError> {
    super::cuda_not_built()
}

/// Per-sample error of the probit decoder on `backend`: the CPU budget, or on the GPU the one
/// re-derived for CUDA's `erfc` (`kernels::cuda::mc_soft_factor::probit_sample_error`).
fn probit_error(backend: Backend, delta: f64) -> f64 {
    match backend {
        Backend::Cpu => probit_sample_error(delta),
        Backend::Cuda => cuda_probit_error(delta),
    }
}

#[cfg(feature = "cuda")]
fn cuda_probit_error(delta: f64) -> f64 {
    crate::kernels::cuda::mc_soft_factor::probit_sample_error(delta)
}

#[cfg(not(feature = "cuda"))]
fn cuda_probit_error(_: f64) -> f64 {
    unreachable!("Backend::Cuda is refused by require_backend without the 'cuda' feature")
}

fn pt(x: f64) -> Interval {
    Interval::point(Float::with_val(PREC, x))
}

/// Encloses `(cos θ, sin θ)` for every `θ` in `theta` (a narrow interval): both are 1-Lipschitz,
/// so their values at the left end, rounded outward and widened by the width, enclose them.
fn cos_sin(theta: &Interval) -> (Interval, Interval) {
    let (width, _) = Float::with_val_round(PREC, theta.hi() - theta.lo(), Round::Up);
    let at = |f: fn(&mut Float, Round) -> std::cmp::Ordering| {
        let mut lo = Float::with_val(PREC, theta.lo());
        let mut hi = Float::with_val(PREC, theta.lo());
        f(&mut lo, Round::Down);
        f(&mut hi, Round::Up);
        let (lo, _) = Float::with_val_round(PREC, &lo - &width, Round::Down);
        let (hi, _) = Float::with_val_round(PREC, &hi + &width, Round::Up);
        Interval::new(lo, hi).expect("lo ≤ hi")
    };
    (at(|x, r| x.cos_round(r)), at(|x, r| x.sin_round(r)))
}

/// The exact sample `ε_{factor, m}` enclosed coordinate by coordinate.
fn eps_enclosure(seed: u64, factor: u64, m: u32, d: usize, two_pi: &Interval) -> Vec<Interval> {
    let scale = 1.0 / (1u64 << 53) as f64;
    let mut out = Vec::with_capacity(d + 1);
    for pair in 0..d.div_ceil(2) {
        let (a, b) = uniform_bits(seed, factor, m, pair as u32);
        let u1 = pt((a + 1) as f64 * scale);
        let u2 = pt(b as f64 * scale);
        let r = u1.ln(PREC).expect("u1 > 0").mul(&pt(-2.0), PREC).sqrt(PREC).expect("−2 ln u1 ≥ 0");
        let (c, s) = cos_sin(&two_pi.mul(&u2, PREC));
        out.push(r.mul(&c, PREC));
        out.push(r.mul(&s, PREC));
    }
    out.truncate(d);
    out
}

fn compare(report: &mut DiffReport, case: usize, p: &Problem, out: &SoftFactors, backend: Backend) {
    let label = || format!("case {case}, K = {}, d = {}, M = {}, decoder {}, diagonal {}", p.k, p.d, p.samples, p.kind, p.diagonal);
    let pi_lo = Float::with_val_round(PREC, Constant::Pi, Round::Down).0;
    let pi_hi = Float::with_val_round(PREC, Constant::Pi, Round::Up).0;
    let two_pi = Interval::new(pi_lo, pi_hi).expect("π").mul(&pt(2.0), PREC);
    let sqrt2 = pt(2.0).sqrt(PREC).expect("2 > 0");
    let rows = p.w.nrows();
    let d = p.d;
    for i in 0..p.k {
        let mu = &p.means[i * d..(i + 1) * d];
        let l = &p.scales[i];
        // The budget's magnitudes: c_abs = Σ|W||μ| + |b|, a_abs = Σ_k (|W||L|)_k, per row; the
        // f64 evaluation is rounded up by a relative 1e-12 (d ≤ 5 terms).
        let delta = (0..rows)
            .map(|y| {
                let c_abs: f64 = (0..d).map(|c| (p.w[(y, c)] * mu[c]).abs()).sum::<f64>() + p.b[y].abs();
                let a_abs: f64 = (0..d).map(|k| (0..d).map(|c| (p.w[(y, c)] * l[(c, k)]).abs()).sum::<f64>()).sum();
                margin_abs_error(d, c_abs * (1.0 + 1e-12), a_abs * (1.0 + 1e-12))
            })
            .fold(0.0, f64::max);
        let mut sums: Vec<Interval> = (0..rows.max(1)).map(|_| pt(0.0)).collect();
        let (mut count, mut undecided, mut flips) = (0u64, 0u64, 0u64);
        for m in 0..p.samples as u32 {
            let eps = eps_enclosure(p.seed, i as u64, m, d, &two_pi);
            let z: Vec<Interval> = (0..d)
                .map(|r| {
                    (0..=r).fold(pt(mu[r]), |acc, c| if l[(r, c)] == 0.0 { acc } else { acc.add(&pt(l[(r, c)]).mul(&eps[c], PREC), PREC) })
                })
                .collect();
            let g: Vec<Interval> =
                (0..rows).map(|y| (0..d).fold(pt(p.b[y]), |acc, c| acc.add(&pt(p.w[(y, c)]).mul(&z[c], PREC), PREC))).collect();
            match p.kind {
                0 => {
                    let (lo, hi) = (g[0].lo(), g[0].hi());
                    if *lo > 0 {
                        count += 1;
                    } else if *hi > 0 {
                        undecided += 1;
                    }
                    if *lo <= delta && *hi >= -delta {
                        flips += 1;
                    }
                }
                1 => {
                    let phi = g[0].neg().div(&sqrt2, PREC).erfc(PREC).mul(&pt(0.5), PREC);
                    sums[0] = sums[0].add(&phi, PREC);
                }
                _ => {
                    for y in 0..rows {
                        let denom = (0..rows).filter(|k| *k != y).fold(pt(1.0), |acc, k| acc.add(&g[k].sub(&g[y], PREC).exp(PREC), PREC));
                        sums[y] = sums[y].add(&pt(1.0).div(&denom, PREC), PREC);
                    }
                }
            }
        }
        let mf = pt(p.samples as f64);
        let (refs, budget): (Vec<Enclosure>, f64) = match p.kind {
            0 => {
                let a = Rational::from_f64(p.step_a).expect("finite");
                let b = Rational::from_f64(p.step_b).expect("finite");
                let at = |c: u64| (&a * Rational::from((c, p.samples))) + &b;
                let one = if undecided == 0 {
                    Enclosure::exact(at(count))
                } else {
                    let (x, y) = (at(count), at(count + undecided));
                    let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
                    Enclosure::Interval(Interval::from_rational(&lo, PREC).hull(&Interval::from_rational(&hi, PREC)))
                };
                let zero = Enclosure::one().sub(&one, PREC);
                (vec![zero, one], step_factor_budget(p.samples, p.step_a, p.step_b, flips))
            }
            1 => {
                let one = sums[0].div(&mf, PREC);
                let zero = pt(1.0).sub(&one, PREC);
                (vec![Enclosure::Interval(zero), Enclosure::Interval(one)], soft_factor_budget(p.samples, probit_error(backend, delta)))
            }
            _ => (
                sums.iter().map(|s| Enclosure::Interval(s.div(&mf, PREC))).collect(),
                soft_factor_budget(p.samples, softmax_sample_error(rows, delta)),
            ),
        };
        for (y, reference) in refs.iter().enumerate() {
            report.record(label, || format!("factor {i} class {y}"), classify(out.value(i, y), reference, budget));
        }
    }
}
