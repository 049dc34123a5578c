//! Batched Bernoulli kl-inverse, upper and lower, with certified one-sided results.
//!
//! `upper(q, c) = sup{p ∈ [q, 1] : kl(q‖p) ≤ c}` and `lower(q, c) = inf{p ∈ [0, q] : kl(q‖p) ≤ c}`
//! for `q ∈ [0, 1]`, `c ∈ [0, ∞]`. The upper kernel never returns less than the exact value and
//! the lower kernel never more: every returned point is *certified* outside `{kl ≤ c}` by an f64
//! evaluation of `kl` with a proven error bound (see [`kl_with_error`]).
//!
//! # Algorithm
//! 1. Special cases: `c = 0` → `q`; upper with `q = 1` or `c = ∞` → `1`; lower with `q = 0` →
//!    `0`, with `c = ∞` → `0`.
//! 2. Candidate `p₀` by Halley's method in `t = −ln(1−p)` (upper) or `s = −ln p` (lower), started
//!    from bounds on the far side of the root (`kl − c` is convex and increasing in `t`, resp.
//!    `s`). It aims at `kl = c + τ` rather than `c`, `τ` = the certification bound plus half a
//!    walk step's rise ([`newton_margin`]), so that `p₀` is usually certified and its first walk
//!    neighbour is not: two certifying evaluations in all. It stops once a step is below
//!    [`CONVERGED`] relative (cubic convergence), and applies that last step to `p` by a series
//!    instead of another `exp_m1`. At most [`MAX_NEWTON`] iterations; no rigor needed here: the
//!    candidate only affects how many evaluations steps 4–5 take.
//! 3. Certification. `cert(p)` ⇔ `fl(k̂ − E) > c` where `(k̂, Ŝ) = kl_with_error(q, p)` and
//!    `E = fl(fl(14u·Ŝ) + fl(3u·c)) + 2⁻¹⁰⁶⁰`. `cert(p)` implies `kl(q‖p) > c`, i.e. `p` lies
//!    beyond the root (proof in [`crate::kernels::tolerances_klbt`]).
//! 4. Bracket: a certified point `x` and an uncertified point `y` on the root side of it, found
//!    by walking from `p₀` with a step `h` that starts at `min(max(2E/|kl'(p₀)|, 2 ulp), W(p₀))`
//!    and doubles on every walk step; the walk ends at `q` or at `1` (resp. `0`), where `kl` is
//!    `0` resp. `∞`, so it terminates.
//! 5. Bisection of `[y, x]` on `cert` until `|x − y| ≤ W(x) = max(64u·x, 2·ulp(x))`; return `x`.
//!
//! The budget (how far above / below the exact value the result may be) is
//! [`crate::kernels::tolerances_klbt::kl_inverse_budget`].
//!
//! # Determinism
//! Each output depends on its own `(q, c)` only (inputs are evaluated [`LANES`] at a time in
//! lockstep so that independent libm calls overlap, but no lane reads another's state), so
//! results are bit-identical for any thread count. `ln`, `ln_1p`, `exp_m1` come from the platform libm; the error analysis assumes each is
//! within 2 ulps (glibc documents ≤ 1 ulp, CUDA ≤ 1–2 ulps).
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::kl_inverse::{kl_inverse_lower, kl_inverse_upper};
//! let up = kl_inverse_upper(&[0.1], &[0.2]).unwrap();
//! let lo = kl_inverse_lower(&[0.1], &[0.2]).unwrap();
//! assert!(lo[0] < 0.1 && up[0] > 0.1 && up[0] < 0.5);
//! ```

use rayon::prelude::*;
use thiserror::Error;

/// Unit roundoff of f64.
pub const U: f64 = f64::EPSILON / 2.0;
/// Relative coefficient of the certification bound `E` on `Ŝ = |Â| + |B̂|`.
pub const E_REL: f64 = 14.0 * U;
/// Relative coefficient of the certification bound `E` on `c`.
pub const E_C: f64 = 3.0 * U;
/// Absolute term of the certification bound (covers underflow in the terms): `2⁻¹⁰⁶⁰`.
pub const E_ABS: f64 = f64::from_bits(1 << 14);
/// Relative bracket width at which the bisection stops: `W(x) = max(64u·x, 2·ulp(x))`.
pub const W_REL: f64 = 64.0 * U;
/// Newton (Halley) iteration cap (the candidate only affects speed, never soundness).
pub const MAX_NEWTON: u32 = 64;
/// Output chunk length for the parallel loop (outputs are independent; any value is deterministic).
const CHUNK: usize = 1 << 12;

