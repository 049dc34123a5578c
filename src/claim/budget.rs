//! The cost bound of one evaluation: every evaluation of a data claim or an `eval` expression
//! ends with an answer or a "budget exceeded" fault, never an abort or minutes of silence.

use std::time::{Duration, Instant};

/// The limits of one evaluation (one instance at one precision).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Terms of `sum`/`prod` over the whole evaluation.
    pub terms: u64,
    /// Significant bits of any exact integer or rational (numerator plus denominator).
    pub bits: u64,
    /// Wall-clock time, checked between operations and between the terms of a sum.
    pub time: Duration,
    /// The largest `n` of the binomial primitives (their exact sums grow with `n`).
    pub trials: u32,
}

/// The documented defaults (README, "Budgets").
pub const DEFAULT_LIMITS: Limits = Limits { terms: 1_000_000, bits: 1 << 20, time: Duration::from_secs(10), trials: 1_000_000 };

/// What is left of the limits while an evaluation runs.
#[derive(Clone, Debug)]
pub struct Budget {
    pub limits: Limits,
    deadline: Instant,
    terms_left: u64,
}

impl Budget {
    pub fn start(limits: Limits) -> Self {
        Budget { limits, deadline: Instant::now() + limits.time, terms_left: limits.terms }
    }

    /// Reserves `count` terms of a sum, or says why not.
    pub fn take_terms(&mut self, count: &rug::Integer) -> Result<(), String> {
        match count.to_u64() {
            Some(c) if c <= self.terms_left => {
                self.terms_left -= c;
                Ok(())
            }
            _ => Err(format!(
                "budget exceeded: {count} terms, with {} of the {} terms per evaluation left",
                self.terms_left, self.limits.terms
            )),
        }
    }

    pub fn check_time(&self) -> Result<(), String> {
        if Instant::now() > self.deadline {
            Err(format!("budget exceeded: the evaluation took longer than {:?}", self.limits.time))
        } else {
            Ok(())
        }
    }

    pub fn check_bits(&self, bits: u64, what: &str) -> Result<(), String> {
        if bits > self.limits.bits {
            Err(format!("budget exceeded: {what} would have about {bits} bits; exact values are limited to {} bits", self.limits.bits))
        } else {
            Ok(())
        }
    }
}
