//! Error budgets of the Monte Carlo / LPF kernels (`mc_soft_factor`, `poe_aggregate`,
//! `uncertainty_decomposition`), each with its derivation.
//!
//! Notation as in [`super::tolerances`]: `u = 2⁻⁵³`, `γ_k = k·u/(1 − k·u)`, and Higham's
//! Lemma 3.3, `γ_j + γ_k + γ_j·γ_k ≤ γ_{j+k}`, to collect terms.
//!
//! # Assumption on the transcendental functions
//! Sound bounds for `ln`, `exp`, `sin`, `cos` (the platform libm behind `f64::ln` etc.) and
//! `erfc` (the `libm` crate, a port of the FreeBSD/musl code) need an accuracy statement that
//! neither library proves. We ASSUME every such call returns a value within [`LIBM_ULPS`] ulps of
//! the exact result (glibc documents ≤ 1 ulp for `exp`, `log`, `sin`, `cos` on x86_64; FreeBSD's
//! `erfc` is documented below 1 ulp), that `|sin|, |cos| ≤ 1` and `exp(0) = 1` are returned
//! exactly. One ulp of a result `y` is at most `2u·|y|` plus, for subnormal results,
//! `2⁻¹⁰⁷⁴`; the absolute constant [`TINY`] covers all subnormal/underflow terms with room.
//! The differential harness checks every output against MPFR, so a libm that broke the
//! assumption would show up as a budget violation there.

use super::tolerances::{gamma, U};

/// Assumed accuracy of libm calls, in ulps (see the module docs).
pub const LIBM_ULPS: f64 = 4.0;

/// Absolute slack for subnormal results and underflow (`2⁻⁹⁰⁰`; every budget exceeds it by far).
pub const TINY: f64 = 1.1754943508222875e-271; // 2^-900

/// Bound on `|ε|` for every Box–Muller sample (see `cpu::mc_sample`).
pub const EPS_MAX: f64 = crate::kernels::cpu::mc_sample::EPS_MAX;

/// Absolute error of one f64 Box–Muller coordinate against the exact real sample.
///
/// # Derivation
/// With `A =` [`LIBM_ULPS`] and `u1, u2` exact:
/// * `ℓ̂ = ln(u1)(1 + δ₁)`, `|δ₁| ≤ 2Au`; `−2ℓ̂` is exact; `r̂ = √(−2ℓ̂)(1 + δ₂)`, `|δ₂| ≤ u`, so
///   `|r̂ − r| ≤ ((A + 1)u)(1 + 10⁻³)·r`.
/// * `θ̂ = fl(fl(2π)·u2) = 2π u2 (1 + δ₃)(1 + δ₄)`: `|θ̂ − θ| ≤ γ₂·2π`.
/// * `ĉ = cos θ̂ (1 + δ₅)`, `|δ₅| ≤ 2Au`, and cos is 1-Lipschitz: `|ĉ − cos θ| ≤ 2πγ₂ + 2Au`.
/// * `ε̂ = fl(r̂ĉ)`: `|ε̂ − r cos θ| ≤ |r̂ − r| + r|ĉ − cos θ| + u·r̂ ≤ r·u·(3A + 2 + 4π)(1 + 10⁻³)`
///   (the same for sin). With `r ≤` [`EPS_MAX`] this is at most `(3A + 15)·u·EPS_MAX`.
pub fn eps_abs_error() -> f64 {
    (3.0 * LIBM_ULPS + 15.0) * U * EPS_MAX + TINY
}

