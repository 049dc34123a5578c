//! Binned top-label ECE, MCE and reliability-diagram data, f32 or f64 confidences.
//!
//! # Convention
//! As [`crate::reference::ece`]: `B` equal-width bins with exact edges `j/B`; bin `j` is
//! `(j/B, (j+1)/B]`, bin 0 is closed at 0; empty bins are skipped.
//!
//! # Exact binning
//! A candidate `j = ⌈c·B⌉ − 1` is computed in f64. The rounded product `p = fl(c·B)` is off by
//! at most `ulp(p)/2 ≤ 2⁻²¹` (as `p ≤ B < 2³²`), so `j` can only be wrong when `p` is within
//! that distance of an integer. Only then is `j` corrected with the sign of `fma(c, B, −k)`:
//! `c·B − k` is a multiple of `2⁻¹⁰⁷⁴` (c is a dyadic, `B`, `k` integers), so its correctly
//! rounded value is zero exactly when it is zero and otherwise has the right sign.
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

/// The exact bin of `c ∈ [0, 1]` (see the module docs).
#[inline]
pub fn bin_index(c: f64, bins: u32) -> u32 {
    let b = f64::from(bins);
    let p = c * b;
    let top = i64::from(bins) - 1;
    let mut j = (p.ceil() as i64 - 1).clamp(0, top);
    let frac = p - p.floor();
    if !(1e-6..=1.0 - 1e-6).contains(&frac) {
        // c ≤ j/B means the point belongs lower; c > (j+1)/B means higher.
        if j > 0 && c.mul_add(b, -(j as f64)) <= 0.0 {
            j -= 1;
        } else if j < top && c.mul_add(b, -((j + 1) as f64)) > 0.0 {
            j += 1;
        }
    }
    j as u32
}

#[derive(Clone, Default)]
struct Partial {
    count: Vec<u64>,
    correct: Vec<u64>,
    sum_conf: Vec<f64>,
}

fn validate<F: Float + Sync>(conf: &[F], correct: &[bool], bins: u32) -> Result<(), EceKernelError> {
    if bins == 0 {
        return Err(EceKernelError::ZeroBins);
    }
    if conf.len() != correct.len() {
        return Err(EceKernelError::LengthMismatch { conf: conf.len(), correct: correct.len() });
    }
    if conf.is_empty() {
        return Err(EceKernelError::Empty);
    }
    // Find the first bad index deterministically (the parallel search returns the minimum).
    let bad = conf.par_iter().position_first(|c| !(*c >= F::zero() && *c <= F::one()));
    if let Some(index) = bad {
        let v = conf[index].to_f64().unwrap_or(f64::NAN);
        return Err(if v.is_nan() {
            EceKernelError::NotANumber { index }
        } else {
            EceKernelError::ConfidenceOutOfRange { index, value: v }
        });
    }
    Ok(())
}

/// Chunk length: depends on `n` and `B` only (never on the thread count), large enough that the
/// per-chunk partials (`3B` words) stay small next to the chunk itself.
fn chunk_len(n: usize, bins: u32) -> usize {
    let min = (bins as usize).saturating_mul(16).max(1 << 14);
    min.min(n.max(1))
}

/// Binned ECE, MCE and reliability data for `n` (confidence, correct) pairs.
pub fn ece<F: Float + Sync>(conf: &[F], correct: &[bool], bins: u32) -> Result<EceOutput, EceKernelError> {
    validate(conf, correct, bins)?;
    let nb = bins as usize;
    let len = chunk_len(conf.len(), bins);
    let partials: Vec<Partial> = conf
        .par_chunks(len)
        .zip(correct.par_chunks(len))
        .map(|(cs, ks)| {
            let mut p = Partial { count: vec![0; nb], correct: vec![0; nb], sum_conf: vec![0.0; nb] };
            for (c, k) in cs.iter().zip(ks) {
                let c = c.to_f64().unwrap_or(f64::NAN);
                let j = bin_index(c, bins) as usize;
                p.count[j] += 1;
                p.correct[j] += u64::from(*k);
                p.sum_conf[j] += c;
            }
            p
        })
        .collect();
    let mut total = Partial { count: vec![0; nb], correct: vec![0; nb], sum_conf: vec![0.0; nb] };
    for p in &partials {
        for j in 0..nb {
            total.count[j] += p.count[j];
            total.correct[j] += p.correct[j];
            total.sum_conf[j] += p.sum_conf[j];
        }
    }
    let n = conf.len() as f64;
    let mut gap_sum = 0.0;
    let mut mce: f64 = 0.0;
    let mut out_bins = Vec::new();
    for j in 0..nb {
        let cnt = total.count[j];
        if cnt == 0 {
            continue;
        }
        let k = total.correct[j] as f64;
        let s = total.sum_conf[j];
        gap_sum += (k - s).abs();
        let cf = cnt as f64;
        let (mean_confidence, accuracy) = (s / cf, k / cf);
        mce = mce.max((accuracy - mean_confidence).abs());
        out_bins.push(BinStat { bin: j as u32, count: cnt, mean_confidence, accuracy });
    }
    Ok(EceOutput { ece: gap_sum / n, mce, bins: out_bins })
}
