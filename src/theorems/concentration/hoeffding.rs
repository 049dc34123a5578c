//! Hoeffding's inequality, checked exactly on Bernoulli sums.
//!
//! # Statement
//! For independent `X_i ∈ [a_i, b_i]` and `S = Σ X_i`: `P(S − ES ≥ t) ≤ exp(−2t²/Σ(b_i − a_i)²)`.
//! For `n` Bernoulli(`p`) variables and a deviation `t` of the mean this reads
//! `P(X̄ − p ≥ t) ≤ exp(−2nt²)`.
//!
//! # Formula
//! The left side is the exact binomial tail `P(S ≥ ⌈n(p + t)⌉)`, a rational; the right side is
//! enclosed with directed rounding. The exponent's factor is a field, so that a sharpened
//! variant (factor 3) can be built as a refutation fixture.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::Hoeffding;
//! use rug::Rational;
//! let instance = Instance::default()
//!     .with("n", Value::Integer(1))
//!     .with("p", Value::Number(Rational::from((1, 2))))
//!     .with("u", Value::Number(Rational::from(1)));
//! // P(X̄ ≥ 1) = 1/2 ≤ e^{−1/2}
//! let outcome = Hoeffding::catalogue().evaluate(&instance, &Instance::default(), 64).unwrap();
//! assert!(matches!(outcome, Outcome::Compared(c) if c.decide() == theoremcheck::reference::Decision::True));
//! ```

use super::bernoulli::{mean_tail, Deviation};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// Hoeffding's inequality for Bernoulli means, with exponent factor `factor` (2 as published).
pub struct Hoeffding {
    id: &'static str,
    factor: Rational,
}

impl Hoeffding {
    /// The published inequality, `exp(−2nt²)`.
    pub fn catalogue() -> Self {
        Hoeffding { id: "concentration.hoeffding", factor: Rational::from(2) }
    }

    /// The sharpened fixture, `exp(−3nt²)`, which is false.
    pub fn sharpened() -> Self {
        Hoeffding { id: "concentration.hoeffding_sharpened", factor: Rational::from(3) }
    }
}

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("u")];

impl Theorem for Hoeffding {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = Deviation::from_instance(instance)?;
        let lhs = Enclosure::exact(mean_tail(d.n, &d.p, &d.q)?);
        let exponent = -(&self.factor * Rational::from(d.n)) * Rational::from(d.t.square_ref());
        let rhs = Enclosure::exact(exponent).exp(prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        Deviation::from_instance(instance).ok().map(|d| d.describe())
    }
}
