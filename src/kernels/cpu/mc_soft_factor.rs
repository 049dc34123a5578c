//! Monte Carlo soft factors `Φ̂_i(y) = (1/M) Σ_m p(y | z_{i,m})` of the LPF model for `K`
//! Gaussian latent posteriors `q_i = N(μ_i, Σ_i)` and a decoder `p(y | z)`.
//!
//! # Formula
//! `z_{i,m} = μ_i + L_i ε_{i,m}` with `L_i = diag(σ_i)` or a lower-triangular Cholesky factor
//! (`Σ_i = L_i L_iᵀ`; see [`cholesky_factor`]), and `ε_{i,m}` the standard normal sample of
//! [`super::mc_sample`] (Philox keyed by `(seed, stream = i, sample m, pair j)`, Box–Muller).
//! Decoders:
//! * step: `p(1|z) = a·1[u·z > t] + b`, `p(0|z) = 1 − p(1|z)` (requires `b, a + b ∈ [0, 1]`);
//! * probit: `p(1|z) = Φ(u·z + b)`, `p(0|z) = 1 − p(1|z)`;
//! * softmax: `p(·|z) = softmax(W z + b)` over `|Y|` classes.
//!
//! The binary decoders output two classes, `[Φ̂(0), Φ̂(1)]`, with `Φ̂(0) = fl(1 − Φ̂(1))`.
//!
//! # Algorithm
//! Per factor the affine map is folded once, with nalgebra: `c = W μ + b` and `A = W L`
//! (`W = uᵀ` for the binary decoders, `b → −t` for the step decoder), so a sample costs one
//! `|Y| × d` matrix–vector product `g = c + A ε` (nalgebra `gemv`) plus the decoder. The error of
//! this evaluation against the exact value on the same `ε` is bounded in
//! [`crate::kernels::tolerances_mc`].
//!
//! # Determinism
//! The samples of a factor are cut into chunks of [`CHUNK`] samples (independent of the thread
//! count); each chunk is summed in sample order and chunk totals are added in chunk order.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::mc_soft_factor::{mc_soft_factor, Decoder, Latents, Scale};
//! let means = [0.0f64, 0.0];
//! let sigma = [1.0f64, 1.0];
//! let latents = Latents { dim: 2, means: &means, scale: Scale::Diagonal(&sigma) };
//! let u = [1.0, 0.0];
//! let out = mc_soft_factor(&latents, &Decoder::Probit { u: &u, b: 0.0 }, 4096, 1).unwrap();
//! // Φ(u·z) with z ~ N(0, I) has mean Φ(0 / √2) = ½.
//! assert!((out.value(0, 1) - 0.5).abs() < 0.05);
//! ```

use super::mc_sample::fill_normals;
use crate::rng::Philox4x32;
use nalgebra::{DMatrix, DVector};
use num_traits::Float;
use rayon::prelude::*;
use thiserror::Error;

/// Samples per deterministic chunk.
pub const CHUNK: u32 = 1024;

/// Why a soft-factor input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SoftFactorError {
    #[error("the number of Monte Carlo samples M must be at least 1, got 0")]
    ZeroSamples,
    #[error("M = {0} exceeds 2^32 (the sample index is a 32-bit counter word)")]
    TooManySamples(u64),
    #[error("the latent dimension must be at least 1, got 0")]
    ZeroDimension,
    #[error("there are no latent posteriors (K = 0)")]
    NoFactors,
    #[error("'{name}' has {got} entries, expected {expected}")]
    Shape { name: &'static str, got: usize, expected: usize },
    #[error("'{name}' at index {index} is not finite")]
    NotFinite { name: &'static str, index: usize },
    #[error("'sigma' at index {index} is {value}: standard deviations must be ≥ 0")]
    NegativeSigma { index: usize, value: f64 },
    #[error("the step decoder's outputs b = {b} and a + b = {top} must lie in [0, 1]")]
    StepOutOfRange { b: f64, top: f64 },
    #[error("the softmax decoder needs at least one class")]
    NoClasses,
    #[error("the covariance matrix is not symmetric positive definite (Cholesky failed)")]
    NotPositiveDefinite,
    #[error("factor {factor}: the decoder's logits can overflow f64 (|W μ + b| + |W L|·8.572 is not finite)")]
    Overflow { factor: usize },
}

/// How the latent noise is scaled: `z = μ + L ε`.
#[derive(Debug, Clone, Copy)]
pub enum Scale<'a, F: nalgebra::Scalar> {
    /// Per-factor standard deviations, `K × d` row-major (`L = diag σ_i`).
    Diagonal(&'a [F]),
    /// One `d × d` factor per posterior; only the lower triangle (diagonal included) is read.
    Cholesky(&'a [DMatrix<F>]),
}

/// `K` Gaussian latent posteriors in dimension `dim`: means `K × d` row-major and their scales.
#[derive(Debug, Clone, Copy)]
pub struct Latents<'a, F: nalgebra::Scalar> {
    pub dim: usize,
    pub means: &'a [F],
    pub scale: Scale<'a, F>,
}

/// The decoder `p(y | z)`.
#[derive(Debug, Clone, Copy)]
pub enum Decoder<'a, F: nalgebra::Scalar> {
    /// `p(1|z) = a·1[u·z > t] + b`.
    Step { u: &'a [F], t: F, a: F, b: F },
    /// `p(1|z) = Φ(u·z + b)`.
    Probit { u: &'a [F], b: F },
    /// `p(·|z) = softmax(W z + b)`, `W` of shape `|Y| × d`.
    Softmax { w: &'a DMatrix<F>, b: &'a [F] },
}

impl<F: nalgebra::Scalar> Decoder<'_, F> {
    /// Number of classes `|Y|` of the output.
    pub fn classes(&self) -> usize {
        match self {
            Decoder::Softmax { w, .. } => w.nrows(),
            _ => 2,
        }
    }
}

/// The soft factors, `K × |Y|` row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftFactors {
    pub factors: usize,
    pub classes: usize,
    pub values: Vec<f64>,
}

