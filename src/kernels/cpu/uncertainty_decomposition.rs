//! Total / aleatoric / epistemic uncertainty of ensembles (LPF Theorem 7), entropy and variance
//! forms, for `N` inputs with `M` members' class distributions `p_m(y)` each.
//!
//! # Formula
//! With `p̄ = (1/M) Σ_m p_m`:
//! * entropy form (nats): total `H(p̄)`, aleatoric `(1/M) Σ_m H(p_m)`, epistemic
//!   `I = H(p̄) − (1/M) Σ_m H(p_m) = (1/M) Σ_m KL(p_m ‖ p̄)`;
//! * variance form: total `Σ_y p̄_y(1 − p̄_y)`, aleatoric `(1/M) Σ_m Σ_y p_{m,y}(1 − p_{m,y})`,
//!   epistemic `Σ_y Var_m p_{m,y} = (1/M) Σ_m Σ_y (p_{m,y} − p̄_y)²`.
//!
//! # Non-negative epistemic terms
//! The epistemic terms are never computed as a difference of the other two (which cancels
//! catastrophically when members agree): the entropy form is the mean KL divergence, clamped at
//! 0 (the exact value is ≥ 0, so the clamp never increases the error), and the variance form is a
//! sum of squares. Consequently `total = aleatoric + epistemic` holds up to the budgets of
//! [`crate::kernels::tolerances_mc::entropy_budget`] / `variance_budget`, not bit for bit.
//!
//! # Input policy
//! Each member's row must have entries in `[0, 1]` and sum to 1 within [`ROW_SUM_TOLERANCE`];
//! rows are used as given (not renormalized). `0·ln 0 = 0`.
//!
//! # Determinism
//! Inputs are independent and each is computed sequentially (members in order, classes in
//! order), so the output is bit-identical for any thread count.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::uncertainty_decomposition::uncertainty_decomposition;
//! // One input, two confident members that disagree.
//! let d = uncertainty_decomposition(&[1.0f64, 0.0, 0.0, 1.0], 2, 2).unwrap();
//! assert!((d[0].total_entropy - 2f64.ln()).abs() < 1e-15);
//! assert_eq!(d[0].aleatoric_entropy, 0.0);
//! assert!((d[0].epistemic_variance - 0.5).abs() < 1e-15);
//! ```

use num_traits::Float;
use rayon::prelude::*;
use thiserror::Error;

/// A member's row must sum to 1 within this absolute tolerance (f32 softmax outputs of up to
/// thousands of classes meet it).
pub const ROW_SUM_TOLERANCE: f64 = 1e-6;

/// Why an ensemble input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum UncertaintyError {
    #[error("the number of members M must be at least 1, got 0")]
    NoMembers,
    #[error("the number of classes must be at least 1, got 0")]
    NoClasses,
    #[error("there are no inputs")]
    Empty,
    #[error("'probs' has {got} entries, not a multiple of members × classes = {row}")]
    Shape { got: usize, row: usize },
    #[error("probability at index {index} is {value}: it must lie in [0, 1] (NaN is refused)")]
    OutOfRange { index: usize, value: f64 },
    #[error("input {input}, member {member}: the row sums to {sum}, not 1 within {ROW_SUM_TOLERANCE}")]
    RowSum { input: usize, member: usize, sum: f64 },
}

/// The six outputs for one input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decomposition {
    pub total_entropy: f64,
    pub aleatoric_entropy: f64,
    pub epistemic_entropy: f64,
    pub total_variance: f64,
    pub aleatoric_variance: f64,
    pub epistemic_variance: f64,
}

/// `−Σ q ln q` over `q > 0`.
fn entropy(q: impl Iterator<Item = f64>) -> f64 {
    -q.filter(|x| *x > 0.0).map(|x| x * x.ln()).sum::<f64>()
}

/// The decomposition of every input. `probs` is `N × M × |Y|` row-major (input, member, class).
pub fn uncertainty_decomposition<F: Float + Sync>(
    probs: &[F],
    members: usize,
    classes: usize,
) -> Result<Vec<Decomposition>, UncertaintyError> {
    let row = validate(probs, members, classes)?;
    // Rows are independent; `with_min_len` only batches tiny rows into fewer rayon tasks.
    Ok(probs.par_chunks(row).with_min_len(64).map_init(Scratch::default, |s, input| decompose(input, members, classes, s)).collect())
}