/// Absolute error of one decoder margin / logit row `g = c + A·ε` of the soft-factor kernel,
/// where `c = W μ + b` (`c = u·μ + b` or `u·μ − t` for the binary decoders) and `A = W L`
/// (`L = diag σ` or the Cholesky factor) are formed once per factor in f64 and then
/// `ĝ = fl(ĉ + Σ_k Â_k ε̂_k)` per sample.
///
/// Arguments: latent dimension `d`, `c_abs = Σ_l |W_l||μ_l| + |b|` and `a_abs = Σ_k (|W||L|)_k`
/// for the row (the kernel's budget takes the maximum over rows).
///
/// # Derivation
/// `|ĉ − c| ≤ γ_{d+1}·c_abs` (a d-term dot product plus one addition); `|Â_k − A_k| ≤ γ_d·(|W||L|)_k`
/// (a d-term product; a single rounding for the diagonal case); the per-sample accumulation of
/// `d` products onto `ĉ` adds `γ_d(|ĉ| + Σ|Â_k||ε̂_k|)`; and `Σ|A_k||ε̂_k − ε_k| ≤ a_abs·E_ε`
/// ([`eps_abs_error`]). With `|ε̂|, |ε| ≤ EPS_MAX` and Lemma 3.3 the total is at most
/// `γ_{2d+1}·(c_abs + a_abs·EPS_MAX) + a_abs·E_ε`.
pub fn margin_abs_error(d: usize, c_abs: f64, a_abs: f64) -> f64 {
    let d = d as u64;
    up(gamma(2 * d + 1) * (c_abs + a_abs * EPS_MAX) + a_abs * eps_abs_error())
}

/// Per-sample absolute error of the probit decoder `Φ(g) = ½ erfc(−g/√2)` given the margin
/// error `delta` ([`margin_abs_error`]).
///
/// # Derivation
/// `Φ` is `1/√(2π)`-Lipschitz: `|Φ(ĝ) − Φ(g)| ≤ 0.4·δ`. Evaluating at `ĝ`:
/// `x̂ = fl(ĝ·fl(−1/√2)) = x(1 + θ₂)`, `|θ₂| ≤ γ₂`, and `|erfc′(ξ)|·|x̂ − x| ≤ (2/√π)·γ₂·|x|e^{−x²(1−2γ₂)}`
/// `≤ 0.5γ₂` (as `|x|e^{−x²} ≤ 1/√(2e)`); erfc itself adds `2Au·erfc ≤ 4Au`; halving gives
/// `0.25γ₂ + 2Au`. Total `0.4δ + 0.25γ₂ + 2Au`.
pub fn probit_sample_error(delta: f64) -> f64 {
    up(0.4 * delta + 0.25 * gamma(2) + 2.0 * LIBM_ULPS * U + TINY)
}

/// Per-sample absolute error of one softmax output over `classes` classes, given the largest
/// logit error `delta`.
///
/// # Derivation
/// `Σ_k |∂p_y/∂g_k| = 2p_y(1 − p_y) ≤ ½`, so logit errors move `p_y` by at most `½δ`. Evaluating
/// `p̂_y = fl(ê_y / Ŝ)` with `ê_k = exp(fl(ĝ_k − max ĝ))`: the subtraction has relative error `u`
/// on `t_k ≤ 0`, which moves `e^{t}` by at most `u·|t|e^{t} ≤ u/e`; exp adds `2Au·e_k`; the max
/// term is exactly 1, so `S ≥ 1` and the sum of `Y` terms has relative error
/// `s ≤ (0.37Y + 2A)u + γ_Y`; the quotient then errs by `(0.37 + 2A)u + s` plus `u` for its own
/// rounding, times `1/(1 − s)`. Bounded by `(0.4Y + 4A + 2)u + γ_Y`, with 1% added for the
/// second-order terms (`s < 10⁻¹⁰` for any class count the kernels accept).
pub fn softmax_sample_error(classes: usize, delta: f64) -> f64 {
    let y = classes as f64;
    up(0.5 * delta + ((0.4 * y + 4.0 * LIBM_ULPS + 2.0) * U + gamma(classes as u64)) * 1.01 + TINY)
}

/// Budget of one Monte Carlo soft factor output `Φ̂ = fl(Σ_m v̂_m) / M` with per-sample error
/// `sample_error` on values `v ∈ [0, 1]`, for `samples = M`.
///
/// # Derivation
/// `|v̂_m − v_m| ≤ e` per sample; the sum of `M` terms in any fixed tree (chunked, then chunk
/// totals in order) errs by `γ_{M−1}·Σ|v̂| ≤ γ_{M−1}·M(1 + e)`; dividing by `M` adds `u(1 + e)`.
/// Hence `|Φ̂ − Φ| ≤ e + γ_M(1 + e)`. For a binary decoder the class-0 output `fl(1 − Φ̂₁)`
/// adds `u`, so the budget below adds `u` for every output.
pub fn soft_factor_budget(samples: u64, sample_error: f64) -> f64 {
    up(sample_error + gamma(samples) * (1.0 + sample_error) + U)
}

