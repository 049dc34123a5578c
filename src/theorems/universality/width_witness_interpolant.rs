//! Constructive upper-bound witness: width-2 ReLU interpolants in one dimension.
//!
//! # Statement
//! Hanin & Sellke (2017): for `d_y = 1`, ReLU networks of width `d_x + 1` are dense in
//! `C([0,1]^{d_x})`; for `d_x = 1` that is width 2. Checked constructively: for a generated
//! target `f` (a quadratic `a x² + b x`, or a piecewise-linear function) and `ε > 0`, the linear
//! interpolant of `f` at `N + 1` equally spaced knots, computed by the width-2 network of
//! [`super::construct::interpolant_1d`], has width at most the claimed 2 and
//! `sup_{[0,1]} |f − N| < ε`.
//!
//! # Formula
//! `N` is the smallest power of two with the proof's error bound below ε: `|a|/(4N²)` for the
//! quadratic (its interpolation error on a piece of length `h` is `|a| h²/4`), `L/(2N)` for a
//! piecewise-linear target with largest slope `L`. The error is computed exactly: the network's
//! linear pieces are enumerated (see [`super::piecewise`]) and compared with the target piece by
//! piece. Fixtures: claimed width 1 (one below), and ε/4 in place of ε (the quadratic's error
//! `|a|/(4N²)` is at least ε/4 once `N ≥ 2`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::WidthWitnessInterpolant;
//! use rug::Rational;
//! let q = |a: i32, b: i32| Value::Number(Rational::from((a, b)));
//! let i = Instance::default().with("target", Value::Choice("quadratic".into())).with("a", q(1, 1))
//!     .with("b", q(0, 1)).with("seed", Value::Integer(0)).with("eps", q(1, 64));
//! let Outcome::Compared(c) = WidthWitnessInterpolant::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::construct::interpolant_1d;
use super::piecewise::{network_pieces, quadratic_sup_distance, PiecewiseLinear};
use super::targets::{lipschitz, piecewise_target};
use super::witness_error::WitnessError;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// The witness check, claimed width `claimed_width`, target error `ε·eps_factor`.
pub struct WidthWitnessInterpolant {
    id: &'static str,
    claimed_width: usize,
    eps_factor: Rational,
}

impl WidthWitnessInterpolant {
    pub fn catalogue() -> Self {
        WidthWitnessInterpolant { id: "universality.width_witness_interpolant", claimed_width: 2, eps_factor: Rational::from(1) }
    }
    pub fn narrow() -> Self {
        WidthWitnessInterpolant { id: "universality.width_witness_interpolant_narrow", claimed_width: 1, eps_factor: Rational::from(1) }
    }
    pub fn sharpened() -> Self {
        WidthWitnessInterpolant {
            id: "universality.width_witness_interpolant_sharpened",
            claimed_width: 2,
            eps_factor: Rational::from((1, 4)),
        }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::set("target"),
    ParamRequirement::number("a"),
    ParamRequirement::number("b"),
    ParamRequirement::integer("seed"),
    ParamRequirement::number("eps"),
];

/// The most knots the construction may use.
const KNOT_CAP: u64 = 512;

enum Target {
    Quadratic { a: Rational, b: Rational },
    Piecewise(PiecewiseLinear),
}

impl Target {
    fn at(&self, x: &Rational) -> Rational {
        match self {
            Target::Quadratic { a, b } => (a * Rational::from(x * x)) + Rational::from(b * x),
            Target::Piecewise(f) => f.at(x),
        }
    }
    /// The proof's bound on the interpolation error with `n` pieces.
    fn bound(&self, n: u64) -> Rational {
        match self {
            Target::Quadratic { a, .. } => a.clone().abs() / Rational::from(4 * n * n),
            Target::Piecewise(f) => lipschitz(f) / Rational::from(2 * n),
        }
    }
    fn sup_distance(&self, g: &PiecewiseLinear) -> Rational {
        match self {
            Target::Quadratic { a, b } => quadratic_sup_distance(a, b, &Rational::new(), g),
            Target::Piecewise(f) => f.sup_distance(g),
        }
    }
}

fn read(instance: &Instance) -> Result<(Target, Rational), EvalError> {
    let eps = instance.number("eps")?.clone();
    if eps <= 0 {
        return Err(EvalError::reference(WitnessError::NonPositiveEpsilon(eps.to_string())));
    }
    let target = match instance.choice("target")? {
        "quadratic" => Target::Quadratic { a: instance.number("a")?.clone(), b: instance.number("b")?.clone() },
        _ => Target::Piecewise(piecewise_target(instance.integer("seed")?)),
    };
    Ok((target, eps))
}

fn pieces_for(target: &Target, eps: &Rational) -> u64 {
    let mut n = 1u64;
    while n < KNOT_CAP && target.bound(n) >= *eps {
        n *= 2;
    }
    n
}

impl Theorem for WidthWitnessInterpolant {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let (target, eps) = read(instance)?;
        let n = pieces_for(&target, &eps);
        if target.bound(n) >= eps {
            return Ok(Outcome::HypothesisNotMet(format!("ε = {eps} needs more than {KNOT_CAP} pieces")));
        }
        let values: Vec<Rational> = (0..=n).map(|k| target.at(&Rational::from((k, n)))).collect();
        let net = interpolant_1d(&values).map_err(EvalError::reference)?;
        if net.width() > self.claimed_width {
            return Ok(Outcome::Compared(Comparison::new(
                Enclosure::exact(net.width() as u32),
                Relation::Le,
                Enclosure::exact(self.claimed_width as u32),
            )));
        }
        let g = network_pieces(&net, &Rational::new(), &Rational::from(1)).map_err(EvalError::reference)?.swap_remove(0);
        let error = target.sup_distance(&g);
        Ok(Outcome::Compared(Comparison::new(
            Enclosure::exact(error),
            Relation::Lt,
            Enclosure::exact(Rational::from(&eps * &self.eps_factor)),
        )))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let (target, eps) = read(instance).ok()?;
        let n = pieces_for(&target, &eps);
        Some(format!("N = {n} pieces; network width 2 (theorem: d_x + 1 = 2), depth {}; proof bound {}", n + 1, target.bound(n)))
    }
}
