//! A refutation fixture with an unspecified constant: `P(X̄ − p ≥ t) ≤ C·exp(−2n²t²)`.
//!
//! Squaring `n` in Hoeffding's exponent is a classic slip; the claim is false for every `C`,
//! and the engine must find, for `C` at the top of its range, a certified counterexample (which
//! by monotonicity in `C` refutes every smaller `C` too).

use super::bernoulli::{mean_tail, Deviation};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// `P(X̄ − p ≥ t) ≤ C·exp(−2n²t²)`: false for every `C`.
pub struct HoeffdingNSquared;

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("u")];

impl Theorem for HoeffdingNSquared {
    fn id(&self) -> &str {
        "concentration.hoeffding_n_squared"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let d = Deviation::from_instance(instance)?;
        let c = constants.number("C")?;
        let lhs = Enclosure::exact(mean_tail(d.n, &d.p, &d.q)?);
        let n = Rational::from(d.n);
        let exponent = -2 * Rational::from(n.square_ref()) * Rational::from(d.t.square_ref());
        let rhs = Enclosure::exact(c.clone()).mul(&Enclosure::exact(exponent).exp(prec), prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        Deviation::from_instance(instance).ok().map(|d| d.describe())
    }
}