/// Why a kl-inverse kernel input is refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum KlInverseError {
    #[error("'q' has {q} entries but 'c' has {c}: the arrays must have the same length")]
    LengthMismatch { q: usize, c: usize },
    #[error("'out' has {out} entries but the inputs have {n}")]
    OutputLength { out: usize, n: usize },
    #[error("the input arrays are empty")]
    Empty,
    #[error("{name} at index {index} is NaN")]
    NotANumber { name: &'static str, index: usize },
    #[error("q at index {index} is {value}, outside [0, 1]")]
    QOutOfRange { index: usize, value: f64 },
    #[error("c at index {index} is {value}; kl-inverse needs c ≥ 0")]
    NegativeC { index: usize, value: f64 },
}

/// `(k̂, Ŝ)`: the f64 value of `kl(q‖p) = A + B`, `A = q ln(q/p)`, `B = (1−q) ln((1−q)/(1−p))`,
/// and `Ŝ = fl(|Â| + |B̂|)`, with `|k̂ − kl(q‖p)| ≤ 12.01u·Ŝ` when no term underflows (each term
/// has relative error ≤ 11u; derivation in [`crate::kernels::tolerances_klbt`]).
/// `k̂ = +∞` exactly when `kl = +∞` (`p ∈ {0, 1}`, `p ≠ q`). Requires `q, p ∈ [0, 1]`.
#[inline(always)]
pub fn kl_with_error(q: f64, p: f64) -> (f64, f64) {
    if p == q {
        return (0.0, 0.0);
    }
    if (p == 0.0 && q > 0.0) || (p == 1.0 && q < 1.0) {
        return (f64::INFINITY, 0.0);
    }
    // Exact when p/q ∈ [1/2, 2] (Sterbenz), else relative error ≤ u.
    let d = p - q;
    let mut kl = 0.0;
    let mut s = 0.0;
    if q > 0.0 {
        let x = d / q;
        let l = if (-0.5..=1.0).contains(&x) {
            -x.ln_1p()
        } else {
            let r = q / p;
            if r.is_finite() && r >= f64::MIN_POSITIVE {
                r.ln()
            } else {
                // |ln(q/p)| ≥ 708 here, so the cancellation in ln q − ln p costs ≤ 2.2× the ln error.
                q.ln() - p.ln()
            }
        };
        let t = q * l;
        kl += t;
        s += t.abs();
    }
    if q < 1.0 {
        let qb = 1.0 - q;
        let pb = 1.0 - p;
        let x = -d / qb;
        let l = if (-0.5..=1.0).contains(&x) { -x.ln_1p() } else { (qb / pb).ln() };
        let t = qb * l;
        kl += t;
        s += t.abs();
    }
    (kl, s)
}

/// The certification bound `E` for `(Ŝ, c)` (see the module docs).
#[inline(always)]
fn cert_bound(s: f64, c: f64) -> f64 {
    (E_REL * s + E_C * c) + E_ABS
}

/// `true` only if `kl(q‖p) > c` certainly.
#[inline(always)]
fn certified_outside(q: f64, p: f64, c: f64) -> bool {
    certified_and_step(q, p, c).0
}

/// `cert(p)` and, from the same evaluation, the initial step: `2E/|kl'(p)|`, at least two
/// ulps, at most the bracket width cap.
#[inline(always)]
fn certified_and_step(q: f64, p: f64, c: f64) -> (bool, f64) {
    let (kl, s) = kl_with_error(q, p);
    if kl == f64::INFINITY {
        return (true, width_cap(p));
    }
    let e = cert_bound(s, c);
    let slope = ((p - q) / (p * (1.0 - p))).abs();
    let h = 2.0 * e / slope;
    let cap = width_cap(p);
    let h = if h.is_nan() { cap } else { h.max(2.0 * ulp(p)).min(cap) };
    (kl - e > c, h)
}

