//! Batched log-space binomial tails `ln P[Bin(n, p) ≥ k]` (and `ln P[Bin(n, p) ≤ k]`).
//!
//! Log space so tails far below the f64 range (1e-300 and much smaller) are representable.
//! `k > n` (and `k ≥ 1` with `p = 0`) gives an empty event, returned as `−∞` (`f64::NEG_INFINITY`,
//! the exact value of `ln 0`); `k = 0` or `p = 1` gives `0`.
//!
//! # Algorithm
//! With `ρ = p/(1−p)`, terms `t_j = C(n,j) pʲ (1−p)ⁿ⁻ʲ`, `t_{j+1}/t_j = (n−j)ρ/(j+1)`.
//! 1. If `k > (n+1)p` the terms decrease from `j = k` on: sum `S = Σ_{j≥k} t_j/t_k` upward by the
//!    ratio recurrence, stopping when the geometric bound on the rest, `t·r/(1−r)` with `r` the
//!    next ratio (ratios decrease in `j`), is `≤ 2⁻⁶⁰·S`, or at `j = n`. Result `ln t_k + ln S`.
//! 2. Otherwise sum the lower tail `L = P[X ≤ k−1]` the same way downward from `j = k−1`
//!    (ratios `j/((n−j+1)ρ)` decrease as `j` decreases) and return `ln_1p(−L)`.
//! 3. `ln t_k = lnF(n) − lnF(k) − lnF(n−k) + k·ln p + (n−k)·ln_1p(−p)` where `lnF(m) = ln m!`
//!    is a table of correctly rounded values for `m < 30` ([`LN_FACT`]) and the Stirling series
//!    `(m+½)ln m − m + ½ln 2π + 1/(12m) − 1/(360m³) + 1/(1260m⁵) − 1/(1680m⁷) + 1/(1188m⁹)`
//!    (remainder `< 0.002/m¹¹ < 2⁻⁶⁰`) for `m ≥ 30`.
//!
//! The lower tail `ln P[X ≤ k]` ([`binomial_log_cdf`]) is the mirror image: direct downward sum
//! from `k` when `k + 1 < (n+1)p`, else `ln_1p(−P[X ≥ k+1])` with the upward sum.
//!
//! The error budget is [`crate::kernels::tolerances_klbt::binomial_log_tail_budget`]; `n` is
//! capped at [`N_MAX`].
//!
//! # Determinism
//! Each output depends only on its own `(n, k, p)`: bit-identical for any thread count.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::binomial_tail::binomial_log_sf;
//! let out = binomial_log_sf(&[10], &[10], &[0.5]).unwrap();
//! assert!((out[0] - (0.5f64).ln() * 10.0).abs() < 1e-12);
//! ```

use rayon::prelude::*;
use thiserror::Error;

/// The largest `n` the error analysis covers (so `6(n+2)·u ≪ 1` and every integer is exact).
pub const N_MAX: u32 = 1 << 30;
/// The relative truncation threshold of the tail sums: `2⁻⁶⁰`.
pub const TRUNCATION: f64 = 1.0 / (1u64 << 60) as f64;
/// `½ ln 2π`, correctly rounded.
pub const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
/// `ln m!` for `m < 30`, correctly rounded (computed with 50-digit decimal arithmetic).
#[allow(clippy::excessive_precision)]
pub const LN_FACT: [f64; 30] = [
    0.0,
    0.0,
    std::f64::consts::LN_2,
    1.791759469228055,
    3.1780538303479458,
    4.787491742782046,
    6.579251212010101,
    8.525161361065415,
    10.60460290274525,
    12.801827480081469,
    15.104412573075516,
    17.502307845873887,
    19.987214495661885,
    22.552163853123425,
    25.19122118273868,
    27.89927138384089,
    30.671860106080672,
    33.50507345013689,
    36.39544520803305,
    39.339884187199495,
    42.335616460753485,
    45.38013889847691,
    48.47118135183523,
    51.60667556776438,
    54.78472939811232,
    58.00360522298052,
    61.261701761002,
    64.55753862700634,
    67.88974313718154,
    71.25703896716801,
];
const CHUNK: usize = 1 << 10;

