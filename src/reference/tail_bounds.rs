//! The right-hand sides of the classical tail bounds, with their domains enforced.
//!
//! Each function validates its arguments and returns a typed error naming the offending
//! parameter (`t ≤ 0`, `δ ∉ (0,1)`, `a > b`, a negative variance, ...) instead of evaluating a
//! formula outside the range where the published inequality is stated. Values are enclosures
//! with directed rounding, exact where the value is rational.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::tail_bounds::{hoeffding_bound, TailBoundError};
//! use rug::Rational;
//! let one = Rational::from(1);
//! assert!(hoeffding_bound(&one, &Rational::from(0), &one, &Rational::from((1, 2)), 64).is_ok());
//! assert!(matches!(hoeffding_bound(&one, &one, &Rational::from(0), &one, 64), Err(TailBoundError::EmptyRange { .. })));
//! ```

use super::bennett::bennett_h;
use super::decimal::format_rational;
use super::enclosure::Enclosure;
use rug::Rational;
use thiserror::Error;

/// Arguments outside the domain of a tail bound.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TailBoundError {
    #[error("the deviation t must be positive, got t = {0}")]
    NonPositiveDeviation(String),
    #[error("delta must lie in (0, 1), got delta = {0}")]
    DeltaOutOfRange(String),
    #[error("the range [a, b] is empty: a = {a} > b = {b}")]
    EmptyRange { a: String, b: String },
    #[error("{name} must be non-negative, got {value}")]
    Negative { name: &'static str, value: String },
    #[error("{name} must be positive, got {value}")]
    NonPositive { name: &'static str, value: String },
    #[error("the bound needs n ≥ {min} samples, got n = {n}")]
    TooFewSamples { n: u32, min: u32 },
}

fn positive_t(t: &Rational) -> Result<(), TailBoundError> {
    if *t <= 0 {
        return Err(TailBoundError::NonPositiveDeviation(format_rational(t)));
    }
    Ok(())
}

/// Checks `δ ∈ (0, 1)`.
pub fn check_delta(delta: &Rational) -> Result<(), TailBoundError> {
    if *delta <= 0 || *delta >= 1 {
        return Err(TailBoundError::DeltaOutOfRange(format_rational(delta)));
    }
    Ok(())
}

fn non_negative(name: &'static str, v: &Rational) -> Result<(), TailBoundError> {
    if *v < 0 {
        return Err(TailBoundError::Negative { name, value: format_rational(v) });
    }
    Ok(())
}

/// Hoeffding: `exp(−2t² / (n(b − a)²))` for `n` variables in `[a, b]` (`n` as a rational count).
pub fn hoeffding_bound(n: &Rational, a: &Rational, b: &Rational, t: &Rational, prec: u32) -> Result<Enclosure, TailBoundError> {
    positive_t(t)?;
    if a > b {
        return Err(TailBoundError::EmptyRange { a: format_rational(a), b: format_rational(b) });
    }
    if *n <= 0 {
        return Err(TailBoundError::NonPositive { name: "n", value: format_rational(n) });
    }
    let width = Rational::from(b - a);
    if width == 0 {
        return Ok(Enclosure::zero());
    }
    let exponent = (-2 * Rational::from(t * t)) / (n * Rational::from(&width * &width));
    Ok(Enclosure::exact(exponent).exp(prec))
}

/// Bernstein: `exp(−t² / (2(σ² + c·b·t)))`, published with `c = 1/3`; `σ²` the summed variance,
/// `b` the bound on `X_i − EX_i`. The value at `σ² = b = 0` is the limit 0.
pub fn bernstein_bound(variance: &Rational, b: &Rational, t: &Rational, c: &Rational, prec: u32) -> Result<Enclosure, TailBoundError> {
    positive_t(t)?;
    non_negative("the variance σ²", variance)?;
    non_negative("the bound b on X − EX", b)?;
    non_negative("the constant c", c)?;
    let denominator = 2 * (variance + Rational::from(c * b) * t);
    if denominator == 0 {
        return Ok(Enclosure::zero());
    }
    Ok(Enclosure::exact(-Rational::from(t * t) / denominator).exp(prec))
}

/// Bennett: `exp(−factor·(σ²/b²)·h(bt/σ²))`, published with `factor = 1`. At `σ² = 0` the
/// bound is its limit, 0.
pub fn bennett_bound(variance: &Rational, b: &Rational, t: &Rational, factor: &Rational, prec: u32) -> Result<Enclosure, TailBoundError> {
    positive_t(t)?;
    non_negative("the variance σ²", variance)?;
    if *b <= 0 {
        return Err(TailBoundError::NonPositive { name: "the bound b on X − EX", value: format_rational(b) });
    }
    if *variance == 0 {
        return Ok(Enclosure::zero());
    }
    let u = Rational::from(b * t) / variance;
    let h = bennett_h(&u, prec).expect("u > 0");
    let scale = Rational::from(factor * variance) / Rational::from(b * b);
    Ok(h.mul(&Enclosure::exact(-scale), prec + 8).exp(prec))
}

/// Bounded differences: `exp(−factor·t² / Σc_i²)`, published with `factor = 2`.
pub fn mcdiarmid_bound(sum_c_squared: &Rational, t: &Rational, factor: &Rational, prec: u32) -> Result<Enclosure, TailBoundError> {
    positive_t(t)?;
    if *sum_c_squared <= 0 {
        return Err(TailBoundError::NonPositive { name: "Σc_i²", value: format_rational(sum_c_squared) });
    }
    Ok(Enclosure::exact(-(factor * Rational::from(t * t)) / sum_c_squared).exp(prec))
}

/// Maurer & Pontil (2009), Theorem 4: the radius `√(2V ln(k/δ)/n) + c·ln(k/δ)/(n − 1)`, published
/// with `k = 2`, `c = 7/3`; `V` the unbiased sample variance.
pub fn empirical_bernstein_radius(
    n: u32,
    v: &Rational,
    delta: &Rational,
    k: u32,
    c: &Rational,
    prec: u32,
) -> Result<Enclosure, TailBoundError> {
    check_delta(delta)?;
    non_negative("the sample variance V_n", v)?;
    if n < 2 {
        return Err(TailBoundError::TooFewSamples { n, min: 2 });
    }
    let log = Enclosure::exact(Rational::from(k) / delta).ln(prec).expect("k/δ > 0");
    let root = log.mul(&Enclosure::exact((2 * v.clone()) / n), prec).sqrt(prec).expect("non-negative");
    let linear = log.mul(&Enclosure::exact(Rational::from(c / (n - 1))), prec);
    Ok(root.add(&linear, prec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn domains_are_enforced() {
        let one = q(1, 1);
        assert!(matches!(bernstein_bound(&one, &one, &q(0, 1), &q(1, 3), 64), Err(TailBoundError::NonPositiveDeviation(_))));
        assert!(matches!(bennett_bound(&one, &q(0, 1), &one, &one, 64), Err(TailBoundError::NonPositive { .. })));
        assert!(matches!(empirical_bernstein_radius(5, &one, &q(1, 1), 2, &q(7, 3), 64), Err(TailBoundError::DeltaOutOfRange(_))));
        assert!(matches!(empirical_bernstein_radius(1, &one, &q(1, 2), 2, &q(7, 3), 64), Err(TailBoundError::TooFewSamples { .. })));
        assert!(matches!(mcdiarmid_bound(&q(0, 1), &one, &q(2, 1), 64), Err(TailBoundError::NonPositive { .. })));
        assert!(matches!(bernstein_bound(&q(-1, 1), &one, &one, &q(1, 3), 64), Err(TailBoundError::Negative { .. })));
    }

    #[test]
    fn bennett_is_below_bernstein() {
        // h(u) ≥ u²/(2(1 + u/3)) makes Bennett's bound the smaller one.
        for (v, b, t) in [(q(1, 4), q(1, 2), q(1, 10)), (q(3, 1), q(1, 1), q(5, 1)), (q(1, 100), q(1, 1), q(2, 1))] {
            let bennett = bennett_bound(&v, &b, &t, &q(1, 1), 128).unwrap();
            let bernstein = bernstein_bound(&v, &b, &t, &q(1, 3), 128).unwrap();
            assert_eq!(bennett.le(&bernstein), crate::reference::Decision::True);
        }
    }
}
