//! Named error budgets for the kernels, each with its derivation.
//!
//! Notation (Higham, *Accuracy and Stability of Numerical Algorithms*, §3): `u = 2⁻⁵³` is the
//! unit roundoff of f64 and `γ_k = k·u / (1 − k·u)`. Recursive summation of `m` terms in any
//! order (any summation tree) has absolute error at most `γ_{m−1} · Σ|x_i|`.

/// Unit roundoff of f64 (round to nearest).
pub const U: f64 = f64::EPSILON / 2.0;

/// `γ_k = k·u / (1 − k·u)`, rounded up by a relative `1e-12` so the f64 evaluation of the
/// bound itself never understates it. Returns `+∞` when `k·u ≥ 1/2` (no useful bound).
pub fn gamma(k: u64) -> f64 {
    let ku = k as f64 * U;
    if ku >= 0.5 {
        return f64::INFINITY;
    }
    ku / (1.0 - ku) * (1.0 + 1e-12)
}

/// Absolute error budget of the binned ECE and MCE kernel ([`super::cpu::ece`]) on `n` points
/// and `bins` bins.
///
/// # Derivation
/// Per bin `b` with `n_b` points the kernel holds the exact count `k_b` of correct points (an
/// integer, exact in f64 while `n < 2⁵³`) and `Ŝ_b`, the f64 sum of the confidences (f32 inputs
/// are widened exactly), with `|Ŝ_b − S_b| ≤ γ_{n_b} S_b` whatever the chunking.
/// * ECE `= fl(fl(Σ_b |fl(k_b − Ŝ_b)|) / n)`: the subtraction adds `u(k_b + Ŝ_b)`, the sum over at
///   most `B` bins `γ_B`, the division `u`; collecting terms, the error is at most
///   `γ_{n+B+2} · Σ_b (k_b + S_b) ≤ γ_{n+B+2} · 2n`, so `2 γ_{n+B+3}` after dividing by `n`.
/// * MCE `= max_b |fl(k_b/n_b) − fl(Ŝ_b/n_b)|`: at most `γ_{n_b+3}·2 ≤ 2γ_{n+B+3}` per bin, and
///   the max is exact.
/// * Reliability means `Ŝ_b / n_b` and `k_b / n_b`: at most `γ_{n_b+1} ≤ 2γ_{n+B+3}` too.
///
/// So one budget, `2·γ_{n+B+3}`, covers all three outputs.
pub fn ece_abs_budget(n: u64, bins: u32) -> f64 {
    2.0 * gamma(n + u64::from(bins) + 3)
}
