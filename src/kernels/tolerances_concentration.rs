//! Error budgets of the concentration-bound kernel ([`super::cpu::concentration_bounds`]), each
//! with its derivation.
//!
//! Notation as in [`super::tolerances`]: `u = 2⁻⁵³`, `γ_k = k·u/(1 − k·u)`. The kernel returns
//! `v ≥ x` (the exact value) by one-sided rounding ([`super::cpu::directed`]); the budget bounds
//! `v − x`. A stepped basic operation (`+ − × ÷ √`, correctly rounded, then one `next_up` /
//! `next_down`) is within `1.5 ulp ≤ 3u` relative of its exact result, a stepped libm call
//! (`exp`, `ln`, `expm1`, **assumed ≤ 1 ulp**, then two steps) within `3 ulp ≤ 6u`, for results
//! in the normal range. Every formula below is monotone in each intermediate, so these relative
//! errors compose multiplicatively; an upper bound `v ≤ x(1 + γ_k)` gives
//! `v − x ≤ γ_k·x ≤ γ_k·v`. Counts are rounded up generously.
//!
//! Every budget is also capped by `v` itself: all the bounds are ≥ 0, so `v − x ≤ v` always
//! (this only matters near underflow, where relative error analysis does not apply).

use super::cpu::concentration_bounds::{bernstein_exponent_down, hoeffding_exponent_down, BoundParams};
use super::tolerances::gamma;

/// Smallest positive subnormal, for the absolute slack near underflow.
const TINY: f64 = f64::from_bits(1);

/// Budget of an exponential bound `v = min(1, ↑exp(−x_lo))` where the argument's lower bound
/// satisfies `x_lo ≥ x(1 − γ_k)`.
///
/// # Derivation
/// `exp(−x_lo) ≤ exp(−x)·e^{s}` with `s = γ_k·x`, and the stepped libm `exp` adds a factor
/// `1 + 6u` (normal range) or at most `3·2⁻¹⁰⁷⁴` absolute (subnormal range). So
/// `v − x ≤ v·((1 + 6u)e^{s} − 1) + 3·2⁻¹⁰⁷⁴ = v·(6u·e^{s} + expm1(s)) + 3·2⁻¹⁰⁷⁴`.
/// Unlike a fixed `γ`, this grows with `|x|`: a relative error `θ` of an exponent `x` is a
/// relative error `e^{|x|θ} − 1` of the result. `x_lo` is the kernel's own lower bound on `x`, so
/// `x ≤ x_lo/(1 − γ_k)` and `γ_k·x ≤ γ_{k+2}·x_lo`, which is what is evaluated; the result is
/// inflated by `1e-6` relative to cover the f64 evaluation of the budget itself.
pub fn exp_bound_budget(v: f64, x_lo: f64, k: u64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let s = gamma(k + 2) * x_lo.max(0.0);
    let rel = gamma(6) * s.exp() + s.exp_m1();
    (v * rel * (1.0 + 1e-6) + 3.0 * TINY).min(v)
}

/// Budget of a bound evaluated with a relative error at most `γ_k` upward: `v·γ_k` (capped by `v`).
pub fn relative_budget(v: f64, k: u64) -> f64 {
    (v * gamma(k)).min(v)
}

/// The budget for the kernel value `v` at grid point `p`.
///
/// # Derivation (per bound; relative factors as in the module docs)
/// * **Hoeffding**: the lower bound `x_lo = ↓(2·↓t² / ↑(↑n·↑(w·w)))`, `w = ↑(b − a)`: the
///   denominator carries `(1+3u)^5` (w twice, w², n, product), the numerator and quotient
///   `(1−3u)^2`, so `x_lo ≥ x(1 − γ_22)`; then [`exp_bound_budget`] with `k = 22`. (`a = b`
///   returns exactly 0.)
/// * **Bernstein**: `x_lo = ↓(↓t² / (2·↑(σ² + ↑(↑(b·t)/3))))`: `(1+3u)^3` and `(1−3u)^2`, so
///   `x_lo ≥ x(1 − γ_16)`; [`exp_bound_budget`] with `k = 16`.
/// * **Empirical Bernstein**: `L = ↑(↑ln 2 + ↑(−ln δ))` is within `(1+6u)(1+3u) ≤ 1+9u+`
///   (two positive summands); root `↑√(↑(↑(2V·L)/n))` within `√((1+9u)(1+3u)²)·(1+3u) ≤ 1+11u`;
///   linear `↑(↑(7L)/(3(n−1)))` within `1+15u+`; the sum adds `3u`: `γ_19`, budget `v·γ_20`.
/// * **McAllester**: `ln(2√n/δ)` as `↑(↑ln(4n) + 2·↑(−ln δ))/2` within `1+9u+`; `+KL` `3u`;
///   `/2n` `3u`; `√` halves it and adds `3u` (`1+11u`); `+L̂` `3u`: budget `v·γ_16`.
/// * **Catoni**: `y = ↑(↑(C·L̂) + ↑(↑(KL + ↑(−ln δ))/n))` within `1+15u+`. `N(y) = 1 − e^{−y}` is
///   concave with `N(0) = 0`, so `N(y(1+ε)) ≤ (1+ε)N(y)`; `−↓expm1(−y)` adds `6u`; the
///   denominator `−↑expm1(−C)` is low by at most `6u`; the quotient `3u`: `(1+16u)(1+6u)(1+3u)/(1−6u)`,
///   budget `v·γ_32`.
/// * **λ-bound**: `f = ↓(1 − λ/2)` (λ/2 exact for normal λ) within `3u`; `L̂/f` within `6u+`;
///   budget term `1+12u+` over `↓(↓(λf)·n)` (`1−9u`), quotient `3u`: `1+24u+`; the sum `3u`:
///   budget `v·γ_30`.
pub fn budget(p: &BoundParams, v: f64) -> f64 {
    match *p {
        BoundParams::Hoeffding { n, a, b, t } => exp_bound_budget(v, hoeffding_exponent_down(n, a, b, t), 22),
        BoundParams::Bernstein { variance, b, t } => exp_bound_budget(v, bernstein_exponent_down(variance, b, t), 16),
        BoundParams::EmpiricalBernstein { .. } => relative_budget(v, 20),
        BoundParams::McAllester { .. } => relative_budget(v, 16),
        BoundParams::Catoni { .. } => relative_budget(v, 32) + 4.0 * TINY,
        BoundParams::Lambda { .. } => relative_budget(v, 30),
    }
}
