//! Batched upper bounds: Hoeffding, Bernstein, empirical Bernstein and PAC-Bayes (McAllester,
//! Catoni, Thiemann et al.'s λ-bound) over grids of f64 parameters.
//!
//! # Statement
//! For every grid point the kernel returns an f64 `v` with `x ≤ v ≤ x + budget`, where `x` is the
//! exact value of the same formula as the reference ([`crate::reference::tail_bounds`],
//! [`crate::reference::pac_bayes_bounds`]) at the given f64 parameters (read as exact dyadic
//! rationals), and `budget` is [`crate::kernels::tolerances_concentration::budget`]. So a
//! returned value is always a valid (never under-reported) bound.
//!
//! # Formula
//! - Hoeffding `exp(−2t²/(n(b − a)²))` (0 when `a = b`);
//! - Bernstein with the published constant `1/3`: `exp(−t²/(2(σ² + b·t/3)))` (0 when `σ² = b = 0`);
//! - Maurer–Pontil empirical Bernstein radius with the published `k = 2`, `c = 7/3`:
//!   `√(2V ln(2/δ)/n) + 7 ln(2/δ)/(3(n − 1))`;
//! - McAllester `L̂ + √((KL + ln(2√n/δ))/(2n))`;
//! - Catoni `(1 − exp(−C·L̂ − (KL + ln(1/δ))/n))/(1 − e^{−C})`;
//! - λ-bound `L̂/(1 − λ/2) + (KL + ln(2√n/δ))/(λ(1 − λ/2)n)`.
//!
//! The Seeger/Maurer kl form needs a kl-inverse kernel and is not here (see `kl_inverse`).
//!
//! # Rigour
//! Every formula is evaluated with one-sided rounding ([`super::directed`]): each operation's
//! round-to-nearest result is stepped towards the side that keeps the final value an upper
//! bound, using the monotonicity of each formula in each intermediate (e.g. Hoeffding needs a
//! *lower* bound on `2t²/(n w²)`). This is used instead of "evaluate, then multiply by
//! `(1 + γ_k)`" because the exponential bounds amplify a relative error `θ` of their argument `x`
//! into `e^{|x|θ} − 1`, which no fixed `γ_k` covers for large `|x|`; the budget carries that
//! `|x|` term. `ln(2√n/δ)` is computed as `(ln(4n) − 2 ln δ)/2` so that tiny `δ` cannot overflow.
//! libm's `exp`, `ln`, `expm1` are assumed accurate to 1 ulp.
//!
//! # Determinism
//! Grid points are independent (no reductions), so the output is bit-identical for any thread
//! count.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::concentration_bounds::{concentration_bounds, BoundParams};
//! let v = concentration_bounds(&[BoundParams::Hoeffding { n: 100, a: 0.0, b: 1.0, t: 10.0 }]).unwrap();
//! // exp(−2·100/100) = e^{−2}, returned as an upper bound a few ulps above it.
//! assert!(v[0] >= (-2.0f64).exp() && v[0] < (-2.0f64).exp() * (1.0 + 1e-14));
//! ```

use super::directed::{down, down_libm, u64_up, up, up_libm};
use rayon::prelude::*;
use thiserror::Error;

/// One grid point: which bound, and its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BoundParams {
    /// `n` variables in `[a, b]`, deviation `t > 0` of the sum.
    Hoeffding { n: u64, a: f64, b: f64, t: f64 },
    /// Summed variance `variance ≥ 0`, bound `b ≥ 0` on `X_i − EX_i`, deviation `t > 0`.
    Bernstein { variance: f64, b: f64, t: f64 },
    /// `n ≥ 2` samples, unbiased sample variance `v ≥ 0`, confidence `δ ∈ (0, 1)`.
    EmpiricalBernstein { n: u32, v: f64, delta: f64 },
    /// Empirical risk `emp ∈ [0, 1]`, `kl ≥ 0`, `n ≥ 1`, `δ ∈ (0, 1)`.
    McAllester { emp: f64, kl: f64, n: u32, delta: f64 },
    /// As McAllester, plus Catoni's `c > 0` (`C = λ/n`).
    Catoni { emp: f64, kl: f64, n: u32, delta: f64, c: f64 },
    /// As McAllester, plus `λ ∈ (0, 2)`.
    Lambda { emp: f64, kl: f64, n: u32, delta: f64, lambda: f64 },
}

