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
//! let Outcome::Compared(c) = ChernoffKl::catalogue().evaluate(&at_one, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from((1, 27))));
//! assert_eq!(c.rhs, Enclosure::exact(Rational::from((1, 27))));
//! ```

use super::bernoulli::{mean_tail, Deviation};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::{kl_bernoulli, Enclosure};
use crate::spec::Spec;
use rug::ops::Pow;
use rug::Rational;

/// `P(X̄ ≥ q) ≤ exp(−factor·n·kl(q‖p))` for Bernoulli means (`factor` = 1 as published).
pub struct ChernoffKl {
    id: &'static str,
    factor: Rational,
}

impl ChernoffKl {
    /// The published bound, `exp(−n·kl(q‖p))`.
    pub fn catalogue() -> Self {
        ChernoffKl { id: "concentration.chernoff_kl", factor: Rational::from(1) }
    }

    /// The sharpened fixture, `exp(−2n·kl(q‖p))`, which is false: `n·kl` is the exact large-
    /// deviation rate (Cramér), and at `q = 1` the published bound is an equality, `p^n`.
    pub fn sharpened() -> Self {
        ChernoffKl { id: "concentration.chernoff_kl_sharpened", factor: Rational::from(2) }
    }
}

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("u")];

impl Theorem for ChernoffKl {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = Deviation::from_instance(instance)?;
        let lhs = Enclosure::exact(mean_tail(d.n, &d.p, &d.q)?);
        let rhs = if d.q == 1 && self.factor.is_integer() {
            // kl(1‖p) = ln(1/p), so exp(−factor·n·kl) = p^(factor·n) exactly.
            let power = Rational::from(&self.factor * d.n)
                .numer()
                .to_u32()
                .ok_or_else(|| EvalError::reference("the exponent factor·n does not fit in 32 bits"))?;
            Enclosure::exact(Rational::from((&d.p).pow(power)))
        } else {
            let kl = kl_bernoulli(&d.q, &d.p, prec).map_err(EvalError::reference)?;
            let exponent = -(Rational::from(&self.factor * d.n));
            kl.mul(&Enclosure::exact(exponent), prec).exp(prec)
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