/// `x.next_up() − x` for finite `x ≥ 0` (the spacing above `x`).
#[inline]
fn ulp(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1) - x
}

#[inline]
fn width_cap(x: f64) -> f64 {
    (W_REL * x).max(2.0 * ulp(x))
}

/// Binary entropy in nats from `ln q` and `ln(1−q)` (approximate; used for a Newton start only).
#[inline]
fn entropy(q: f64, ln_q: f64, ln_qb: f64) -> f64 {
    let a = if q > 0.0 { -q * ln_q } else { 0.0 };
    let b = if q < 1.0 { -(1.0 - q) * ln_qb } else { 0.0 };
    a + b
}

/// Lanes evaluated together. Each lane's operations are exactly those of a lone evaluation (a
/// lane never reads another lane's state), so the output depends on its own `(q, c)` only; the
/// lanes exist so that the independent libm calls of different lanes overlap in the CPU
/// instead of waiting on each other's latency.
pub const LANES: usize = 4;

/// What one Newton step decided for its lane.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newton {
    /// Iterate again.
    Continue,
    /// Converged: the last step was below [`CONVERGED`] relative.
    Converged,
    /// The step was not finite: the candidate is the current iterate.
    Stuck,
    /// The iterate crossed `q`: the candidate is `q` itself.
    AtQ,
}

/// The margin `τ` by which Newton aims above `c`: `τ = E + σ·h/2`, with `E` the certification
/// bound, `σ = |kl'(p)|` and `h` the walk's first step at `p` (as in [`certified_and_step`]).
/// A candidate at `kl = c + τ` is certified with a margin of about `σh/2`, and its neighbour one
/// step toward `q` (where `kl ≈ c + E − σh/2`) is not, so the bracket usually costs exactly two
/// evaluations. Speed only: soundness rests on the certification alone.
#[inline(always)]
fn newton_margin(q: f64, p: f64, c: f64, s_hat: f64, cap: f64) -> f64 {
    let e = cert_bound(s_hat, c);
    let slope = ((p - q) / (p * (1.0 - p))).abs();
    let h = (2.0 * e / slope).max(2.0 * ulp(p)).min(width_cap(p)).min(cap);
    let tau = e + 0.5 * slope * h;
    if tau.is_finite() {
        tau
    } else {
        0.0
    }
}

/// `eˣ − 1` for `|x| ≤ 10⁻⁴` by its series to `x⁴/24` (error `< 10⁻²²`): the converged last
/// Newton step is applied to the iterate without another `exp_m1` call.
#[inline]
fn expm1_tiny(x: f64) -> f64 {
    x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0))))
}

/// Relative step below which the iteration stops: Halley's method converges cubically, so
/// the iterate after such a step is within about `10⁻²¹` relative of the target, far below
/// the certification's resolution.
const CONVERGED: f64 = 1e-7;

/// Halley's step `(f/f′)/(1 − f·f″/(2f′²))` for a convex increasing `f`; Newton's `f/f′` where
/// the correction is not in `(½, 2)` (far from the root).
#[inline(always)]
fn halley(f: f64, d1: f64, d2: f64) -> f64 {
    let newton = f / d1;
    let corr = 1.0 - 0.5 * newton * d2 / d1;
    if corr > 0.5 && corr < 2.0 {
        newton / corr
    } else {
        newton
    }
}

/// One Newton step for the upper root in `t = −ln(1−p)`, at `p = 1 − e⁻ᵗ`; the step is left in
/// `last`.
#[inline(always)]
fn upper_newton_step(q: f64, c: f64, ln_qb: f64, p: f64, t: &mut f64, last: &mut f64) -> Newton {
    let qb = 1.0 - q;
    if p <= q {
        return Newton::AtQ;
    }
    // kl in t-space: q ln(q/p) + (1−q)(ln(1−q) + t), accurate near p = 1.
    let (kl, s_hat) = if p > 0.5 {
        let a = if q > 0.0 { q * (q / p).ln() } else { 0.0 };
        let b = qb * (ln_qb + *t);
        (a + b, a.abs() + b.abs())
    } else {
        kl_with_error(q, p)
    };
    let f = kl - c - newton_margin(q, p, c, s_hat, f64::INFINITY);
    let slope = (p - q) / p;
    let step = halley(f, slope, q * (1.0 - p) / (p * p));
    if !step.is_finite() {
        return Newton::Stuck;
    }
    *t -= step;
    *last = step;
    if step.abs() <= CONVERGED * t.abs() {
        Newton::Converged
    } else {
        Newton::Continue
    }
}

