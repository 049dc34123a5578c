//! The Chernoff–Hoeffding bound in relative-entropy form, checked exactly on Bernoulli sums.
//!
//! # Statement
//! For the mean of `n` i.i.d. Bernoulli(`p`) variables and `p < q ≤ 1`:
//! `P(X̄ ≥ q) ≤ exp(−n·kl(q‖p))`, with equality at `q = 1` (both sides are `p^n`).
//!
//! # Formula
//! The left side is the exact binomial tail. At `q = 1` the right side is `exp(−n ln(1/p)) = p^n`,
//! computed as that exact rational so that the equality is certified in exact form; elsewhere it
//! is enclosed with directed rounding.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::ChernoffKl;
//! use theoremcheck::reference::Enclosure;
//! use rug::Rational;
//! let at_one = Instance::default()
//!     .with("n", Value::Integer(3))
//!     .with("p", Value::Number(Rational::from((1, 3))))
//!     .with("u", Value::Number(Rational::from(1)));
//! let Outcome::Compared(c) = ChernoffKl.evaluate(&at_one, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from((1, 27))));
//! assert_eq!(c.rhs, Enclosure::exact(Rational::from((1, 27))));
//! ```

use super::bernoulli::{mean_tail, Deviation};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::{kl_bernoulli, Enclosure};
use crate::spec::Spec;
use rug::ops::Pow;
use rug::Rational;

/// `P(X̄ ≥ q) ≤ exp(−n·kl(q‖p))` for Bernoulli means.
pub struct ChernoffKl;

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("u")];

impl Theorem for ChernoffKl {
    fn id(&self) -> &str {
        "concentration.chernoff_kl"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = Deviation::from_instance(instance)?;
        let lhs = Enclosure::exact(mean_tail(d.n, &d.p, &d.q)?);
        let rhs = if d.q == 1 {
            // kl(1‖p) = ln(1/p), so exp(−n·kl) = p^n exactly.
            Enclosure::exact(Rational::from((&d.p).pow(d.n)))
        } else {
            let kl = kl_bernoulli(&d.q, &d.p, prec).map_err(EvalError::reference)?;
            kl.mul(&Enclosure::exact(-i64::from(d.n)), prec).exp(prec)
        };
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    /// The equality case `q = 1` at a few points, so that it is always exercised.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        [(1, (1, 2)), (3, (1, 3)), (20, (9, 10)), (7, (1, 64))]
            .into_iter()
            .map(|(n, p)| {
                Instance::default()
                    .with("n", Value::Integer(n))
                    .with("p", Value::Number(Rational::from(p)))
                    .with("u", Value::Number(Rational::from(1)))
            })
            .collect()
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        Deviation::from_instance(instance).ok().map(|d| d.describe())
    }
}
