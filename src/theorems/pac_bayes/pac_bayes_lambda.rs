//! Thiemann et al.'s PAC-Bayes-λ bound, checked exactly on tiny worlds.
//!
//! # Statement
//! With probability at least `1 − δ`, for every posterior `Q` and every `λ ∈ (0, 2)`
//! simultaneously: `L(Q) ≤ L̂(Q)/(1 − λ/2) + (KL(Q‖P) + ln(2√n/δ))/(λ(1 − λ/2)n)`
//! (Thiemann, Igel, Wintenberger, Seldin, ALT 2017, Theorem 3, as restated by Alquier 2024,
//! Theorem 3.4).
//!
//! # Formula
//! Since the claim is simultaneous in `λ`, a sample fails when the bound is violated at *some*
//! `λ`; the check tries the instance's `λ` and a rational `λ` next to the data-dependent
//! minimiser `2/(√(2nL̂/b + 1) + 1)`, `b = KL + ln(2√n/δ)`. The sharpened fixture divides the
//! complexity term by 4, which is false.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::{world_instance, PacBayesLambda};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let w = world_instance(1, 21, [(1, 8), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 20))
//!     .with("lambda", Value::Number(Rational::from(1)));
//! let Outcome::Compared(c) = PacBayesLambda::sharpened().evaluate(&w, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::False);
//! ```

use super::seeger_maurer::tight_worlds;
use super::world::{check_world, world_instance, world_strategy, World, WORLD_PARAMETERS};
use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem, Value};
use crate::reference::pac_bayes_bounds::{lambda_from_budget, ln_two_sqrt_n_over_delta, near_optimal_lambda};
use crate::reference::{Decision, Enclosure, PRECISION_LADDER};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// The PAC-Bayes-λ bound (or its sharpened, false twin).
pub struct PacBayesLambda {
    id: &'static str,
    /// The factor on the complexity term `KL + ln(2√n/δ)`: 1 as published.
    complexity: Rational,
}

impl PacBayesLambda {
    /// As published.
    pub fn catalogue() -> Self {
        PacBayesLambda { id: "pac_bayes.pac_bayes_lambda", complexity: Rational::from(1) }
    }

    /// With the complexity term divided by 4: false.
    pub fn sharpened() -> Self {
        PacBayesLambda { id: "pac_bayes.pac_bayes_lambda_sharpened", complexity: Rational::from((1, 4)) }
    }
}

const PARAMETERS: [ParamRequirement; 11] = [
    WORLD_PARAMETERS[0],
    WORLD_PARAMETERS[1],
    WORLD_PARAMETERS[2],
    WORLD_PARAMETERS[3],
    WORLD_PARAMETERS[4],
    WORLD_PARAMETERS[5],
    WORLD_PARAMETERS[6],
    WORLD_PARAMETERS[7],
    WORLD_PARAMETERS[8],
    ParamRequirement::number("delta"),
    ParamRequirement::number("lambda"),
];

impl Theorem for PacBayesLambda {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = World::from_instance(instance)?.n;
        let delta = instance.number("delta")?.clone();
        let lambda = instance.number("lambda")?.clone();
        let top = *PRECISION_LADDER.last().expect("non-empty");
        let log_term = ln_two_sqrt_n_over_delta(n, &delta, top).map_err(EvalError::reference)?;
        let scale = Enclosure::exact(self.complexity.clone());
        check_world(instance, prec, |emp, risk, kl, p| {
            let budget = kl.add(&log_term, p).mul(&scale, p);
            let risk = Enclosure::exact(risk.clone());
            let mut verdict = Decision::False;
            for l in [lambda.clone(), near_optimal_lambda(emp, &budget, n)] {
                let bound = lambda_from_budget(emp, &budget, n, &l, p).map_err(EvalError::reference)?;
                match bound.lt(&risk) {
                    Decision::True => return Ok(Decision::True),
                    Decision::Undecided => verdict = Decision::Undecided,
                    Decision::False => {}
                }
            }
            Ok(verdict)
        })
    }

    /// `complexity`: the factor on `KL + ln(2√n/δ)`.
    fn with_scaled_constant(&self, name: &str, factor: &Rational) -> Option<Box<dyn Theorem>> {
        let scaled = PacBayesLambda { id: self.id, complexity: Rational::from(&self.complexity * factor) };
        (name == "complexity").then(|| Box::new(scaled) as Box<dyn Theorem>)
    }

    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(world_strategy(spec))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::world::affordable(instance)
    }

    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let one = || Value::Number(Rational::from(1));
        let mut worlds = vec![world_instance(1, 21, [(1, 8), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 20)).with("lambda", one())];
        worlds.extend(tight_worlds().into_iter().map(|w| w.with("lambda", one())));
        worlds
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        World::from_instance(instance).ok().map(|w| w.describe())
    }
}