/// Start of the upper Newton iteration in `t = −ln(1−p)`, and `ln(1−q)`. Requires `q < 1`.
#[inline]
fn upper_start(q: f64, c: f64) -> (f64, f64) {
    let qb = 1.0 - q;
    let ln_qb = (-q).ln_1p();
    let ln_q = if q > 0.0 { q.ln() } else { 0.0 };
    // Two upper bounds on the root: Pinsker (kl ≥ 2(p−q)²) and kl ≥ (1−q)t − H(q).
    let mut t = ((c + entropy(q, ln_q, ln_qb)) / qb).min(-(-(q + (0.5 * c).sqrt()).min(1.0)).ln_1p());
    if !t.is_finite() {
        t = 800.0;
    }
    (t, ln_qb)
}

/// Start of the lower Newton iteration in `s = −ln p`, and `(ln q, ln(1−q))`. Requires `q > 0`.
#[inline]
fn lower_start(q: f64, c: f64) -> (f64, [f64; 2]) {
    let ln_q = q.ln();
    let ln_qb = if q < 1.0 { (-q).ln_1p() } else { 0.0 };
    let pins = q - (0.5 * c).sqrt();
    let mut s = (c + entropy(q, ln_q, ln_qb)) / q;
    if pins > 0.0 {
        s = s.min(-pins.ln());
    }
    if !s.is_finite() {
        s = 800.0;
    }
    (s, [ln_q, ln_qb])
}

/// One Newton step for the lower root in `s = −ln p`, at `p = e⁻ˢ`; the step is left in `last`.
#[inline(always)]
fn lower_newton_step(q: f64, c: f64, [ln_q, ln_qb]: [f64; 2], p: f64, s: &mut f64, last: &mut f64) -> Newton {
    let qb = 1.0 - q;
    if p >= q {
        return Newton::AtQ;
    }
    // kl in s-space: q(ln q + s) + (1−q) ln((1−q)/(1−p)), accurate near p = 0.
    let (kl, s_hat) = if p < 0.5 {
        let a = q * (ln_q + *s);
        let b = if q < 1.0 { qb * (ln_qb - (-p).ln_1p()) } else { 0.0 };
        (a + b, a.abs() + b.abs())
    } else {
        kl_with_error(q, p)
    };
    let f = kl - c - newton_margin(q, p, c, s_hat, width_cap(q));
    let slope = (q - p) / (1.0 - p);
    let step = halley(f, slope, p * qb / ((1.0 - p) * (1.0 - p)));
    if !step.is_finite() {
        return Newton::Stuck;
    }
    *s -= step;
    *last = step;
    if step.abs() <= CONVERGED * s.abs() {
        Newton::Converged
    } else {
        Newton::Continue
    }
}

/// Runs `step` on every lane in `active` until each has stopped, or for at most `max` rounds;
/// a lane's sequence of steps is the one it would take alone.
#[inline]
fn lockstep<const L: usize>(active: &mut [bool; L], max: u32, mut step: impl FnMut(usize) -> bool) {
    for _ in 0..max {
        let mut any = false;
        for (i, lane) in active.iter_mut().enumerate() {
            if *lane {
                *lane = step(i);
                any |= *lane;
            }
        }
        if !any {
            break;
        }
    }
}

/// The bracket walk of one lane (module docs, step 4): `x` certified, `y` not, once `walking`
/// is false. `toward_q` is the direction of the walk: from a certified candidate toward `q`, or
/// from an uncertified one away from it.
#[derive(Clone, Copy, Default)]
struct Walk {
    x: f64,
    y: f64,
    h: f64,
    toward_q: bool,
}

