//! Shared pieces for claims about means of i.i.d. Bernoulli variables.

use crate::engine::{EvalError, Instance};
use crate::reference::binomial_tail_upper;
use rug::{Integer, Rational};

/// `P(X̄ ≥ q)` for the mean of `n` i.i.d. Bernoulli(`p`), exactly: `P(S ≥ ⌈nq⌉)`.
pub fn mean_tail(n: u32, p: &Rational, q: &Rational) -> Result<Rational, EvalError> {
    if *q <= 0 {
        return Ok(Rational::from(1));
    }
    let threshold = Rational::from(q * n).ceil();
    let k = threshold.numer().to_u32().filter(|k| *k <= n);
    match k {
        Some(k) => binomial_tail_upper(n, k, p).map_err(EvalError::reference),
        None => Ok(Rational::new()),
    }
}

/// The deviation parameterisation used by the Bernoulli claims: `u ∈ (0, 1]` places the
/// threshold `q = p + t` with `t = u(1 − p)` inside `(p, 1]`, so every draw is a non-trivial tail.
pub struct Deviation {
    pub n: u32,
    pub p: Rational,
    pub t: Rational,
    pub q: Rational,
}

impl Deviation {
    pub fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let n = instance.count("n")?;
        let p = instance.number("p")?.clone();
        let u = instance.number("u")?;
        let t = u * Rational::from(1 - &p);
        let q = Rational::from(&p + &t);
        Ok(Deviation { n, p, t, q })
    }

    /// `⌈nq⌉`, the count the tail starts at.
    pub fn threshold(&self) -> Integer {
        Rational::from(&self.q * self.n).ceil().numer().clone()
    }

    pub fn describe(&self) -> String {
        use crate::reference::decimal::format_rational;
        format!("t = {}, q = p + t = {}, tail starts at k = {}", format_rational(&self.t), format_rational(&self.q), self.threshold())
    }
}
