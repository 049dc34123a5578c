//! The empirical Bernstein bound of Maurer & Pontil (2009), Theorem 4, checked exactly.
//!
//! # Statement
//! For `n ≥ 2` i.i.d. `X_i ∈ [0, 1]` and `δ ∈ (0, 1)`, with probability at least `1 − δ`:
//! `EX − X̄ ≤ √(2V_n ln(2/δ)/n) + 7 ln(2/δ)/(3(n − 1))`, `V_n` the unbiased sample variance.
//!
//! # Formula
//! The law is a grid law on `[0, 1]` with up to four atoms ([`super::law`]). The failure event
//! depends on the sample only through the counts of each atom, so its probability is a finite
//! sum over the compositions of `n`: each composition's multinomial probability is an exact
//! rational and its failure is decided with certified arithmetic (the radius holds `ln(2/δ)`
//! and a square root). Compositions that stay undecided at the working precision widen the left
//! side into an interval `[certain failures, certain + undecided]`, so nothing is rounded into a
//! pass. The claim is `P(failure) ≤ δ`. The linear term's constant `7/3` is a field; the
//! sharpened fixture uses `1/3`, Bernstein's known-variance constant.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::EmpiricalBernstein;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let coin = Instance::default()
//!     .with("n", Value::Integer(20)).with("delta", Value::Number(Rational::from((1, 10))))
//!     .with("x0", Value::Number(Rational::from(0))).with("x1", Value::Number(Rational::from(1)))
//!     .with("x2", Value::Number(Rational::from(1))).with("x3", Value::Number(Rational::from(1)))
//!     .with("w0", Value::Integer(3)).with("w1", Value::Integer(1))
//!     .with("w2", Value::Integer(0)).with("w3", Value::Integer(0));
//! let Outcome::Compared(c) = EmpiricalBernstein::catalogue().evaluate(&coin, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::law::{describe_law, read_law, LAW_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::compositions::for_each_composition;
use crate::reference::tail_bounds::{check_delta, empirical_bernstein_radius};
use crate::reference::{Decision, Enclosure, Interval};
use rug::float::Round;
use rug::{Float, Integer, Rational};
use std::sync::LazyLock;

/// Maurer–Pontil Theorem 4 with linear-term constant `c` (`7/3` as published).
pub struct EmpiricalBernstein {
    id: &'static str,
    c: Rational,
}

impl EmpiricalBernstein {
    pub fn catalogue() -> Self {
        EmpiricalBernstein { id: "concentration.empirical_bernstein", c: Rational::from((7, 3)) }
    }

    /// The sharpened fixture with `ln(2/δ)/(3(n − 1))`, which is false.
    pub fn sharpened() -> Self {
        EmpiricalBernstein { id: "concentration.empirical_bernstein_sharpened", c: Rational::from((1, 3)) }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> =
    LazyLock::new(|| [ParamRequirement::integer("n"), ParamRequirement::number("delta")].into_iter().chain(LAW_PARAMETERS).collect());

/// The largest `n` evaluated for a law with a given number of atoms.
const CAP: fn(usize) -> i64 = composition_cap;

/// The targeted search's bound: it spends its whole budget on a claim that holds, and one
/// evaluation of a two-atom law costs about 0.1 s at `n` = 10⁴; random draws still cover the
/// whole range.
const SEARCH_CAP: fn(usize) -> i64 = |atoms| composition_cap(atoms).min(1000);

impl Theorem for EmpiricalBernstein {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let law = read_law(instance)?;
        let n = instance.count("n")?;
        let delta = instance.number("delta")?.clone();
        check_delta(&delta).map_err(EvalError::reference)?;
        if *law.min() < 0 || *law.max() > 1 {
            return Ok(Outcome::HypothesisNotMet("the law must live in [0, 1]".into()));
        }
        if n < 2 {
            return Ok(Outcome::HypothesisNotMet("Theorem 4 needs n ≥ 2".into()));
        }
        let mu = law.mean();
        let atoms: Vec<Rational> = law.support().iter().map(|(x, _)| x.clone()).collect();
        let mut certain = Integer::new();
        let mut undecided = Integer::new();
        let mut failure: Result<(), EvalError> = Ok(());
        let total = for_each_composition(&law, n, |counts, mass| {
            let (mut s1, mut s2) = (Rational::new(), Rational::new());
            for (c, x) in counts.iter().zip(&atoms) {
                s1 += Rational::from(x * *c);
                s2 += Rational::from(x * x) * *c;
            }
            // V_n = (n Σx² − (Σx)²) / (n(n − 1)), the unbiased sample variance.
            let v = (Rational::from(&s2 * n) - Rational::from(&s1 * &s1)) / (u64::from(n) * u64::from(n - 1));
            let gap = &mu - Rational::from(&s1 / n);
            if gap <= 0 {
                return;
            }
            let radius = match empirical_bernstein_radius(n, &v, &delta, 2, &self.c, prec) {
                Ok(r) => r,
                Err(e) => {
                    failure = Err(EvalError::reference(e));
                    return;
                }
            };
            // Failure is the strict inequality EX − X̄ > radius.
            match radius.lt(&Enclosure::exact(gap)) {
                Decision::True => certain += mass,
                Decision::Undecided => undecided += mass,
                Decision::False => {}
            }
        });
        failure?;
        let lhs = probability_enclosure(certain, undecided, &total, prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, Enclosure::exact(delta))))
    }

    fn strategy(&self, spec: &crate::spec::Spec) -> Option<proptest::strategy::BoxedStrategy<Instance>> {
        Some(super::law::capped_strategy(spec, CAP))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::law::within_cap(instance, SEARCH_CAP)
    }

    /// `c`: the linear term's constant, 7/3 as published.
    fn with_scaled_constant(&self, name: &str, factor: &Rational) -> Option<Box<dyn Theorem>> {
        (name == "c").then(|| Box::new(EmpiricalBernstein { id: self.id, c: Rational::from(&self.c * factor) }) as Box<dyn Theorem>)
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        read_law(instance).ok().map(|l| format!("{}, mean {}", describe_law(&l), crate::reference::decimal::format_rational(&l.mean())))
    }
}

/// Largest `n` drawn for a law with `atoms` atoms: the compositions number `C(n + atoms − 1,
/// atoms − 1)`.
pub(super) fn composition_cap(atoms: usize) -> i64 {
    match atoms {
        0..=2 => i64::MAX,
        3 => 150,
        _ => 40,
    }
}

/// `[certain, certain + undecided] / total`: exact when nothing is undecided.
pub(super) fn probability_enclosure(certain: Integer, undecided: Integer, total: &Integer, prec: u32) -> Enclosure {
    let lo = Rational::from((certain.clone(), total.clone()));
    if undecided == 0 {
        return Enclosure::exact(lo);
    }
    let hi = Rational::from((certain + undecided, total.clone()));
    let lo = Float::with_val_round(prec, &lo, Round::Down).0;
    let hi = Float::with_val_round(prec, &hi, Round::Up).0;
    Interval::new(lo, hi).expect("ordered").into()
}