/// Why a binomial-tail kernel input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum BinomialTailError {
    #[error("'n' has {n} entries, 'k' {k} and 'p' {p}: the arrays must have the same length")]
    LengthMismatch { n: usize, k: usize, p: usize },
    #[error("'out' has {out} entries but the inputs have {len}")]
    OutputLength { out: usize, len: usize },
    #[error("the input arrays are empty")]
    Empty,
    #[error("p at index {index} is NaN")]
    NotANumber { index: usize },
    #[error("p at index {index} is {value}, outside [0, 1]")]
    ProbabilityOutOfRange { index: usize, value: f64 },
    #[error("n at index {index} is {value}, above the supported maximum {max}")]
    TooManyTrials { index: usize, value: u32, max: u32 },
}

/// `ln m!` (see the module docs; error ≤ `8u·(m+1)ln(m+1) + 4u`).
#[inline]
pub fn ln_factorial(m: u32) -> f64 {
    if m < 30 {
        return LN_FACT[m as usize];
    }
    let x = f64::from(m);
    let r = 1.0 / x;
    let r2 = r * r;
    let series = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))));
    ((x + 0.5) * x.ln() - x) + (HALF_LN_2PI + series)
}

/// `ln t_j = ln C(n,j) + j ln p + (n−j) ln(1−p)`.
#[inline]
fn ln_term(n: u32, j: u32, lp: f64, lq: f64) -> f64 {
    (ln_factorial(n) - ln_factorial(j) - ln_factorial(n - j)) + (f64::from(j) * lp + f64::from(n - j) * lq)
}

/// `Σ_{j ≥ k} t_j / t_k` by the upward ratio recurrence (terms must decrease from `k` on).
#[inline]
fn sum_up(n: u32, k: u32, rho: f64) -> f64 {
    let (mut t, mut s, mut j) = (1.0f64, 1.0f64, k);
    while j < n {
        t = t * (f64::from(n - j) * rho) / f64::from(j + 1);
        s += t;
        j += 1;
        let r = f64::from(n - j) * rho / f64::from(j + 1);
        if r < 1.0 && t * r <= TRUNCATION * s * (1.0 - r) {
            break;
        }
    }
    s
}

/// `Σ_{j ≤ k} t_j / t_k` by the downward ratio recurrence (terms must decrease from `k` down).
#[inline]
fn sum_down(n: u32, k: u32, rho: f64) -> f64 {
    let (mut t, mut s, mut j) = (1.0f64, 1.0f64, k);
    while j > 0 {
        t = t * f64::from(j) / (f64::from(n - j + 1) * rho);
        s += t;
        j -= 1;
        let r = f64::from(j) / (f64::from(n - j + 1) * rho);
        if r < 1.0 && t * r <= TRUNCATION * s * (1.0 - r) {
            break;
        }
    }
    s
}

/// `ln P[Bin(n, p) ≥ k]` for one input; NaN where the batched functions would refuse it
/// (`p ∉ [0, 1]`, NaN, `n > N_MAX`).
pub fn log_sf_one(n: u32, k: u32, p: f64) -> f64 {
    if !((0.0..=1.0).contains(&p) && n <= N_MAX) {
        return f64::NAN;
    }
    if k == 0 {
        return 0.0;
    }
    if k > n || p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return 0.0;
    }
    let rho = p / (1.0 - p);
    let (lp, lq) = (p.ln(), (-p).ln_1p());
    if f64::from(k) > (f64::from(n) + 1.0) * p {
        // Upward from k: terms decrease.
        ln_term(n, k, lp, lq) + sum_up(n, k, rho).ln()
    } else {
        // Complement: L = P[X ≤ k−1], downward from k−1: terms decrease.
        let lower = (ln_term(n, k - 1, lp, lq) + sum_down(n, k - 1, rho).ln()).exp();
        (-lower).ln_1p()
    }
}

