//! One-sided Clopper–Pearson bounds by certified inversion of the binomial distribution.
//!
//! Upper bound at confidence `1 − δ` after `k` successes in `n` trials: the largest `p` with
//! `P(Bin(n,p) ≤ k) ≥ δ` (1 when `k = n`). Lower bound: the smallest `p` with
//! `P(Bin(n,p) ≥ k) ≥ δ` (0 when `k = 0`). This upper bound is also Langford's test-set bound
//! (binomial-tail inversion). Both are enclosed; the upper bound's upper end and the lower
//! bound's lower end are the conservative values.

use super::binomial::BinomialError;
use super::binomial_enclosure::{binomial_cdf_at, binomial_cdf_slope_at, binomial_tail_upper_at};
use super::enclosure::{DomainError, Enclosure};
use super::root::{newton_refine, Bracket};
use rug::{Float, Rational};
use thiserror::Error;

/// Arguments outside the domain of the Clopper–Pearson bounds.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ClopperPearsonError {
    #[error(transparent)]
    Binomial(#[from] BinomialError),
    #[error("delta = {0} is outside (0, 1)")]
    DeltaOutOfRange(String),
}

fn check(n: u32, k: u32, delta: &Rational) -> Result<(), ClopperPearsonError> {
    if n == 0 {
        return Err(BinomialError::ZeroTrials.into());
    }
    if k > n {
        return Err(BinomialError::CountAboveTrials { n, k }.into());
    }
    if *delta <= 0 || *delta >= 1 {
        return Err(ClopperPearsonError::DeltaOutOfRange(super::decimal::format_rational(delta)));
    }
    Ok(())
}

/// The largest `p` with `P(Bin(n,p) ≤ k) ≥ δ`, enclosed at `prec` bits.
pub fn clopper_pearson_upper(n: u32, k: u32, delta: &Rational, prec: u32) -> Result<Enclosure, ClopperPearsonError> {
    check(n, k, delta)?;
    if k == n {
        return Ok(Enclosure::one());
    }
    // g(p) = δ − P(X ≤ k) increases in p; the bound is the edge of {g ≤ 0}.
    let g = move |p: &Rational, wp: u32| -> Result<Enclosure, DomainError> {
        let cdf = binomial_cdf_at(n, k, &Float::with_val(exact_bits(p), p), wp);
        Ok(Enclosure::exact(delta.clone()).sub(&cdf.into(), wp))
    };
    // g'(p) = n·P(Bin(n−1, p) = k), approximately (it only steers Newton's steps).
    let slope = move |p: &Float, wp: u32| approximate_slope(n, k, p, wp);
    let bracket = Bracket { inside: Rational::new(), outside: Rational::from(1) };
    let start = normal_start(n, k, delta, true);
    let refined = newton_refine(bracket, start, prec + 8, 8 * prec.max(64), g, slope)
        .map_err(|e| ClopperPearsonError::DeltaOutOfRange(e.to_string()))?;
    Ok(refined.to_enclosure(prec + 16))
}

/// The smallest `p` with `P(Bin(n,p) ≥ k) ≥ δ`, enclosed at `prec` bits.
pub fn clopper_pearson_lower(n: u32, k: u32, delta: &Rational, prec: u32) -> Result<Enclosure, ClopperPearsonError> {
    check(n, k, delta)?;
    if k == 0 {
        return Ok(Enclosure::zero());
    }
    let g = move |p: &Rational, wp: u32| -> Result<Enclosure, DomainError> {
        let tail = binomial_tail_upper_at(n, k, &Float::with_val(exact_bits(p), p), wp);
        Ok(Enclosure::exact(delta.clone()).sub(&tail.into(), wp))
    };
    // P(X ≥ k) = 1 − P(X ≤ k − 1), so g'(p) = −n·P(Bin(n−1, p) = k − 1).
    let slope = move |p: &Float, wp: u32| approximate_slope(n, k - 1, p, wp).map(|d| -d);
    let bracket = Bracket { inside: Rational::from(1), outside: Rational::new() };
    let start = normal_start(n, k, delta, false);
    let refined = newton_refine(bracket, start, prec + 8, 8 * prec.max(64), g, slope)
        .map_err(|e| ClopperPearsonError::DeltaOutOfRange(e.to_string()))?;
    Ok(refined.to_enclosure(prec + 16))
}

/// The smaller of `k`, `n − k` from which [`normal_start`] is used.
const NORMAL_START_MIN_COUNT: u32 = 10;

