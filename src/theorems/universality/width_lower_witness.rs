//! Certified lower-bound witness: width-1 networks with a monotone activation are monotone.
//!
//! # Statement
//! A width-1 network on `[0,1]` is a composition of scalar affine maps and a monotone activation
//! (ReLU, leaky ReLU), so it is monotone. If `g` is non-decreasing and `f(x) − f(y) = r` for some
//! `x < y`, then `|f(x) − g(x)| + |f(y) − g(y)| ≥ f(x) − f(y) − (g(x) − g(y)) ≥ r`, so
//! `sup |f − g| ≥ r/2`; symmetrically for non-increasing `g` with the worst rise. Hence for every
//! width-1 network `g`: `sup_{[0,1]} |f − g| ≥ ½·min(worst rise of f, worst fall of f)`. This is
//! the elementary obstruction behind the lower bounds of Johnson (2019) and Hanin & Sellke (2017),
//! at `d_x = 1`.
//!
//! # Formula
//! Both sides exact: the worst rise and fall of a piecewise-linear `f` are attained at knots; the
//! network's error is computed from its exactly enumerated linear pieces. Generated networks are
//! random (dyadic weights) or the constant at `f`'s mid-range, where the bound is tight for tents.
//! Fixture: the factor ½ replaced by 1, refuted by the mid-range constant on a tent.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::WidthLowerWitness;
//! let i = Instance::default().with("activation", Value::Choice("relu".into())).with("target", Value::Choice("tent".into()))
//!     .with("network", Value::Choice("midrange".into())).with("seed", Value::Integer(3)).with("depth", Value::Integer(2));
//! let Outcome::Compared(c) = WidthLowerWitness::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::SeededRng;
use super::network::{Activation, Layer, Network};
use super::piecewise::{network_pieces, PiecewiseLinear};
use super::targets::{piecewise_target, tent_target};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// `sup |f − g| ≥ factor · min(rise, fall)` for width-1 networks `g`.
pub struct WidthLowerWitness {
    id: &'static str,
    factor: Rational,
}

impl WidthLowerWitness {
    pub fn catalogue() -> Self {
        WidthLowerWitness { id: "universality.width_lower_witness", factor: Rational::from((1, 2)) }
    }
    /// Claims the full rise-and-fall instead of half of it.
    pub fn sharpened() -> Self {
        WidthLowerWitness { id: "universality.width_lower_witness_sharpened", factor: Rational::from(1) }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::set("activation"),
    ParamRequirement::set("target"),
    ParamRequirement::set("network"),
    ParamRequirement::integer("seed"),
    ParamRequirement::integer("depth"),
];

fn target(instance: &Instance) -> Result<PiecewiseLinear, EvalError> {
    let seed = instance.integer("seed")?;
    Ok(match instance.choice("target")? {
        "tent" => tent_target(seed),
        _ => piecewise_target(seed),
    })
}

/// A width-1 network of `depth` hidden layers.
fn network(instance: &Instance, f: &PiecewiseLinear) -> Result<Network, EvalError> {
    let depth = instance.count("depth")? as usize;
    let mut rng = SeededRng::new(instance.integer("seed")?.wrapping_add(7919));
    let activation = match instance.choice("activation")? {
        "relu" => Activation::Relu,
        _ => Activation::leaky(rng.grid(1, 3, 4)).map_err(EvalError::reference)?,
    };
    let midrange = instance.choice("network")? == "midrange";
    let mut layers = Vec::with_capacity(depth + 1);
    for _ in 0..depth {
        let (w, b) = if midrange { (Rational::new(), Rational::new()) } else { (rng.grid(-8, 8, 4), rng.grid(-4, 4, 4)) };
        layers.push(Layer::new(vec![vec![w]], vec![b], activation.clone()).map_err(EvalError::reference)?);
    }
    let (w, b) = if midrange {
        let max = f.values.iter().max().cloned().unwrap_or_default();
        let min = f.values.iter().min().cloned().unwrap_or_default();
        (Rational::new(), (max + min) / 2u32)
    } else {
        (rng.grid(-8, 8, 4), rng.grid(-4, 4, 8))
    };
    layers.push(Layer::new(vec![vec![w]], vec![b], Activation::Identity).map_err(EvalError::reference)?);
    Network::new(1, layers).map_err(EvalError::reference)
}

impl Theorem for WidthLowerWitness {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let f = target(instance)?;
        let net = network(instance, &f)?;
        if net.width() != 1 {
            return Ok(Outcome::HypothesisNotMet(format!("the network has width {}, not 1", net.width())));
        }
        let g = network_pieces(&net, &Rational::new(), &Rational::from(1)).map_err(EvalError::reference)?.swap_remove(0);
        let bound = &self.factor * f.worst_rise().min(f.worst_fall());
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(bound), Relation::Le, Enclosure::exact(f.sup_distance(&g)))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let f = target(instance).ok()?;
        Some(format!("target knots {}, worst rise {}, worst fall {}", f.knots.len(), f.worst_rise(), f.worst_fall()))
    }
}
