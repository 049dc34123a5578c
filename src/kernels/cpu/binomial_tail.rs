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
//!    next ratio (ratios decrease in `j`), is `≤ 2⁻⁶⁰·S` (tested after every second term), or
//!    past `j = n`. Result `ln t_k + ln S`.
//! 2. Otherwise sum the lower tail `L = P[X ≤ k−1]` the same way downward from `j = k−1`
//!    (ratios `j·σ/(n−j+1)`, `σ = (1−p)/p`, decrease as `j` decreases) and return `ln_1p(−L)`.
//! 3. `ln t_k = lnF(n) − lnF(k) − lnF(n−k) + k·ln p + (n−k)·ln_1p(−p)` where `lnF(m) = ln m!`
//!    is a table of correctly rounded values for `m < 30` ([`LN_FACT`]) and the Stirling series
//!    `(m+½)ln m − m + ½ln 2π + 1/(12m) − 1/(360m³) + 1/(1260m⁵) − 1/(1680m⁷) + 1/(1188m⁹)`
//!    (remainder `< 0.002/m¹¹ < 2⁻⁶⁰`) for `m ≥ 30`; values for `m < 2¹⁶` are computed once and
//!    cached ([`LN_FACT_CACHED`]), bit-identical to computing them each time.
//!
//! Both sums are division-free (one division at the end): the partial sum and the current term
//! are kept as fractions `N/D` and `P/D` with a common denominator (the product of the ratios'
//! integer denominators), two steps at a time, rescaled by exact powers of two (see
//! `ratio_sum`); the stopping test is the same inequality multiplied out. `ln p`, `ln(1−p)`,
//! `ρ` and `σ` are computed once per run of equal `p` within a chunk (they depend only on `p`).
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
use std::sync::OnceLock;
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

/// `ln m!` (see the module docs; error ≤ `8u·(m+1)ln(m+1) + 4u`): [`LN_FACT`] for `m < 30`,
/// the Stirling series above (the kernels read it through a cache of the same values).
#[inline]
pub fn ln_factorial(m: u32) -> f64 {
    if m < 30 {
        return LN_FACT[m as usize];
    }
    ln_factorial_stirling(m)
}

#[inline]
fn ln_factorial_stirling(m: u32) -> f64 {
    let x = f64::from(m);
    let r = 1.0 / x;
    let r2 = r * r;
    let series = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))));
    ((x + 0.5) * x.ln() - x) + (HALF_LN_2PI + series)
}

/// How many `ln m!` values the cache holds (`m < 2¹⁶`, 512 KiB).
pub const LN_FACT_CACHED: usize = 1 << 16;

/// `ln_factorial(m)` for `m < LN_FACT_CACHED`, computed once (on first use) by [`ln_factorial`]
/// itself, so every cached value is bit-identical to the uncached one.
fn ln_factorial_table() -> &'static [f64] {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    TABLE.get_or_init(|| (0..LN_FACT_CACHED as u32).map(ln_factorial).collect())
}

/// [`ln_factorial`] through the cache (same value, bit for bit).
#[inline]
fn ln_factorial_cached(table: &[f64], m: u32) -> f64 {
    match table.get(m as usize) {
        Some(v) => *v,
        None => ln_factorial_stirling(m),
    }
}

/// `ln t_j = ln C(n,j) + j ln p + (n−j) ln(1−p)`.
#[inline]
fn ln_term(n: u32, j: u32, lp: f64, lq: f64) -> f64 {
    let table = ln_factorial_table();
    let lnf = |m| ln_factorial_cached(table, m);
    (lnf(n) - lnf(j) - lnf(n - j)) + (f64::from(j) * lp + f64::from(n - j) * lq)
}

/// Pairs of steps between rescalings of the running fraction in [`ratio_sum`]: the denominator
/// grows by at most `2³¹` a step, so it stays below `2^(31·16+1)` between rescalings.
const RESCALE_EVERY_PAIRS: u32 = 8;

