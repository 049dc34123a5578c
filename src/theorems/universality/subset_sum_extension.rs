//! The induction step of the random-subset-sum argument: adding an element `a ≤ T` extends an
//! ε-cover of `[0, T]` to an ε-cover of `[0, T + a]`.
//!
//! # Statement
//! For reals `X_1, …, X_n`, `T ≥ 0` and `0 ≤ a ≤ T`: the covering radius of the subset sums of
//! `X ∪ {a}` over `[0, T + a]` is at most that of the subset sums of `X` over `[0, T]`. (For
//! `z ≤ T` use the old sums; for `z ∈ (T, T + a]`, `z − a ∈ (T − a, T] ⊆ [0, T]` is within the old
//! radius of some sum `s`, so `z` is within it of `s + a`.) The step is the core of elementary
//! proofs of Lueker's theorem (e.g. da Cunha et al. 2022) [lemma number unverified].
//!
//! # Formula
//! Both radii exact ([`super::subset_sums`]); `X` uniform on the grid `k/64` in `(0, 1]`,
//! `T = u·ΣX`, `a = v·r·T` with `v ∈ [0, 1]` and `r` the allowed ratio (1 as stated). Fixture:
//! `r = 3`, allowing `a ≤ 3T` on the same domain of `v`, which is false (`X = {1}`, `T = 1`,
//! `a = 3`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::SubsetSumExtension;
//! use rug::Rational;
//! let i = Instance::default().with("n", Value::Integer(3)).with("seed", Value::Integer(5))
//!     .with("u", Value::Number(Rational::from((1, 2)))).with("v", Value::Number(Rational::from(1)));
//! let Outcome::Compared(c) = SubsetSumExtension::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::SeededRng;
use super::subset_sums::{covering_radius, subset_sums};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// `radius(X ∪ {a}, [0, T + a]) ≤ radius(X, [0, T])` for `0 ≤ a ≤ max_ratio·T` (`a = v·max_ratio·T`).
pub struct SubsetSumExtension {
    id: &'static str,
    max_ratio: u32,
}

impl SubsetSumExtension {
    pub fn catalogue() -> Self {
        SubsetSumExtension { id: "universality.subset_sum_extension", max_ratio: 1 }
    }
    pub fn sharpened() -> Self {
        SubsetSumExtension { id: "universality.subset_sum_extension_sharpened", max_ratio: 3 }
    }
}

const PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::integer("n"), ParamRequirement::integer("seed"), ParamRequirement::number("u"), ParamRequirement::number("v")];

impl Theorem for SubsetSumExtension {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        if !(1..=14).contains(&n) {
            return Err(EvalError::reference(format!("n must lie in 1..=14, got {n}")));
        }
        let (u, v) = (instance.number("u")?, instance.number("v")?);
        if *u < 0 || *v < 0 || *v > 1 {
            return Ok(Outcome::HypothesisNotMet("needs u ≥ 0 and 0 ≤ v ≤ 1".into()));
        }
        let mut rng = SeededRng::new(instance.integer("seed")?);
        let mut xs: Vec<Rational> = (0..n).map(|_| rng.grid(1, 64, 64)).collect();
        let total: Rational = xs.iter().cloned().sum();
        let t = Rational::from(u * &total);
        // a = v·r·T: v spans [0, 1] for the claim and for its twin alike.
        let a = Rational::from(v * &t) * self.max_ratio;
        let before = covering_radius(&subset_sums(&xs), &Rational::new(), &t);
        xs.push(a.clone());
        let after = covering_radius(&subset_sums(&xs), &Rational::new(), &Rational::from(&t + &a));
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(after), Relation::Le, Enclosure::exact(before))))
    }
}
