//! Error budgets of the kl-inverse and binomial-tail kernels, with derivations.
//!
//! Notation as in [`super::tolerances`]: `u = 2⁻⁵³`, `γ_k = ku/(1−ku)`. Assumption on the
//! platform libm (Rust's `ln`, `ln_1p`, `exp`, `exp_m1`): each result is within 2 ulps, i.e. has
//! relative error `≤ 4u` (glibc documents ≤ 1 ulp for these; CUDA's `log`, `log1p`, `exp`,
//! `expm1` are documented at ≤ 1–2 ulps). Basic operations are correctly rounded.
//!
//! # kl evaluation ([`crate::kernels::cpu::kl_inverse::kl_with_error`])
//! `kl(q‖p) = A + B`, `A = q ln(q/p)`, `B = (1−q) ln((1−q)/(1−p))`, `d = fl(p − q)` (exact
//! when `p/q ∈ [½, 2]` by Sterbenz, else relative error `≤ u`).
//! * `A`, near branch (`x = fl(d/q) ∈ [−½, 1]`): `x` has relative error `≤ 2u`; the condition
//!   number of `ln_1p` on `[−½, 1]` is `|x/((1+x)ln(1+x))| ≤ 1/ln 2 < 1.45`, so `ln_1p(x)`
//!   carries `2.9u + 4u`, and the product with `q` one more `u`: `≤ 7.9u` relative.
//! * `A`, far branch: `fl(q/p) = (q/p)(1+δ)`, `|δ| ≤ u`, shifts the log by `≤ 1.0001u` while
//!   `|ln(q/p)| ≥ ln 2 − 2u`, i.e. `≤ 1.45u` relative; `ln` `4u`; product `u`: `≤ 6.5u`. When
//!   `q/p` is not a normal float, `ln q − ln p` is used: then `|ln(q/p)| ≥ 708` while
//!   `|ln q| + |ln p| ≤ 1490`, so the two `4u` log errors cost `≤ 8.5u`, the subtraction `u`,
//!   the product `u`: `≤ 10.5u`.
//! * `B` (`qb = fl(1−q)`, `pb = fl(1−p)`, each relative `≤ u`), near branch
//!   (`x = fl(−d/qb) ∈ [−½, 1]`): `x` relative `≤ 3u`, times 1.45, plus `4u`, plus `qb` and the
//!   product `2u`: `≤ 10.4u`. Far branch: `fl(qb/pb)` relative `≤ 3u` → `≤ 4.35u` relative on
//!   the log, plus `4u + 2u`: `≤ 10.4u`.
//!
//! So each term has relative error `η ≤ 11u` (second-order terms absorbed by the rounding up),
//! and `k̂ = fl(Â + B̂)`, `Ŝ = fl(|Â| + |B̂|)` give
//! `|k̂ − kl| ≤ η(|A|+|B|) + u|k̂| ≤ (11u(1+12u) + u)(1+2u)·Ŝ ≤ 12.01u·Ŝ`
//! as long as nothing underflows. Underflow adds at most `2⁻¹⁰⁷⁵` per operation (≤ 12
//! operations, each result multiplied by at most 1 afterwards), covered by `2⁻¹⁰⁶⁰`.
//!
//! # Certification
//! `cert(p)` ⇔ `fl(k̂ − E) > c` with `E = fl(fl(14u·Ŝ) + fl(3u·c)) + 2⁻¹⁰⁶⁰`. The computed `E`
//! is `≥ (1−2u)(14uŜ + 3uc) ≥ 12.01u·Ŝ + 2.9u·c` (plus the absolute term). If
//! `fl(k̂ − E) > c` then `k̂ − E > c(1−u)`, so `kl ≥ k̂ − 12.01uŜ − 2⁻¹⁰⁶⁰ > c(1−u) + 2.9uc > c`.
//! Hence a certified point lies strictly beyond the root (above it for the upper inverse, as
//! `kl(q‖·)` increases on `[q, 1]`; below it for the lower inverse). The kernel returns only
//! certified points (or the exact closed forms of the special cases), so **upper ≥ exact and
//! lower ≤ exact always**.
//!
//! # How far from the root ([`kl_inverse_budget`])
//! Let `r` be the root, `a = |r − q|`, and `y` a point on the far side of `r` at distance `Δ`
//! that is *not* certified. Not certified means `fl(k̂ − E) ≤ c`, so
//! `kl(y) ≤ c(1+u) + 12.01uŜ + E + 2⁻¹⁰⁵⁹ ≤ c + 4.1uc + 26.2uŜ + 2⁻¹⁰⁵⁸`.
//! With `Ŝ ≤ (1+12u)(kl + 2|T|)`, where `T` is the negative term (`|A| ≤ p − q` for the upper
//! inverse, `|B| ≤ q − p` for the lower, from `ln(1+z) ≤ z`), this gives
//! `kl(y) − c ≤ R := 30.4u·c + 52.6u·(a + Δ) + 2⁻¹⁰⁵⁸` (using `kl(y) ≤ c(1+31u)` inside).
//! * Slope case. `|∂kl/∂p| = |p−q|/(p(1−p))` is smallest at `p = r` on the stretch from `r` to
//!   `y` (it increases away from `q`: its derivative has numerator `(p−q)² + q(1−q) ≥ 0`), so
//!   `kl(y) − c ≥ Δ·σ` with `σ = a/(r(1−r))`. If `σ ≥ 105.2u`:
//!   `Δ ≤ 2(30.4u·c + 52.6u·a + 2⁻¹⁰⁵⁸)/σ`.
//! * Flat case (`σ < 105.2u`, the root within `≈ 105u·r` of `q`): with `D = |y − q|` and
//!   `M = max(y, q)`, `kl(q‖y) ≥ D²/(2M)` (the Chernoff bounds `kl(q‖p) ≥ (p−q)²/(2p)` for
//!   `p ≥ q` and `(q−p)²/(2q)` for `p ≤ q`), so `D² ≤ 2M(c(1+31u) + 2⁻¹⁰⁵⁸) + 105.2u·M·D`, and
//!   `Δ ≤ D ≤ 105.2u·M + √(2M·K)`, `K = c(1+31u) + 2⁻¹⁰⁵⁸`, where `M ≤ 2max(q, r)` when
//!   `D ≤ max(q, r)`; when `D > max(q, r)`, `M ≤ 2D` and `D ≤ 4K/(1 − 210u)`. The budget takes
//!   the sum of both (this absolute `4.01K` only matters for subnormal-scale `c`).
//!
//! The kernel returns a certified `x` with an uncertified `y` (or `y = q`) no farther than
//! `W(x) = max(64u·x, 2ulp(x))` on the root side. So `|x − r| ≤ Δ_max + W(x)`, and
//! `W(x) ≤ 64u(r + Δ_max + W) + 4u·r + 2⁻¹⁰⁷³`, giving the budget
//! `Δ_max + 69u·(r + Δ_max) + 2⁻¹⁰⁷⁰`, times `(1 + 2⁻²⁰)` for the f64 evaluation of the budget.
//!
//! # Binomial tail ([`binomial_log_tail_budget`])
//! See [`crate::kernels::cpu::binomial_tail`] for the algorithm.
//! * `lnF(m) = ln m!`: table entries are correctly rounded (`≤ u/2` relative); the Stirling
//!   branch (`m ≥ 30`) computes `P = (m+½)·ln m` with `≤ 5.01u` relative error, then `P − m`
//!   and the small corrections (`< 0.01`, their own errors `< 2⁻⁶⁰`) with three additions, and
//!   truncates the series with remainder `< 0.002/m¹¹ < 2⁻⁶⁰`: error `≤ 8u·(m+1)ln(m+1) + 4u`.
//! * `ln t_j = (lnF(n) − lnF(j) − lnF(n−j)) + (j·ln p + (n−j)·ln_1p(−p))`: each product has
//!   relative error `≤ 5.01u`, the four additions `≤ u` times the magnitudes summed, so with
//!   `M = 2(n+1)ln(n+1) + j|ln p| + (n−j)|ln(1−p)|` (which bounds every partial sum since
//!   `lnF(j) + lnF(n−j) ≤ lnF(n) ≤ (n+1)ln(n+1)`) the error is `≤ 10u·M + 12u`.
//! * The ratio sum `S = N/D` (division-free pairs of steps, see
//!   [`crate::kernels::cpu::binomial_tail`]) over term indices `i ≤ h ≤ n+1` (`h` the last
//!   step; a step past the last term adds an exact 0): `c = fl(p/(1−p))` or `fl((1−p)/p)` has
//!   relative error `2u`, so each numerator `ν = fl((a−i)c)` carries `θ₃`; the running `P`
//!   gains at most 4 roundings a step (`ν` with `c`'s `2u`, half a pair product `ν₀ν₁`, half a
//!   chain product; the odd term `P·ν₀` too), `D` at most 1 (`β₀β₁` and the chain product per
//!   pair). Term `i` enters `N/D` with `≤ θ_{5i+4}`: for an even `i`, `θ_{4i}` from `P`, `θ_i`
//!   from `D`, two additions; for an odd `i`, `P·ν₀` carries `θ_{4i}`, the `D` of the pair's start
//!   `θ_{i−1}`, then `·β₁`, two additions, and `β₀β₁` and the chain product on `D`. Each later
//!   pair costs it `≤ 5` (`β₀β₁`, the product and the addition on `N` against `β₀β₁` and the
//!   product on `D`), `2.5` a step. So term `i` carries `≤ θ_{5i + 4 + 2.5(h−i)} ≤ θ_{5h+4}`,
//!   and with the final division the sum has relative error `≤ γ_{5h+5} ≤ γ_{5n+10} ≤
//!   γ_{6(n+2)}` (every term is positive). Rescaling multiplies `N`, `P`, `D` by one power of
//!   two (exact; `D ≥ 1`, so only a term below
//!   `2⁻¹⁰²²·D` can lose bits, `< 2⁻¹⁰⁷⁰` relative to `S ≥ 1`, inside the `2⁻⁶⁰` slack). The
//!   truncated remainder is `≤ 2⁻⁶⁰·S(1 + 10⁻⁹)` (geometric bound with decreasing ratios; the
//!   test `P·ν ≤ 2⁻⁶⁰·N·(β−ν)`, equivalent to `t·r ≤ 2⁻⁶⁰·s·(1−r)`, evaluated with relative
//!   error `< 10⁻⁹`). `ln S` adds `4u·ln m` (`1 ≤ S ≤ m`, `m ≤ n+1` terms).
//! * Direct branch: the log tail is `ln t_k + ln S` (one more addition, `u·|result| ≤ u·M`).
//!   So the error is `≤ E_core = 11u·M + 12u + 1.01γ_{6(n+2)} + 2⁻⁵⁹ + 4u·ln(n+2)`.
//! * Complement branch: `ln L` has error `≤ E_core`; `L̂ = exp(·)` adds `4u` relative; then
//!   `ln_1p(−L̂)` moves by `≤ δ_L·L/(1−L)·(1+10⁻⁹)` plus its own `4u·|ln T|`, with
//!   `δ_L ≤ 1.01(E_core + 4u)` and `L/(1−L) = (1−T)/T`, `T` the exact tail.
//!
//! So budget `= 1.02·(E_core + 4u)·A + 4u·|ln T|` with `A = 1` in the direct branch and
//! `A = max(1, (1−T)/T)` in the complement branch (the budget applies the kernel's branch rule
//! `k > (n+1)p`, evaluated the same way in f64); the
//! harness evaluates it at a lower bound of `ln T` (the budget decreases in `T`).
//! The lower tail `ln P[X ≤ k]` ([`binomial_log_cdf_budget`]) is the mirror image (`ln t_k` or
//! `ln t_{k+1}`, direct branch when `k + 1 < (n+1)p`) and has the same budget with the roles
//! of the two branches' factor counts exchanged.

