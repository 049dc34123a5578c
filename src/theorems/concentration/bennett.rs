//! Bennett's inequality, checked exactly on sums of i.i.d. finite-support laws.
//!
//! # Statement
//! For independent `X_i` with `X_i − EX_i ≤ b` (`b > 0`), `σ² = Σ Var X_i` and `t > 0`:
//! `P(S − ES ≥ t) ≤ exp(−(σ²/b²)·h(bt/σ²))`, `h(u) = (1 + u) ln(1 + u) − u`.
//!
//! # Formula
//! As for [`super::Bernstein`]: `b = max − mean`, `σ² = n·Var X`, `t = u·n·(max − mean)`, the
//! exact tail on the left. `h` is enclosed without cancellation ([`crate::reference::bennett_h`]:
//! a rational series with a certified remainder for `|u| ≤ 1/4`). For a point mass (`σ² = 0`)
//! the bound is its limit, 0, and so is the tail. The sharpened fixture multiplies the exponent
//! by `5/4`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::Bennett;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let skewed = Instance::default()
//!     .with("n", Value::Integer(50)).with("u", Value::Number(Rational::from((1, 5))))
//!     .with("x0", Value::Number(Rational::from(0))).with("x1", Value::Number(Rational::from(1)))
//!     .with("x2", Value::Number(Rational::from(0))).with("x3", Value::Number(Rational::from(0)))
//!     .with("w0", Value::Integer(49)).with("w1", Value::Integer(1))
//!     .with("w2", Value::Integer(0)).with("w3", Value::Integer(0));
//! let Outcome::Compared(c) = Bennett::catalogue().evaluate(&skewed, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::bernstein::{tail_cap, SUM_PARAMETERS};
use super::law::SumDeviation;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::tail_bounds::bennett_bound;
use crate::reference::Enclosure;
use rug::Rational;

/// Bennett's inequality with its exponent multiplied by `factor` (1 as published).
pub struct Bennett {
    id: &'static str,
    factor: Rational,
}

impl Bennett {
    /// The published inequality.
    pub fn catalogue() -> Self {
        Bennett { id: "concentration.bennett", factor: Rational::from(1) }
    }

    /// The sharpened fixture, exponent × 5/4, which is false.
    pub fn sharpened() -> Self {
        Bennett { id: "concentration.bennett_sharpened", factor: Rational::from((5, 4)) }
    }
}

/// The largest `n` evaluated for a law with a given number of atoms.
const CAP: fn(usize) -> i64 = tail_cap;

impl Theorem for Bennett {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &SUM_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = SumDeviation::from_instance(instance)?;
        let room = Rational::from(d.law.max() - &d.mean);
        // Any b ≥ max − mean is admissible; for a point mass pick 1 (the bound is then 0).
        let b = if room > 0 { room } else { Rational::from(1) };
        let variance = d.law.variance() * d.n;
        let lhs = Enclosure::exact(d.upper_tail());
        let rhs = bennett_bound(&variance, &b, &d.t, &self.factor, prec).map_err(EvalError::reference)?;
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
