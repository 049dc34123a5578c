//! Deep Sets' sum decomposition on sets of fixed size: power sums determine the multiset.
//!
//! # Statement
//! Zaheer et al. (2017), the fixed-size case (appendix; theorem number unverified): for multisets
//! `X = {x_1, …, x_M}` of reals, the sum `Σ φ(x)` with `φ(x) = (x, x², …, x^M)` determines `X`:
//! the power sums `p_1..p_M` determine the elementary symmetric polynomials `e_1..e_M` by
//! Newton's identities, hence `Π (t − x_i)`, hence its roots with multiplicity. Checked: the
//! `e_k` recovered from the power sums equal the coefficients of `Π (t − x_i)` expanded
//! directly.
//!
//! # Formula
//! `Σ_k |e_k(Newton) − e_k(direct)| = 0`, exact rationals; elements on the grid `k/16` in
//! `[0, 1]`, repeats allowed. The sharpened twin adds a tiny rational (`2^−60`, below an `f64`'s
//! resolution at 1) to the recovered `e_M`, so only an exact comparison notices.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::DeepSetsNewton;
//! let i = Instance::default().with("m", Value::Integer(5)).with("seed", Value::Integer(2));
//! let Outcome::Compared(c) = DeepSetsNewton::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::SeededRng;
use super::power_sums::{elementary_direct, elementary_from_power_sums, power_sums};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// Newton's identities recover `e_1..e_M` from `p_1..p_M` (with `perturbation` added to the
/// recovered `e_M`: 0 as published).
pub struct DeepSetsNewton {
    id: &'static str,
    perturbation: Rational,
}

impl DeepSetsNewton {
    /// The identity as published.
    pub fn catalogue() -> Self {
        DeepSetsNewton { id: "universality.deep_sets_newton", perturbation: Rational::new() }
    }

    /// The identity with `2^−60` added to the recovered `e_M = Π x_i`: false at every instance,
    /// by exactly `2^−60`, which a floating-point comparison at `f64` resolution would accept.
    pub fn sharpened() -> Self {
        DeepSetsNewton { id: "universality.deep_sets_newton_sharpened", perturbation: Rational::from((1, 1u64 << 60)) }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("m"), ParamRequirement::integer("seed")];

impl Theorem for DeepSetsNewton {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let m = instance.count("m")? as usize;
        if m == 0 {
            return Err(EvalError::reference("the set size m must be at least 1"));
        }
        let mut rng = SeededRng::new(instance.integer("seed")?);
        let xs: Vec<Rational> = (0..m).map(|_| rng.grid(0, 16, 16)).collect();
        let direct = elementary_direct(&xs);
        let mut newton = elementary_from_power_sums(&power_sums(&xs, m));
        if let Some(last) = newton.last_mut() {
            *last += &self.perturbation;
        }
        let gap: Rational = direct.iter().zip(&newton).map(|(a, b)| Rational::from(a - b).abs()).sum();
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(gap), Relation::Eq, Enclosure::zero())))
    }
}
