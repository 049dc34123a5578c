//! The bias of the Good–Turing estimate of the missing mass: `E[G] − E[M] ∈ [0, 1/n]`.
//!
//! # Statement
//! For `n` i.i.d. draws from a discrete law, `G = N_1/n` (the fraction of the sample made of
//! symbols seen exactly once) and the missing mass `M`: `0 ≤ E[G] − E[M] ≤ 1/n`.
//!
//! # Formula
//! By linearity of expectation, from the definitions: `E[N_1] = Σ_j n p_j (1 − p_j)^{n−1}` and
//! `E[M] = Σ_j p_j (1 − p_j)^n`; both are exact rationals on alphabets of up to six symbols and
//! any `n`. The set parameter `side` picks the lower (`≥ 0`) or upper (`≤ 1/n`) half. The
//! sharpened fixture claims `≤ 1/(2n)` (and `≥ 0`).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::GoodTuringBias;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let mut i = Instance::default().with("n", Value::Integer(1)).with("side", Value::Choice("upper".into()));
//! for (name, w) in [("w0", 1), ("w1", 0), ("w2", 0), ("w3", 0), ("w4", 0), ("w5", 0)] { i = i.with(name, Value::Integer(w)); }
//! // A point mass at n = 1: G = 1, M = 0, so the bias is exactly 1/n.
//! let Outcome::Compared(c) = GoodTuringBias::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::alphabet::{describe_alphabet, read_alphabet, SYMBOL_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::ops::Pow;
use rug::Rational;
use std::sync::LazyLock;

/// `0 ≤ E[G] − E[M] ≤ scale/n` (`scale = 1` as published).
pub struct GoodTuringBias {
    id: &'static str,
    scale: Rational,
}

impl GoodTuringBias {
    pub fn catalogue() -> Self {
        GoodTuringBias { id: "concentration.good_turing_bias", scale: Rational::from(1) }
    }

    /// The sharpened fixture, upper bound `1/(2n)`, which is false.
    pub fn sharpened() -> Self {
        GoodTuringBias { id: "concentration.good_turing_bias_sharpened", scale: Rational::from((1, 2)) }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> =
    LazyLock::new(|| [ParamRequirement::integer("n"), ParamRequirement::set("side")].into_iter().chain(SYMBOL_PARAMETERS).collect());

/// `E[G] − E[M]` from the two expectations.
pub fn good_turing_bias(p: &[Rational], n: u32) -> Rational {
    let e_n1: Rational = p.iter().map(|pj| Rational::from(pj * n) * Rational::from(1 - pj).pow(n - 1)).sum();
    let e_m: Rational = p.iter().map(|pj| pj * Rational::from(1 - pj).pow(n)).sum();
    e_n1 / n - e_m
}

impl Theorem for GoodTuringBias {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let p = read_alphabet(instance)?;
        let n = instance.count("n")?;
        if n == 0 {
            return Ok(Outcome::HypothesisNotMet("G = N_1/n needs n ≥ 1".into()));
        }
        let bias = Enclosure::exact(good_turing_bias(&p, n));
        Ok(Outcome::Compared(match instance.choice("side")? {
            "lower" => Comparison::new(bias, Relation::Ge, Enclosure::zero()),
            _ => Comparison::new(bias, Relation::Le, Enclosure::exact(Rational::from(&self.scale / n))),
        }))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        read_alphabet(instance).ok().map(|p| describe_alphabet(&p))
    }
}