/// Why a grid point is refused. `index` is its position in the grid.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ConcentrationError {
    #[error("grid point {index}: {name} = {value} is not finite")]
    NotFinite { index: usize, name: &'static str, value: f64 },
    #[error("grid point {index}: delta = {value} is outside (0, 1)")]
    DeltaOutOfRange { index: usize, value: f64 },
    #[error("grid point {index}: the deviation t = {value} must be positive")]
    NonPositiveDeviation { index: usize, value: f64 },
    #[error("grid point {index}: {name} = {value} must be non-negative")]
    Negative { index: usize, name: &'static str, value: f64 },
    #[error("grid point {index}: the range [a, b] is empty (a = {a} > b = {b})")]
    EmptyRange { index: usize, a: f64, b: f64 },
    #[error("grid point {index}: the bound needs n ≥ {min}, got n = {n}")]
    TooFewSamples { index: usize, n: u64, min: u64 },
    #[error("grid point {index}: emp_risk = {value} is outside [0, 1]")]
    EmpiricalRiskOutOfRange { index: usize, value: f64 },
    #[error("grid point {index}: Catoni's c = {value} must be positive")]
    CatoniConstantNotPositive { index: usize, value: f64 },
    #[error("grid point {index}: lambda = {value} is outside (0, 2)")]
    LambdaOutOfRange { index: usize, value: f64 },
}

/// Below this many points the grid is evaluated on one thread (no scheduling overhead).
const MIN_PARALLEL_LEN: usize = 4096;

/// Upper bounds for every grid point, in grid order.
pub fn concentration_bounds(grid: &[BoundParams]) -> Result<Vec<f64>, ConcentrationError> {
    // Validate first, sequentially, so the reported error is always the first bad point.
    grid.iter().enumerate().try_for_each(|(i, p)| validate(i, p))?;
    Ok(grid.par_iter().with_min_len(MIN_PARALLEL_LEN).map(evaluate).collect())
}

/// The upper bound at one grid point (validated).
pub fn upper_bound(p: &BoundParams) -> Result<f64, ConcentrationError> {
    validate(0, p)?;
    Ok(evaluate(p))
}

fn finite(index: usize, name: &'static str, value: f64) -> Result<(), ConcentrationError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(ConcentrationError::NotFinite { index, name, value })
    }
}

fn non_negative(index: usize, name: &'static str, value: f64) -> Result<(), ConcentrationError> {
    finite(index, name, value)?;
    if value < 0.0 {
        return Err(ConcentrationError::Negative { index, name, value });
    }
    Ok(())
}

fn delta_ok(index: usize, value: f64) -> Result<(), ConcentrationError> {
    if !(value > 0.0 && value < 1.0) {
        return Err(ConcentrationError::DeltaOutOfRange { index, value });
    }
    Ok(())
}

fn t_ok(index: usize, value: f64) -> Result<(), ConcentrationError> {
    finite(index, "t", value)?;
    if value <= 0.0 {
        return Err(ConcentrationError::NonPositiveDeviation { index, value });
    }
    Ok(())
}

fn pac_bayes_ok(index: usize, emp: f64, kl: f64, n: u32, delta: f64) -> Result<(), ConcentrationError> {
    if !(0.0..=1.0).contains(&emp) {
        return Err(ConcentrationError::EmpiricalRiskOutOfRange { index, value: emp });
    }
    non_negative(index, "kl", kl)?;
    if n == 0 {
        return Err(ConcentrationError::TooFewSamples { index, n: 0, min: 1 });
    }
    delta_ok(index, delta)
}

fn validate(index: usize, p: &BoundParams) -> Result<(), ConcentrationError> {
    match *p {
        BoundParams::Hoeffding { n, a, b, t } => {
            finite(index, "a", a)?;
            finite(index, "b", b)?;
            t_ok(index, t)?;
            if a > b {
                return Err(ConcentrationError::EmptyRange { index, a, b });
            }
            if n == 0 {
                return Err(ConcentrationError::TooFewSamples { index, n: 0, min: 1 });
            }
            Ok(())
        }
        BoundParams::Bernstein { variance, b, t } => {
            t_ok(index, t)?;
            non_negative(index, "variance", variance)?;
            non_negative(index, "b", b)
        }
        BoundParams::EmpiricalBernstein { n, v, delta } => {
            delta_ok(index, delta)?;
            non_negative(index, "v", v)?;
            if n < 2 {
                return Err(ConcentrationError::TooFewSamples { index, n: u64::from(n), min: 2 });
            }
            Ok(())
        }
        BoundParams::McAllester { emp, kl, n, delta } => pac_bayes_ok(index, emp, kl, n, delta),
        BoundParams::Catoni { emp, kl, n, delta, c } => {
            pac_bayes_ok(index, emp, kl, n, delta)?;
            finite(index, "c", c)?;
            if c <= 0.0 {
                return Err(ConcentrationError::CatoniConstantNotPositive { index, value: c });
            }
            Ok(())
        }
        BoundParams::Lambda { emp, kl, n, delta, lambda } => {
            pac_bayes_ok(index, emp, kl, n, delta)?;
            if !(lambda > 0.0 && lambda < 2.0) {
                return Err(ConcentrationError::LambdaOutOfRange { index, value: lambda });
            }
            Ok(())
        }
    }
}

