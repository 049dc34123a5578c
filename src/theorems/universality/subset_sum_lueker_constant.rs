//! Lueker / Pensia et al. with its constant made explicit: the smallest `C` consistent with
//! "n ≥ C·log₂(2/ε) i.i.d. Uniform[−1, 1] samples ε-cover [−1, 1] with probability ≥ 1 − ε",
//! computed by exact counting.
//!
//! # Statement
//! The claim forces `C > n/log₂(2/ε)` at every `n` where covering fails with probability `> ε`.
//! Two exact lower bounds on the failure probability:
//! - counting: `2^n` subset sums cover `[−1, 1]` no better than `2^{−n}`, so covering fails surely
//!   when `2^{−n} > ε` (`universality.subset_sum_counting`);
//! - signs: with `k` positive samples (probability `C(n,k)/2^n`), the largest subset sum is a sum
//!   of `k` i.i.d. Uniform(0, 1), below `t = 1 − ε` with probability `t^k/k!` (Irwin–Hall,
//!   `t ≤ 1`), and then `z = 1` is not ε-covered; likewise for `z = −1` with the `n − k`
//!   negatives, independently given `k`. So
//!   `P(fail) ≥ Σ_k C(n,k) 2^{−n} [1 − (1 − t^k/k!)(1 − t^{n−k}/(n−k)!)]` (with `t^0/0! = 1`).
//!
//! # Formula
//! For the instance's ε, scan `n = 1, …, ⌈3·log₂(2/ε)⌉ + 8` (exact rationals), take the largest
//! `n` whose lower bound exceeds ε, and compare `C_min(ε) = n_fail/log₂(2/ε)` (enclosed) with
//! the declared constant: the claim requires `C_min(ε) < C`. Any failing `n` gives a valid lower
//! bound on `C`, so the finite scan is sound; `C_min` is a necessary condition, not a proof of
//! the covering claim.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::SubsetSumLuekerConstant;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = Instance::default().with("eps", Value::Number(Rational::from((1, 2))));
//! // n = 3 fails with probability 43/64 > 1/2, so C must exceed 3/log₂ 4 = 3/2.
//! let c = Instance::default().with("C", Value::Number(Rational::from(1)));
//! let Outcome::Compared(cmp) = SubsetSumLuekerConstant::catalogue().evaluate(&i, &c, 64).unwrap() else { panic!() };
//! assert_eq!(cmp.decide(), Decision::False);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::Enclosure;
use crate::spec::Spec;
use rug::{Integer, Rational};

/// `C_min(ε) < C`.
pub struct SubsetSumLuekerConstant {
    id: &'static str,
}

impl SubsetSumLuekerConstant {
    pub fn catalogue() -> Self {
        SubsetSumLuekerConstant { id: "universality.subset_sum_lueker_constant" }
    }
    /// The same check with the constant's range capped at 1 (deliberately false).
    pub fn sharpened() -> Self {
        SubsetSumLuekerConstant { id: "universality.subset_sum_lueker_constant_sharpened" }
    }
}

const PARAMETERS: [ParamRequirement; 1] = [ParamRequirement::number("eps")];

/// The exact lower bound on the probability that `n` Uniform[−1, 1] samples fail to ε-cover.
pub fn failure_lower_bound(n: u32, eps: &Rational) -> Rational {
    if Rational::from((1, Integer::from(1) << n)) > *eps {
        return Rational::from(1);
    }
    let t: Rational = Rational::from(1) - eps;
    // F[k] = t^k / k!
    let mut f = vec![Rational::from(1)];
    for k in 1..=n {
        let next = Rational::from(&f[k as usize - 1] * &t) / k;
        f.push(next);
    }
    let mut total = Rational::new();
    for k in 0..=n {
        let miss = Rational::from(1) - (1 - f[k as usize].clone()) * (1 - f[(n - k) as usize].clone());
        total += Rational::from(Integer::binomial_u(n, k)) * miss;
    }
    total / (Integer::from(1) << n)
}

/// `log₂(2/ε)` as an enclosure (exact when `2/ε` is a power of two).
fn log2_two_over(eps: &Rational, prec: u32) -> Result<Enclosure, EvalError> {
    let x: Rational = 2 / eps.clone();
    if *x.denom() == 1 && x.numer().is_power_of_two() {
        return Ok(Enclosure::exact(x.numer().significant_bits() - 1));
    }
    Ok(Enclosure::exact(x).ln(prec)?.div(&Enclosure::exact(2).ln(prec)?, prec)?)
}

/// The largest `n` in the scan whose failure lower bound exceeds ε (0 if none).
pub fn largest_failing_n(eps: &Rational) -> u32 {
    let two_over: Rational = 2 / eps.clone();
    let bits = two_over.ceil().numer().significant_bits();
    let cap = 3 * bits + 8;
    (1..=cap).rev().find(|n| failure_lower_bound(*n, eps) > *eps).unwrap_or(0)
}

impl Theorem for SubsetSumLuekerConstant {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let eps = instance.number("eps")?.clone();
        if eps <= 0 || eps >= 1 {
            return Err(EvalError::reference(format!("ε must lie in (0, 1), got {eps}")));
        }
        let n = largest_failing_n(&eps);
        let c_min = Enclosure::exact(n).div(&log2_two_over(&eps, prec)?, prec)?;
        Ok(Outcome::Compared(Comparison::new(c_min, Relation::Lt, Enclosure::exact(constants.number("C")?.clone()))))
    }

    /// ε = 1/2, where the sign bound is sharpest relative to `log₂(2/ε)`.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        vec![Instance::default().with("eps", Value::Number(Rational::from((1, 2))))]
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let eps = instance.number("eps").ok()?;
        let n = largest_failing_n(eps);
        let bound = failure_lower_bound(n.max(1), eps);
        Some(format!("largest failing n = {n} (failure probability ≥ {:.6})", bound.to_f64()))
    }
}
