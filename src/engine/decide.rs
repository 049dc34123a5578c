//! Deciding one instance: evaluate the claim at each precision of the ladder until the
//! comparison is certified either way, or report it undecided at the last rung.

use super::instance::Instance;
use super::theorem::{Comparison, EvalError, Outcome, Theorem};
use crate::reference::Decision;

/// What deciding one instance gave.
#[derive(Clone, Debug)]
pub enum Decided {
    /// The instance does not meet the hypotheses.
    Vacuous(String),
    /// The comparison and its decision at the precision where it was decided (or the last one).
    Compared { comparison: Comparison, decision: Decision, precision: u32 },
    /// No comparison could be made at this instance, even at the last precision tried.
    Unevaluable(String),
}

/// Evaluates `instance` at each precision of `ladder` until the comparison is decided.
pub fn decide(theorem: &dyn Theorem, instance: &Instance, constants: &Instance, ladder: &[u32]) -> Result<Decided, EvalError> {
    let mut last = None;
    let mut unevaluable = None;
    for &prec in ladder {
        match theorem.evaluate(instance, constants, prec)? {
            Outcome::HypothesisNotMet(why) => return Ok(Decided::Vacuous(why)),
            Outcome::Unevaluable { reason, retry: false } => return Ok(Decided::Unevaluable(reason)),
            Outcome::Unevaluable { reason, retry: true } => unevaluable = Some(reason),
            Outcome::Compared(comparison) => {
                let decision = comparison.decide();
                if decision != Decision::Undecided {
                    return Ok(Decided::Compared { comparison, decision, precision: prec });
                }
                last = Some((comparison, prec));
                unevaluable = None;
            }
        }
    }
    match (last, unevaluable) {
        // The last rung decides what is reported: an undecided comparison or no comparison.
        (Some((comparison, precision)), None) => Ok(Decided::Compared { comparison, decision: Decision::Undecided, precision }),
        (_, Some(reason)) => Ok(Decided::Unevaluable(reason)),
        (None, None) => Err(EvalError::Reference("the precision ladder is empty".into())),
    }
}

impl Decided {
    /// Whether this is a certified counterexample.
    pub fn refutes(&self) -> bool {
        matches!(self, Decided::Compared { decision: Decision::False, .. })
    }

    /// The comparison, when the hypotheses were met.
    pub fn comparison(&self) -> Option<&Comparison> {
        match self {
            Decided::Compared { comparison, .. } => Some(comparison),
            Decided::Vacuous(_) | Decided::Unevaluable(_) => None,
        }
    }
}
