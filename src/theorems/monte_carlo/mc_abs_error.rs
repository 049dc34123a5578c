//! The Monte Carlo mean absolute error bound `E|Φ̂_M − Φ| ≤ 1/(2√M)`, checked exactly on step
//! decoders.
//!
//! # Statement
//! For `Φ̂_M` the mean of `M` i.i.d. summands in `[0, 1]` with mean `Φ`:
//! `E|Φ̂_M − Φ| ≤ √Var(Φ̂_M) ≤ 1/(2√M)` (Jensen, then Popoviciu's `Var ≤ 1/4`).
//!
//! # Formula
//! For a step decoder `Φ̂_M = b + a·B/M`, `B ~ Bin(M, q)`, the left side is
//! `a·E|B − Mq|/M` with de Moivre's closed form for `E|B − Mq|`, an exact rational; the right
//! side is `√(1/(k²M))` with `k = 2` (published) or `k = 3` (the sharpened fixture), exact when
//! `M` is a square.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::McAbsError;
//! use theoremcheck::reference::{Decision, Enclosure};
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("M", Value::Integer(1))
//!     .with("q", Value::Number(Rational::from((1, 2))))
//!     .with("a", Value::Number(Rational::from(1)))
//!     .with("v", Value::Number(Rational::from(0)));
//! // One fair coin: E|B − 1/2| = 1/2 = 1/(2√1), the equality case.
//! let Outcome::Compared(c) = McAbsError::catalogue().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from((1, 2))));
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::model::{samples, StepDecoder};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::decimal::format_rational;
use crate::reference::Enclosure;
use rug::Rational;

/// `E|Φ̂_M − Φ| ≤ 1/(k√M)`, `k = 2` as published.
pub struct McAbsError {
    id: &'static str,
    k: u32,
}

impl McAbsError {
    pub fn catalogue() -> Self {
        McAbsError { id: "monte_carlo.mc_abs_error", k: 2 }
    }

    /// `1/(3√M)`: false at `M = 1`, `q = 1/2`.
    pub fn sharpened() -> Self {
        McAbsError { id: "monte_carlo.mc_abs_error_sharpened", k: 3 }
    }
}

pub(crate) const STEP_PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::integer("M"), ParamRequirement::number("q"), ParamRequirement::number("a"), ParamRequirement::number("v")];

/// `√(c²/M)` for a rational `c`: exact when it is a rational square.
pub(crate) fn over_sqrt_m(c: &Rational, m: u32, prec: u32) -> Result<Enclosure, EvalError> {
    Ok(Enclosure::exact(Rational::from(c.square_ref()) / m).sqrt(prec)?)
}

pub(crate) fn describe_step(instance: &Instance) -> Option<String> {
    let d = StepDecoder::from_instance(instance, "").ok()?;
    Some(format!("b = {}, Φ = b + aq = {}", format_rational(&d.b), format_rational(&d.factor())))
}

impl Theorem for McAbsError {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &STEP_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let m = samples(instance.integer("M")?)?;
        let d = StepDecoder::from_instance(instance, "")?;
        let lhs = Enclosure::exact(d.mean_abs_error(m));
        let rhs = over_sqrt_m(&Rational::from((1, self.k)), m, prec)?;
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        describe_step(instance)
    }
}
