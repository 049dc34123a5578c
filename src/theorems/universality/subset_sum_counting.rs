//! A counting lower bound for subset-sum covering: `n` samples cannot cover `[−1, 1]` to within
//! less than `2^{−n}`.
//!
//! # Statement
//! For any reals `X_1, …, X_n`, the covering radius of their `2^n` subset sums over `[−1, 1]` is
//! at least `2^{−n}`: balls of radius `r` around `2^n` points cover length at most `2^n·2r`, and
//! must cover length 2. This is why Lueker's `n = O(log 1/ε)` (used by Pensia et al. 2020 and
//! da Cunha et al. 2022) cannot be improved beyond `n ≥ log₂(1/ε)`.
//!
//! # Formula
//! The covering radius is computed exactly (all subset sums, rationals, [`super::subset_sums`]).
//! Samples are uniform on the grid `k/4096` in `[−1, 1]`, the binary family
//! `{−1, 1, 1/2, …, 2^{−(n−2)}}` whose radius is `2^{1−n}`, or the balanced family
//! `{−(1 − r), 2r, 4r, …, 2^{n−1}r}` with `r = 1/(2^n − 1)`, whose subset sums are evenly spaced
//! `2r` apart from `−(1 − r)` to `1 − r`: radius `r`, within a factor `1 − 2^{−n}` of the bound,
//! so that the check can see a constant wrong by a few percent. Fixture: `3·2^{−n}` in place of
//! `2^{−n}`, refuted by the binary family.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::SubsetSumCounting;
//! let i = Instance::default().with("n", Value::Integer(4)).with("seed", Value::Integer(1)).with("family", Value::Choice("binary".into()));
//! let Outcome::Compared(c) = SubsetSumCounting::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::SeededRng;
use super::subset_sums::{covering_radius, subset_sums};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// `radius ≥ factor · 2^{−n}`.
pub struct SubsetSumCounting {
    id: &'static str,
    factor: u32,
}

impl SubsetSumCounting {
    pub fn catalogue() -> Self {
        SubsetSumCounting { id: "universality.subset_sum_counting", factor: 1 }
    }
    pub fn sharpened() -> Self {
        SubsetSumCounting { id: "universality.subset_sum_counting_sharpened", factor: 3 }
    }
}

const PARAMETERS: [ParamRequirement; 3] =
    [ParamRequirement::integer("n"), ParamRequirement::integer("seed"), ParamRequirement::set("family")];

/// The samples an instance names.
pub fn samples(n: u32, seed: i64, family: &str) -> Vec<Rational> {
    if family == "binary" {
        let mut xs = vec![Rational::from(-1)];
        xs.extend((0..n.saturating_sub(1)).map(|k| Rational::from((1, 1u64 << k))));
        xs.truncate(n as usize);
        return xs;
    }
    if family == "balanced" {
        let r = Rational::from((1, (1u64 << n) - 1));
        let mut xs = vec![Rational::from(1) - &r];
        xs[0] = -xs[0].clone();
        xs.extend((1..n).map(|k| Rational::from(&r * (1u64 << k))));
        return xs;
    }
    let mut rng = SeededRng::new(seed);
    (0..n).map(|_| rng.grid(-4096, 4096, 4096)).collect()
}

impl Theorem for SubsetSumCounting {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        if !(1..=16).contains(&n) {
            return Err(EvalError::reference(format!("n must lie in 1..=16 (2^n subset sums are enumerated), got {n}")));
        }
        let xs = samples(n, instance.integer("seed")?, instance.choice("family")?);
        let radius = covering_radius(&subset_sums(&xs), &Rational::from(-1), &Rational::from(1));
        let bound = Rational::from((self.factor, 1u64 << n));
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(bound), Relation::Le, Enclosure::exact(radius))))
    }
}