/// Validates an [`uncertainty_decomposition`] input (shared by every backend); returns the
/// length of one input, `members × classes`.
pub(crate) fn validate<F: Float + Sync>(probs: &[F], members: usize, classes: usize) -> Result<usize, UncertaintyError> {
    if members == 0 {
        return Err(UncertaintyError::NoMembers);
    }
    if classes == 0 {
        return Err(UncertaintyError::NoClasses);
    }
    if probs.is_empty() {
        return Err(UncertaintyError::Empty);
    }
    let row = members.checked_mul(classes).ok_or(UncertaintyError::Shape { got: probs.len(), row: usize::MAX })?;
    if probs.len() % row != 0 {
        return Err(UncertaintyError::Shape { got: probs.len(), row });
    }
    let bad = probs.par_iter().position_first(|x| !(*x >= F::zero() && *x <= F::one()));
    if let Some(index) = bad {
        return Err(UncertaintyError::OutOfRange { index, value: probs[index].to_f64().unwrap_or(f64::NAN) });
    }
    let bad_row = probs.par_chunks(classes).enumerate().find_first(|(_, r)| {
        let s: f64 = r.iter().map(|x| x.to_f64().unwrap_or(f64::NAN)).sum();
        (s - 1.0).abs() > ROW_SUM_TOLERANCE
    });
    if let Some((r, values)) = bad_row {
        let sum = values.iter().map(|x| x.to_f64().unwrap_or(f64::NAN)).sum();
        return Err(UncertaintyError::RowSum { input: r / members, member: r % members, sum });
    }
    Ok(row)
}

/// Per-thread scratch: `Σ_m p_{m,y}`, `p̄_y`, `ln p̄_y` and `ln p_{m,y}` (reused across inputs).
#[derive(Default)]
struct Scratch {
    sums: Vec<f64>,
    pbar: Vec<f64>,
    ln_pbar: Vec<f64>,
    ln_p: Vec<f64>,
}

fn decompose<F: Float>(input: &[F], members: usize, classes: usize, s: &mut Scratch) -> Decomposition {
    let p = |m: usize, y: usize| input[m * classes + y].to_f64().unwrap_or(f64::NAN);
    let mf = members as f64;
    // Σ_m p_{m,y} (kept for the logarithm when p̄ underflows) and p̄_y.
    s.sums.clear();
    s.sums.extend((0..classes).map(|y| (0..members).map(|m| p(m, y)).sum::<f64>()));
    s.pbar.clear();
    s.pbar.extend(s.sums.iter().map(|x| x / mf));
    s.ln_pbar.clear();
    s.ln_pbar.extend(s.pbar.iter().zip(&s.sums).map(|(q, x)| if *q > 0.0 { q.ln() } else { x.ln() - mf.ln() }));
    // ln p once per entry (0 stands for the skipped p = 0 terms; it is never read for them).
    s.ln_p.clear();
    s.ln_p.extend(input.iter().map(|x| {
        let v = x.to_f64().unwrap_or(f64::NAN);
        if v > 0.0 {
            v.ln()
        } else {
            0.0
        }
    }));
    let ln_p = &s.ln_p;
    let total_entropy = entropy(s.pbar.iter().copied());
    let aleatoric_entropy =
        (0..members).map(|m| -(0..classes).filter(|y| p(m, *y) > 0.0).map(|y| p(m, y) * ln_p[m * classes + y]).sum::<f64>()).sum::<f64>()
            / mf;
    let kl_sum: f64 = (0..members)
        .map(|m| (0..classes).filter(|y| p(m, *y) > 0.0).map(|y| p(m, y) * (ln_p[m * classes + y] - s.ln_pbar[y])).sum::<f64>())
        .sum();
    let epistemic_entropy = (kl_sum / mf).max(0.0);
    let total_variance = s.pbar.iter().map(|q| q * (1.0 - q)).sum();
    let aleatoric_variance = (0..members).map(|m| (0..classes).map(|y| p(m, y) * (1.0 - p(m, y))).sum::<f64>()).sum::<f64>() / mf;
    let epistemic_variance = (0..members)
        .map(|m| {
            (0..classes)
                .map(|y| {
                    let d = p(m, y) - s.pbar[y];
                    d * d
                })
                .sum::<f64>()
        })
        .sum::<f64>()
        / mf;
    Decomposition { total_entropy, aleatoric_entropy, epistemic_entropy, total_variance, aleatoric_variance, epistemic_variance }
}
