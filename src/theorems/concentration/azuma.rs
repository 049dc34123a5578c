//! The Azuma–Hoeffding inequality with predictable ranges, exact over all strings of tiny
//! history-dependent sources.
//!
//! # Statement
//! For martingale differences `D_k` with `A_k ≤ D_k ≤ A_k + c_k`, `A_k` predictable and `c_k`
//! constants: `P(Σ_{k≤n} D_k ≥ t) ≤ exp(−2t²/Σc_k²)`.
//!
//! # Formula
//! `X_k ∈ {0, 1}` from a source of [`super::sources`], `p_k = P(X_k = 1 | past)`,
//! `D_k = X_k − p_k`, so `A_k = −p_k` and `c_k = 1`. All `2^n` strings are enumerated with exact
//! probabilities, so `P(Σ D_k ≥ t)` is an exact rational; `t = u·n`. The exponent's factor `2`
//! is a field; the sharpened fixture uses `3`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::Azuma;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = Instance::default().with("n", Value::Integer(6)).with("u", Value::Number(Rational::from((1, 3))))
//!     .with("source", Value::Choice("polya".into()))
//!     .with("a", Value::Number(Rational::from((1, 2)))).with("b", Value::Number(Rational::from((1, 4))));
//! let Outcome::Compared(c) = Azuma::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::sources::Source;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::tail_bounds::mcdiarmid_bound;
use crate::reference::Enclosure;
use rug::Rational;

/// Azuma–Hoeffding with exponent factor `factor` (2 as published).
pub struct Azuma {
    id: &'static str,
    factor: Rational,
}

impl Azuma {
    pub fn catalogue() -> Self {
        Azuma { id: "concentration.azuma", factor: Rational::from(2) }
    }

    /// The sharpened fixture, `exp(−3t²/Σc_k²)`, which is false.
    pub fn sharpened() -> Self {
        Azuma { id: "concentration.azuma_sharpened", factor: Rational::from(3) }
    }
}

pub(super) const SOURCE_PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::integer("n"),
    ParamRequirement::number("u"),
    ParamRequirement::set("source"),
    ParamRequirement::number("a"),
    ParamRequirement::number("b"),
];

impl Theorem for Azuma {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &SOURCE_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let source = Source::from_instance(instance)?;
        let n = instance.count("n")?;
        let t = Rational::from(instance.number("u")? * n);
        let mut tail = Rational::new();
        source.for_each_string(n, |prob, path| {
            let sum: Rational = path.iter().map(|(p, x)| Rational::from(u32::from(*x)) - p).sum();
            if sum >= t {
                tail += prob;
            }
        });
        let rhs = mcdiarmid_bound(&Rational::from(n), &t, &self.factor, prec).map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tail), Relation::Le, rhs)))
    }
}
