//! The exact Azuma–Hoeffding check over every string of a tiny binary source, shared by the
//! log-perplexity claims (`A = B` and `A ≠ B`): only the per-step increments differ between them.
//!
//! `P_B(Σ D_i ≥ N·u·c)` is summed over all `2^N` strings with each string's `Σ D_i` enclosed;
//! strings whose comparison stays undecided widen the probability into an interval (never rounded
//! into either side). The right side `exp(−factor·N·u²)` is `exp(−factor·Nε²/c²)` at `ε = u·c`.

use super::sources::Source;
use crate::engine::{Comparison, EvalError, Outcome, Relation};
use crate::reference::{Decision, Enclosure, Interval};
use crate::theorems::concentration::empirical_bernstein::probability_enclosure;
use rug::{Integer, Rational};
use std::collections::BTreeMap;

/// The longest strings enumerated: `2^16` strings, each kept with its path, whatever a user
/// domain declares (the catalogue specs stop at 12).
pub(crate) const MAX_N: u32 = 16;

/// One step's martingale increments given the past, keyed by `p = B(1 | past)`.
pub(crate) struct Step {
    /// `D` when the next symbol is 0.
    pub d0: Enclosure,
    /// `D` when the next symbol is 1.
    pub d1: Enclosure,
    /// The range of `−ln A(· | past)`, `|ln q − ln(1 − q)|`: the step's contribution to `c`.
    pub range: Enclosure,
    /// `A(· | past)` is uniform: the range is exactly 0.
    pub uniform: bool,
}

/// Compares `P_B(Σ D_i ≥ N·u·c)` with `exp(−factor·N·u²)`, `c` the largest range met.
///
/// `step(p, wp)` gives the increments after a history whose next-symbol law under `B` is `p`, at
/// working precision `wp`; `uniform_reason` is the answer when every step is uniform (`c = 0`).
///
/// # Errors
/// `n` above [`MAX_N`], and whatever `step` returns (e.g. `ln` of a non-positive probability).
pub(crate) fn azuma_string_tail(
    source: &Source,
    n: u32,
    u: &Rational,
    factor: &Rational,
    prec: u32,
    uniform_reason: &str,
    mut step: impl FnMut(&Rational, u32) -> Result<Step, EvalError>,
) -> Result<Outcome, EvalError> {
    if n > MAX_N {
        return Err(EvalError::reference(format!("n must be at most {MAX_N} (all 2^n strings are enumerated), got {n}")));
    }
    let wp = prec + 16;
    let mut d_of: BTreeMap<Rational, (Enclosure, Enclosure)> = BTreeMap::new();
    let mut strings: Vec<(Rational, Vec<(Rational, bool)>)> = Vec::new();
    source.for_each_string(n, |prob, path| strings.push((prob.clone(), path.to_vec())));
    let mut c = Enclosure::zero();
    let mut all_uniform = true;
    for (_, path) in &strings {
        for (p, _) in path {
            if d_of.contains_key(p) {
                continue;
            }
            let Step { d0, d1, range, uniform } = step(p, wp)?;
            all_uniform &= uniform;
            c = hull_max(&c, &range, wp);
            d_of.insert(p.clone(), (d0, d1));
        }
    }
    if all_uniform {
        return Ok(Outcome::HypothesisNotMet(uniform_reason.into()));
    }
    let threshold = c.mul(&Enclosure::exact(Rational::from(u * n)), wp);
    let mut den = Integer::from(1);
    for (prob, _) in &strings {
        den.lcm_mut(prob.denom());
    }
    let (mut certain, mut undecided) = (Integer::new(), Integer::new());
    for (prob, path) in &strings {
        let mut sum = Enclosure::zero();
        for (p, x) in path {
            let (d0, d1) = &d_of[p];
            sum = sum.add(if *x { d1 } else { d0 }, wp);
        }
        let mass = Rational::from(prob * &den).numer().clone();
        match threshold.le(&sum) {
            Decision::True => certain += mass,
            Decision::Undecided => undecided += mass,
            Decision::False => {}
        }
    }
    let lhs = probability_enclosure(certain, undecided, &den, prec);
    let rhs = Enclosure::exact(-(Rational::from(u * u) * n * factor)).exp(prec);
    Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
}

/// An enclosure of `max(a, b)`.
fn hull_max(a: &Enclosure, b: &Enclosure, prec: u32) -> Enclosure {
    let (x, y) = (a.to_interval(prec), b.to_interval(prec));
    let lo = if x.lo() > y.lo() { x.lo().clone() } else { y.lo().clone() };
    let hi = if x.hi() > y.hi() { x.hi().clone() } else { y.hi().clone() };
    Interval::new(lo, hi).expect("ordered").into()
}
