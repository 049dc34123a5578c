//! Binned top-label ECE, MCE and reliability-diagram data, f32 or f64 confidences.
//!
//! # Convention
//! As [`crate::reference::ece`]: `B` equal-width bins with exact edges `j/B`; bin `j` is
//! `(j/B, (j+1)/B]`, bin 0 is closed at 0; empty bins are skipped. Binning is exact (see
//! [`super::ece_binning`]); f32 inputs are widened to f64 exactly.
//!
//! # One pass
//! Validation is fused into the binning pass: each chunk flags a confidence outside `[0, 1]` or
//! NaN, and only when some chunk raised the flag is the first offending index searched for (the
//! error path). So the input is read once.
//!
//! # Determinism
//! The input is cut into chunks whose size depends only on `n` and `B`; each chunk's per-bin
//! partials (exact integer counts, f64 confidence sums) are combined in chunk order, so the
//! result is bit-identical for any number of threads.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::ece::ece;
//! let out = ece(&[0.9f32, 0.9, 0.3], &[true, false, false], 10).unwrap();
//! assert!((out.ece - (2.0 / 3.0 * 0.4 + 0.1)).abs() < 1e-6);
//! ```

pub use super::ece_binning::bin_index;
use super::ece_binning::{fill_chunk, product_is_exact, Histogram};
use num_traits::Float;
use rayon::prelude::*;
use thiserror::Error;

/// Why an ECE kernel input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum EceKernelError {
    #[error("the number of bins must be at least 1, got 0")]
    ZeroBins,
    #[error("'conf' has {conf} entries but 'correct' has {correct}: the arrays must have the same length")]
    LengthMismatch { conf: usize, correct: usize },
    #[error("there are no points: ECE of an empty sample is undefined")]
    Empty,
    #[error("confidence at index {index} is NaN")]
    NotANumber { index: usize },
    #[error("confidence at index {index} is {value}, outside [0, 1]")]
    ConfidenceOutOfRange { index: usize, value: f64 },
    #[error("every confidence is NaN ({skipped} skipped): nothing is left to bin")]
    AllSkipped { skipped: u64 },
    #[error("the probability matrix has {len} entries, not rows × classes = {rows} × {classes}")]
    MatrixShape { len: usize, rows: usize, classes: usize },
    #[error("the number of classes must be at least 1, got 0")]
    ZeroClasses,
    #[error("label at row {row} is {label}, but there are only {classes} classes")]
    LabelOutOfRange { row: usize, label: u32, classes: usize },
    #[error("probability at row {row}, class {class} is {value}, outside [0, 1]")]
    ProbabilityOutOfRange { row: usize, class: usize, value: f64 },
}

/// One non-empty bin of the reliability diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct BinStat {
    pub bin: u32,
    pub count: u64,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

/// ECE, MCE and the reliability diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct EceOutput {
    pub ece: f64,
    pub mce: f64,
    pub bins: Vec<BinStat>,
}

/// The result of [`ece_skipping_nan`]: the ECE of the rows that were kept, and how many were not.
#[derive(Debug, Clone, PartialEq)]
pub struct EceSkippingNan {
    pub output: EceOutput,
    /// Rows whose confidence was NaN, left out of every bin and of `n`.
    pub skipped: u64,
}

/// Chunk length: depends on `n` and `B` only (never on the thread count), large enough that the
/// dense per-chunk partials (a few words per bin, at most 4096 bins) stay small next to the chunk
/// itself, and far below 2³² so the packed per-chunk counters cannot overflow.
fn chunk_len(n: usize, bins: u32) -> usize {
    let min = (bins.min(1 << 12) as usize * 64).max(1 << 16);
    min.min(n.max(1))
}

fn check_shape(conf_len: usize, correct_len: usize, bins: u32) -> Result<(), EceKernelError> {
    if bins == 0 {
        return Err(EceKernelError::ZeroBins);
    }
    if conf_len != correct_len {
        return Err(EceKernelError::LengthMismatch { conf: conf_len, correct: correct_len });
    }
    if conf_len == 0 {
        return Err(EceKernelError::Empty);
    }
    Ok(())
}

/// The first invalid confidence (only called once a chunk has flagged one).
fn first_invalid<F: Float + Sync>(conf: &[F], skip_nan: bool) -> EceKernelError {
    let bad = conf.par_iter().position_first(|c| {
        let c = c.to_f64().unwrap_or(f64::NAN);
        !((0.0..=1.0).contains(&c) || skip_nan && c.is_nan())
    });
    let index = bad.expect("a chunk flagged an invalid confidence");
    let value = conf[index].to_f64().unwrap_or(f64::NAN);
    if value.is_nan() {
        EceKernelError::NotANumber { index }
    } else {
        EceKernelError::ConfidenceOutOfRange { index, value }
    }
}

/// The histogram of the whole input, or the first invalid confidence.
fn histogram<F: Float + Sync>(conf: &[F], correct: &[bool], bins: u32, skip_nan: bool) -> Result<(Histogram, u64), EceKernelError> {
    check_shape(conf.len(), correct.len(), bins)?;
    let exact_product = product_is_exact::<F>(bins);
    let len = chunk_len(conf.len(), bins);
    let partials: Vec<(Histogram, bool, u64)> =
        conf.par_chunks(len).zip(correct.par_chunks(len)).map(|(cs, ks)| fill_chunk(cs, ks, bins, exact_product, skip_nan)).collect();
    if partials.iter().any(|(_, bad, _)| *bad) {
        return Err(first_invalid(conf, skip_nan));
    }
    let mut total = Histogram::default();
    let mut skipped = 0;
    for (h, _, s) in &partials {
        total.merge(h);
        skipped += s;
    }
    Ok((total, skipped))
}

/// ECE, MCE and the reliability bins from the merged histogram of `n` points.
pub(super) fn finish(total: &Histogram, n: u64) -> EceOutput {
    let n = n as f64;
    let mut gap_sum = 0.0;
    let mut mce: f64 = 0.0;
    let mut out_bins = Vec::new();
    for (&bin, cell) in &total.cells {
        let k = cell.correct as f64;
        let s = cell.sum_conf;
        gap_sum += (k - s).abs();
        let cf = cell.count as f64;
        let (mean_confidence, accuracy) = (s / cf, k / cf);
        mce = mce.max((accuracy - mean_confidence).abs());
        out_bins.push(BinStat { bin, count: cell.count, mean_confidence, accuracy });
    }
    EceOutput { ece: gap_sum / n, mce, bins: out_bins }
}

/// Binned ECE, MCE and reliability data for `n` (confidence, correct) pairs.
pub fn ece<F: Float + Sync>(conf: &[F], correct: &[bool], bins: u32) -> Result<EceOutput, EceKernelError> {
    let (total, _) = histogram(conf, correct, bins, false)?;
    Ok(finish(&total, conf.len() as u64))
}

/// As [`ece`], but rows with a NaN confidence are left out (and counted) instead of refused.
/// Confidences outside `[0, 1]` are still refused.
pub fn ece_skipping_nan<F: Float + Sync>(conf: &[F], correct: &[bool], bins: u32) -> Result<EceSkippingNan, EceKernelError> {
    let (total, skipped) = histogram(conf, correct, bins, true)?;
    let kept = conf.len() as u64 - skipped;
    if kept == 0 {
        return Err(EceKernelError::AllSkipped { skipped });
    }
    Ok(EceSkippingNan { output: finish(&total, kept), skipped })
}
