//! Error budgets of CUDA-only evaluations (feature-independent, so they are documented and
//! testable everywhere). Notation as in [`super::tolerances`]: `u = 2⁻⁵³`.

use super::tolerances::U;

/// Upper bound on the Box–Muller radius `r = √(−2 ln u1)` for `u1 ≥ 2⁻⁵³`: `√(106 ln 2) ≈ 8.5717`.
pub const MC_RADIUS_MAX: f64 = 8.5718;

/// Absolute error budget of one standard normal coordinate as `kernels/mc_sample.cu` evaluates it,
/// against the exact real value of the same sample (same Philox integers `A`, `B`).
///
/// # Derivation
/// `u1 = (A+1)·2⁻⁵³` and `u2 = B·2⁻⁵³` are exact. CUDA's double `log` is within 1 ulp, `sin` and
/// `cos` within 2 ulp, `sqrt` correctly rounded (CUDA C++ Programming Guide, "Mathematical
/// Functions", double precision); `--fmad=false` keeps every product and sum separately rounded.
/// One ulp of `x` is at most `2u|x|`.
/// * `L̂ = log(u1) = L(1 + η)`, `|η| ≤ 2u`; `−2L̂` is exact; `r̂ = fl(√(−2L̂)) = r(1 + ρ)` with
///   `|ρ| ≤ u + u(1 + u) ≤ 2.01u`.
/// * `θ̂ = fl(TAU·u2)` with `TAU = 2π(1 + τ)`, `|τ| ≤ u`: `|θ̂ − θ| ≤ 2π·2.01u`.
/// * `ĉ = cos(θ̂)` (or `sin`): `|ĉ − cos θ̂| ≤ 4u`, and `|cos θ̂ − cos θ| ≤ |θ̂ − θ|`, so
///   `|ĉ − cos θ| ≤ (4 + 4.02π)u ≤ 16.7u`.
/// * `ε̂ = fl(r̂·ĉ)`: `|ε̂ − r cos θ| ≤ |r̂ − r|·|ĉ| + r·|ĉ − cos θ| + u|r̂ ĉ|
///   ≤ r·(2.02 + 16.7 + 1.01)u ≤ 19.8u·r`.
///
/// With `r ≤` [`MC_RADIUS_MAX`] (plus its own evaluation error), `24u·MC_RADIUS_MAX` covers it
/// with room for the neglected second-order terms.
pub fn mc_normal_abs_budget() -> f64 {
    24.0 * U * MC_RADIUS_MAX
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_normal_budget_covers_its_derivation_and_is_a_few_ulps() {
        let b = super::mc_normal_abs_budget();
        assert!(b > 19.8 * super::U * 8.5717 && b < 1e-13, "{b:e}");
    }
}
