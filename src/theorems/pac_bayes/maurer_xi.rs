//! Maurer's `ξ(n)`: `√n ≤ ξ(n) ≤ 2√n`, checked exactly in rationals.
//!
//! # Statement
//! `ξ(n) = Σ_{k=0}^{n} C(n,k)(k/n)^k(1 − k/n)^{n−k}` (with `0^0 = 1`) satisfies
//! `√n ≤ ξ(n) ≤ 2√n` (Maurer 2004, Theorem 1, stated there for `n ≥ 8`; checked here for every
//! `n ≥ 1` in range). `ξ(n) = E[exp(n·kl(X̄‖μ))]` for Bernoulli(μ) samples, for every `μ ∈ (0, 1)`.
//!
//! # Formula
//! `ξ(n)` is summed exactly in integers; the claims are compared squared, `ξ(n)² ≤ 4n` and
//! `n ≤ ξ(n)²`, so no root or rounding enters. The sharpened fixture `ξ(n) ≤ (5/4)√n` is false
//! for every `n`, since `ξ(n)/√n` decreases to `√(π/2) ≈ 1.2533`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::MaurerXi;
//! use theoremcheck::reference::{Decision, Enclosure};
//! use rug::Rational;
//! let at = Instance::default().with("n", Value::Integer(1)).with("side", Value::Choice("upper".into()));
//! let Outcome::Compared(c) = MaurerXi::catalogue().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! // ξ(1) = 2 = 2√1: the upper bound is an equality at n = 1.
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from(4)));
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::pac_bayes_bounds::xi;
use crate::reference::Enclosure;
use crate::spec::Spec;
use rug::Rational;

/// `√n ≤ ξ(n) ≤ 2√n` (or the sharpened `ξ(n) ≤ (5/4)√n`).
pub struct MaurerXi {
    id: &'static str,
    sharpened: bool,
}

impl MaurerXi {
    pub fn catalogue() -> Self {
        MaurerXi { id: "pac_bayes.maurer_xi", sharpened: false }
    }

    /// `√n ≤ ξ(n) ≤ (5/4)√n`: the upper side is false for every `n`; the lower side is unchanged.
    pub fn sharpened() -> Self {
        MaurerXi { id: "pac_bayes.maurer_xi_sharpened", sharpened: true }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("n"), ParamRequirement::set("side")];

impl Theorem for MaurerXi {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let x = xi(n).map_err(EvalError::reference)?;
        let squared = Enclosure::exact(Rational::from(x.square_ref()));
        let n = Rational::from(n);
        // The upper side's constant, squared: (2√n)² = 4n, or (5/4 √n)² = 25n/16 for the twin.
        let upper = if self.sharpened { Rational::from((25, 16)) } else { Rational::from(4) };
        let comparison = if instance.choice("side")? == "lower" {
            Comparison::new(Enclosure::exact(n), Relation::Le, squared)
        } else {
            Comparison::new(squared, Relation::Le, Enclosure::exact(n * upper))
        };
        Ok(Outcome::Compared(comparison))
    }

    /// Every `n` below Maurer's hypothesis `n ≥ 8`, on both sides.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        (1..=8)
            .flat_map(|n| {
                ["upper", "lower"]
                    .into_iter()
                    .map(move |side| Instance::default().with("n", Value::Integer(n)).with("side", Value::Choice(side.into())))
            })
            .collect()
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let n = instance.count("n").ok()?;
        let x = xi(n).ok()?;
        Some(format!("ξ({n}) ≈ {:.6}, ξ(n)/√n ≈ {:.6}", x.to_f64(), x.to_f64() / f64::from(n).sqrt()))
    }
}
