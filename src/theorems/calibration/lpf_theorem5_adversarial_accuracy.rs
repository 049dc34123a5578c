//! LPF Theorem 5 (robustness), read for accuracy under a worst-case adversary:
//! `acc_clean − acc_attacked ≤ C·ε·δ·√K` with ε the factors' approximation error.
//!
//! # Statement
//! Alege (arXiv:2603.15674), Theorem 5: "graceful degradation as O(εδ√K) under evidence
//! corruption, maintaining 88% performance even when half of all evidence is adversarially
//! replaced". The abstract fixes neither ε, the corruption model, the performance measure nor
//! the constant, so each reading is its own claim (see `proofs/calibration/lpf_theorem5.md`):
//! - `calibration.lpf_theorem5_adversarial_accuracy` (this file): ε is the factors' relative
//!   approximation error (`Φ̃ = P(y|x)(1 ± ε)` renormalised; 0 for exact factors);
//! - `calibration.lpf_theorem5_rate_eps`: ε is Theorem 1's per-factor calibration error;
//! - `calibration.lpf_theorem5_random_replacement`: random instead of adversarial replacement;
//! - `calibration.lpf_theorem5_adversarial_relative`: `acc_attacked ≥ 0.88·acc_clean` at δ = 1/2.
//!
//! # Formula
//! Accuracies of LPF-SPN (the scenario model of `calibration.lpf_theorem1`) summed exactly over
//! count vectors; the adversary knows `Y`, the evidence and the aggregation rule and replaces
//! `⌊δK⌋` items (see [`super::robustness`]). Right side `C·ε·δ·√K`, `C` unspecified
//! (refuted means refuted at `C = 100`, hence for every `C ≤ 100`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::{LpfTheorem5Reading, scenario_instance};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! // Exact factors (ε = 0), binary informative evidence, K = 8, half the items replaced.
//! let i = scenario_instance(2, 2, 8, 1, "uniform", "informative", "exact",
//!     Rational::new(), Rational::from(1), "equal", 1).with("delta", Value::Number(Rational::from((1, 2))));
//! let c = Instance::default().with("C", Value::Number(Rational::from(100)));
//! let Outcome::Compared(cmp) = LpfTheorem5Reading::adversarial_accuracy().evaluate(&i, &c, 64).unwrap() else { panic!() };
//! assert_eq!(cmp.decide(), Decision::False);
//! ```

use super::aggregation::factor_calibration;
use super::robustness::{adversarial_accuracy, random_replacement_accuracy, rate_bound, replaced_items, robustness_strategy};
use super::scenario::{scenario_instance, scenario_of, Scenario, SCENARIO_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::Enclosure;
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// Which reading of Theorem 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Robustness {
    /// Adversarial replacement, ε = factor approximation error.
    AdversarialAccuracy,
    /// Adversarial replacement, ε = Theorem 1's per-factor calibration error.
    RateEps,
    /// Random replacement (each item w.p. δ by a uniform symbol), ε = calibration error.
    RandomReplacement,
    /// `acc_attacked ≥ 0.88 · acc_clean` with half of the items adversarially replaced.
    AdversarialRelative,
}

/// One reading of LPF Theorem 5.
pub struct LpfTheorem5Reading {
    id: &'static str,
    reading: Robustness,
}

/// The scenario parameters and the replaced fraction `delta`.
const WITH_DELTA: [ParamRequirement; 12] = [
    SCENARIO_PARAMETERS[0],
    SCENARIO_PARAMETERS[1],
    SCENARIO_PARAMETERS[2],
    SCENARIO_PARAMETERS[3],
    SCENARIO_PARAMETERS[4],
    SCENARIO_PARAMETERS[5],
    SCENARIO_PARAMETERS[6],
    SCENARIO_PARAMETERS[7],
    SCENARIO_PARAMETERS[8],
    SCENARIO_PARAMETERS[9],
    SCENARIO_PARAMETERS[10],
    ParamRequirement::number("delta"),
];

/// The published "88% performance".
pub fn retained_fraction() -> Rational {
    Rational::from((88, 100))
}

