//! LPF Theorem 1 (calibration preservation), as published: `ECE ≤ ε + C/√K_eff`.
//!
//! # Statement
//! Alege (arXiv:2603.15674), Theorem 1: LPF-SPN aggregation of `K` evidence items whose
//! individual factors are ε-calibrated has `ECE ≤ ε + C/√K_eff`. The abstract fixes neither `C`
//! nor `K_eff`: `C` is an unspecified constant (refuted only if refuted for every `C ≤ C_max`),
//! and each reading of `K_eff` is its own claim: `K` (this id), `Σ_i w_i` and Kish's
//! `(Σ w_i)² / Σ w_i²`.
//!
//! # Formula
//! Left: the population top-label ECE (10 bins, catalogue convention) of LPF-SPN,
//! `q(y|E) ∝ Π_i Φ̃_i(y)` with uniform root prior (the author's code), summed exactly over count
//! vectors. Right: `ε + C/√K_eff`, with `ε` the single-item factor's calibration error (the
//! larger of the class-wise sup error and the canonical top-label error, the most generous
//! reading). Evidence must be conditionally independent given `Y` (`copies = 1`); duplicated
//! evidence does not meet the hypotheses. With evidence-dependent weights, `K_eff` is the
//! smallest value over evidence of positive probability (again the generous choice).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::{LpfTheorem1, scenario_instance};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! // Uninformative evidence (one-letter alphabet), skewed prior, K = 40000, C = 100.
//! let i = scenario_instance(4, 1, 40000, 0, "skewed", "uninformative", "exact",
//!     Rational::new(), Rational::from(1), "equal", 1);
//! let c = Instance::default().with("C", Value::Number(Rational::from(100)));
//! let Outcome::Compared(cmp) = LpfTheorem1::items().evaluate(&i, &c, 64).unwrap() else { panic!() };
//! assert_eq!(cmp.decide(), Decision::False); // ECE ≈ 3/5 > 0 + 100/200
//! ```

use super::aggregation::{factor_calibration, population, Setup};
use super::scenario::{scenario_instance, scenario_of, scenario_strategy, SCENARIO_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// The number of bins of the ECE (the author's `evaluation/metrics.py` uses 10).
pub const BINS: u32 = 10;

/// Which quantity `K_eff` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EffectiveSize {
    /// The number of evidence items.
    Items,
    /// `Σ_i w_i`.
    SumWeights,
    /// Kish: `(Σ w_i)² / Σ w_i²`.
    Kish,
}

/// `ECE(LPF-SPN) ≤ ε + C/√K_eff` for one reading of `K_eff`.
pub struct LpfTheorem1 {
    id: &'static str,
    reading: EffectiveSize,
    /// Whether the hand-written edge instances are offered (the searched variants go without).
    edges: bool,
}

impl LpfTheorem1 {
    /// `K_eff = K`.
    pub fn items() -> Self {
        LpfTheorem1 { id: "calibration.lpf_theorem1", reading: EffectiveSize::Items, edges: true }
    }
    /// `K_eff = Σ w_i`.
    pub fn sum_weights() -> Self {
        LpfTheorem1 { id: "calibration.lpf_theorem1_keff_sum_w", reading: EffectiveSize::SumWeights, edges: true }
    }
    /// `K_eff = (Σ w_i)² / Σ w_i²`.
    pub fn kish() -> Self {
        LpfTheorem1 { id: "calibration.lpf_theorem1_keff_kish", reading: EffectiveSize::Kish, edges: true }
    }

    /// A reading searched on a narrowed domain (its spec says which) with no edge instances, so
    /// that a refutation comes from the search alone: the uniform-prior and low-weight variants.
    pub fn searched(id: &'static str, reading: EffectiveSize) -> Self {
        LpfTheorem1 { id, reading, edges: false }
    }
}

/// The instances where LPF-SPN becomes confidently wrong at the largest `K`: first the prior
/// over-count of a uniform root (one-letter, uninformative evidence, skewed prior, exact and
/// perfectly calibrated factors); then, with a *uniform* prior, factors miscalibrated by a fixed
/// ε ≈ 0.024 whose bias the product compounds (so the claim fails even without the prior issue).
pub fn prior_overcount_instances() -> Vec<Instance> {
    vec![
        scenario_instance(4, 1, 40_000, 0, "skewed", "uninformative", "exact", Rational::new(), Rational::from(1), "equal", 1),
        scenario_instance(4, 1, 40_000, 2, "uniform", "uninformative", "perturbed", Rational::from((1, 16)), Rational::from(1), "equal", 1),
    ]
}

/// `C/√k` as an enclosure.
pub fn c_over_sqrt(c: &Rational, k: &Rational, prec: u32) -> Result<Enclosure, EvalError> {
    let root = Enclosure::exact(k.clone()).sqrt(prec)?;
    Ok(Enclosure::exact(c.clone()).div(&root, prec)?)
}

impl Theorem for LpfTheorem1 {
    fn id(&self) -> &str {
        self.id
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
        let setup = Setup { model: &s.model, aggregator: &s.aggregator, draws: s.draws, copies: s.copies };
        let pop = population(&setup, BINS, prec).map_err(EvalError::reference)?;
        let eps = factor_calibration(&s.model, s.aggregator.factors());
        let k_eff = match self.reading {
            EffectiveSize::Items => Rational::from(s.draws),
            EffectiveSize::SumWeights => pop.min_sum_weights.clone(),
            EffectiveSize::Kish => pop.min_kish.clone(),
        };
        let c = constants.number("C")?;
        let rhs = Enclosure::exact(eps).add(&c_over_sqrt(c, &k_eff, prec)?, prec);
        Ok(Outcome::Compared(Comparison::new(pop.ece, Relation::Le, rhs)))
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(scenario_strategy())
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::scenario::affordable(instance)
    }

    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        if self.edges {
            prior_overcount_instances()
        } else {
            Vec::new()
        }
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let s = scenario_of(instance).ok()?;
        let eps = factor_calibration(&s.model, s.aggregator.factors());
        Some(format!("ε = {:.6}, prior = {:?}", eps.to_f64(), s.model.prior().iter().map(|p| p.to_string()).collect::<Vec<_>>()))
    }
}
