//! LPF Theorem 4 (information-theoretic optimality), read for the error rate: LPF-SPN's
//! misclassification probability is within 1.12× of an information-theoretic lower bound.
//!
//! # Statement
//! The abstract: "LPF-SPN operates within 1.12× of the information-theoretic lower bound on
//! calibration error"; the bound is not stated. Readings, each its own claim (the headline
//! `calibration.lpf_theorem4` lists them):
//! - `calibration.lpf_theorem4_log_loss`: `E[−ln q_LPF(Y|E)] ≤ 1.12·H(Y|E)`;
//! - `calibration.lpf_theorem4_bayes_error` (this file): `P(ŷ_LPF ≠ Y) ≤ 1.12·P(ŷ_Bayes ≠ Y)`,
//!   the Bayes error being the least error of any predictor of `Y` from `E`;
//! - `calibration.lpf_theorem4_fano`: `P(ŷ_LPF ≠ Y) ≤ 1.12·P_F`, with `P_F` Fano's lower bound,
//!   the least `p ∈ [0, 1 − 1/|Y|]` with `h(p) + p·ln(|Y| − 1) ≥ H(Y|E)`.
//!
//! # Formula
//! Accuracies of LPF-SPN and of the Bayes posterior summed over count vectors by the population
//! engine (exact rationals, or certified enclosures for large `K` and tempered weights); `H(Y|E)`
//! certified; `P_F` enclosed by certified bisection (`h` is increasing on `[0, 1 − 1/|Y|]`), kept
//! to width `2^{−min(prec, 256)}`. Model, aggregator and generators as in
//! `calibration.lpf_theorem1`; conditionally independent evidence (`copies = 1`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::{LpfTheorem4Error, scenario_instance};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = scenario_instance(2, 2, 5, 3, "uniform", "informative", "exact",
//!     Rational::new(), Rational::from(1), "equal", 1);
//! let Outcome::Compared(c) = LpfTheorem4Error::bayes_error().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! // Uniform prior, exact factors, w = 1: LPF-SPN's argmax is Bayes', so the errors agree.
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::aggregation::{population, population_with_log_loss, Aggregator, Setup};
use super::lpf_theorem1::BINS;
use super::scenario::{scenario_instance, scenario_of, scenario_strategy, SCENARIO_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Decision, Enclosure, Interval};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// Which lower bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFloor {
    /// The Bayes error.
    Bayes,
    /// Fano's lower bound from `H(Y|E)`.
    Fano,
}

/// `P(ŷ_LPF ≠ Y) ≤ 1.12 · floor`.
pub struct LpfTheorem4Error {
    id: &'static str,
    floor: ErrorFloor,
}

/// The published factor 1.12.
pub fn factor() -> Rational {
    Rational::from((112, 100))
}

impl LpfTheorem4Error {
    pub fn bayes_error() -> Self {
        LpfTheorem4Error { id: "calibration.lpf_theorem4_bayes_error", floor: ErrorFloor::Bayes }
    }
    pub fn fano() -> Self {
        LpfTheorem4Error { id: "calibration.lpf_theorem4_fano", floor: ErrorFloor::Fano }
    }
}

/// `h(p) + p ln(M − 1)` at a rational `p ∈ (0, 1)`.
fn fano_function(p: &Rational, classes: u32, prec: u32) -> Result<Enclosure, EvalError> {
    let q: Rational = 1 - p.clone();
    let ep = Enclosure::exact(p.clone());
    let eq = Enclosure::exact(q.clone());
    let mut f = ep.mul(&ep.ln(prec)?, prec).add(&eq.mul(&eq.ln(prec)?, prec), prec).neg();
    if classes > 2 {
        f = f.add(&ep.mul(&Enclosure::exact(classes - 1).ln(prec)?, prec), prec);
    }
    Ok(f)
}

/// Fano's lower bound on the error of any predictor of an `M`-class label with conditional
/// entropy `h`: an enclosure of the least `p ∈ [0, 1 − 1/M]` with `h(p) + p ln(M − 1) ≥ h`.
pub fn fano_floor(h: &Enclosure, classes: u32, prec: u32) -> Result<Enclosure, EvalError> {
    let mut lo = Rational::new();
    let mut hi = Rational::from(1) - Rational::from((1, classes));
    if h.le(&Enclosure::zero()) == Decision::True {
        return Ok(Enclosure::zero());
    }
    for _ in 0..prec.min(256) {
        let mid = Rational::from(&lo + &hi) / 2u32;
        match fano_function(&mid, classes, prec)?.certified_cmp(h) {
            Some(std::cmp::Ordering::Less) => lo = mid,
            Some(_) => hi = mid,
            None => break,
        }
    }
    let (a, b) = (Interval::from_rational(&lo, prec), Interval::from_rational(&hi, prec));
    Interval::new(a.lo().clone(), b.hi().clone()).map(Enclosure::from).ok_or_else(|| EvalError::reference("Fano bisection lost its order"))
}

impl Theorem for LpfTheorem4Error {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &SCENARIO_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = scenario_of(instance)?;
        if s.copies != 1 {
            return Ok(Outcome::HypothesisNotMet("duplicated evidence is not conditionally independent given Y".into()));
        }
        let setup = Setup { model: &s.model, aggregator: &s.aggregator, draws: s.draws, copies: 1 };
        let (lpf, floor) = match self.floor {
            ErrorFloor::Bayes => {
                let lpf = population(&setup, BINS, prec).map_err(EvalError::reference)?;
                let bayes = Aggregator::bayes(&s.model).map_err(EvalError::reference)?;
                let best = population(&Setup { aggregator: &bayes, ..setup.clone() }, BINS, prec).map_err(EvalError::reference)?;
                let floor = Enclosure::one().sub(&best.accuracy, prec);
                (lpf, floor)
            }
            ErrorFloor::Fano => {
                let lpf = population_with_log_loss(&setup, BINS, prec).map_err(EvalError::reference)?;
                let floor = fano_floor(&lpf.conditional_entropy, s.model.classes() as u32, prec)?;
                (lpf, floor)
            }
        };
        let error = Enclosure::one().sub(&lpf.accuracy, prec);
        Ok(Outcome::Compared(Comparison::new(error, Relation::Le, floor.mul(&Enclosure::exact(factor()), prec))))
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(scenario_strategy())
    }

    /// Miscalibrated factors (ε = 1/2) on a skewed prior, where LPF-SPN's argmax leaves Bayes'.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        vec![
            scenario_instance(3, 3, 6, 11, "skewed", "informative", "perturbed", Rational::from((1, 2)), Rational::from(1), "equal", 1),
            scenario_instance(2, 2, 5, 3, "uniform", "informative", "exact", Rational::new(), Rational::from(1), "equal", 1),
        ]
    }
}
