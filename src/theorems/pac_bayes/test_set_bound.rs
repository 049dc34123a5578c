//! Langford's test-set bound (binomial-tail inversion): exact coverage.
//!
//! # Statement
//! For a classifier chosen independently of a test set of `n` i.i.d. examples, with true error
//! `p` and `k` test errors: `P(p > B̄in(n, k, δ)) ≤ δ`, where `B̄in(n, k, δ)` is the largest `p'`
//! with `P(Bin(n, p') ≤ k) ≥ δ` (Langford 2005, the test-set bound; the same function as the
//! one-sided Clopper–Pearson upper bound).
//!
//! # Formula
//! The failure probability is `Σ_k P(Bin(n, p) = k)·1[p > B̄in(n, k, δ)]`, with each indicator
//! decided against the certified enclosure of the bound from
//! [`crate::reference::pac_bayes_bounds::test_set_bound`], or, where that enclosure touches `p`
//! (an equality instance), exactly through `p > B̄in(n, k, δ) ⇔ P(Bin(n, p) ≤ k) < δ`. Coverage is exact: just above
//! `B̄in(n, 0, δ)` the failure probability is `(1 − p)^n ≈ δ`. The sharpened fixture claims a
//! failure probability of at most `δ/2` (the slack a Hoeffding-style derivation would leave),
//! which is false.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::TestSetBound;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("n", Value::Integer(10))
//!     .with("p", Value::Number(Rational::from((103, 500))))
//!     .with("delta", Value::Number(Rational::from((1, 10))));
//! let Outcome::Compared(c) = TestSetBound::catalogue().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True); // (1 − 0.206)^10 ≈ 0.0996 ≤ 0.1
//! let Outcome::Compared(c) = TestSetBound::sharpened().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::False);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::pac_bayes_bounds::test_set_bound;
use crate::reference::{binomial_cdf, binomial_pmf, Decision, Enclosure};
use crate::spec::Spec;
use rug::Rational;

/// Coverage of the test-set bound (or its sharpened, false twin).
pub struct TestSetBound {
    id: &'static str,
    sharpened: bool,
}

impl TestSetBound {
    /// As published: failure probability at most `δ`.
    pub fn catalogue() -> Self {
        TestSetBound { id: "pac_bayes.test_set_bound", sharpened: false }
    }

    /// Failure probability at most `δ/2`: false.
    pub fn sharpened() -> Self {
        TestSetBound { id: "pac_bayes.test_set_bound_sharpened", sharpened: true }
    }
}

const PARAMETERS: [ParamRequirement; 3] =
    [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("delta")];

impl Theorem for TestSetBound {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let p = instance.number("p")?.clone();
        let delta = instance.number("delta")?.clone();
        let truth = Enclosure::exact(p.clone());
        let mut failing = Rational::new();
        for k in 0..=n {
            let bound = test_set_bound(n, k, &delta, prec).map_err(EvalError::reference)?;
            let fails = match bound.lt(&truth) {
                Decision::True => true,
                Decision::False => false,
                // The enclosure of the bound touches p (p is the bound itself, e.g. 1 − δ at
                // n = 1): decide exactly. The bound is the largest p' with P(Bin(n, p') ≤ k) ≥ δ
                // and that CDF decreases in p', so bound < p exactly when P(Bin(n, p) ≤ k) < δ.
                Decision::Undecided => binomial_cdf(n, k, &p).map_err(EvalError::reference)? < delta,
            };
            if !fails {
                // The bound increases in k: once it covers p it covers p for every larger k.
                break;
            }
            failing += binomial_pmf(n, k, &p).map_err(EvalError::reference)?;
        }
        let lhs = Enclosure::exact(failing);
        let level = if self.sharpened { Rational::from(&delta / 2u32) } else { delta };
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, Enclosure::exact(level))))
    }

    /// Points just above `B̄in(n, 0, δ) = 1 − δ^{1/n}`, where the coverage is nearly exact.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        [(10, (103, 500), (1, 10)), (1, (96, 100), (1, 20)), (30, (49, 500), (1, 20)), (5, (1, 2), (1, 2))]
            .into_iter()
            .map(|(n, p, d)| {
                Instance::default()
                    .with("n", Value::Integer(n))
                    .with("p", Value::Number(Rational::from(p)))
                    .with("delta", Value::Number(Rational::from(d)))
            })
            .collect()
    }
}