use super::tolerances::gamma;

const U: f64 = f64::EPSILON / 2.0;
/// `2⁻¹⁰⁵⁸`
const TINY: f64 = f64::from_bits(1 << 16);

/// Budget of the kl-inverse kernels: the largest distance of the returned bound from the exact
/// root `r` of `kl(q‖·) = c` (above it for the upper inverse, below it for the lower). `r` is
/// the exact root (an f64 approximation within a relative `10⁻¹²` is enough: the formula is
/// evaluated with that slack). Derivation in the module docs.
pub fn kl_inverse_budget(q: f64, c: f64, r: f64) -> f64 {
    let a = (r - q).abs();
    let rr = r * (1.0 - r);
    let sigma = a / rr;
    let slope_case = if sigma >= 105.2 * U { 2.0 * (30.4 * U * c + 52.6 * U * a + TINY) / sigma } else { f64::INFINITY };
    let m = 2.0 * q.max(r);
    // √(2M)·√(·) rather than √(2M·(·)): the product can underflow.
    let k = c * (1.0 + 31.0 * U) + TINY;
    let flat_case = 105.2 * U * m + (2.0 * m).sqrt() * k.sqrt() + 4.01 * k;
    let delta = slope_case.min(flat_case);
    (delta + 69.0 * U * (r + delta) + f64::from_bits(1 << 4)) * (1.0 + 1.0 / (1u64 << 20) as f64)
}