impl SoftFactors {
    /// `Φ̂_i(y)`.
    pub fn value(&self, factor: usize, class: usize) -> f64 {
        self.values[factor * self.classes + class]
    }
}

/// The lower Cholesky factor of a symmetric positive definite covariance (nalgebra's Cholesky),
/// to pass as [`Scale::Cholesky`]. The soft factor is then that of `N(μ, L Lᵀ)`, which equals
/// the given covariance up to the factorisation's backward error.
pub fn cholesky_factor(cov: &DMatrix<f64>) -> Result<DMatrix<f64>, SoftFactorError> {
    if !cov.is_square() || cov.iter().any(|x| !x.is_finite()) {
        return Err(SoftFactorError::NotPositiveDefinite);
    }
    nalgebra::Cholesky::new(cov.clone()).map(|c| c.l()).ok_or(SoftFactorError::NotPositiveDefinite)
}

/// The kernel's decoder after conversion: the folded affine map and the decoder kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Step,
    Probit,
    Softmax,
}

/// One factor's folded map `g = c + A ε`.
pub(crate) struct Folded {
    pub(crate) c: DVector<f64>,
    pub(crate) a: DMatrix<f64>,
}

/// A validated problem with its affine maps folded: what every backend (this kernel, the CUDA
/// port) evaluates per sample, so both start from the same bits.
pub(crate) struct Prepared {
    pub(crate) kind: Kind,
    pub(crate) folded: Vec<Folded>,
    pub(crate) step_a: f64,
    pub(crate) step_b: f64,
    pub(crate) classes: usize,
}

fn to64<F: Float>(x: F) -> f64 {
    x.to_f64().unwrap_or(f64::NAN)
}

fn finite<F: Float>(name: &'static str, xs: &[F]) -> Result<Vec<f64>, SoftFactorError> {
    xs.iter()
        .enumerate()
        .map(|(index, x)| {
            let v = to64(*x);
            if v.is_finite() {
                Ok(v)
            } else {
                Err(SoftFactorError::NotFinite { name, index })
            }
        })
        .collect()
}

fn shape(name: &'static str, got: usize, expected: usize) -> Result<(), SoftFactorError> {
    if got == expected {
        Ok(())
    } else {
        Err(SoftFactorError::Shape { name, got, expected })
    }
}

/// The decoder as `(kind, W (rows × d), b (rows), step a, step b)`, validated.
type DecoderParts = (Kind, DMatrix<f64>, DVector<f64>, f64, f64);

fn decoder_parts<F: Float + nalgebra::Scalar>(decoder: &Decoder<'_, F>, d: usize) -> Result<DecoderParts, SoftFactorError> {
    match decoder {
        Decoder::Step { u, t, a, b } => {
            shape("u", u.len(), d)?;
            let u = finite("u", u)?;
            let [t, a, b] = [finite("t", &[*t])?[0], finite("a", &[*a])?[0], finite("b", &[*b])?[0]];
            if !(0.0..=1.0).contains(&b) || !(0.0..=1.0).contains(&(a + b)) {
                return Err(SoftFactorError::StepOutOfRange { b, top: a + b });
            }
            Ok((Kind::Step, DMatrix::from_row_slice(1, d, &u), DVector::from_element(1, -t), a, b))
        }
        Decoder::Probit { u, b } => {
            shape("u", u.len(), d)?;
            let u = finite("u", u)?;
            let b = finite("b", &[*b])?[0];
            Ok((Kind::Probit, DMatrix::from_row_slice(1, d, &u), DVector::from_element(1, b), 0.0, 0.0))
        }
        Decoder::Softmax { w, b } => {
            if w.nrows() == 0 {
                return Err(SoftFactorError::NoClasses);
            }
            shape("w columns", w.ncols(), d)?;
            shape("b", b.len(), w.nrows())?;
            let wv: Vec<F> = w.iter().copied().collect();
            let wv = finite("w", &wv)?;
            let b = finite("b", b)?;
            Ok((Kind::Softmax, DMatrix::from_vec(w.nrows(), d, wv), DVector::from_vec(b), 0.0, 0.0))
        }
    }
}

