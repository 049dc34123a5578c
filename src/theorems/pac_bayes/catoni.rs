//! Catoni's bound, checked exactly on tiny worlds.
//!
//! # Statement
//! For a constant `C > 0` fixed before the data (`C = λ/n` in Catoni 2007, Theorem 1.2.6), with
//! probability at least `1 − δ`, for every posterior `Q`:
//! `L(Q) ≤ (1 − exp(−C·L̂(Q) − (KL(Q‖P) + ln(1/δ))/n)) / (1 − e^{−C})`.
//!
//! # Formula
//! The failure event is decided per count vector with
//! [`crate::reference::pac_bayes_bounds::catoni_from_budget`] and its probability summed exactly.
//! The sharpened fixture divides the complexity term by `2n` instead of `n`, which is false.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::{world_instance, Catoni};
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let w = world_instance(1, 7, [(1, 64), (1, 2), (1, 2)], "independent", [1, 1, 1], (9, 10))
//!     .with("c", Value::Number(Rational::from(4)));
//! let Outcome::Compared(c) = Catoni::catalogue().evaluate(&w, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::seeger_maurer::tight_worlds;
use super::world::{check_world, world_instance, world_strategy, World, WORLD_PARAMETERS};
use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem, Value};
use crate::reference::pac_bayes_bounds::{catoni_from_budget, ln_one_over_delta};
use crate::reference::{Enclosure, PRECISION_LADDER};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// Catoni's bound (or its sharpened, false twin).
pub struct Catoni {
    id: &'static str,
    sharpened: bool,
}

impl Catoni {
    /// As published.
    pub fn catalogue() -> Self {
        Catoni { id: "pac_bayes.catoni", sharpened: false }
    }

    /// With `(KL + ln(1/δ))/(2n)`: false.
    pub fn sharpened() -> Self {
        Catoni { id: "pac_bayes.catoni_sharpened", sharpened: true }
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
    ParamRequirement::number("c"),
];

impl Theorem for Catoni {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = World::from_instance(instance)?.n;
        let delta = instance.number("delta")?.clone();
        let c = instance.number("c")?.clone();
        let top = *PRECISION_LADDER.last().expect("non-empty");
        let log_term = ln_one_over_delta(&delta, top).map_err(EvalError::reference)?;
        let scale = Enclosure::exact(if self.sharpened { Rational::from((1, 2)) } else { Rational::from(1) });
        check_world(instance, prec, |emp, risk, kl, p| {
            let budget = kl.add(&log_term, p).mul(&scale, p);
            let bound = catoni_from_budget(emp, &budget, n, &c, p).map_err(EvalError::reference)?;
            Ok(bound.lt(&Enclosure::exact(risk.clone())))
        })
    }

    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(world_strategy(spec))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::world::affordable(instance)
    }

    /// Catoni's bound is nearly Markov-tight for a rare error with a large `C` and `δ`.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let mut worlds = vec![
            world_instance(1, 7, [(1, 64), (1, 2), (1, 2)], "independent", [1, 1, 1], (9, 10)).with("c", Value::Number(Rational::from(4))),
            world_instance(1, 9, [(5, 32), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 20)).with("c", Value::Number(Rational::from(4))),
        ];
        worlds.extend(tight_worlds().into_iter().map(|w| w.with("c", Value::Number(Rational::from(1)))));
        worlds
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        World::from_instance(instance).ok().map(|w| w.describe())
    }
}
