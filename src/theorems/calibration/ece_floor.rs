//! The sample-ECE floor of a perfectly calibrated predictor: `E[ECE_B] ≤ ½√(B/n)`.
//!
//! # Statement
//! Fix `n` confidences `p_1…p_n ∈ [0, 1]` (top-label, one per point) and `B` bins (catalogue
//! convention). Let correctness be independent `Bernoulli(p_i)` (the predictor is perfectly
//! calibrated given its confidences). Then the expectation over correctness of the `B`-bin sample
//! ECE is at most `½√(B/n)`. Proof: bin `b` with `n_b` points contributes
//! `E|S_b − Σ_{i∈b} p_i| / n ≤ √(n_b/4)/n` (Jensen, `Var ≤ n_b/4`), and
//! `Σ_b √n_b ≤ √(B n)` (Cauchy–Schwarz). Equality at `n = B = 1`, `p = ½`.
//!
//! # Formula
//! The left side is exact: per bin the Poisson-binomial law of `S_b` by dynamic programming in
//! rationals, then its mean absolute deviation. Confidences are drawn as the grid
//! `p_i = lo + (hi − lo)·i/(n−1)` (all equal to `lo` for `n = 1`). The factor (½) is a field so
//! that the sharpened fixture (¼) can be built.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::EceFloor;
//! use theoremcheck::reference::Enclosure;
//! use rug::Rational;
//! let i = Instance::default().with("n", Value::Integer(1)).with("bins", Value::Integer(1))
//!     .with("lo", Value::Number(Rational::from((1, 2)))).with("hi", Value::Number(Rational::from((1, 2))));
//! let Outcome::Compared(c) = EceFloor::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from((1, 2))));
//! assert_eq!(c.rhs, Enclosure::exact(Rational::from((1, 2))));
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::ece::bin_of;
use crate::reference::Enclosure;
use crate::spec::Spec;
use rug::Rational;
use std::collections::BTreeMap;

/// `E[ECE_B] ≤ factor·√(B/n)` for a perfectly calibrated predictor.
pub struct EceFloor {
    id: &'static str,
    factor: Rational,
}

impl EceFloor {
    /// The catalogue claim, factor ½.
    pub fn catalogue() -> Self {
        EceFloor { id: "calibration.ece_floor", factor: Rational::from((1, 2)) }
    }

    /// The sharpened fixture, factor ¼ (false).
    pub fn quarter() -> Self {
        EceFloor { id: "calibration.ece_floor_quarter", factor: Rational::from((1, 4)) }
    }
}

/// `E|S − E S|` for a Poisson-binomial sum with success probabilities `ps`, exactly.
pub fn poisson_binomial_mad(ps: &[Rational]) -> Rational {
    let mut pmf = vec![Rational::from(1)];
    for p in ps {
        let q = Rational::from(1 - p);
        let mut next = vec![Rational::new(); pmf.len() + 1];
        for (k, v) in pmf.iter().enumerate() {
            next[k] += Rational::from(v * &q);
            next[k + 1] += Rational::from(v * p);
        }
        pmf = next;
    }
    let mean: Rational = ps.iter().sum();
    pmf.iter().enumerate().map(|(k, v)| v * (Rational::from(k as u32) - &mean).abs()).sum()
}

/// The exact expected `B`-bin sample ECE of a calibrated predictor with confidences `ps`.
pub fn expected_calibrated_ece(ps: &[Rational], bins: u32) -> Rational {
    let mut by_bin: BTreeMap<u32, Vec<Rational>> = BTreeMap::new();
    for p in ps {
        by_bin.entry(bin_of(p, bins)).or_default().push(p.clone());
    }
    let n = ps.len() as u32;
    by_bin.values().map(|group| poisson_binomial_mad(group)).sum::<Rational>() / n
}

const PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::integer("n"), ParamRequirement::integer("bins"), ParamRequirement::number("lo"), ParamRequirement::number("hi")];

impl Theorem for EceFloor {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let bins = instance.count("bins")?;
        if n == 0 || bins == 0 {
            return Ok(Outcome::HypothesisNotMet("n and B must be at least 1".into()));
        }
        let lo = instance.number("lo")?;
        let hi = instance.number("hi")?;
        let ps: Vec<Rational> =
            (0..n).map(|i| if n == 1 { lo.clone() } else { lo + Rational::from(hi - lo) * Rational::from((i, n - 1)) }).collect();
        let lhs = Enclosure::exact(expected_calibrated_ece(&ps, bins));
        let ratio = Enclosure::exact(Rational::from((bins, n))).sqrt(prec)?;
        let rhs = ratio.mul(&Enclosure::exact(self.factor.clone()), prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    /// The equality case and one point per bin at the bin's centre-ish ½ (tight for small n).
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let half = Value::Number(Rational::from((1, 2)));
        [(1, 1), (2, 1), (4, 4), (9, 1)]
            .into_iter()
            .map(|(n, b)| {
                Instance::default()
                    .with("n", Value::Integer(n))
                    .with("bins", Value::Integer(b))
                    .with("lo", half.clone())
                    .with("hi", half.clone())
            })
            .collect()
    }
}
