//! Bernstein's inequality, checked exactly on sums of i.i.d. finite-support laws.
//!
//! # Statement
//! For independent `X_i` with `X_i − EX_i ≤ b` and `σ² = Σ Var X_i`, and `t > 0`:
//! `P(S − ES ≥ t) ≤ exp(−t² / (2(σ² + bt/3)))`.
//!
//! # Formula
//! The law is one of the four-atom grid laws of [`super::law`]; `b = max − mean` (the smallest
//! admissible `b`, where the bound is strongest), `σ² = n·Var X`, `t = u·n·(max − mean)`. The
//! left side is the exact tail of the sum (Miller's recurrence, [`crate::reference::FiniteLaw`]);
//! the right side is enclosed with directed rounding. The constant `1/3` is a field so that the
//! sharpened fixture (`1/6`) is the same code.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::Bernstein;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let coin = Instance::default()
//!     .with("n", Value::Integer(4)).with("u", Value::Number(Rational::from(1)))
//!     .with("x0", Value::Number(Rational::from(0))).with("x1", Value::Number(Rational::from(1)))
//!     .with("x2", Value::Number(Rational::from(1))).with("x3", Value::Number(Rational::from(1)))
//!     .with("w0", Value::Integer(1)).with("w1", Value::Integer(1))
//!     .with("w2", Value::Integer(0)).with("w3", Value::Integer(0));
//! let Outcome::Compared(c) = Bernstein::catalogue().evaluate(&coin, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True); // 1/16 ≤ exp(−4/(2(1 + 2/3)))
//! ```

use super::law::{SumDeviation, LAW_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::tail_bounds::bernstein_bound;
use crate::reference::Enclosure;
use rug::Rational;
use std::sync::LazyLock;

/// Bernstein's inequality with the constant `c` in `bt·c` (`1/3` as published).
pub struct Bernstein {
    id: &'static str,
    c: Rational,
}

impl Bernstein {
    /// The published inequality.
    pub fn catalogue() -> Self {
        Bernstein { id: "concentration.bernstein", c: Rational::from((1, 3)) }
    }

    /// The sharpened fixture with `bt/6`, which is false.
    pub fn sharpened() -> Self {
        Bernstein { id: "concentration.bernstein_sharpened", c: Rational::from((1, 6)) }
    }
}

/// `n`, `u` and the law.
pub(super) static SUM_PARAMETERS: LazyLock<Vec<ParamRequirement>> =
    LazyLock::new(|| [ParamRequirement::integer("n"), ParamRequirement::number("u")].into_iter().chain(LAW_PARAMETERS).collect());

/// The largest `n` evaluated for a law with a given number of atoms.
const CAP: fn(usize) -> i64 = tail_cap;

impl Theorem for Bernstein {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &SUM_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = SumDeviation::from_instance(instance)?;
        let b = Rational::from(d.law.max() - &d.mean);
        let variance = d.law.variance() * d.n;
        let lhs = Enclosure::exact(d.upper_tail());
        let rhs = bernstein_bound(&variance, &b, &d.t, &self.c, prec).map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn strategy(&self, spec: &crate::spec::Spec) -> Option<proptest::strategy::BoxedStrategy<Instance>> {
        Some(super::law::capped_strategy(spec, CAP))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::law::within_cap(instance, CAP)
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        SumDeviation::from_instance(instance).ok().map(|d| d.describe())
    }
}

/// Largest `n` drawn for a law with `atoms` distinct atoms: exact tails cost `O(n²·d²)` bit
/// operations, so multi-atom laws stop at 2000 while two-point laws keep the full range.
pub(super) fn tail_cap(atoms: usize) -> i64 {
    if atoms <= 2 {
        i64::MAX
    } else {
        2000
    }
}
