//! Tempered product-of-experts aggregation (LPF-SPN), in log space, over a batch of rows:
//! `P(y) ∝ π(y)·Π_i Φ_i(y)^{w_i}`.
//!
//! # Formula
//! For each row: `ℓ_y = ln π_y + Σ_i w_i ln Φ_i(y)` (the prior term is omitted when no prior is
//! given: a uniform prior), then `P(y) = exp(ℓ_y − max ℓ) / Σ_k exp(ℓ_k − max ℓ)` (log-sum-exp).
//! A class with `Φ_i(y) = 0` for some `i` (or `π_y = 0`) gets `ℓ_y = −∞` and `P(y) = 0` exactly.
//!
//! # Input policy
//! Factors need not be normalized over `y`: the tempered product is invariant to scaling a
//! factor (`(cΦ)^w = c^w Φ^w`), so any positive scale is allowed; the same holds for the prior.
//! Factors must be finite and `≥ 0`, weights in `(0, 1]`, the prior finite, `≥ 0`; a row whose
//! product is zero for every class is an error ([`PoeError::ZeroMass`]).
//!
//! The LPF confidence weight `w_i = sigmoid(−2σ̄_i)/(1 + σ̄_i)` is [`lpf_confidence_weight`].
//!
//! # Determinism
//! Rows are independent and each is computed sequentially, so the output is bit-identical for
//! any thread count. Error budget: [`crate::kernels::tolerances_mc::poe_budget`].
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::poe_aggregate::poe_aggregate;
//! // One row, two factors over two classes, weights 1: P ∝ (0.8·0.6, 0.2·0.4).
//! let p = poe_aggregate(&[0.8f64, 0.2, 0.6, 0.4], &[1.0, 1.0], None, 2, 2).unwrap();
//! assert!((p[0] - 0.48 / 0.56).abs() < 1e-15);
//! ```

use num_traits::Float;
use rayon::prelude::*;
use thiserror::Error;