/// `upper(q, c)` for up to `L` inputs (lane by lane the same operations as alone).
fn upper_lanes<const L: usize>(q: &[f64; L], c: &[f64; L]) -> [f64; L] {
    let mut out = [0.0; L];
    let mut todo = [false; L];
    for i in 0..L {
        let (q, c) = (q[i], c[i]);
        out[i] = if !((0.0..=1.0).contains(&q) && c >= 0.0) {
            f64::NAN
        } else if c == 0.0 || q == 1.0 {
            q
        } else if c == f64::INFINITY {
            1.0
        } else {
            todo[i] = true;
            continue;
        };
    }
    // Candidate p₀ by Newton's method.
    let (mut t, mut ln_qb) = ([0.0; L], [0.0; L]);
    for i in 0..L {
        if todo[i] {
            (t[i], ln_qb[i]) = upper_start(q[i], c[i]);
        }
    }
    // Newton, lane by lane in lockstep; each round first maps every lane's iterate to p (the
    // libm calls of different lanes are independent), then takes the steps.
    let (mut p, mut last, mut state) = ([0.0; L], [0.0; L], [Newton::Stuck; L]);
    let mut newton = todo;
    for _ in 0..MAX_NEWTON {
        for i in 0..L {
            if newton[i] {
                p[i] = -(-t[i]).exp_m1();
            }
        }
        let mut any = false;
        for i in 0..L {
            if newton[i] {
                state[i] = upper_newton_step(q[i], c[i], ln_qb[i], p[i], &mut t[i], &mut last[i]);
                newton[i] = state[i] == Newton::Continue;
                any |= newton[i];
            }
        }
        if !any {
            break;
        }
    }
    // Certify p₀ and walk to a bracket.
    let mut walk = [Walk::default(); L];
    for i in 0..L {
        if todo[i] {
            let p0 = match state[i] {
                Newton::AtQ => q[i],
                Newton::Stuck => p[i].clamp(q[i], 1.0),
                // 1 − p₀ = (1 − p)·e^step.
                Newton::Converged if last[i].abs() <= 1e-4 => (p[i] - (1.0 - p[i]) * expm1_tiny(last[i])).clamp(q[i], 1.0),
                Newton::Converged | Newton::Continue => (-(-t[i]).exp_m1()).clamp(q[i], 1.0),
            };
            let (cert0, h) = certified_and_step(q[i], p0, c[i]);
            walk[i] = Walk { x: p0, y: p0, h, toward_q: cert0 };
        }
    }
    let mut walking = todo;
    lockstep(&mut walking, u32::MAX, |i| {
        let (q, c, w) = (q[i], c[i], &mut walk[i]);
        if w.toward_q {
            let cand = (w.x - w.h).max(q);
            if cand <= q || !certified_outside(q, cand, c) {
                w.y = cand;
                return false;
            }
            w.x = cand;
        } else {
            let cand = (w.y + w.h).min(1.0);
            if certified_outside(q, cand, c) {
                w.x = cand;
                return false;
            }
            w.y = cand;
        }
        w.h *= 2.0;
        true
    });
    // Invariant: cert(x), not cert(y) (or y = q), y < x. Bisect (rare).
    for i in 0..L {
        if todo[i] {
            let (q, c, Walk { mut x, mut y, .. }) = (q[i], c[i], walk[i]);
            while x - y > width_cap(x) {
                let m = y + 0.5 * (x - y);
                if m <= y || m >= x {
                    break;
                }
                if certified_outside(q, m, c) {
                    x = m;
                } else {
                    y = m;
                }
            }
            out[i] = x;
        }
    }
    out
}