/// `Σ_{i ≥ 0} t_i` with `t_0 = 1`, `t_{i+1} = t_i·(a−i)c/(b+i)`, for integers `a ≥ 0`, `b ≥ 1`
/// and ratios that decrease in `i` and start below 1 (so the terms decrease and `t_i ≤ 1`).
///
/// Division-free, two steps at a time: the partial sum is kept as a fraction `N/D` and the
/// current term as `P/D`; a pair of steps with numerators `ν₀, ν₁` (`νᵢ = fl((a−i)c)`) and
/// denominators `β₀, β₁` does `N ← N·(β₀β₁) + (P·ν₀·β₁ + P·(ν₀ν₁))`, `P ← P·(ν₀ν₁)`,
/// `D ← D·(β₀β₁)`, so the loop-carried chains are one multiplication (and one addition) per
/// pair. All three are scaled by the same power of two every [`RESCALE_EVERY_PAIRS`] pairs
/// (exact). After each pair the stopping test `t·r ≤ 2⁻⁶⁰·s·(1−r)`, `r = ν/β` the next ratio,
/// is evaluated as `P·ν ≤ 2⁻⁶⁰·N·(β − ν)`; past the last term (`a − i ≤ 0`) the numerators are
/// `≤ 0`, the added terms exactly 0, and the test holds. One division at the end.
#[inline]
fn ratio_sum(a: u32, b: u32, c: f64) -> f64 {
    if a == 0 {
        return 1.0;
    }
    let (mut p, mut d, mut s) = (1.0f64, 1.0f64, 1.0f64);
    let (mut alpha, mut beta) = (f64::from(a), f64::from(b));
    let mut pairs = 0u32;
    loop {
        let nu0 = alpha * c;
        let nu1 = (alpha - 1.0) * c;
        let beta1 = beta + 1.0;
        let nu01 = nu0 * nu1;
        let beta01 = beta * beta1;
        let p1 = p * nu0;
        p *= nu01;
        s = s * beta01 + (p1 * beta1 + p);
        d *= beta01;
        alpha -= 2.0;
        beta += 2.0;
        let nu = alpha * c;
        if nu < beta && p * nu <= TRUNCATION * s * (beta - nu) {
            break;
        }
        pairs += 1;
        if pairs % RESCALE_EVERY_PAIRS == 0 {
            // d ≥ 1: multiply everything by 2^−e(d), exact (p may lose bits only below 2⁻¹⁰²²).
            let scale = f64::from_bits((2046 - (d.to_bits() >> 52)) << 52);
            p *= scale;
            d *= scale;
            s *= scale;
        }
    }
    s / d
}

/// `Σ_{j ≥ k} t_j / t_k` (terms must decrease from `k` on): ratios `(n−j)ρ/(j+1)`.
#[inline]
fn sum_up(n: u32, k: u32, rho: f64) -> f64 {
    ratio_sum(n - k, k + 1, rho)
}

/// `Σ_{j ≤ k} t_j / t_k` (terms must decrease from `k` down): ratios `j·σ/(n−j+1)`, `σ = 1/ρ`.
#[inline]
fn sum_down(n: u32, k: u32, sigma: f64) -> f64 {
    ratio_sum(k, n - k + 1, sigma)
}

/// What every input with the same `p` shares: `ln p`, `ln(1−p)`, `ρ = p/(1−p)`, `σ = (1−p)/p`.
#[derive(Clone, Copy)]
struct PConstants {
    p: f64,
    lp: f64,
    lq: f64,
    rho: f64,
    sigma: f64,
}

impl PConstants {
    /// For `0 < p < 1`.
    #[inline]
    fn new(p: f64) -> Self {
        let q = 1.0 - p;
        PConstants { p, lp: p.ln(), lq: (-p).ln_1p(), rho: p / q, sigma: q / p }
    }
    /// `self` if it was made for this `p`, else a new one (the values depend only on `p`, so
    /// the results do not depend on which inputs share them).
    #[inline]
    fn for_p(self, p: f64) -> Self {
        if self.p.to_bits() == p.to_bits() {
            self
        } else {
            PConstants::new(p)
        }
    }
}

/// Placeholder for inputs whose `p` is 0 or 1 (never used in a sum).
const NO_P: PConstants = PConstants { p: f64::NAN, lp: 0.0, lq: 0.0, rho: 0.0, sigma: 0.0 };

/// `ln P[Bin(n, p) ≥ k]` for one input; NaN where the batched functions would refuse it
/// (`p ∉ [0, 1]`, NaN, `n > N_MAX`).
pub fn log_sf_one(n: u32, k: u32, p: f64) -> f64 {
    log_sf_shared(n, k, p, &mut { NO_P })
}

/// [`log_sf_one`] with the per-`p` constants carried over from the previous input.
#[inline]
fn log_sf_shared(n: u32, k: u32, p: f64, shared: &mut PConstants) -> f64 {
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
    let c = shared.for_p(p);
    *shared = c;
    if f64::from(k) > (f64::from(n) + 1.0) * p {
        // Upward from k: terms decrease.
        ln_term(n, k, c.lp, c.lq) + sum_up(n, k, c.rho).ln()
    } else {
        // Complement: L = P[X ≤ k−1], downward from k−1: terms decrease.
        let lower = (ln_term(n, k - 1, c.lp, c.lq) + sum_down(n, k - 1, c.sigma).ln()).exp();
        (-lower).ln_1p()
    }
}

