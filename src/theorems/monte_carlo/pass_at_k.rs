//! The unbiased pass@k estimator of Chen et al., "Evaluating Large Language Models Trained on
//! Code" (arXiv:2107.03374, §2.1, eq. (1)): with `n ≥ k` samples of which `c` pass,
//! `1 − C(n − c, k)/C(n, k)` is unbiased for `pass@k = 1 − (1 − p)^k`.
//!
//! # Statement
//! For `c ~ Bin(n, p)` and `1 ≤ k ≤ n`: `E[1 − C(n − c, k)/C(n, k)] = 1 − (1 − p)^k`.
//!
//! # Formula
//! Both sides exact in rationals (`C(n − c, k) = 0` when `n − c < k`); `k = ⌈u·n⌉` for a drawn
//! `u ∈ (0, 1]`. The fixture `pass_at_k_naive` claims the same for the plug-in estimator
//! `1 − (1 − c/n)^k`, which the paper notes is biased.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::PassAtK;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default().with("n", Value::Integer(4)).with("u", Value::Number(Rational::from((1, 2))))
//!     .with("p", Value::Number(Rational::from((1, 3))));
//! let decide = |t: PassAtK| match t.evaluate(&at, &Instance::default(), 64).unwrap() { Outcome::Compared(c) => c.decide(), _ => panic!() };
//! assert_eq!(decide(PassAtK::catalogue()), Decision::True);
//! assert_eq!(decide(PassAtK::naive()), Decision::False);
//! ```

use super::model::{binomial_pmfs, probability, samples};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::ops::Pow;
use rug::{Integer, Rational};

/// Unbiasedness of pass@k (catalogue) or of the plug-in estimator (fixture).
pub struct PassAtK {
    id: &'static str,
    naive: bool,
}

impl PassAtK {
    pub fn catalogue() -> Self {
        PassAtK { id: "monte_carlo.pass_at_k", naive: false }
    }
    pub fn naive() -> Self {
        PassAtK { id: "monte_carlo.pass_at_k_naive", naive: true }
    }
}

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("u"), ParamRequirement::number("p")];

/// `1 − C(n − c, k)/C(n, k)`.
pub fn pass_at_k_estimate(n: u32, c: u32, k: u32) -> Rational {
    let num = Integer::from(Integer::binomial_u(n - c, k));
    let den = Integer::from(Integer::binomial_u(n, k));
    1 - Rational::from((num, den))
}

impl Theorem for PassAtK {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = samples(instance.integer("n")?)?;
        let u = probability("u", instance.number("u")?)?;
        let p = probability("p", instance.number("p")?)?;
        let k = Rational::from(&u * n).ceil().numer().to_u32().unwrap_or(n).clamp(1, n);
        let lhs: Rational = binomial_pmfs(n, &p)
            .into_iter()
            .enumerate()
            .map(|(c, w)| {
                let c = c as u32;
                let estimate = if self.naive {
                    let base: Rational = Rational::from(1) - Rational::from((c, n));
                    1 - base.pow(k)
                } else {
                    pass_at_k_estimate(n, c, k)
                };
                w * estimate
            })
            .sum();
        let miss: Rational = Rational::from(1) - &p;
        let rhs = 1 - miss.pow(k);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), Relation::Eq, Enclosure::exact(rhs))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let n = instance.integer("n").ok()?;
        let u = instance.number("u").ok()?;
        Some(format!("k = {}", Rational::from(u * n).ceil().numer().to_i64().unwrap_or(n).clamp(1, n)))
    }
}
