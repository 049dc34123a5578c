//! Injectivity of the power-sum embedding on multisets of size `M`.
//!
//! # Statement
//! Zaheer et al. (2017, fixed-size case) and Wagstaff et al. (2019): `X ↦ (p_1(X), …, p_M(X))`
//! is injective on multisets of `M` reals, so latent dimension `M` suffices for a continuous sum
//! decomposition. Checked on pairs `X ≠ Y`: some `p_q`, `q ≤ M`, differs.
//!
//! # Formula
//! `Σ_{q ≤ Q} |p_q(X) − p_q(Y)| > 0` with `Q = M`, exact. Pairs are random, one element
//! perturbed, or Prouhet–Tarry–Escott pairs (`{0,3}/{1,2}`, `{0,4,5}/{1,2,6}`,
//! `{0,4,7,11}/{1,2,9,10}` under a random affine map), which share `p_1..p_{M−1}`. Fixture:
//! `Q = M − 1`, refuted by the PTE pairs.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::DeepSetsInjective;
//! let i = Instance::default().with("m", Value::Integer(3)).with("seed", Value::Integer(2)).with("family", Value::Choice("pte".into()));
//! let Outcome::Compared(c) = DeepSetsInjective::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::SeededRng;
use super::power_sums::power_sums;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// Power sums up to `M − drop` separate distinct multisets of size `M`.
pub struct DeepSetsInjective {
    id: &'static str,
    drop: usize,
}

impl DeepSetsInjective {
    pub fn catalogue() -> Self {
        DeepSetsInjective { id: "universality.deep_sets_injective", drop: 0 }
    }
    /// Uses only `p_1..p_{M−1}`.
    pub fn sharpened() -> Self {
        DeepSetsInjective { id: "universality.deep_sets_injective_sharpened", drop: 1 }
    }
}

const PARAMETERS: [ParamRequirement; 3] =
    [ParamRequirement::integer("m"), ParamRequirement::integer("seed"), ParamRequirement::set("family")];

const PTE: [(&[i64], &[i64]); 3] = [(&[0, 3], &[1, 2]), (&[0, 4, 5], &[1, 2, 6]), (&[0, 4, 7, 11], &[1, 2, 9, 10])];

fn pair(m: usize, seed: i64, family: &str) -> (Vec<Rational>, Vec<Rational>) {
    let mut rng = SeededRng::new(seed);
    if family == "pte" && (2..=4).contains(&m) {
        let (a, b) = PTE[m - 2];
        let scale = rng.grid(1, 8, 4);
        let shift = rng.grid(-8, 8, 8);
        let map = |v: &[i64]| v.iter().map(|&k| (&scale * Rational::from(k)) + shift.clone()).collect();
        return (map(a), map(b));
    }
    let xs: Vec<Rational> = (0..m).map(|_| rng.grid(0, 16, 16)).collect();
    let ys = if family == "perturbed" {
        let mut ys = xs.clone();
        let i = rng.below(m as u64) as usize;
        ys[i] += rng.grid(1, 4, 64);
        ys
    } else {
        (0..m).map(|_| rng.grid(0, 16, 16)).collect()
    };
    (xs, ys)
}

impl Theorem for DeepSetsInjective {
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
        let (mut xs, mut ys) = pair(m, instance.integer("seed")?, instance.choice("family")?);
        xs.sort();
        ys.sort();
        if xs == ys {
            return Ok(Outcome::HypothesisNotMet("the two multisets are equal".into()));
        }
        let q = m - self.drop.min(m);
        let gap: Rational = power_sums(&xs, q).iter().zip(power_sums(&ys, q)).map(|(a, b)| (a - b).abs()).sum();
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(gap), Relation::Gt, Enclosure::zero())))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let m = instance.count("m").ok()? as usize;
        let (xs, ys) = pair(m, instance.integer("seed").ok()?, instance.choice("family").ok()?);
        let show = |v: &[Rational]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ");
        Some(format!("X = {{{}}}, Y = {{{}}}", show(&xs), show(&ys)))
    }
}
