//! The exact-Bayes identity behind LPF Theorem 1: the corrected statement that holds.
//!
//! # Statement
//! Let the evidence be conditionally independent given `Y`, each factor the exact single-item
//! posterior `Φ_i = P(y | x_i)`, and every tempering weight `w_i = 1`. Then the product
//! aggregator with root prior `ρ = π^{1−K}` equals the Bayes posterior `P(y | x_1…x_K)` exactly,
//! so it is perfectly calibrated: population ECE = 0 (any number of bins) and the expected
//! total-variation distance to the Bayes posterior is 0. For a uniform class prior `π^{1−K}` is
//! uniform, so this is LPF-SPN exactly as implemented; for a non-uniform prior LPF-SPN's uniform
//! root is the wrong correction (see `calibration.lpf_theorem1`).
//!
//! # Formula
//! `P(y|E) ∝ π(y) Π_i L(x_i|y) = π(y)^{1−K} Π_i P(y|x_i) · Π_i P(x_i)`. Left side:
//! `max(ECE_10, E[TV(q, P(·|E))])`, exact rationals over all count vectors. Right side: 0.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::LpfTheorem1BayesExact;
//! use theoremcheck::reference::Enclosure;
//! let i = Instance::default()
//!     .with("classes", Value::Integer(3)).with("symbols", Value::Integer(2))
//!     .with("draws", Value::Integer(20)).with("seed", Value::Integer(7))
//!     .with("prior", Value::Choice("random".into())).with("evidence", Value::Choice("informative".into()));
//! let Outcome::Compared(c) = LpfTheorem1BayesExact.evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.lhs, Enclosure::zero());
//! ```

use super::aggregation::{population, Aggregator, Root, Setup};
use super::lpf_theorem1::BINS;
use super::scenario::model_of;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::ece::enclosure_max;
use crate::reference::Enclosure;
use crate::spec::Spec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// CI + exact posteriors + `w = 1` + root `π^{1−K}` ⇒ Bayes posterior, ECE = 0.
pub struct LpfTheorem1BayesExact;

/// The deliberately false fixture `calibration.lpf_spn_uniform_root_bayes`: the same claim for
/// LPF-SPN's uniform root with any prior.
pub struct LpfSpnUniformRootBayes;

fn bayes_gap(instance: &Instance, corrected: bool, prec: u32) -> Result<Outcome, EvalError> {
    let (model, _) = model_of(instance)?;
    let draws = instance.count("draws")?;
    let root = if corrected { Root::PriorPower { prior: model.prior().to_vec(), exponent: 1 - i64::from(draws) } } else { Root::Uniform };
    let aggregator =
        Aggregator::new(root, model.posterior_factors(), vec![Rational::from(1); model.symbols()]).map_err(EvalError::reference)?;
    let pop = population(&Setup { model: &model, aggregator: &aggregator, draws, copies: 1 }, BINS, prec).map_err(EvalError::reference)?;
    let lhs = enclosure_max(&pop.ece, &pop.expected_tv, prec);
    Ok(Outcome::Compared(Comparison::new(lhs, Relation::Eq, Enclosure::zero())))
}

fn bayes_strategy() -> BoxedStrategy<Instance> {
    (2i64..=4, 1i64..=4)
        .prop_flat_map(|(classes, symbols)| {
            (
                Just(classes),
                Just(symbols),
                1i64..=cap(symbols),
                0i64..=1_000_000,
                proptest::sample::select(&["uniform", "skewed", "random"][..]),
                proptest::sample::select(&["informative", "weak", "uninformative"][..]),
            )
        })
        .prop_map(|(classes, symbols, draws, seed, prior, evidence)| {
            Instance::default()
                .with("classes", Value::Integer(classes))
                .with("symbols", Value::Integer(symbols))
                .with("draws", Value::Integer(draws))
                .with("seed", Value::Integer(seed))
                .with("prior", Value::Choice(prior.to_string()))
                .with("evidence", Value::Choice(evidence.to_string()))
        })
        .boxed()
}

impl Theorem for LpfSpnUniformRootBayes {
    fn id(&self) -> &str {
        "calibration.lpf_spn_uniform_root_bayes"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        bayes_gap(instance, false, prec)
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(bayes_strategy())
    }

    fn affordable(&self, instance: &Instance) -> bool {
        match (instance.integer("symbols"), instance.integer("draws")) {
            (Ok(symbols), Ok(draws)) => draws <= cap(symbols),
            _ => true,
        }
    }
}

const PARAMETERS: [ParamRequirement; 6] = [
    ParamRequirement::integer("classes"),
    ParamRequirement::integer("symbols"),
    ParamRequirement::integer("draws"),
    ParamRequirement::integer("seed"),
    ParamRequirement::set("prior"),
    ParamRequirement::set("evidence"),
];

fn cap(symbols: i64) -> i64 {
    match symbols {
        1 | 2 => 300,
        3 => 30,
        _ => 12,
    }
}

impl Theorem for LpfTheorem1BayesExact {
    fn id(&self) -> &str {
        "calibration.lpf_theorem1_bayes_exact"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        bayes_gap(instance, true, prec)
    }

    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(bayes_strategy())
    }

    fn affordable(&self, instance: &Instance) -> bool {
        match (instance.integer("symbols"), instance.integer("draws")) {
            (Ok(symbols), Ok(draws)) => draws <= cap(symbols),
            _ => true,
        }
    }
}