/// `lower(q, c)` for up to `L` inputs (lane by lane the same operations as alone).
fn lower_lanes<const L: usize>(q: &[f64; L], c: &[f64; L]) -> [f64; L] {
    let mut out = [0.0; L];
    let mut todo = [false; L];
    for i in 0..L {
        let (q, c) = (q[i], c[i]);
        out[i] = if !((0.0..=1.0).contains(&q) && c >= 0.0) {
            f64::NAN
        } else if c == 0.0 || q == 0.0 {
            q
        } else if c == f64::INFINITY {
            0.0
        } else {
            todo[i] = true;
            continue;
        };
    }
    let (mut s, mut ln_q) = ([0.0; L], [[0.0; 2]; L]);
    for i in 0..L {
        if todo[i] {
            (s[i], ln_q[i]) = lower_start(q[i], c[i]);
        }
    }
    let (mut p, mut last, mut state) = ([0.0; L], [0.0; L], [Newton::Stuck; L]);
    let mut newton = todo;
    for _ in 0..MAX_NEWTON {
        for i in 0..L {
            if newton[i] {
                p[i] = (-s[i]).exp();
            }
        }
        let mut any = false;
        for i in 0..L {
            if newton[i] {
                state[i] = lower_newton_step(q[i], c[i], ln_q[i], p[i], &mut s[i], &mut last[i]);
                newton[i] = state[i] == Newton::Continue;
                any |= newton[i];
            }
        }
        if !any {
            break;
        }
    }
    let mut walk = [Walk::default(); L];
    for i in 0..L {
        if todo[i] {
            let p0 = match state[i] {
                Newton::AtQ => q[i],
                Newton::Stuck => p[i].clamp(0.0, q[i]),
                // p₀ = p·e^step.
                Newton::Converged if last[i].abs() <= 1e-4 => (p[i] + p[i] * expm1_tiny(last[i])).clamp(0.0, q[i]),
                Newton::Converged | Newton::Continue => (-s[i]).exp().clamp(0.0, q[i]),
            };
            let (cert0, h0) = certified_and_step(q[i], p0, c[i]);
            walk[i] = Walk { x: p0, y: p0, h: h0.min(width_cap(q[i])), toward_q: cert0 };
        }
    }
    let mut walking = todo;
    lockstep(&mut walking, u32::MAX, |i| {
        let (q, c, w) = (q[i], c[i], &mut walk[i]);
        if w.toward_q {
            let cand = (w.x + w.h).min(q);
            if cand >= q || !certified_outside(q, cand, c) {
                w.y = cand;
                return false;
            }
            w.x = cand;
        } else {
            let cand = (w.y - w.h).max(0.0);
            if certified_outside(q, cand, c) {
                w.x = cand;
                return false;
            }
            w.y = cand;
        }
        w.h *= 2.0;
        true
    });
    // Invariant: cert(x), not cert(y) (or y = q), x < y.
    for i in 0..L {
        if todo[i] {
            let (q, c, Walk { mut x, mut y, .. }) = (q[i], c[i], walk[i]);
            while y - x > width_cap(x) {
                let m = x + 0.5 * (y - x);
                if m <= x || m >= y {
                    break;
                }
                if certified_outside(q, m, c) {
                    x = m;
                } else {
                    y = m;
                }
            }
            out[i] = x;
        }
    }
    out
}

/// `upper(q, c)` for one input; NaN for an input the batched functions would refuse
/// (`q ∉ [0,1]`, `c < 0`, NaN), so a direct caller cannot make it panic.
pub fn upper_one(q: f64, c: f64) -> f64 {
    upper_lanes(&[q], &[c])[0]
}

/// `lower(q, c)` for one input; NaN for an input the batched functions would refuse.
pub fn lower_one(q: f64, c: f64) -> f64 {
    lower_lanes(&[q], &[c])[0]
}

/// The batched functions' input check (shared with the CUDA backend, so bad input gives the
/// same typed error there).
pub(crate) fn validate(q: &[f64], c: &[f64]) -> Result<(), KlInverseError> {
    if q.len() != c.len() {
        return Err(KlInverseError::LengthMismatch { q: q.len(), c: c.len() });
    }
    if q.is_empty() {
        return Err(KlInverseError::Empty);
    }
    let bad = q.par_iter().zip(c.par_iter()).position_first(|(q, c)| !(*q >= 0.0 && *q <= 1.0 && *c >= 0.0));
    if let Some(index) = bad {
        let (qv, cv) = (q[index], c[index]);
        return Err(if qv.is_nan() {
            KlInverseError::NotANumber { name: "q", index }
        } else if !(0.0..=1.0).contains(&qv) {
            KlInverseError::QOutOfRange { index, value: qv }
        } else if cv.is_nan() {
            KlInverseError::NotANumber { name: "c", index }
        } else {
            KlInverseError::NegativeC { index, value: cv }
        });
    }
    Ok(())
}