/// `ln P[Bin(n, p) ≤ k]` for one input (NaN where the batched functions would refuse it): the
/// mirror of [`log_sf_one`] (direct downward sum when `k + 1 < (n+1)p`, else
/// `ln_1p(−P[X ≥ k+1])` with the upward sum).
pub fn log_cdf_one(n: u32, k: u32, p: f64) -> f64 {
    log_cdf_shared(n, k, p, &mut { NO_P })
}

/// [`log_cdf_one`] with the per-`p` constants carried over from the previous input.
#[inline]
fn log_cdf_shared(n: u32, k: u32, p: f64, shared: &mut PConstants) -> f64 {
    if !((0.0..=1.0).contains(&p) && n <= N_MAX) {
        return f64::NAN;
    }
    if k >= n || p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return f64::NEG_INFINITY;
    }
    let c = shared.for_p(p);
    *shared = c;
    if f64::from(k) + 1.0 < (f64::from(n) + 1.0) * p {
        ln_term(n, k, c.lp, c.lq) + sum_down(n, k, c.sigma).ln()
    } else {
        let upper = (ln_term(n, k + 1, c.lp, c.lq) + sum_up(n, k + 1, c.rho).ln()).exp();
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
    run_into(n, k, p, out, log_sf_shared)
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` into `out` (same length).
pub fn binomial_log_cdf_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64]) -> Result<(), BinomialTailError> {
    run_into(n, k, p, out, log_cdf_shared)
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` (`−∞` for an empty event: `p = 1`, `k < n`).
pub fn binomial_log_cdf(n: &[u32], k: &[u32], p: &[f64]) -> Result<Vec<f64>, BinomialTailError> {
    let mut out = vec![0.0; n.len()];
    binomial_log_cdf_into(n, k, p, &mut out)?;
    Ok(out)
}

fn run_into(
    n: &[u32],
    k: &[u32],
    p: &[f64],
    out: &mut [f64],
    f: fn(u32, u32, f64, &mut PConstants) -> f64,
) -> Result<(), BinomialTailError> {
    validate(n, k, p)?;
    if out.len() != n.len() {
        return Err(BinomialTailError::OutputLength { out: out.len(), len: n.len() });
    }
    out.par_chunks_mut(CHUNK).zip(n.par_chunks(CHUNK)).zip(k.par_chunks(CHUNK)).zip(p.par_chunks(CHUNK)).for_each(|(((o, ns), ks), ps)| {
        let mut shared = NO_P;
        for (((o, n), k), p) in o.iter_mut().zip(ns).zip(ks).zip(ps) {
            *o = f(*n, *k, *p, &mut shared);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_ln_factorial_is_bit_identical_to_the_formula() {
        let table = ln_factorial_table();
        assert_eq!(table.len(), LN_FACT_CACHED);
        for m in (0..LN_FACT_CACHED as u32).step_by(7).chain([29, 30, 31, 65_535]) {
            assert_eq!(ln_factorial_cached(table, m).to_bits(), ln_factorial(m).to_bits(), "m = {m}");
        }
        for m in [65_536, 1 << 20, N_MAX] {
            assert_eq!(ln_factorial_cached(table, m).to_bits(), ln_factorial(m).to_bits(), "m = {m}");
        }
    }

    /// The division-free pairs against the plain recurrence summed to the end (more terms than
    /// the truncated sum, so within `2⁻⁶⁰` relative plus rounding).
    #[test]
    fn ratio_sum_matches_the_plain_recurrence() {
        for (a, b, c) in
            [(0, 1, 0.3), (1, 5, 0.3), (2, 1, 0.1), (3, 7, 0.9), (40, 61, 1.4), (500, 501, 0.999), (5000, 20, 1e-3), (9999, 2, 1e-300)]
        {
            let (mut t, mut s) = (1.0f64, 1.0f64);
            for i in 0..a {
                t = t * (f64::from(a - i) * c) / f64::from(b + i);
                s += t;
            }
            let got = ratio_sum(a, b, c);
            let tol = 8.0 * f64::from(a + 2) * f64::EPSILON * s;
            assert!((got - s).abs() <= tol, "a = {a}, b = {b}, c = {c}: {got} vs {s}");
        }
    }

    /// Inputs sharing `p` inside a chunk give the same bits as each input alone.
    #[test]
    fn shared_p_constants_do_not_change_results() {
        let n = [100u32, 100, 7, 100, 3000, 3000];
        let k = [30u32, 60, 2, 1, 1500, 2990];
        let p = [0.4, 0.4, 0.4, 0.25, 0.4, 0.4];
        let sf = binomial_log_sf(&n, &k, &p).unwrap();
        let cdf = binomial_log_cdf(&n, &k, &p).unwrap();
        for i in 0..n.len() {
            assert_eq!(sf[i].to_bits(), log_sf_one(n[i], k[i], p[i]).to_bits());
            assert_eq!(cdf[i].to_bits(), log_cdf_one(n[i], k[i], p[i]).to_bits());
        }
    }
}