/// Why a product-of-experts input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum PoeError {
    #[error("the number of factors K must be at least 1, got 0")]
    NoFactors,
    #[error("the number of classes must be at least 1, got 0")]
    NoClasses,
    #[error("the batch is empty")]
    Empty,
    #[error("'{name}' has {got} entries, expected {expected}")]
    Shape { name: &'static str, got: usize, expected: usize },
    #[error("'{name}' at index {index} is {value}: it must be finite and ≥ 0")]
    BadValue { name: &'static str, index: usize, value: f64 },
    #[error("weight at index {index} is {value}: weights must lie in (0, 1]")]
    WeightOutOfRange { index: usize, value: f64 },
    #[error("sigma_bar = {0}: the mean posterior standard deviation must be ≥ 0 and not NaN")]
    BadSigma(f64),
    #[error("row {row}: the tempered product is zero for every class (no class has positive mass)")]
    ZeroMass { row: usize },
}

pub(crate) fn first_bad<F: Float + Sync>(xs: &[F], ok: impl Fn(f64) -> bool + Sync) -> Option<(usize, f64)> {
    xs.par_iter().position_first(|x| !ok(x.to_f64().unwrap_or(f64::NAN))).map(|i| (i, xs[i].to_f64().unwrap_or(f64::NAN)))
}

/// Tempered product of experts over a batch. `phi` is `B × K × |Y|` row-major (row, factor,
/// class), `weights` is `B × K`, `prior` (optional) has `|Y|` entries shared by all rows.
/// Returns `B × |Y|` normalized probabilities.
pub fn poe_aggregate<F: Float + Sync>(
    phi: &[F],
    weights: &[F],
    prior: Option<&[F]>,
    factors: usize,
    classes: usize,
) -> Result<Vec<f64>, PoeError> {
    let (batch, log_prior) = validate(phi, weights, prior, factors, classes)?;
    let row_len = factors * classes;
    let mut out = vec![0.0; batch * classes];
    let failed: Option<usize> = out
        .par_chunks_mut(classes)
        .with_min_len(64)
        .enumerate()
        .filter_map(|(row, dst)| {
            let phi_row = &phi[row * row_len..(row + 1) * row_len];
            let w_row = &weights[row * factors..(row + 1) * factors];
            aggregate_row(phi_row, w_row, log_prior.as_deref(), classes, dst).err().map(|_| row)
        })
        .min();
    match failed {
        Some(row) => Err(PoeError::ZeroMass { row }),
        None => Ok(out),
    }
}

/// Validates a [`poe_aggregate`] input; returns the batch size and the log prior (`ln π_y`,
/// computed once, shared by every backend).
pub(crate) fn validate<F: Float + Sync>(
    phi: &[F],
    weights: &[F],
    prior: Option<&[F]>,
    factors: usize,
    classes: usize,
) -> Result<(usize, Option<Vec<f64>>), PoeError> {
    if factors == 0 {
        return Err(PoeError::NoFactors);
    }
    if classes == 0 {
        return Err(PoeError::NoClasses);
    }
    if phi.is_empty() {
        return Err(PoeError::Empty);
    }
    let row_len = factors.checked_mul(classes).ok_or(PoeError::Shape { name: "phi", got: phi.len(), expected: usize::MAX })?;
    if phi.len() % row_len != 0 {
        return Err(PoeError::Shape { name: "phi", got: phi.len(), expected: (phi.len() / row_len + 1) * row_len });
    }
    let batch = phi.len() / row_len;
    if weights.len() != batch * factors {
        return Err(PoeError::Shape { name: "weights", got: weights.len(), expected: batch * factors });
    }
    if let Some(p) = prior {
        if p.len() != classes {
            return Err(PoeError::Shape { name: "prior", got: p.len(), expected: classes });
        }
    }
    let nonneg = |v: f64| v.is_finite() && v >= 0.0;
    if let Some((index, value)) = first_bad(phi, nonneg) {
        return Err(PoeError::BadValue { name: "phi", index, value });
    }
    if let Some((index, value)) = first_bad(weights, |v| v > 0.0 && v <= 1.0) {
        return Err(PoeError::WeightOutOfRange { index, value });
    }
    let log_prior: Option<Vec<f64>> = match prior {
        Some(p) => {
            if let Some((index, value)) = first_bad(p, nonneg) {
                return Err(PoeError::BadValue { name: "prior", index, value });
            }
            Some(p.iter().map(|x| x.to_f64().unwrap_or(f64::NAN).ln()).collect())
        }
        None => None,
    };
    Ok((batch, log_prior))
}

/// One row into `dst`; `Err(())` when no class has positive mass.
fn aggregate_row<F: Float>(phi: &[F], w: &[F], log_prior: Option<&[f64]>, classes: usize, dst: &mut [f64]) -> Result<(), ()> {
    for (y, l) in dst.iter_mut().enumerate() {
        let mut acc = log_prior.map_or(0.0, |lp| lp[y]);
        for (i, wi) in w.iter().enumerate() {
            let f = phi[i * classes + y].to_f64().unwrap_or(f64::NAN);
            // w·ln 0 = −∞ (w > 0); the class then has zero mass exactly.
            acc += wi.to_f64().unwrap_or(f64::NAN) * f.ln();
        }
        *l = acc;
    }
    let max = dst.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return Err(());
    }
    let mut sum = 0.0;
    for l in dst.iter_mut() {
        *l = (*l - max).exp();
        sum += *l;
    }
    dst.iter_mut().for_each(|p| *p /= sum);
    Ok(())
}

/// The LPF confidence weight `w = sigmoid(−2σ̄)/(1 + σ̄) = 1/((1 + e^{2σ̄})(1 + σ̄))` for a mean
/// posterior standard deviation `σ̄ ≥ 0` (`+∞` gives 0). Budget:
/// [`crate::kernels::tolerances_mc::confidence_weight_budget`]. The weight is at most ½, and
/// underflows to 0 for `σ̄ > 354` (then it is not a valid [`poe_aggregate`] weight).
pub fn lpf_confidence_weight<F: Float>(sigma_bar: F) -> Result<f64, PoeError> {
    let s = sigma_bar.to_f64().unwrap_or(f64::NAN);
    if s.is_nan() || s < 0.0 {
        return Err(PoeError::BadSigma(s));
    }
    Ok(1.0 / ((1.0 + (2.0 * s).exp()) * (1.0 + s)))
}

/// [`lpf_confidence_weight`] over a batch (parallel; each entry independent).
pub fn lpf_confidence_weights<F: Float + Sync>(sigma_bars: &[F]) -> Result<Vec<f64>, PoeError> {
    if let Some((_, value)) = first_bad(sigma_bars, |v| v >= 0.0) {
        return Err(PoeError::BadSigma(value));
    }
    sigma_bars.par_iter().map(|s| lpf_confidence_weight(*s)).collect()
}
