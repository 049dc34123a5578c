//! LPF Theorem 6 (sample complexity), as published: calibration error decays as `O(1/√K)`.
//!
//! # Statement
//! Alege (arXiv:2603.15674), Theorem 6: "O(1/√K) calibration decay with evidence count" (fit
//! R² = 0.849). Encoded as an explicit-constant statement, never as a slope fit: there is a `C`
//! with `ECE(LPF-SPN on K items) ≤ C/√K` for all `K`; `C` is unspecified (refuted only if refuted
//! for every `C ≤ C_max`). Single-item factors are the exact posteriors or perturbed ones; the
//! evidence is conditionally independent given `Y`.
//!
//! # Formula
//! Left: population ECE (10 bins) of LPF-SPN (uniform root prior), exact sums over count vectors.
//! Right: `C/√K`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::{LpfTheorem6, scenario_instance};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = scenario_instance(4, 1, 40000, 0, "skewed", "uninformative", "exact",
//!     Rational::new(), Rational::from(1), "equal", 1);
//! let c = Instance::default().with("C", Value::Number(Rational::from(100)));
//! let Outcome::Compared(cmp) = LpfTheorem6.evaluate(&i, &c, 64).unwrap() else { panic!() };
//! assert_eq!(cmp.decide(), Decision::False);
//! ```

use super::aggregation::{population, Setup};
use super::lpf_theorem1::{c_over_sqrt, prior_overcount_instances, BINS};
use super::scenario::{scenario_of, scenario_strategy, SCENARIO_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// `ECE(LPF-SPN) ≤ C/√K`.
pub struct LpfTheorem6;

impl Theorem for LpfTheorem6 {
    fn id(&self) -> &str {
        "calibration.lpf_theorem6"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &SCENARIO_PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = scenario_of(instance)?;
        if s.copies != 1 {
            return Ok(Outcome::HypothesisNotMet("duplicated evidence is not conditionally independent given Y".into()));
        }
        let setup = Setup { model: &s.model, aggregator: &s.aggregator, draws: s.draws, copies: 1 };
        let pop = population(&setup, BINS, prec).map_err(EvalError::reference)?;
        let rhs = c_over_sqrt(constants.number("C")?, &Rational::from(s.draws), prec)?;
        Ok(Outcome::Compared(Comparison::new(pop.ece, Relation::Le, rhs)))
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(scenario_strategy())
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::scenario::affordable(instance)
    }

    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        prior_overcount_instances()
    }
}
