//! The exact limit `√M·E|X̄_M − q| → √(2/π)·σ`, `σ = √(q(1 − q))`, at `q = 1/2` with an explicit
//! rate, and the false claim that the limit is a bound for every `M`.
//!
//! # Statement
//! For `B ~ Bin(M, 1/2)` and `r_M² = M·E|B/M − 1/2|² / ((2/π)σ²) = 2πM·E|B/M − 1/2|²`:
//! `|r_M² − 1| ≤ 1/M` for every `M ≥ 1`, so `√M·E|B/M − 1/2| → √(2/π)·(1/2)`.
//! (Even `M`: `M/(M+1) < r_M² < 1`; odd `M`: `1 < r_M² ≤ M/(M − 1/2)`; from Wallis' bounds
//! `1/√(π(m + 1/2)) < C(2m, m)/4^m ≤ 1/√(π(m + 1/4))`, proof in proofs/monte_carlo.)
//!
//! # Formula
//! `E|B/M − 1/2|` is de Moivre's exact rational; `π` is enclosed with directed rounding.
//! Variants: the sharpened rate `1/(3M)`, and the *uniform* reading
//! `E|B/M − 1/2| ≤ √(2/π)·σ/√M` for every `M` (false: odd `M` overshoot the limit).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::McAbsErrorLimit;
//! use theoremcheck::reference::Decision;
//! let at = Instance::default().with("M", Value::Integer(1));
//! // r_1² = π/2: within 1 of 1, not within 1/3.
//! let decide = |t: McAbsErrorLimit| match t.evaluate(&at, &Instance::default(), 64).unwrap() { Outcome::Compared(c) => c.decide(), _ => panic!() };
//! assert_eq!(decide(McAbsErrorLimit::catalogue()), Decision::True);
//! assert_eq!(decide(McAbsErrorLimit::sharpened()), Decision::False);
//! ```

use super::model::{mean_abs_deviation, samples};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Enclosure, Interval};
use rug::float::{Constant, Round};
use rug::{Float, Rational};

/// `|2πM·E|X̄_M − 1/2|² − 1| ≤ 1/(kM)`, `k = 1` as proved here.
pub struct McAbsErrorLimit {
    id: &'static str,
    k: u32,
}

impl McAbsErrorLimit {
    pub fn catalogue() -> Self {
        McAbsErrorLimit { id: "monte_carlo.mc_abs_error_limit", k: 1 }
    }

    pub fn sharpened() -> Self {
        McAbsErrorLimit { id: "monte_carlo.mc_abs_error_limit_sharpened", k: 3 }
    }
}

pub(crate) fn pi(prec: u32) -> Enclosure {
    Interval::new(Float::with_val_round(prec, Constant::Pi, Round::Down).0, Float::with_val_round(prec, Constant::Pi, Round::Up).0)
        .expect("ordered")
        .into()
}

const PARAMETERS: [ParamRequirement; 1] = [ParamRequirement::integer("M")];

impl Theorem for McAbsErrorLimit {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let m = samples(instance.integer("M")?)?;
        let half = Rational::from((1, 2));
        let e = mean_abs_deviation(m, &half) / m;
        // r² = 2πM·E²
        let r2 = pi(prec).mul(&Enclosure::exact(Rational::from(e.square_ref()) * (2 * m)), prec);
        let gap = r2.sub(&Enclosure::one(), prec);
        // |gap| ≤ bound ⟺ gap ≤ bound and −gap ≤ bound: compare max(gap, −gap) via the hull.
        let abs = abs_enclosure(&gap, prec);
        let rhs = Enclosure::exact(Rational::from((1, self.k)) / m);
        Ok(Outcome::Compared(Comparison::new(abs, Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let m = instance.integer("M").ok()?;
        Some(format!("{} M", if m % 2 == 0 { "even" } else { "odd" }))
    }
}

/// `|x|` of an enclosure, enclosed.
pub(crate) fn abs_enclosure(x: &Enclosure, prec: u32) -> Enclosure {
    match x {
        Enclosure::Exact(r) => Enclosure::exact(Rational::from(r.abs_ref())),
        Enclosure::Interval(_) => {
            let i = x.to_interval(prec);
            let (lo, hi) = (i.lo().clone(), i.hi().clone());
            if lo >= 0 {
                i.into()
            } else if hi <= 0 {
                i.neg().into()
            } else {
                let top = if Float::with_val(prec, -&lo) > hi { Float::with_val(prec, -&lo) } else { hi };
                Interval::new(Float::with_val(prec, 0), top).expect("0 ≤ top").into()
            }
        }
    }
}

/// The uniform reading `E|X̄_M − q| ≤ √(2/π)·√(q(1 − q))/√M` for every `M`, at the catalogue
/// claim's `q = 1/2` and on its domain, compared squared: `E|X̄_M − 1/2|²·M·π/2 ≤ 1/4`, i.e.
/// `r_M² ≤ 1`. False along odd `M`, which approach the limit from above.
pub struct McAbsErrorLimitUniform;

impl Theorem for McAbsErrorLimitUniform {
    fn id(&self) -> &str {
        "monte_carlo.mc_abs_error_limit_uniform"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let m = samples(instance.integer("M")?)?;
        let q = Rational::from((1, 2));
        let e = mean_abs_deviation(m, &q) / m;
        let lhs = pi(prec).mul(&Enclosure::exact(Rational::from(e.square_ref()) * m / 2), prec);
        let rhs = Enclosure::exact(&q * (1 - q.clone()));
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }
}
