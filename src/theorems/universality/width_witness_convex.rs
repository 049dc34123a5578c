//! Constructive upper-bound witness: width `d_x + 1` ReLU networks for convex targets.
//!
//! # Statement
//! Hanin (2019), convex case: every convex continuous `f` on `[0,1]^{d_x}` is a uniform limit of
//! ReLU networks of width `d_x + 1`. Checked constructively: for the convex quadratic
//! `f(x) = Σ aᵢ(xᵢ − cᵢ)²` and `ε > 0`, the proof's construction (the max of tangent planes at a
//! grid, computed by a width-`(d_x + 1)` network, see [`super::construct`]) has width at most
//! the claimed `d_x + 1` and `sup_{[0,1]^{d_x}} |f − N| < ε`.
//!
//! # Formula
//! The grid `n` is the smallest power of two with `Σ aᵢ/(4n²) < ε` (the proof's error bound).
//! The network is evaluated exactly; the sup-norm error is certified by the box search of
//! [`super::box_bound`] (a rational lower bound from exact point errors, a rational upper bound
//! from affine relaxations). Fixtures: the claimed width one below (`d_x`), and ε/4 in place of
//! ε, which the construction cannot meet once `n ≥ 2` (its error at a cube corner is exactly
//! `Σ aᵢ/(4n²) ≥ ε/4`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::WidthWitnessConvex;
//! use rug::Rational;
//! let q = |a: i32, b: i32| Value::Number(Rational::from((a, b)));
//! let i = Instance::default().with("d_x", Value::Integer(1)).with("a1", q(1, 1)).with("a2", q(0, 1))
//!     .with("c1", q(1, 2)).with("c2", q(1, 2)).with("eps", q(1, 8));
//! let Outcome::Compared(c) = WidthWitnessConvex::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::box_bound::{sup_error_unit_cube, SeparableQuadratic};
use super::common::rational_range;
use super::construct::{max_of_affine, tangent_grid_for, tangent_planes};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// The witness check, with the claimed width `d_x + width_offset` and target error `ε·eps_factor`.
pub struct WidthWitnessConvex {
    id: &'static str,
    width_offset: u32,
    eps_factor: Rational,
}

impl WidthWitnessConvex {
    pub fn catalogue() -> Self {
        WidthWitnessConvex { id: "universality.width_witness_convex", width_offset: 1, eps_factor: Rational::from(1) }
    }
    /// Claims width `d_x`, one below the construction.
    pub fn narrow() -> Self {
        WidthWitnessConvex { id: "universality.width_witness_convex_narrow", width_offset: 0, eps_factor: Rational::from(1) }
    }
    /// Claims error below ε/4.
    pub fn sharpened() -> Self {
        WidthWitnessConvex { id: "universality.width_witness_convex_sharpened", width_offset: 1, eps_factor: Rational::from((1, 4)) }
    }
}

const PARAMETERS: [ParamRequirement; 6] = [
    ParamRequirement::integer("d_x"),
    ParamRequirement::number("a1"),
    ParamRequirement::number("a2"),
    ParamRequirement::number("c1"),
    ParamRequirement::number("c2"),
    ParamRequirement::number("eps"),
];

/// The largest grid the construction may use per dimension: at most 16 tangent planes, which
/// keeps the certified box search fast (with 64 planes in 2-D it takes minutes).
fn grid_cap(d: usize) -> u32 {
    if d == 1 {
        16
    } else {
        4
    }
}

struct Setup {
    d: usize,
    f: SeparableQuadratic,
    eps: Rational,
    n: u32,
}

fn setup(instance: &Instance) -> Result<Setup, EvalError> {
    let d = instance.count("d_x")? as usize;
    if !(1..=2).contains(&d) {
        return Err(EvalError::reference(format!("d_x must be 1 or 2 for this witness, got {d}")));
    }
    let eps = instance.number("eps")?.clone();
    if eps <= 0 {
        return Err(EvalError::reference(super::witness_error::WitnessError::NonPositiveEpsilon(eps.to_string())));
    }
    let a: Vec<Rational> = ["a1", "a2"].iter().take(d).map(|n| instance.number(n).cloned()).collect::<Result<_, _>>()?;
    if let Some(bad) = a.iter().find(|x| **x < 0) {
        return Err(EvalError::reference(format!("a convex target needs aᵢ ≥ 0, got {bad}")));
    }
    let c: Vec<Rational> = ["c1", "c2"].iter().take(d).map(|n| instance.number(n).cloned()).collect::<Result<_, _>>()?;
    let f = SeparableQuadratic { a, c };
    let n = tangent_grid_for(&f, &eps, grid_cap(d));
    Ok(Setup { d, f, eps, n })
}

impl Theorem for WidthWitnessConvex {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = setup(instance)?;
        let total: Rational = s.f.a.iter().cloned().sum();
        if (&total / Rational::from(4 * s.n * s.n)) >= s.eps {
            return Ok(Outcome::HypothesisNotMet(format!("ε = {} needs a grid finer than the cap {}", s.eps, grid_cap(s.d))));
        }
        let net = max_of_affine(s.d, &tangent_planes(&s.f, s.n)).map_err(EvalError::reference)?;
        let claimed = s.d as u32 + self.width_offset;
        if net.width() as u32 > claimed {
            return Ok(Outcome::Compared(Comparison::new(Enclosure::exact(net.width() as u32), Relation::Le, Enclosure::exact(claimed))));
        }
        let threshold = Rational::from(&s.eps * &self.eps_factor);
        // More precision on the engine's ladder buys more boxes.
        let bound = sup_error_unit_cube(&net, &s.f, &threshold, prec as usize * 8);
        let lhs = rational_range(&bound.lower, bound.upper.as_ref(), prec.max(64));
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Lt, Enclosure::exact(threshold))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let s = setup(instance).ok()?;
        let net = max_of_affine(s.d, &tangent_planes(&s.f, s.n)).ok()?;
        Some(format!(
            "grid n = {}, {} tangent planes; network width {} (theorem: d_x + 1 = {}), depth {}; proof bound Σa/(4n²) = {}",
            s.n,
            s.n.pow(s.d as u32),
            net.width(),
            s.d + 1,
            net.depth(),
            (s.f.a.iter().cloned().sum::<Rational>() / Rational::from(4 * s.n * s.n))
        ))
    }
}