/// Validates the latents and returns, per factor, `(μ_i, L_i)` with `L_i` lower triangular.
/// Per factor, the mean and the lower-triangular scale.
type LatentParts = Vec<(DVector<f64>, DMatrix<f64>)>;

fn latent_parts<F: Float + nalgebra::Scalar>(latents: &Latents<'_, F>) -> Result<LatentParts, SoftFactorError> {
    let d = latents.dim;
    if d == 0 {
        return Err(SoftFactorError::ZeroDimension);
    }
    if latents.means.is_empty() {
        return Err(SoftFactorError::NoFactors);
    }
    if latents.means.len() % d != 0 {
        return Err(SoftFactorError::Shape { name: "means", got: latents.means.len(), expected: (latents.means.len() / d + 1) * d });
    }
    let k = latents.means.len() / d;
    let means = finite("means", latents.means)?;
    let scales: Vec<DMatrix<f64>> = match latents.scale {
        Scale::Diagonal(sigma) => {
            shape("sigma", sigma.len(), k * d)?;
            let s = finite("sigma", sigma)?;
            if let Some(index) = s.iter().position(|x| *x < 0.0) {
                return Err(SoftFactorError::NegativeSigma { index, value: s[index] });
            }
            s.chunks(d).map(|row| DMatrix::from_diagonal(&DVector::from_column_slice(row))).collect()
        }
        Scale::Cholesky(factors) => {
            shape("cholesky factors", factors.len(), k)?;
            let mut out = Vec::with_capacity(k);
            for (i, l) in factors.iter().enumerate() {
                if l.nrows() != d || l.ncols() != d {
                    return Err(SoftFactorError::Shape {
                        name: "cholesky factor rows × columns",
                        got: l.nrows() * l.ncols(),
                        expected: d * d,
                    });
                }
                let vals: Vec<F> = l.iter().copied().collect();
                let vals = finite("cholesky factors", &vals).map_err(|e| match e {
                    SoftFactorError::NotFinite { name, index } => SoftFactorError::NotFinite { name, index: i * d * d + index },
                    other => other,
                })?;
                out.push(DMatrix::from_vec(d, d, vals).lower_triangle());
            }
            out
        }
    };
    Ok(means.chunks(d).map(DVector::from_column_slice).zip(scales).collect())
}

/// `Φ(x) = ½ erfc(−x/√2)`, evaluated as in the budget's derivation.
#[inline]
fn probit(x: f64) -> f64 {
    0.5 * libm::erfc(x * -std::f64::consts::FRAC_1_SQRT_2)
}

/// Softmax of `g` added into `acc` (max-shifted; `scratch` holds the exponentials).
#[inline]
fn softmax_add(g: &DVector<f64>, scratch: &mut [f64], acc: &mut [f64]) {
    let max = g.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for (e, x) in scratch.iter_mut().zip(g.iter()) {
        *e = (*x - max).exp();
        sum += *e;
    }
    for (a, e) in acc.iter_mut().zip(scratch.iter()) {
        *a += *e / sum;
    }
}

/// Sums of the decoder outputs over samples `start..end` of factor `factor` (for the step
/// decoder, the count of samples with a positive margin, in `sums[0]`).
/// The range lies in `[0, 2^32]`, so every sample index `m < 2^32` fits the 32-bit counter word.
fn chunk_sums(generator: &Philox4x32, factor: u64, range: (u64, u64), kind: Kind, folded: &Folded) -> Vec<f64> {
    let (rows, d) = folded.a.shape();
    let mut sums = vec![0.0; rows];
    let mut eps = DVector::zeros(d);
    let mut g = DVector::zeros(rows);
    let mut scratch = vec![0.0; rows];
    let mut count: u64 = 0;
    for m in range.0..range.1 {
        fill_normals(generator, factor, m as u32, eps.as_mut_slice());
        g.copy_from(&folded.c);
        g.gemv(1.0, &folded.a, &eps, 1.0);
        match kind {
            Kind::Step => count += u64::from(g[0] > 0.0),
            Kind::Probit => sums[0] += probit(g[0]),
            Kind::Softmax => softmax_add(&g, &mut scratch, &mut sums),
        }
    }
    if kind == Kind::Step {
        sums[0] = count as f64;
    }
    sums
}