fn evaluate(p: &BoundParams) -> f64 {
    match *p {
        BoundParams::Hoeffding { n, a, b, t } => hoeffding(n, a, b, t),
        BoundParams::Bernstein { variance, b, t } => bernstein(variance, b, t),
        BoundParams::EmpiricalBernstein { n, v, delta } => empirical_bernstein(n, v, delta),
        BoundParams::McAllester { emp, kl, n, delta } => up(emp + sqrt_budget_over_2n(kl, n, delta)),
        BoundParams::Catoni { emp, kl, n, delta, c } => catoni(emp, kl, n, delta, c),
        BoundParams::Lambda { emp, kl, n, delta, lambda } => lambda_bound(emp, kl, n, delta, lambda),
    }
}

/// `exp(−x)` from a lower bound `x_lo ≥ 0` on `x`: an upper bound on `exp(−x)`, capped at 1
/// (the exact value is ≤ 1 for `x ≥ 0`).
fn exp_neg_up(x_lo: f64) -> f64 {
    up_libm((-x_lo.max(0.0)).exp()).min(1.0)
}

/// The Hoeffding exponent magnitude `2t²/(n(b − a)²)` rounded down (0 if the denominator
/// overflows); also used by the error budget.
pub fn hoeffding_exponent_down(n: u64, a: f64, b: f64, t: f64) -> f64 {
    let w = up(b - a);
    let den = up(u64_up(n) * up(w * w));
    let num = 2.0 * down(t * t);
    down(num / den).max(0.0)
}

fn hoeffding(n: u64, a: f64, b: f64, t: f64) -> f64 {
    // fl(b − a) = 0 exactly when a = b: the range is a point, and the reference's value is 0.
    if b - a == 0.0 {
        return 0.0;
    }
    exp_neg_up(hoeffding_exponent_down(n, a, b, t))
}

/// The Bernstein exponent magnitude `t²/(2(σ² + b·t/3))` rounded down; also used by the budget.
pub fn bernstein_exponent_down(variance: f64, b: f64, t: f64) -> f64 {
    let bt3 = up(up(b * t) / 3.0);
    let den = 2.0 * up(variance + bt3);
    down(down(t * t) / den).max(0.0)
}

fn bernstein(variance: f64, b: f64, t: f64) -> f64 {
    if variance == 0.0 && b == 0.0 {
        return 0.0;
    }
    exp_neg_up(bernstein_exponent_down(variance, b, t))
}

/// An upper bound on `−ln δ > 0` for `δ ∈ (0, 1)`.
fn neg_ln_up(delta: f64) -> f64 {
    -down_libm(delta.ln())
}

fn empirical_bernstein(n: u32, v: f64, delta: f64) -> f64 {
    // ln(2/δ) = ln 2 − ln δ; LN_2 is ln 2 rounded to nearest, so one step up bounds it.
    let log = up(up(std::f64::consts::LN_2) + neg_ln_up(delta));
    let nf = f64::from(n);
    let root = up(up(up(up(2.0 * v) * log) / nf).sqrt());
    let linear = up(up(7.0 * log) / (3.0 * (nf - 1.0)));
    up(root + linear)
}

/// An upper bound on `ln(2√n/δ) = (ln(4n) − 2 ln δ)/2`.
fn ln_two_sqrt_n_over_delta_up(n: u32, delta: f64) -> f64 {
    up(up_libm((4.0 * f64::from(n)).ln()) + 2.0 * neg_ln_up(delta)) * 0.5
}

/// An upper bound on `√((KL + ln(2√n/δ))/(2n))`.
fn sqrt_budget_over_2n(kl: f64, n: u32, delta: f64) -> f64 {
    let budget = up(kl + ln_two_sqrt_n_over_delta_up(n, delta));
    up(up(budget / (2.0 * f64::from(n))).sqrt())
}

fn catoni(emp: f64, kl: f64, n: u32, delta: f64, c: f64) -> f64 {
    // y = C·L̂ + (KL + ln(1/δ))/n, rounded up; the numerator 1 − e^{−y} = −expm1(−y) grows with y.
    let y = up(up(c * emp) + up(up(kl + neg_ln_up(delta)) / f64::from(n)));
    let numerator = -down_libm((-y).exp_m1());
    // The denominator 1 − e^{−C} = −expm1(−C), rounded down (positive for C > 0: expm1 of a
    // negative normal number is negative; clamp at the smallest positive value to stay sound).
    let denominator = (-up_libm((-c).exp_m1())).max(f64::from_bits(1));
    up(numerator.min(1.0) / denominator)
}

fn lambda_bound(emp: f64, kl: f64, n: u32, delta: f64, lambda: f64) -> f64 {
    // λ/2 is exact unless λ is subnormal; then step it up.
    let half = lambda * 0.5;
    let half_up = if half * 2.0 == lambda { half } else { up(half) };
    let factor = down(1.0 - half_up);
    let first = up(emp / factor);
    let budget = up(kl + ln_two_sqrt_n_over_delta_up(n, delta));
    let scale = down(down(lambda * factor) * f64::from(n));
    let second = if scale > 0.0 { up(budget / scale) } else { f64::INFINITY };
    up(first + second)
}