/// Budget of the step decoder's soft factor `b + a·(count/M)`, with `flips` the number of samples
/// whose exact margin `|g| ≤ δ` (only those can be counted on the wrong side; the harness counts
/// them from the reference enclosures).
///
/// # Derivation
/// The count is an exact integer; `fl(fl(a·fl(count/M)) + b)` errs by at most `γ₃(|a| + |b|)`;
/// every flipped indicator moves the exact average by `|a|/M`; `fl(1 − Φ̂₁)` adds `u`.
pub fn step_factor_budget(samples: u64, a: f64, b: f64, flips: u64) -> f64 {
    up(gamma(3) * (a.abs() + b.abs()) + a.abs() * flips as f64 / samples as f64 + U + TINY)
}

/// Budget of the LPF confidence weight `w = sigmoid(−2σ̄)/(1 + σ̄) = 1/((1 + e^{2σ̄})(1 + σ̄))`.
///
/// # Derivation
/// `2σ̄` is exact; `exp` has relative error `2Au`; `1 + e` (a sum of positives) adds `u` and at
/// most the relative error of `e`; the product with `fl(1 + σ̄)` and the division add `3u`; so the
/// relative error is at most `(2A + 4)u(1 + 10⁻³)`, and `w ≤ ½` bounds the absolute error by half
/// of it. (σ̄ = +∞ gives 0 exactly.)
pub fn confidence_weight_budget() -> f64 {
    up(0.5 * (2.0 * LIBM_ULPS + 4.0) * U * 1.001 + TINY)
}

/// The factor [`poe_budget`] applies to a `log_mass` rounded in f64 by its caller.
pub const LOG_MASS_ROOM: f64 = 1.0 + 1e-10;

/// Budget of one output `P(y)` of the tempered product of experts over `k` factors and
/// `classes` classes, where `log_mass = max_y (|ln π_y| + Σ_i w_i |ln Φ_i(y)|)` over the classes
/// with positive mass (terms with `Φ_i(y) = 0` or `π_y = 0` are exact zeros and excluded).
///
/// # Derivation
/// `ℓ_y = ln π_y + Σ_i w_i ln Φ_i(y)`: each `ln` errs by `2Au|ln|`, each product `w·ln` by `u`,
/// the `k` additions by `γ_k` of the absolute sum; together `|ℓ̂_y − ℓ_y| ≤ ((2A + 1)u + γ_{k+1})
/// (1 + 10⁻³)·log_mass =: δ`. The normalisation `P = softmax(ℓ)` is then the softmax of
/// [`softmax_sample_error`] with logit error `δ`.
///
/// `log_mass` may itself be an f64 sum computed by the caller (as the differential harness
/// does): at most `k + 1` terms `w·|ln Φ|`, each within `(2A + 2)u` of exact, summed with error
/// `γ_{k+1}`, a relative error below 10⁻¹³ for `k ≤ 70`. [`LOG_MASS_ROOM`] scales it up by far
/// more than that, so the budget never rests on the caller's rounding.
pub fn poe_budget(k: usize, classes: usize, log_mass: f64) -> f64 {
    let log_mass = up(log_mass * LOG_MASS_ROOM);
    let delta = ((2.0 * LIBM_ULPS + 1.0) * U + gamma(k as u64 + 1)) * 1.001 * log_mass;
    softmax_sample_error(classes, delta)
}

