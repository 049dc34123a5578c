//! The accuracy ceiling of resampling against an imperfect verifier (Stroebl, Kapoor,
//! Narayanan, "Inference Scaling fLaws: The Limits of LLM Resampling with Imperfect Verifiers",
//! arXiv:2411.17501): with false positives, more samples cannot push accuracy past
//! `p/(p + (1 − p)f)`.
//!
//! # Statement
//! Each sample is correct with probability `p` (and passes the verifier), or incorrect and
//! passes with probability `(1 − p)f` (a false positive, `f` the verifier's false-positive rate
//! on incorrect samples), or is rejected. Drawing up to `k` i.i.d. samples and answering with the
//! first accepted one, the accuracy is
//! `Acc(k) = p/(p + (1 − p)f)·(1 − r^k)`, `r = (1 − p)(1 − f)`,
//! which increases to the ceiling `p/(p + (1 − p)f) < 1` whenever `f > 0`.
//!
//! # Formula
//! The left side is a brute-force sum over all `3^k` outcome sequences, exact in rationals; the
//! right side is the closed form, exact. The fixture `flaws_ceiling_naive` claims the ceiling
//! `p/(p + f)` (forgetting that false positives can only come from incorrect samples).
//!
//! # Examples
//! ```
//! use theoremcheck::theorems::monte_carlo::flaws_accuracy_brute_force;
//! use rug::Rational;
//! // p = 3/10, f = 1/5, one sample: accuracy 3/10.
//! assert_eq!(flaws_accuracy_brute_force(&Rational::from((3, 10)), &Rational::from((1, 5)), 1), Rational::from((3, 10)));
//! ```

use super::model::{open_unit, probability};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::ops::Pow;
use rug::Rational;

/// `Acc(k)` by enumerating every sequence of `k` outcomes (correct, false positive, rejected).
pub fn flaws_accuracy_brute_force(p: &Rational, f: &Rational, k: u32) -> Rational {
    let fluke = (1 - p.clone()) * f;
    let rejected = (1 - p.clone()) - &fluke;
    let probs = [p.clone(), fluke, rejected];
    let mut total = Rational::new();
    for code in 0..3u64.pow(k) {
        let (mut x, mut weight, mut answer) = (code, Rational::from(1), None);
        for _ in 0..k {
            let outcome = (x % 3) as usize;
            x /= 3;
            weight *= &probs[outcome];
            if answer.is_none() && outcome < 2 {
                answer = Some(outcome == 0);
            }
        }
        if answer == Some(true) {
            total += weight;
        }
    }
    total
}

/// The claim (catalogue) or the naive ceiling (fixture).
pub struct FlawsCeiling {
    id: &'static str,
    naive: bool,
}

impl FlawsCeiling {
    pub fn catalogue() -> Self {
        FlawsCeiling { id: "monte_carlo.flaws_ceiling", naive: false }
    }
    pub fn naive() -> Self {
        FlawsCeiling { id: "monte_carlo.flaws_ceiling_naive", naive: true }
    }
}

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::number("p"), ParamRequirement::number("f"), ParamRequirement::integer("k")];

impl Theorem for FlawsCeiling {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let p = open_unit("p", instance.number("p")?)?;
        let f = probability("f", instance.number("f")?)?;
        let k = super::model::samples(instance.integer("k")?)?;
        if k > 9 {
            return Ok(Outcome::HypothesisNotMet("brute force is limited to k ≤ 9".into()));
        }
        let lhs = flaws_accuracy_brute_force(&p, &f, k);
        let fluke = (1 - p.clone()) * &f;
        let (relation, rhs) = if self.naive {
            (Relation::Le, &p / Rational::from(&p + &f))
        } else {
            let ceiling = &p / Rational::from(&p + &fluke);
            let r: Rational = (Rational::from(1) - &p) * (Rational::from(1) - &f);
            (Relation::Eq, ceiling * (1 - r.pow(k)))
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), relation, Enclosure::exact(rhs))))
    }
}
