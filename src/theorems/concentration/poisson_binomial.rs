//! Hoeffding, Bernstein and Bennett for sums of independent, non-identical Bernoulli variables
//! (Poisson-binomial laws), checked exactly.
//!
//! # Statement
//! For independent `X_i ∈ [0, 1]` with means `p_i`, `S = Σ X_i`, `t > 0`:
//! Hoeffding `P(S − ES ≥ t) ≤ exp(−2t²/n)`; Bernstein `≤ exp(−t²/(2(σ² + bt/3)))` and Bennett
//! `≤ exp(−(σ²/b²)h(bt/σ²))` with `σ² = Σ p_i(1 − p_i)`, `b = max_i (1 − p_i)`.
//!
//! # Formula
//! `p_i` ramps linearly from `p_lo` to `p_hi` over `i = 1..n` (a constant ramp is the binomial
//! case); `t = u·(n − Σp_i)`. The tail is an exact Poisson-binomial rational
//! ([`crate::reference::poisson_binomial`]); the set parameter `bound` picks the inequality. The
//! sharpened fixture uses Hoeffding 3, Bernstein `bt/6`, Bennett × 5/4.

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::poisson_binomial::poisson_binomial_tail_upper;
use crate::reference::tail_bounds::{bennett_bound, bernstein_bound, hoeffding_bound};
use crate::reference::Enclosure;
use rug::Rational;

/// The three bounds with their constants (published: 2, 1/3, 1).
pub struct PoissonBinomial {
    id: &'static str,
    hoeffding: Rational,
    bernstein: Rational,
    bennett: Rational,
}

impl PoissonBinomial {
    pub fn catalogue() -> Self {
        PoissonBinomial {
            id: "concentration.poisson_binomial",
            hoeffding: Rational::from(2),
            bernstein: Rational::from((1, 3)),
            bennett: Rational::from(1),
        }
    }

    pub fn sharpened() -> Self {
        PoissonBinomial {
            id: "concentration.poisson_binomial_sharpened",
            hoeffding: Rational::from(3),
            bernstein: Rational::from((1, 6)),
            bennett: Rational::from((5, 4)),
        }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::integer("n"),
    ParamRequirement::number("p_lo"),
    ParamRequirement::number("p_hi"),
    ParamRequirement::number("u"),
    ParamRequirement::set("bound"),
];

/// The success probabilities `p_lo + (p_hi − p_lo)(i − 1)/(n − 1)`.
fn ramp(instance: &Instance) -> Result<Vec<Rational>, EvalError> {
    let n = instance.count("n")?;
    let (lo, hi) = (instance.number("p_lo")?.clone(), instance.number("p_hi")?.clone());
    if n <= 1 {
        return Ok(vec![lo; n as usize]);
    }
    let step = Rational::from(&hi - &lo) / (n - 1);
    Ok((0..n).map(|i| &lo + Rational::from(&step * i)).collect())
}

impl Theorem for PoissonBinomial {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let ps = ramp(instance)?;
        let n = ps.len() as u32;
        let mean: Rational = ps.iter().sum();
        let room = Rational::from(n) - &mean;
        if room == 0 {
            return Ok(Outcome::HypothesisNotMet("every p_i = 1: S is constant and no t > 0 has room".into()));
        }
        let t = instance.number("u")? * room;
        // S − ES ≥ t ⟺ S ≥ ⌈ES + t⌉.
        let k = Rational::from(&mean + &t).ceil().numer().to_u32().unwrap_or(n + 1);
        let lhs = if k > n { Rational::new() } else { poisson_binomial_tail_upper(&ps, k).map_err(EvalError::reference)? };
        let variance: Rational = ps.iter().map(|p| p * Rational::from(1 - p)).sum();
        let b = ps.iter().map(|p| Rational::from(1 - p)).max().unwrap_or_default();
        let rhs = match instance.choice("bound")? {
            "hoeffding" => {
                let n_over_factor = Rational::from(2 * n) / &self.hoeffding;
                hoeffding_bound(&n_over_factor, &Rational::new(), &Rational::from(1), &t, prec)
            }
            "bernstein" => bernstein_bound(&variance, &b, &t, &self.bernstein, prec),
            _ => bennett_bound(&variance, &b, &t, &self.bennett, prec),
        }
        .map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let ps = ramp(instance).ok()?;
        let mean: Rational = ps.iter().sum();
        let t = instance.number("u").ok()? * (Rational::from(ps.len() as u32) - &mean);
        Some(format!("ES = {}, t = {}", crate::reference::decimal::format_rational(&mean), crate::reference::decimal::format_rational(&t)))
    }
}
