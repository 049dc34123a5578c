//! Top-label ECE from an `N × |Y|` probability matrix and integer labels.
//!
//! The top-label confidence of row `i` is `max_y P[i, y]` and the prediction is the *first* class
//! attaining it (the tie rule of `numpy.argmax` and `torch.argmax`); the row is correct when that
//! class equals the label. Both are exact operations on the inputs, so the result is exactly the
//! pairwise ECE ([`super::ece::ece`]) of the derived (confidence, correct) pairs, with the same
//! binning, budget and determinism. Rows need not sum to 1 (the metric only reads the maximum);
//! every entry must lie in `[0, 1]`.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::ece_top_label::ece_top_label;
//! // Two rows, three classes: predictions 2 (conf 0.7, label 2) and 0 (conf 0.5, label 1).
//! let probs = [0.1f32, 0.2, 0.7, 0.5, 0.3, 0.2];
//! let out = ece_top_label(&probs, 3, &[2, 1], 10).unwrap();
//! assert!((out.ece - (0.3 + 0.5) / 2.0).abs() < 1e-6);
//! ```

use super::ece::{EceKernelError, EceOutput};
use super::ece_binning::{fill_chunk, product_is_exact, Histogram};
use num_traits::Float;
use rayon::prelude::*;

/// Rows per chunk (fixed, so the result does not depend on the thread count).
const ROWS_PER_CHUNK: usize = 1 << 14;

/// Confidence and correctness of one row, or the first out-of-range entry.
fn top_label<F: Float>(row: &[F], label: u32, row_index: usize) -> Result<(F, bool), EceKernelError> {
    let mut best = 0;
    for (class, p) in row.iter().enumerate() {
        let v = p.to_f64().unwrap_or(f64::NAN);
        if !(0.0..=1.0).contains(&v) {
            return Err(EceKernelError::ProbabilityOutOfRange { row: row_index, class, value: v });
        }
        if *p > row[best] {
            best = class;
        }
    }
    Ok((row[best], best as u64 == u64::from(label)))
}

/// Binned top-label ECE, MCE and reliability data of `labels.len()` rows of `probs` (row-major,
/// `classes` entries per row).
pub fn ece_top_label<F: Float + Sync>(probs: &[F], classes: usize, labels: &[u32], bins: u32) -> Result<EceOutput, EceKernelError> {
    if bins == 0 {
        return Err(EceKernelError::ZeroBins);
    }
    if classes == 0 {
        return Err(EceKernelError::ZeroClasses);
    }
    let rows = labels.len();
    if rows == 0 {
        return Err(EceKernelError::Empty);
    }
    if rows.checked_mul(classes) != Some(probs.len()) {
        return Err(EceKernelError::MatrixShape { len: probs.len(), rows, classes });
    }
    if let Some(row) = labels.par_iter().position_first(|l| *l as usize >= classes) {
        return Err(EceKernelError::LabelOutOfRange { row, label: labels[row], classes });
    }
    let exact_product = product_is_exact::<F>(bins);
    let partials: Vec<Result<Histogram, EceKernelError>> = probs
        .par_chunks(ROWS_PER_CHUNK * classes)
        .zip(labels.par_chunks(ROWS_PER_CHUNK))
        .enumerate()
        .map(|(chunk, (ps, ls))| {
            let mut conf = Vec::with_capacity(ls.len());
            let mut correct = Vec::with_capacity(ls.len());
            for (r, (row, label)) in ps.chunks_exact(classes).zip(ls).enumerate() {
                let (c, k) = top_label(row, *label, chunk * ROWS_PER_CHUNK + r)?;
                conf.push(c);
                correct.push(k);
            }
            Ok(fill_chunk(&conf, &correct, bins, exact_product, false).0)
        })
        .collect();
    let mut total = Histogram::default();
    // The first error in row order (chunks are in order), so the reported row is deterministic.
    for partial in &partials {
        total.merge(partial.as_ref().map_err(Clone::clone)?);
    }
    Ok(super::ece::finish(&total, rows as u64))
}
