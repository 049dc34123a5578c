//! LPF Theorem 4, log-loss reading: LPF-SPN's expected log-loss is within 1.12× of the
//! information-theoretic lower bound `H(Y | E)`.
//!
//! # Statement
//! The abstract: "LPF-SPN operates within 1.12× of the information-theoretic lower bound on
//! calibration error". The one reading that is well-posed on the paper's model class without
//! unrecovered constants: for any predictor `q`, `E[−ln q(Y|E)] ≥ H(Y|E)` (cross-entropy is at
//! least the conditional entropy, with equality iff `q` is the Bayes posterior), and the claim is
//! `E[−ln q_LPF(Y|E)] ≤ 1.12 · H(Y|E)`. This reading is ours (the paper's bound was not
//! available); the ECE reading is degenerate (lower bound 0), see `calibration.lpf_theorem4`.
//!
//! # Formula
//! Both sides as certified enclosures of exact count-vector sums (model, aggregator and
//! generators as in `calibration.lpf_theorem1`; conditionally independent evidence).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::{LpfTheorem4LogLoss, scenario_instance};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! // Skewed prior, uninformative evidence, K = 20: LPF-SPN is confidently wrong 3/5 of the time.
//! let i = scenario_instance(4, 1, 20, 0, "skewed", "uninformative", "exact",
//!     Rational::new(), Rational::from(1), "equal", 1);
//! let Outcome::Compared(c) = LpfTheorem4LogLoss::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::False);
//! ```

use super::aggregation::{population_with_log_loss, Setup};
use super::lpf_theorem1::BINS;
use super::scenario::{scenario_instance, scenario_of, scenario_strategy, SCENARIO_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// `E[−ln q_LPF(Y|E)] ≤ factor · H(Y|E)` (`factor` = 1.12 as published).
pub struct LpfTheorem4LogLoss {
    id: &'static str,
    factor: Rational,
}

impl LpfTheorem4LogLoss {
    /// The published reading, factor 1.12.
    pub fn catalogue() -> Self {
        LpfTheorem4LogLoss { id: "calibration.lpf_theorem4_log_loss", factor: Rational::from((112, 100)) }
    }

    /// The sharpened fixture, factor 0.56 (half of 1.12): below the information-theoretic floor
    /// `E[−ln q(Y|E)] ≥ H(Y|E)`, so false wherever `H(Y|E) > 0`, for any predictor.
    pub fn sharpened() -> Self {
        LpfTheorem4LogLoss { id: "calibration.lpf_theorem4_log_loss_sharpened", factor: Rational::from((56, 100)) }
    }
}

impl Theorem for LpfTheorem4LogLoss {
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
        let pop = population_with_log_loss(&setup, BINS, prec).map_err(EvalError::reference)?;
        let rhs = pop.conditional_entropy.mul(&Enclosure::exact(self.factor.clone()), prec);
        Ok(Outcome::Compared(Comparison::new(pop.log_loss, Relation::Le, rhs)))
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(scenario_strategy())
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::scenario::affordable(instance)
    }

    /// The prior over-count at small `K`, and an informative binary case.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        vec![scenario_instance(4, 1, 20, 0, "skewed", "uninformative", "exact", Rational::new(), Rational::from(1), "equal", 1)]
    }
}