/// Budget (absolute error on the natural log) of the binomial log-tail kernel for
/// `ln P[Bin(n,p) ≥ k]`, given `ln_tail_lo ≤ ln T`, a lower bound on the log of the exact tail
/// `T > 0` (a log, so tails below the f64 range are fine). Derivation in the module docs.
pub fn binomial_log_tail_budget(n: u32, k: u32, p: f64, ln_tail_lo: f64) -> f64 {
    // ln t_k (direct) or ln t_{k−1} (complement): at most k+1 factors ln p, n−k+1 factors ln(1−p).
    let direct = f64::from(k) > (f64::from(n) + 1.0) * p;
    log_budget(n, f64::from(k) + 1.0, f64::from(n) - f64::from(k) + 1.0, p, direct, ln_tail_lo)
}

/// Budget of `ln P[Bin(n,p) ≤ k]` (the mirror: `ln t_k` or `ln t_{k+1}`, direct branch when
/// `k + 1 < (n+1)p`), given `ln_cdf_lo ≤ ln P[X ≤ k]`. Same derivation as
/// [`binomial_log_tail_budget`].
pub fn binomial_log_cdf_budget(n: u32, k: u32, p: f64, ln_cdf_lo: f64) -> f64 {
    let direct = f64::from(k) + 1.0 < (f64::from(n) + 1.0) * p;
    log_budget(n, f64::from(k) + 1.0, f64::from(n) - f64::from(k) + 1.0, p, direct, ln_cdf_lo)
}

fn log_budget(n: u32, count_p: f64, count_q: f64, p: f64, direct: bool, ln_lo: f64) -> f64 {
    let nf = f64::from(n);
    let lp = if p > 0.0 { p.ln().abs() } else { 0.0 };
    let lq = if p < 1.0 { (-p).ln_1p().abs() } else { 0.0 };
    let m = 2.0 * (nf + 1.0) * (nf + 1.0).ln() + count_p.max(0.0) * lp + count_q.max(0.0) * lq;
    let core = 11.0 * U * m + 12.0 * U + 1.01 * gamma(6 * (u64::from(n) + 2)) + 2.0 / (1u64 << 60) as f64 + 4.0 * U * (nf + 2.0).ln();
    // Complement branch: amplification (1 − T)/T ≤ 1/T ≤ exp(−ln_lo).
    let amplification = if direct { 1.0 } else { ((-ln_lo).exp() * (1.0 + 1e-12)).max(1.0) };
    (1.02 * (core + 4.0 * U) * amplification + 4.0 * U * ln_lo.abs()) * (1.0 + 1e-6)
}
