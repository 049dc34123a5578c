//! Hoeffding's tail for a Monte Carlo factor estimate, checked exactly on step decoders.
//!
//! # Statement
//! For `Φ̂_M` the mean of `M` i.i.d. summands in `[0, 1]` with mean `Φ`, and `t > 0`:
//! `P(|Φ̂_M − Φ| ≥ t) ≤ 2·exp(−2Mt²)` (Hoeffding 1963, Theorem 2, both tails).
//!
//! # Formula
//! For a step decoder `|Φ̂_M − Φ| = a·|B/M − q|`, so the left side is the exact two-sided
//! binomial tail `P(B ≥ ⌈M(q + t/a)⌉) + P(B ≤ ⌊M(q − t/a)⌋)` (0 when `a = 0`); the right side is
//! enclosed with directed rounding. The exponent's factor is 2 (published) or 3 (the sharpened
//! fixture).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::McHoeffdingTail;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("M", Value::Integer(1)).with("q", Value::Number(Rational::from((1, 2))))
//!     .with("a", Value::Number(Rational::from(1))).with("v", Value::Number(Rational::from(0)))
//!     .with("t", Value::Number(Rational::from((1, 2))));
//! // P(|B − 1/2| ≥ 1/2) = 1 ≤ 2e^{−1/2} ≈ 1.21, but 1 > 2e^{−3/4} ≈ 0.94.
//! let holds = |t: McHoeffdingTail| match t.evaluate(&at, &Instance::default(), 64).unwrap() { Outcome::Compared(c) => c.decide(), _ => panic!() };
//! assert_eq!(holds(McHoeffdingTail::catalogue()), Decision::True);
//! assert_eq!(holds(McHoeffdingTail::sharpened()), Decision::False);
//! ```

use super::mc_abs_error::describe_step;
use super::model::{samples, StepDecoder};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{binomial_cdf, binomial_tail_upper, Enclosure};
use rug::Rational;

/// `P(|Φ̂_M − Φ| ≥ t) ≤ 2·exp(−c·Mt²)`, `c = 2` as published.
pub struct McHoeffdingTail {
    id: &'static str,
    factor: u32,
}

impl McHoeffdingTail {
    pub fn catalogue() -> Self {
        McHoeffdingTail { id: "monte_carlo.mc_hoeffding_tail", factor: 2 }
    }

    pub fn sharpened() -> Self {
        McHoeffdingTail { id: "monte_carlo.mc_hoeffding_tail_sharpened", factor: 3 }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::integer("M"),
    ParamRequirement::number("q"),
    ParamRequirement::number("a"),
    ParamRequirement::number("v"),
    ParamRequirement::number("t"),
];

/// `P(|B/M − q| ≥ s)` for `B ~ Bin(M, q)`, `s > 0`, exactly.
pub fn two_sided_tail(m: u32, q: &Rational, s: &Rational) -> Result<Rational, EvalError> {
    let upper_start = (Rational::from(q + s) * m).ceil();
    let lower_end = (Rational::from(q - s) * m).floor();
    let mut total = Rational::new();
    if let Some(k) = upper_start.numer().to_u32().filter(|k| *k <= m) {
        total += binomial_tail_upper(m, k, q).map_err(EvalError::reference)?;
    } else if *upper_start.numer() <= 0 {
        return Ok(Rational::from(1));
    }
    if *lower_end.numer() >= 0 {
        let k = lower_end.numer().to_u32().map_or(m, |k| k.min(m));
        total += binomial_cdf(m, k, q).map_err(EvalError::reference)?;
    }
    Ok(total.min(Rational::from(1)))
}

impl Theorem for McHoeffdingTail {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let m = samples(instance.integer("M")?)?;
        let d = StepDecoder::from_instance(instance, "")?;
        let t = instance.number("t")?.clone();
        if t <= 0 {
            return Ok(Outcome::HypothesisNotMet("the deviation t must be > 0".into()));
        }
        let lhs = if d.a == 0 { Rational::new() } else { two_sided_tail(m, &d.q, &Rational::from(&t / &d.a))? };
        let exponent = -Rational::from(self.factor * m) * Rational::from(t.square_ref());
        let rhs = Enclosure::exact(2).mul(&Enclosure::exact(exponent).exp(prec), prec);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        describe_step(instance)
    }
}
