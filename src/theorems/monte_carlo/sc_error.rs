//! Self-consistency as a Monte Carlo estimator of the model's answer probability (Zhou et al.,
//! "A Theoretical Study on Bridging Internal Probability and Self-Consistency for LLM
//! Reasoning", arXiv:2510.15444, NeurIPS 2025): its estimation error is exactly `p(1 − p)/n`,
//! and the reasoning error splits exactly into estimation error plus model error because the
//! estimator is unbiased.
//!
//! # Statement
//! With `n` sampled reasoning paths, `c ~ Bin(n, p)` of them giving answer `ŷ`, and the
//! self-consistency estimate `p̂ = c/n`:
//! - `sc_error`: `E(p̂ − p)² = p(1 − p)/n`;
//! - `sc_decomposition`: for the correctness indicator `I = 1[ŷ = y] ∈ {0, 1}`,
//!   `E(p̂ − I)² = E(p̂ − p)² + (p − I)²` (the cross term `2(Ep̂ − p)(p − I)` vanishes).
//!
//! The decomposition claims' constructors live in `sc_decomposition.rs`; the evaluation of
//! both is here.
//!
//! # Formula
//! Both sides are exact rational sums over the binomial law. Fixtures: `sc_error_sharpened`
//! claims `E(p̂ − p)² ≤ p(1 − p)/(2n)`; `sc_decomposition_smoothed` claims the two-term split
//! for the biased estimator `(c + 1)/(n + 2)`, for which the cross term does not vanish.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::SelfConsistency;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default().with("n", Value::Integer(5)).with("p", Value::Number(Rational::from((1, 3))));
//! let Outcome::Compared(c) = SelfConsistency::error().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True); // 2/45 = 2/45
//! ```

use super::model::{binomial_pmfs, probability, samples};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Error,
    ErrorSharpened,
    Decomposition,
    DecompositionSmoothed,
}

/// The self-consistency claims and their fixtures.
pub struct SelfConsistency {
    pub(super) id: &'static str,
    pub(super) kind: Kind,
}

impl SelfConsistency {
    pub fn error() -> Self {
        SelfConsistency { id: "monte_carlo.sc_error", kind: Kind::Error }
    }
    pub fn error_sharpened() -> Self {
        SelfConsistency { id: "monte_carlo.sc_error_sharpened", kind: Kind::ErrorSharpened }
    }
}

const ERROR_PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("n"), ParamRequirement::number("p")];
const DECOMPOSITION_PARAMETERS: [ParamRequirement; 3] =
    [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::integer("correct")];

/// `E g(c)` for `c ~ Bin(n, p)`.
fn expect(n: u32, p: &Rational, g: impl Fn(u32) -> Rational) -> Rational {
    binomial_pmfs(n, p).into_iter().enumerate().map(|(c, w)| w * g(c as u32)).sum()
}

impl Theorem for SelfConsistency {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        match self.kind {
            Kind::Error | Kind::ErrorSharpened => &ERROR_PARAMETERS,
            Kind::Decomposition | Kind::DecompositionSmoothed => &DECOMPOSITION_PARAMETERS,
        }
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = samples(instance.integer("n")?)?;
        let p = probability("p", instance.number("p")?)?;
        let sq = |x: Rational| Rational::from(x.square_ref());
        let sc = |c: u32| Rational::from((c, n));
        let smoothed = |c: u32| Rational::from((c + 1, n + 2));
        let variance_term = (&p * (1 - p.clone())) / n;
        let (lhs, relation, rhs) = match self.kind {
            Kind::Error => (expect(n, &p, |c| sq(sc(c) - &p)), Relation::Eq, variance_term),
            Kind::ErrorSharpened => (expect(n, &p, |c| sq(sc(c) - &p)), Relation::Le, variance_term / 2u32),
            Kind::Decomposition | Kind::DecompositionSmoothed => {
                let correct = instance.integer("correct")?;
                if !(0..=1).contains(&correct) {
                    return Ok(Outcome::HypothesisNotMet("the correctness indicator must be 0 or 1".into()));
                }
                let i = Rational::from(correct);
                let estimator: &dyn Fn(u32) -> Rational = if self.kind == Kind::Decomposition { &sc } else { &smoothed };
                let total = expect(n, &p, |c| sq(estimator(c) - &i));
                let estimation = expect(n, &p, |c| sq(estimator(c) - &p));
                (total, Relation::Eq, estimation + sq(Rational::from(&p - &i)))
            }
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), relation, Enclosure::exact(rhs))))
    }
}