impl LpfTheorem5Reading {
    pub fn adversarial_accuracy() -> Self {
        LpfTheorem5Reading { id: "calibration.lpf_theorem5_adversarial_accuracy", reading: Robustness::AdversarialAccuracy }
    }
    pub fn rate_eps() -> Self {
        LpfTheorem5Reading { id: "calibration.lpf_theorem5_rate_eps", reading: Robustness::RateEps }
    }
    pub fn random_replacement() -> Self {
        LpfTheorem5Reading { id: "calibration.lpf_theorem5_random_replacement", reading: Robustness::RandomReplacement }
    }
    pub fn adversarial_relative() -> Self {
        LpfTheorem5Reading { id: "calibration.lpf_theorem5_adversarial_relative", reading: Robustness::AdversarialRelative }
    }

    /// ε under this reading.
    fn epsilon(&self, s: &Scenario, instance: &Instance) -> Result<Rational, EvalError> {
        Ok(match self.reading {
            Robustness::AdversarialAccuracy => {
                if instance.choice("factors")? == "perturbed" {
                    instance.number("eps")?.clone()
                } else {
                    Rational::new()
                }
            }
            _ => factor_calibration(&s.model, s.aggregator.factors()),
        })
    }

    /// The degradation (clean minus corrupted accuracy) and the clean accuracy.
    fn degradation(&self, s: &Scenario, delta: &Rational, prec: u32) -> Result<(Enclosure, Enclosure), EvalError> {
        if self.reading == Robustness::RandomReplacement {
            let (clean, noisy) = random_replacement_accuracy(&s.model, &s.aggregator, s.draws, delta, prec)?;
            return Ok((clean.sub(&noisy, prec), clean));
        }
        let m = replaced_items(delta, s.draws)?;
        let a = adversarial_accuracy(&s.model, &s.aggregator, s.draws, m)?;
        Ok((Enclosure::exact(Rational::from(&a.clean - &a.attacked)), Enclosure::exact(a.clean)))
    }
}

impl Theorem for LpfTheorem5Reading {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        match self.reading {
            Robustness::AdversarialRelative => &SCENARIO_PARAMETERS,
            _ => &WITH_DELTA,
        }
    }

    fn constants(&self) -> &[&'static str] {
        match self.reading {
            Robustness::AdversarialRelative => &[],
            _ => &["C"],
        }
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = scenario_of(instance)?;
        if s.copies != 1 {
            return Ok(Outcome::HypothesisNotMet("duplicated evidence is not conditionally independent given Y".into()));
        }
        if self.reading == Robustness::AdversarialRelative {
            let a = adversarial_accuracy(&s.model, &s.aggregator, s.draws, s.draws / 2)?;
            let rhs = Rational::from(&a.clean * &retained_fraction());
            return Ok(Outcome::Compared(Comparison::new(Enclosure::exact(a.attacked), Relation::Ge, Enclosure::exact(rhs))));
        }
        let delta = instance.number("delta")?.clone();
        let eps = self.epsilon(&s, instance)?;
        let (drop, _) = self.degradation(&s, &delta, prec)?;
        let rhs = rate_bound(constants.number("C")?, &eps, &delta, s.draws, prec)?;
        Ok(Outcome::Compared(Comparison::new(drop, Relation::Le, rhs)))
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(robustness_strategy(self.reading != Robustness::AdversarialRelative))
    }

    /// Binary informative evidence with exact factors (ε = 0 in every reading), and a perturbed
    /// uniform-prior case with ε > 0.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let base = [
            scenario_instance(2, 2, 8, 1, "uniform", "informative", "exact", Rational::new(), Rational::from(1), "equal", 1),
            scenario_instance(3, 3, 20, 7, "uniform", "informative", "perturbed", Rational::from((1, 16)), Rational::from(1), "equal", 1),
        ];
        match self.reading {
            Robustness::AdversarialRelative => base.to_vec(),
            _ => base.iter().map(|i| i.clone().with("delta", Value::Number(Rational::from((1, 2))))).collect(),
        }
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let s = scenario_of(instance).ok()?;
        let delta = match self.reading {
            Robustness::AdversarialRelative => Rational::from((1, 2)),
            _ => instance.number("delta").ok()?.clone(),
        };
        let eps = self.epsilon(&s, instance).ok()?;
        let (drop, clean) = self.degradation(&s, &delta, 128).ok()?;
        let (dlo, dhi) = drop.decimal_bounds(6);
        let (clo, chi) = clean.decimal_bounds(6);
        Some(format!("ε = {:.6}, δ = {delta}, clean accuracy in [{clo}, {chi}], drop in [{dlo}, {dhi}]", eps.to_f64()))
    }
}