/// Budget of the entropy-form outputs of `uncertainty_decomposition` for `m` members and
/// `classes` classes (entropies in nats).
///
/// # Derivation
/// * `p̄_y = fl(Σ_m p_{m,y})/M`: relative error `γ_M` (positive terms), so `|p̂̄ − p̄| ≤ γ_M p̄`.
/// * `H(q) = −Σ_y q_y ln q_y` over `q_y > 0`: each term `q ln q` with `q ≤ 1` has absolute value
///   at most `1/e`; the ln adds `2Au|ln q|`, the product `u`, so each term errs by
///   `(2A + 1)u/e·(1 + 10⁻³)`, and the sum of `Y` terms adds `γ_Y·Y/e`. An input error `|q̂ − q|
///   ≤ γ_M q` moves `q ln q` by at most `γ_M q(|ln q| + 1)·(1 + 10⁻³) ≤ γ_M(1/e + q)·1.001`; over
///   the classes `≤ γ_M(Y/e + 1)·1.001`. So `|Ĥ(p̄) − H(p̄)| ≤ ((2A + 1)u + γ_Y + γ_M)(Y/e + 1)·1.01`.
/// * Aleatoric `fl(Σ_m Ĥ(p_m))/M`: each `Ĥ(p_m)` errs by `((2A + 1)u + γ_Y)(Y/e)·1.01` and
///   `H ≤ ln Y`, the mean adds `γ_M·ln Y`.
/// * Epistemic computed as the mean KL divergence `(1/M)Σ_m Σ_y p_{m,y}(ln p_{m,y} − ln p̄_y)`
///   (never by subtracting the two entropies), then clamped at 0 (the exact value is ≥ 0, so the
///   clamp can only reduce the error). As `p̄_y ≥ p_{m,y}/M`, `p|ln p̄| ≤ 1/e + p ln M` and
///   `KL(p_m‖p̄) ≤ ln M`. The difference `d̂ = fl(ln p − ln p̂̄)` errs by `2Au(|ln p| + |ln p̄|) +
///   γ_M·1.001 + u|d|`; weighted by `p` and summed over `y` (plus the product's `u` and the sum's
///   `γ_Y` on `Σ p|d| ≤ 2Y/e + ln M`) a member's KL errs by at most
///   `((2A + 2)u + γ_Y)(2Y/e + ln M) + γ_M`; the mean over members adds `γ_M ln M + u ln M`.
///   Bounded by `((4A + 4)u + γ_Y + γ_M)(2Y/e + 2 ln M + 1)·1.01`.
///
/// The budget returned is the largest of the three (one budget covers all entropy outputs).
pub fn entropy_budget(m: usize, classes: usize) -> f64 {
    let y = classes as f64;
    let a = LIBM_ULPS;
    let gm = gamma(m as u64);
    let gy = gamma(classes as u64);
    let total = ((2.0 * a + 1.0) * U + gy + gm) * (y / std::f64::consts::E + 1.0) * 1.01;
    let alea = ((2.0 * a + 1.0) * U + gy) * (y / std::f64::consts::E) * 1.01 + gm * y.ln().max(1.0);
    let epi = ((4.0 * a + 4.0) * U + gy + gm) * (2.0 * y / std::f64::consts::E + 2.0 * (m as f64).ln() + 1.0) * 1.01;
    up(total.max(alea).max(epi) + TINY)
}

/// Budget of the variance-form outputs (`total = Σ_y p̄_y(1 − p̄_y)`, `aleatoric =
/// E_m Σ_y p_{m,y}(1 − p_{m,y})`, `epistemic = Σ_y Var_m p_{m,y}`), all in `[0, 1]`.
///
/// # Derivation
/// Rows sum to 1 within the kernel's tolerance `τ ≤ 10⁻⁶`. `p̄` errs by `γ_M p̄`; `q(1 − q)` is
/// 1-Lipschitz on `[0, 1]`, and `fl(1 − q̂)`, the product and the `Y`-term sum add `γ_{Y+1}`
/// relative to `Σ q̂(1 − q̂) ≤ 1`: total `≤ γ_M(1 + τ) + γ_{Y+1}`. Aleatoric: per member
/// `γ_{Y+1}`, the mean adds `γ_M`. Epistemic is computed as `(1/M) Σ_m Σ_y (p_{m,y} − p̂̄_y)²` (a
/// sum of squares, so never negative): a difference errs by `γ_M p̄_y + u|d|`, its square by
/// `2γ_M p̄_y + 3u|d|`, which summed over `y` is `≤ 2γ_M(1 + τ) + 6u`; the `M·Y`-term sum of
/// squares (each row's `Σ d² ≤ 2`) adds `2γ_{MY}` after the division, which adds `u`. One budget,
/// `2γ_{M+Y+3} + 2γ_{MY}`, covers all three.
pub fn variance_budget(m: usize, classes: usize) -> f64 {
    let (m, y) = (m as u64, classes as u64);
    up(2.0 * gamma(m + y + 3) + 2.0 * gamma(m.saturating_mul(y)) + TINY)
}

/// Rounds a budget up by a relative `10⁻⁹`, so the f64 evaluation of the bound itself never
/// understates it.
fn up(x: f64) -> f64 {
    x * (1.0 + 1e-9)
}
