//! Seeger's PAC-Bayes-kl bound with Maurer's `ξ(n)`, checked exactly on tiny worlds.
//!
//! # Statement
//! For a prior `P` fixed before the data, losses in `[0, 1]`, `δ ∈ (0, 1)` and `n ≥ 1`: with
//! probability at least `1 − δ` over an i.i.d. sample of size `n`, for every posterior `Q`,
//! `kl(L̂(Q)‖L(Q)) ≤ (KL(Q‖P) + ln(ξ(n)/δ))/n`, where
//! `ξ(n) = Σ_k C(n,k)(k/n)^k(1 − k/n)^{n−k} ≤ 2√n` (Maurer 2004, Theorems 1 and 5; the `2√n`
//! form follows since `ξ(n) ≤ 2√n`, checked in `pac_bayes.maurer_xi`).
//!
//! # Formula
//! In a tiny world (see [`super::world`]) the failure event "some posterior of the family has
//! `kl(L̂(Q)‖L(Q)) > (KL(Q‖P) + ln(ξ(n)/δ))/n`" is decided for every count vector with certified
//! arithmetic and its probability summed exactly; the claim is `P(failure) ≤ δ`.
//! The sharpened fixture replaces `ln(ξ(n)/δ)` by `ln(√n/δ)`, which is false (at `n = 1`,
//! `δ = 3/4`, a fair coin fails with probability 1).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance};
//! use theoremcheck::theorems::pac_bayes::{world_instance, SeegerMaurer};
//! use theoremcheck::reference::Decision;
//! let fair_coin = world_instance(1, 1, [(1, 2), (1, 2), (1, 2)], "independent", [1, 1, 1], (3, 4));
//! let Outcome::Compared(c) = SeegerMaurer::sharpened().evaluate(&fair_coin, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::False); // P(failure) = 1 > 3/4
//! let Outcome::Compared(c) = SeegerMaurer::catalogue().evaluate(&fair_coin, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::world::{check_world, world_instance, world_strategy, World, WORLD_PARAMETERS};
use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};
use crate::reference::pac_bayes_bounds::{ln_xi_over_delta, seeger_rhs_from_budget};
use crate::reference::{kl_bernoulli, Enclosure, PRECISION_LADDER};
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// The Seeger/Maurer kl bound (or its sharpened, false twin).
pub struct SeegerMaurer {
    id: &'static str,
    sharpened: bool,
    /// The factor on the complexity term `KL + ln(ξ(n)/δ)`: 1 as published (the sensitivity
    /// check's constant mutant scales it).
    complexity: Rational,
}

impl SeegerMaurer {
    /// As published, with `ln(ξ(n)/δ)`.
    pub fn catalogue() -> Self {
        SeegerMaurer { id: "pac_bayes.seeger_maurer", sharpened: false, complexity: Rational::from(1) }
    }

    /// With `ln(√n/δ)`: false.
    pub fn sharpened() -> Self {
        SeegerMaurer { id: "pac_bayes.seeger_maurer_sharpened", sharpened: true, complexity: Rational::from(1) }
    }
}

pub(super) const PARAMETERS: [ParamRequirement; 10] = [
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
];

/// Worlds where the kl bounds come closest to failing: a fair coin with a large `δ`, and a
/// two-hypothesis world whose prior is concentrated on the worse hypothesis.
pub(super) fn tight_worlds() -> Vec<Instance> {
    vec![
        world_instance(1, 1, [(1, 2), (1, 2), (1, 2)], "independent", [1, 1, 1], (3, 4)),
        world_instance(1, 2, [(1, 2), (1, 2), (1, 2)], "independent", [1, 1, 1], (3, 4)),
        world_instance(1, 5, [(7, 16), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 20)),
        world_instance(2, 4, [(1, 2), (1, 4), (1, 2)], "antithetic", [1, 7, 1], (1, 2)),
        world_instance(3, 6, [(1, 2), (1, 4), (3, 4)], "comonotone", [2, 1, 1], (1, 4)),
    ]
}

impl Theorem for SeegerMaurer {
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
        let log_term = if self.sharpened {
            // ln(√n/δ) = ½ ln(n/δ²)
            let inside = Rational::from(n) / Rational::from(delta.square_ref());
            Enclosure::exact(inside).ln(top)?.mul(&Enclosure::exact(Rational::from((1, 2))), top)
        } else {
            ln_xi_over_delta(n, &delta, top).map_err(EvalError::reference)?
        };
        let scale = Enclosure::exact(self.complexity.clone());
        check_world(instance, prec, |emp, risk, kl, p| {
            let budget = kl.add(&log_term, p).mul(&scale, p);
            let rhs = seeger_rhs_from_budget(&budget, n, p).map_err(EvalError::reference)?;
            let lhs = kl_bernoulli(emp, risk, p).map_err(EvalError::reference)?;
            Ok(rhs.lt(&lhs))
        })
    }

    /// `complexity`: the factor on `KL + ln(ξ(n)/δ)`.
    fn with_scaled_constant(&self, name: &str, factor: &Rational) -> Option<Box<dyn Theorem>> {
        let scaled = SeegerMaurer { id: self.id, sharpened: self.sharpened, complexity: Rational::from(&self.complexity * factor) };
        (name == "complexity").then(|| Box::new(scaled) as Box<dyn Theorem>)
    }

    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        Some(world_strategy(spec))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::world::affordable(instance)
    }

    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        tight_worlds()
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        World::from_instance(instance).ok().map(|w| w.describe())
    }
}
