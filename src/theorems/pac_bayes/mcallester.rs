//! McAllester's bound in Maurer's constants, checked exactly on tiny worlds.
//!
//! # Statement
//! With probability at least `1 − δ`, for every posterior `Q`:
//! `L(Q) ≤ L̂(Q) + √((KL(Q‖P) + ln(2√n/δ))/(2n))` (Pinsker's relaxation of Maurer 2004,
//! Theorem 5; Alquier 2024, after Theorem 3.2).
//!
//! # Formula
//! The failure event "some posterior has `L(Q) >` the bound" is decided per count vector with
//! [`crate::reference::pac_bayes_bounds::mcallester_from_budget`] and its probability summed
//! exactly. The sharpened fixture divides by `4n` instead of `2n`, which is false.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance};
//! use theoremcheck::theorems::pac_bayes::{world_instance, McAllester};
//! use theoremcheck::reference::Decision;
//! let w = world_instance(1, 3, [(3, 4), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 4));
//! let Outcome::Compared(c) = McAllester::catalogue().evaluate(&w, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::seeger_maurer::{tight_worlds, PARAMETERS};
use super::world::{check_world, world_instance, world_strategy, World};
use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};
use crate::reference::pac_bayes_bounds::{ln_two_sqrt_n_over_delta, mcallester_from_budget};
use crate::reference::{Enclosure, PRECISION_LADDER};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// McAllester's bound (or its sharpened, false twin).
pub struct McAllester {
    id: &'static str,
    /// The factor on the complexity term `KL + ln(2√n/δ)`: 1 as published.
    complexity: Rational,
}

impl McAllester {
    /// As published: `√((KL + ln(2√n/δ))/(2n))`.
    pub fn catalogue() -> Self {
        McAllester { id: "pac_bayes.mcallester", complexity: Rational::from(1) }
    }

    /// With `4n` in place of `2n`: false.
    pub fn sharpened() -> Self {
        McAllester { id: "pac_bayes.mcallester_sharpened", complexity: Rational::from((1, 2)) }
    }
}

impl Theorem for McAllester {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = World::from_instance(instance)?.n;
        let delta = instance.number("delta")?.clone();
        let top = *PRECISION_LADDER.last().expect("non-empty");
        let log_term = ln_two_sqrt_n_over_delta(n, &delta, top).map_err(EvalError::reference)?;
        let scale = Enclosure::exact(self.complexity.clone());
        check_world(instance, prec, |emp, risk, kl, p| {
            let budget = kl.add(&log_term, p).mul(&scale, p);
            let bound = mcallester_from_budget(emp, &budget, n, p).map_err(EvalError::reference)?;
            Ok(bound.lt(&Enclosure::exact(risk.clone())))
        })
    }

    /// `complexity`: the factor on `KL + ln(2√n/δ)` (dividing by `2n/f` for a factor `f`).
    fn with_scaled_constant(&self, name: &str, factor: &Rational) -> Option<Box<dyn Theorem>> {
        let scaled = McAllester { id: self.id, complexity: Rational::from(&self.complexity * factor) };
        (name == "complexity").then(|| Box::new(scaled) as Box<dyn Theorem>)
    }

    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(world_strategy(spec))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::world::affordable(instance)
    }

    /// Where Hoeffding's inequality is nearly tight: one hypothesis, tiny `n`, small `δ`.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let mut worlds = vec![
            world_instance(1, 2, [(13, 16), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 64)),
            world_instance(1, 3, [(11, 16), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 64)),
        ];
        worlds.extend(tight_worlds());
        worlds
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        World::from_instance(instance).ok().map(|w| w.describe())
    }
}