/// `ln P[Bin(n, p) ≤ k]` for one input (NaN where the batched functions would refuse it): the
/// mirror of [`log_sf_one`] (direct downward sum when `k + 1 < (n+1)p`, else
/// `ln_1p(−P[X ≥ k+1])` with the upward sum).
pub fn log_cdf_one(n: u32, k: u32, p: f64) -> f64 {
    if !((0.0..=1.0).contains(&p) && n <= N_MAX) {
        return f64::NAN;
    }
    if k >= n || p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return f64::NEG_INFINITY;
    }
    let rho = p / (1.0 - p);
    let (lp, lq) = (p.ln(), (-p).ln_1p());
    if f64::from(k) + 1.0 < (f64::from(n) + 1.0) * p {
        ln_term(n, k, lp, lq) + sum_down(n, k, rho).ln()
    } else {
        let upper = (ln_term(n, k + 1, lp, lq) + sum_up(n, k + 1, rho).ln()).exp();
        (-upper).ln_1p()
    }
}

/// The batched functions' input check (shared with the CUDA backend, so bad input gives the
/// same typed error there).
pub(crate) fn validate(n: &[u32], k: &[u32], p: &[f64]) -> Result<(), BinomialTailError> {
    if n.len() != k.len() || n.len() != p.len() {
        return Err(BinomialTailError::LengthMismatch { n: n.len(), k: k.len(), p: p.len() });
    }
    if n.is_empty() {
        return Err(BinomialTailError::Empty);
    }
    let bad = n.par_iter().zip(p.par_iter()).position_first(|(n, p)| !(*p >= 0.0 && *p <= 1.0 && *n <= N_MAX));
    if let Some(index) = bad {
        let (nv, pv) = (n[index], p[index]);
        return Err(if pv.is_nan() {
            BinomialTailError::NotANumber { index }
        } else if !(0.0..=1.0).contains(&pv) {
            BinomialTailError::ProbabilityOutOfRange { index, value: pv }
        } else {
            BinomialTailError::TooManyTrials { index, value: nv, max: N_MAX }
        });
    }
    Ok(())
}

/// Batched `ln P[Bin(n[i], p[i]) ≥ k[i]]` into `out` (same length). A timing program can call
/// this on slices directly.
pub fn binomial_log_sf_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64]) -> Result<(), BinomialTailError> {
    run_into(n, k, p, out, log_sf_one)
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` into `out` (same length).
pub fn binomial_log_cdf_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64]) -> Result<(), BinomialTailError> {
    run_into(n, k, p, out, log_cdf_one)
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` (`−∞` for an empty event: `p = 1`, `k < n`).
pub fn binomial_log_cdf(n: &[u32], k: &[u32], p: &[f64]) -> Result<Vec<f64>, BinomialTailError> {
    let mut out = vec![0.0; n.len()];
    binomial_log_cdf_into(n, k, p, &mut out)?;
    Ok(out)
}

fn run_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64], f: fn(u32, u32, f64) -> f64) -> Result<(), BinomialTailError> {
    validate(n, k, p)?;
    if out.len() != n.len() {
        return Err(BinomialTailError::OutputLength { out: out.len(), len: n.len() });
    }
    out.par_chunks_mut(CHUNK).zip(n.par_chunks(CHUNK)).zip(k.par_chunks(CHUNK)).zip(p.par_chunks(CHUNK)).for_each(|(((o, ns), ks), ps)| {
        for (((o, n), k), p) in o.iter_mut().zip(ns).zip(ks).zip(ps) {
            *o = f(*n, *k, *p);
        }
    });
    Ok(())
}

/// Batched `ln P[Bin(n[i], p[i]) ≥ k[i]]` (`−∞` for an empty event).
pub fn binomial_log_sf(n: &[u32], k: &[u32], p: &[f64]) -> Result<Vec<f64>, BinomialTailError> {
    let mut out = vec![0.0; n.len()];
    binomial_log_sf_into(n, k, p, &mut out)?;
    Ok(out)
}