/// A first point for Newton from the normal approximation with continuity correction: the root
/// of `(x − np)² = z²·np(1 − p)` on the bound's side, `x = k + ½` (upper) or `k − ½` (lower), `z`
/// the standard normal quantile of `1 − δ`. f64 only picks the point; every side is certified.
fn normal_start(n: u32, k: u32, delta: &Rational, upper: bool) -> Option<Float> {
    // With few successes or failures the approximation is poor, and Newton in the exponential
    // tail from a poor start is slower than the 16-bit bisection it would replace (measured:
    // n = 10⁵, k = 3, δ = 10⁻⁶ took 11.9 ms from it against 2.5 ms without).
    if k.min(n - k) < NORMAL_START_MIN_COUNT {
        return None;
    }
    let phi = |t: f64| 0.5 * libm::erfc(-t / std::f64::consts::SQRT_2);
    let target = 1.0 - delta.to_f64();
    let (mut lo, mut hi) = (-40.0f64, 40.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if phi(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let z = 0.5 * (lo + hi);
    let (nf, x) = (f64::from(n), f64::from(k) + if upper { 0.5 } else { -0.5 });
    let (a, b, c) = (nf * nf + z * z * nf, -(2.0 * x * nf + z * z * nf), x * x);
    let disc = b * b - 4.0 * a * c;
    if !(disc >= 0.0 && a > 0.0) {
        return None;
    }
    let larger = (upper && z >= 0.0) || (!upper && z < 0.0);
    let root = if larger { (-b + disc.sqrt()) / (2.0 * a) } else { (-b - disc.sqrt()) / (2.0 * a) };
    (root > 0.0 && root < 1.0).then(|| Float::with_val(64, root))
}

/// `n·P(Bin(n−1, p) = k)` near `p` (the midpoint of its enclosure), for Newton steps only.
fn approximate_slope(n: u32, k: u32, p: &Float, wp: u32) -> Option<Float> {
    if *p <= 0 || *p >= 1 {
        return None;
    }
    let slope = binomial_cdf_slope_at(n, k, p, wp);
    Some(Float::with_val(wp, slope.lo() + slope.hi()) / 2u32)
}

/// Bits that represent the dyadic rational `p` exactly (candidates are always dyadic).
fn exact_bits(p: &Rational) -> u32 {
    let den_bits = p.denom().significant_bits();
    let num_bits = p.numer().significant_bits();
    (den_bits + num_bits + 2).max(64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::binomial::{binomial_cdf, binomial_tail_upper};
    use crate::reference::enclosure::Decision;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn zero_successes_has_a_closed_form() {
        // k = 0: (1 − p)^n = δ  ⟹  p = 1 − δ^{1/n}. For n = 1: p = 1 − δ exactly.
        let up = clopper_pearson_upper(1, 0, &q(1, 20), 128).unwrap();
        assert!(up.contains(&q(19, 20)));
    }

    #[test]
    fn bounds_bracket_the_defining_equation() {
        let (n, k, delta) = (30, 7, q(1, 20));
        let up = clopper_pearson_upper(n, k, &delta, 96).unwrap().to_interval(96);
        let inside = up.lo().to_rational().unwrap();
        let outside = up.hi().to_rational().unwrap();
        let de = Enclosure::exact(delta.clone());
        assert_eq!(de.le(&Enclosure::exact(binomial_cdf(n, k, &inside).unwrap())), Decision::True);
        assert_eq!(de.le(&Enclosure::exact(binomial_cdf(n, k, &outside).unwrap())), Decision::False);
        let lo = clopper_pearson_lower(n, k, &delta, 96).unwrap().to_interval(96);
        let inside = lo.hi().to_rational().unwrap();
        assert_eq!(de.le(&Enclosure::exact(binomial_tail_upper(n, k, &inside).unwrap())), Decision::True);
        assert!(lo.hi() < up.lo());
    }

    #[test]
    fn bounds_at_large_n_bracket_the_defining_equation() {
        // n = 5000: the certified truncated sums drive Newton; the endpoints are checked with
        // exact rational sums at the returned (dyadic) endpoints.
        let (n, k, delta) = (5000, 40, q(1, 1000));
        let de = Enclosure::exact(delta.clone());
        let up = clopper_pearson_upper(n, k, &delta, 128).unwrap().to_interval(128);
        assert!(up.relative_width() <= Float::with_val(64, Float::i_exp(1, -128)));
        assert_eq!(de.le(&Enclosure::exact(binomial_cdf(n, k, &up.lo().to_rational().unwrap()).unwrap())), Decision::True);
        assert_eq!(de.le(&Enclosure::exact(binomial_cdf(n, k, &up.hi().to_rational().unwrap()).unwrap())), Decision::False);
        let lo = clopper_pearson_lower(n, k, &delta, 128).unwrap().to_interval(128);
        assert!(lo.relative_width() <= Float::with_val(64, Float::i_exp(1, -128)));
        assert_eq!(de.le(&Enclosure::exact(binomial_tail_upper(n, k, &lo.hi().to_rational().unwrap()).unwrap())), Decision::True);
        assert_eq!(de.le(&Enclosure::exact(binomial_tail_upper(n, k, &lo.lo().to_rational().unwrap()).unwrap())), Decision::False);
    }

    #[test]
    fn bad_arguments_are_rejected() {
        assert!(matches!(clopper_pearson_upper(10, 3, &q(0, 1), 64), Err(ClopperPearsonError::DeltaOutOfRange(_))));
        assert!(matches!(clopper_pearson_upper(10, 11, &q(1, 2), 64), Err(ClopperPearsonError::Binomial(_))));
    }
}