fn run_into(q: &[f64], c: &[f64], out: &mut [f64], f: fn(&[f64; LANES], &[f64; LANES]) -> [f64; LANES]) -> Result<(), KlInverseError> {
    validate(q, c)?;
    if out.len() != q.len() {
        return Err(KlInverseError::OutputLength { out: out.len(), n: q.len() });
    }
    out.par_chunks_mut(CHUNK).zip(q.par_chunks(CHUNK)).zip(c.par_chunks(CHUNK)).for_each(|((o, qs), cs)| {
        for ((o, q), c) in o.chunks_mut(LANES).zip(qs.chunks(LANES)).zip(cs.chunks(LANES)) {
            // A short last group is padded with c = 0 (a closed form); padding lanes are dropped.
            let (mut qq, mut cc) = ([0.0; LANES], [0.0; LANES]);
            qq[..q.len()].copy_from_slice(q);
            cc[..c.len()].copy_from_slice(c);
            let r = f(&qq, &cc);
            o.copy_from_slice(&r[..o.len()]);
        }
    });
    Ok(())
}

/// Batched `upper(q[i], c[i])` into `out` (same length). Never below the exact value.
pub fn kl_inverse_upper_into(q: &[f64], c: &[f64], out: &mut [f64]) -> Result<(), KlInverseError> {
    run_into(q, c, out, upper_lanes::<LANES>)
}

/// Batched `lower(q[i], c[i])` into `out` (same length). Never above the exact value.
pub fn kl_inverse_lower_into(q: &[f64], c: &[f64], out: &mut [f64]) -> Result<(), KlInverseError> {
    run_into(q, c, out, lower_lanes::<LANES>)
}

/// Batched `upper(q[i], c[i])`. Never below the exact value.
pub fn kl_inverse_upper(q: &[f64], c: &[f64]) -> Result<Vec<f64>, KlInverseError> {
    let mut out = vec![0.0; q.len()];
    kl_inverse_upper_into(q, c, &mut out)?;
    Ok(out)
}

/// Batched `lower(q[i], c[i])`. Never above the exact value.
pub fn kl_inverse_lower(q: &[f64], c: &[f64]) -> Result<Vec<f64>, KlInverseError> {
    let mut out = vec![0.0; q.len()];
    kl_inverse_lower_into(q, c, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    //! A lane's result does not depend on the other lanes: batched outputs equal one-input
    //! evaluations, whatever the neighbours (the inputs are also evaluated in reverse order).
    use super::*;

    fn inputs() -> (Vec<f64>, Vec<f64>) {
        let mut s: u64 = 11;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        let special = [0.0, 1.0, 5e-324, 1e-300, 1e-10, 0.5, 1.0 - 1e-10, 1.0 - f64::EPSILON / 2.0, f64::INFINITY, 1e-20, 700.0];
        let (mut q, mut c) = (Vec::new(), Vec::new());
        for &a in &special[..8] {
            for &b in &special {
                q.push(a);
                c.push(b);
            }
        }
        for i in 0..20_003 {
            let (a, b) = (next(), next());
            q.push(if i % 3 == 0 { a.powi(8) } else { a });
            c.push(match i % 4 {
                0 => 2.0 * b,
                1 => b.powi(12),
                2 => 50.0 * b,
                _ => b * 1e-12,
            });
        }
        (q, c)
    }

    #[test]
    fn a_lane_depends_on_its_own_input_only() {
        let (q, c) = inputs();
        let (up, lo) = (kl_inverse_upper(&q, &c).unwrap(), kl_inverse_lower(&q, &c).unwrap());
        let (qr, cr): (Vec<f64>, Vec<f64>) = (q.iter().rev().copied().collect(), c.iter().rev().copied().collect());
        let (upr, lor) = (kl_inverse_upper(&qr, &cr).unwrap(), kl_inverse_lower(&qr, &cr).unwrap());
        let n = q.len();
        for i in 0..n {
            assert_eq!(up[i].to_bits(), upper_one(q[i], c[i]).to_bits(), "upper({:e}, {:e})", q[i], c[i]);
            assert_eq!(lo[i].to_bits(), lower_one(q[i], c[i]).to_bits(), "lower({:e}, {:e})", q[i], c[i]);
            assert_eq!(up[i].to_bits(), upr[n - 1 - i].to_bits());
            assert_eq!(lo[i].to_bits(), lor[n - 1 - i].to_bits());
        }
    }
}
