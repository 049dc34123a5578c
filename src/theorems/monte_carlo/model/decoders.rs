//! The Monte Carlo estimators the family's claims are about, with validated parameters.
//!
//! A factor `Φ = E_{z~q}[p(y|z)]` is estimated by `Φ̂_M = (1/M) Σ_m p(y|z_m)`. For a *step
//! decoder* `p(y|z) = a·1[u·z > t] + b`, the indicator is Bernoulli(`q`) with
//! `q = P(u·z > t)` (for a Gaussian latent `q = Φ_N((u·μ − t)/‖u∘σ‖)`), so
//! `Φ̂_M = b + a·B/M` with `B ~ Bin(M, q)` and `Φ = b + aq`: every expectation over the
//! estimator is a finite binomial sum, exact in rationals. The bounds are claimed for every `q`,
//! so `q` is drawn directly as a rational.

use crate::engine::{EvalError, Instance};
use crate::reference::decimal::format_rational;
use rug::{Integer, Rational};
use thiserror::Error;

/// Parameters outside a Monte Carlo model's domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum McError {
    #[error("the number of Monte Carlo samples M must be at least 1, got 0")]
    ZeroSamples,
    #[error("{name} = {value} is a probability and must lie in [0, 1]")]
    ProbabilityOutOfRange { name: &'static str, value: String },
    #[error("{name} = {value} is a variance (or standard deviation) and must be > 0")]
    NonPositiveVariance { name: &'static str, value: String },
    #[error("the decoder's outputs b = {b} and a + b = {top} must lie in [0, 1]")]
    DecoderOutOfRange { b: String, top: String },
    #[error("{name} = {value} must lie in the open interval (0, 1)")]
    OpenUnitInterval { name: &'static str, value: String },
    #[error("{name} = {value} must be at least {min}")]
    TooSmall { name: &'static str, value: i64, min: i64 },
}

impl From<McError> for EvalError {
    fn from(e: McError) -> Self {
        EvalError::reference(e)
    }
}

/// Checks `0 ≤ value ≤ 1`.
pub fn probability(name: &'static str, value: &Rational) -> Result<Rational, McError> {
    if *value < 0 || *value > 1 {
        return Err(McError::ProbabilityOutOfRange { name, value: format_rational(value) });
    }
    Ok(value.clone())
}

/// Checks `0 < value < 1`.
pub fn open_unit(name: &'static str, value: &Rational) -> Result<Rational, McError> {
    if *value <= 0 || *value >= 1 {
        return Err(McError::OpenUnitInterval { name, value: format_rational(value) });
    }
    Ok(value.clone())
}

/// Checks `value > 0` for a variance or a standard deviation.
pub fn positive_variance(name: &'static str, value: &Rational) -> Result<Rational, McError> {
    if *value <= 0 {
        return Err(McError::NonPositiveVariance { name, value: format_rational(value) });
    }
    Ok(value.clone())
}

/// Checks `M ≥ 1`.
pub fn samples(m: i64) -> Result<u32, McError> {
    if m < 1 {
        return Err(McError::ZeroSamples);
    }
    u32::try_from(m).map_err(|_| McError::TooSmall { name: "M", value: m, min: 1 })
}

/// A step decoder `p(y|z) = a·1[u·z > t] + b` reduced to its law: `q = P(u·z > t)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepDecoder {
    pub a: Rational,
    pub b: Rational,
    pub q: Rational,
}

impl StepDecoder {
    /// # Errors
    /// [`McError::ProbabilityOutOfRange`] for `q ∉ [0, 1]`; [`McError::DecoderOutOfRange`] when
    /// an output `b` or `a + b` leaves `[0, 1]`.
    pub fn new(a: Rational, b: Rational, q: &Rational) -> Result<Self, McError> {
        let q = probability("q", q)?;
        let top = Rational::from(&a + &b);
        if !(0..=1).contains(&b) || !(0..=1).contains(&top) {
            return Err(McError::DecoderOutOfRange { b: format_rational(&b), top: format_rational(&top) });
        }
        Ok(StepDecoder { a, b, q })
    }

    /// From instance parameters `a ∈ [0, 1]` and `v ∈ [0, 1]` with `b = v(1 − a)` (so both
    /// outputs lie in `[0, 1]`), and `q`.
    pub fn from_instance(instance: &Instance, suffix: &str) -> Result<Self, EvalError> {
        let name = |s: &str| format!("{s}{suffix}");
        let a = probability("a", instance.number(&name("a"))?)?;
        let v = probability("v", instance.number(&name("v"))?)?;
        let q = instance.number(&name("q"))?;
        let b = v * (1 - a.clone());
        Ok(StepDecoder::new(a, b, q)?)
    }

    /// The factor `Φ = b + aq`.
    pub fn factor(&self) -> Rational {
        &self.b + Rational::from(&self.a * &self.q)
    }

    /// The estimate `Φ̂ = b + a·k/M` when `k` of the `M` indicators are 1.
    pub fn estimate(&self, k: u32, m: u32) -> Rational {
        &self.b + &self.a * Rational::from((k, m))
    }

    /// `E|Φ̂_M − Φ| = |a|·E|B − Mq|/M`, exactly.
    pub fn mean_abs_error(&self, m: u32) -> Rational {
        Rational::from(self.a.abs_ref()) * mean_abs_deviation(m, &self.q) / m
    }

    /// `Var(Φ̂_M) = a²q(1 − q)/M`.
    pub fn variance(&self, m: u32) -> Rational {
        Rational::from(self.a.square_ref()) * &self.q * (1 - self.q.clone()) / m
    }
}

/// de Moivre's closed form for the binomial mean absolute deviation: for `B ~ Bin(M, q)`,
/// `E|B − Mq| = 2ν·C(M, ν)·q^ν·(1 − q)^(M−ν+1)` with `ν = ⌊Mq⌋ + 1` (and 0 when `ν > M`,
/// i.e. `q = 1`). Exact.
pub fn mean_abs_deviation(m: u32, q: &Rational) -> Rational {
    let nu = Rational::from(q * m).floor().numer().to_u32().map_or(m + 1, |f| f + 1);
    if nu > m || *q == 0 {
        return Rational::new();
    }
    let binom = Integer::from(Integer::binomial_u(m, nu));
    let p_nu = pow(q, nu);
    let q_rest = pow(&(1 - q.clone()), m - nu + 1);
    Rational::from(2 * nu) * Rational::from(binom) * p_nu * q_rest
}

/// `E|B − Mq|` by summing the binomial law term by term (a cross-check of de Moivre's form).
pub fn mean_abs_deviation_by_sum(m: u32, q: &Rational) -> Rational {
    binomial_pmfs(m, q).into_iter().enumerate().map(|(k, p)| p * (Rational::from(k as u32) - Rational::from(q * m)).abs()).sum()
}

/// `P(B = k)` for `k = 0..=M`, exactly, by the ratio recurrence
/// `P(k + 1) = P(k)·(M − k)/(k + 1)·q/(1 − q)`.
pub fn binomial_pmfs(m: u32, q: &Rational) -> Vec<Rational> {
    let mut out = vec![Rational::new(); m as usize + 1];
    if *q == 0 {
        out[0] = Rational::from(1);
        return out;
    }
    if *q == 1 {
        out[m as usize] = Rational::from(1);
        return out;
    }
    let ratio = q / (1 - q.clone());
    out[0] = pow(&(1 - q.clone()), m);
    for k in 0..m {
        let next = Rational::from(&out[k as usize] * &ratio) * Rational::from((m - k, k + 1));
        out[k as usize + 1] = next;
    }
    out
}

fn pow(r: &Rational, n: u32) -> Rational {
    use rug::ops::Pow;
    Rational::from(r.pow(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_moivre_matches_the_sum() {
        for m in [1u32, 2, 3, 7, 20, 41] {
            for (n, d) in [(0, 1), (1, 2), (1, 3), (5, 7), (1, 64), (1, 1)] {
                let q = Rational::from((n, d));
                assert_eq!(mean_abs_deviation(m, &q), mean_abs_deviation_by_sum(m, &q), "M = {m}, q = {q}");
            }
        }
    }

    #[test]
    fn bad_parameters_are_typed_errors() {
        assert_eq!(samples(0), Err(McError::ZeroSamples));
        assert!(matches!(
            StepDecoder::new(Rational::from(1), Rational::from(0), &Rational::from(2)),
            Err(McError::ProbabilityOutOfRange { .. })
        ));
        assert!(matches!(
            StepDecoder::new(Rational::from(1), Rational::from((1, 2)), &Rational::from((1, 2))),
            Err(McError::DecoderOutOfRange { .. })
        ));
        assert!(matches!(positive_variance("sigma", &Rational::from(0)), Err(McError::NonPositiveVariance { .. })));
        assert!(matches!(open_unit("delta", &Rational::from(1)), Err(McError::OpenUnitInterval { .. })));
    }
}