/// Monte Carlo soft factors for `K` latent posteriors, `samples = M` samples each, seed `seed`.
///
/// Inputs may be f32 or f64 (widened exactly); all arithmetic is f64.
pub fn mc_soft_factor<F: Float + nalgebra::Scalar + Sync>(
    latents: &Latents<'_, F>,
    decoder: &Decoder<'_, F>,
    samples: u64,
    seed: u64,
) -> Result<SoftFactors, SoftFactorError> {
    let prepared = prepare(latents, decoder, samples)?;
    let generator = Philox4x32::new(seed);
    // Sample ranges [start, end) as u64 so that M = 2^32 does not overflow; every end ≤ 2^32.
    let chunks_per_factor = samples.div_ceil(u64::from(CHUNK));
    let jobs: Vec<(usize, u64)> = (0..prepared.folded.len()).flat_map(|i| (0..chunks_per_factor).map(move |c| (i, c))).collect();
    let partials: Vec<Vec<f64>> = jobs
        .par_iter()
        .map(|&(i, c)| {
            let start = c * u64::from(CHUNK);
            let end = (start + u64::from(CHUNK)).min(samples);
            chunk_sums(&generator, i as u64, (start, end), prepared.kind, &prepared.folded[i])
        })
        .collect();
    Ok(finish(&prepared, samples, &partials))
}

/// Validates the inputs and folds the affine maps (`c = W μ + b`, `A = W L`) once per factor.
pub(crate) fn prepare<F: Float + nalgebra::Scalar>(
    latents: &Latents<'_, F>,
    decoder: &Decoder<'_, F>,
    samples: u64,
) -> Result<Prepared, SoftFactorError> {
    if samples == 0 {
        return Err(SoftFactorError::ZeroSamples);
    }
    if samples > 1 << 32 {
        return Err(SoftFactorError::TooManySamples(samples));
    }
    let d = latents.dim;
    let parts = latent_parts(latents)?;
    let (kind, w, b, step_a, step_b) = decoder_parts(decoder, d)?;
    if d.div_ceil(2) > u32::MAX as usize {
        return Err(SoftFactorError::Shape { name: "dim", got: d, expected: 2 * u32::MAX as usize });
    }
    let folded: Vec<Folded> = parts.iter().map(|(mu, l)| Folded { c: &w * mu + &b, a: &w * l }).collect();
    // Every per-sample logit is at most |c| + Σ|A|·|ε| ≤ |c| + Σ|A|·EPS_MAX in magnitude (up to
    // rounding); refusing inputs where twice that bound overflows keeps every logit finite.
    for (factor, f) in folded.iter().enumerate() {
        let worst = (0..f.c.len())
            .map(|y| f.c[y].abs() + f.a.row(y).iter().map(|x| x.abs()).sum::<f64>() * super::mc_sample::EPS_MAX)
            .fold(0.0, max_keeping_nan);
        if !(2.0 * worst).is_finite() {
            return Err(SoftFactorError::Overflow { factor });
        }
    }
    Ok(Prepared { kind, folded, step_a, step_b, classes: decoder.classes() })
}

/// The outputs from the per-chunk sums (chunk `c` of factor `i` at index
/// `i·⌈M/CHUNK⌉ + c`, as [`chunk_sums`] returns them): chunk totals added in chunk order, then
/// divided by `M` and decoded.
pub(crate) fn finish(prepared: &Prepared, samples: u64, partials: &[Vec<f64>]) -> SoftFactors {
    let chunks_per_factor = samples.div_ceil(u64::from(CHUNK)) as usize;
    let folded = &prepared.folded;
    let classes = prepared.classes;
    let mut values = Vec::with_capacity(folded.len() * classes);
    let mf = samples as f64;
    for i in 0..folded.len() {
        let rows = folded[i].c.len();
        let mut total = vec![0.0; rows];
        for p in &partials[i * chunks_per_factor..(i + 1) * chunks_per_factor] {
            total.iter_mut().zip(p).for_each(|(t, x)| *t += x);
        }
        match prepared.kind {
            Kind::Step => {
                let one = prepared.step_a * (total[0] / mf) + prepared.step_b;
                values.extend([1.0 - one, one]);
            }
            Kind::Probit => {
                let one = total[0] / mf;
                values.extend([1.0 - one, one]);
            }
            Kind::Softmax => values.extend(total.iter().map(|t| t / mf)),
        }
    }
    SoftFactors { factors: folded.len(), classes, values }
}

/// `f64::max` ignores NaN (`NaN.max(1.0) == 1.0`), so a NaN logit bound (from `∞ − ∞` in the
/// folded means) would slip past the overflow guard; this keeps it.
fn max_keeping_nan(m: f64, x: f64) -> f64 {
    if m.is_nan() || x.is_nan() {
        f64::NAN
    } else {
        m.max(x)
    }
}
