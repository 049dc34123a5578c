//! Binomial probabilities: exact rational sums, and outward-rounded sums at a float point.
//!
//! With `p = a/d` in lowest terms and `b = d − a`, the probability of a count range is
//! `Σ_j C(n,j) a^j b^(n−j) / d^n`. The integer terms follow the recurrence
//! `T_{j+1} = T_j · (n−j)·a / ((j+1)·b)`, whose division is exact, so the whole sum is computed
//! in integers and divided once: an exact value, never rounded.

use super::interval::Interval;
use rug::float::Round;
use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use thiserror::Error;

/// Parameters outside the binomial law's domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BinomialError {
    #[error("n must be at least 1, got 0")]
    ZeroTrials,
    #[error("k = {k} exceeds n = {n}")]
    CountAboveTrials { n: u32, k: u32 },
    #[error("p = {0} is outside [0, 1]")]
    ProbabilityOutOfRange(String),
}

fn check(n: u32, k: u32, p: &Rational) -> Result<(), BinomialError> {
    if n == 0 {
        return Err(BinomialError::ZeroTrials);
    }
    if k > n {
        return Err(BinomialError::CountAboveTrials { n, k });
    }
    check_probability(p)
}

pub(crate) fn check_probability(p: &Rational) -> Result<(), BinomialError> {
    if *p < 0 || *p > 1 {
        return Err(BinomialError::ProbabilityOutOfRange(super::decimal::format_rational(p)));
    }
    Ok(())
}

/// `P(X = k)` for `X ~ Bin(n, p)`, exactly.
pub fn binomial_pmf(n: u32, k: u32, p: &Rational) -> Result<Rational, BinomialError> {
    check(n, k, p)?;
    Ok(range_probability(n, k, k, p))
}

/// `P(X ≤ k)` for `X ~ Bin(n, p)`, exactly.
pub fn binomial_cdf(n: u32, k: u32, p: &Rational) -> Result<Rational, BinomialError> {
    check(n, k, p)?;
    Ok(range_probability(n, 0, k, p))
}

/// `P(X ≥ k)` for `X ~ Bin(n, p)`, exactly.
pub fn binomial_tail_upper(n: u32, k: u32, p: &Rational) -> Result<Rational, BinomialError> {
    check(n, k, p)?;
    Ok(range_probability(n, k, n, p))
}

/// `P(lo ≤ X ≤ hi)` for `X ~ Bin(n, p)`, `lo ≤ hi ≤ n`, exactly. Sums whichever of the range and
/// its complement has fewer terms.
fn range_probability(n: u32, lo: u32, hi: u32, p: &Rational) -> Rational {
    if *p == 0 {
        return Rational::from(u32::from(lo == 0));
    }
    if *p == 1 {
        return Rational::from(u32::from(hi == n));
    }
    let inside = u64::from(hi - lo) + 1;
    let outside = u64::from(n) + 1 - inside;
    if outside < inside {
        let mut complement = Rational::new();
        if lo > 0 {
            complement += integer_range_sum(n, 0, lo - 1, p);
        }
        if hi < n {
            complement += integer_range_sum(n, hi + 1, n, p);
        }
        return Rational::from(1) - complement;
    }
    integer_range_sum(n, lo, hi, p)
}

/// `Σ_{j=lo}^{hi} C(n,j) p^j (1−p)^(n−j)` for `0 < p < 1`, as an exact rational.
fn integer_range_sum(n: u32, lo: u32, hi: u32, p: &Rational) -> Rational {
    let a = p.numer().clone();
    let d = p.denom().clone();
    let b = Integer::from(&d - &a);
    let mut term = Integer::from(Integer::binomial_u(n, lo)) * Integer::from((&a).pow(lo)) * Integer::from((&b).pow(n - lo));
    let mut total = term.clone();
    for j in lo..hi {
        term *= n - j;
        term *= &a;
        term.div_exact_u_mut(j + 1);
        term.div_exact_mut(&b);
        total += &term;
    }
    Rational::from((total, Integer::from((&d).pow(n))))
}

/// `P(lo ≤ X ≤ hi)` for `X ~ Bin(n, p)` at a float point `p ∈ [0, 1]` (taken as exact),
/// enclosed with outward rounding at `prec` bits. Cost is linear in `hi − lo`, so this serves
/// bisection at large `n` where exact sums at dyadic points would be huge.
pub fn binomial_range_at(n: u32, lo: u32, hi: u32, p: &Float, prec: u32) -> Interval {
    debug_assert!(lo <= hi && hi <= n);
    if p.is_zero() {
        return Interval::from_rational(&Rational::from(u32::from(lo == 0)), prec);
    }
    if *p == 1 {
        return Interval::from_rational(&Rational::from(u32::from(hi == n)), prec);
    }
    let chain = |round: Round, against: Round| -> Float {
        // `against` is the opposite direction, used for quantities that appear in a denominator.
        let q_with = Float::with_val_round(prec, 1 - p, round).0;
        let q_against = Float::with_val_round(prec, 1 - p, against).0;
        let ratio = Float::with_val_round(prec, p / &q_against, round).0;
        let coefficient = Float::with_val_round(prec, &Integer::from(Integer::binomial_u(n, lo)), round).0;
        let p_pow = Float::with_val_round(prec, p.pow(lo), round).0;
        let q_pow = Float::with_val_round(prec, (&q_with).pow(n - lo), round).0;
        let mut term = Float::with_val_round(prec, &coefficient * &p_pow, round).0;
        term = Float::with_val_round(prec, &term * &q_pow, round).0;
        let mut total = term.clone();
        for j in lo..hi {
            term = Float::with_val_round(prec, &term * (n - j), round).0;
            term = Float::with_val_round(prec, &term / (j + 1), round).0;
            term = Float::with_val_round(prec, &term * &ratio, round).0;
            total = Float::with_val_round(prec, &total + &term, round).0;
        }
        total
    };
    let lower = chain(Round::Down, Round::Up);
    let upper = chain(Round::Up, Round::Down);
    Interval::new(lower, upper).expect("outward chains are ordered")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn small_cases_match_hand_computation() {
        // Bin(3, 1/2): pmf 1/8, 3/8, 3/8, 1/8.
        assert_eq!(binomial_pmf(3, 1, &q(1, 2)).unwrap(), q(3, 8));
        assert_eq!(binomial_cdf(3, 1, &q(1, 2)).unwrap(), q(1, 2));
        assert_eq!(binomial_tail_upper(3, 3, &q(1, 3)).unwrap(), q(1, 27));
        assert_eq!(binomial_tail_upper(4, 0, &q(2, 7)).unwrap(), q(1, 1));
        assert_eq!(binomial_cdf(4, 4, &q(2, 7)).unwrap(), q(1, 1));
    }

    #[test]
    fn degenerate_probabilities() {
        assert_eq!(binomial_pmf(5, 0, &q(0, 1)).unwrap(), q(1, 1));
        assert_eq!(binomial_pmf(5, 5, &q(1, 1)).unwrap(), q(1, 1));
        assert_eq!(binomial_tail_upper(5, 1, &q(0, 1)).unwrap(), q(0, 1));
    }

    #[test]
    fn pmf_sums_to_one_and_tails_are_complementary() {
        let p = q(3, 10);
        let n = 37;
        let mut total = Rational::new();
        for k in 0..=n {
            total += binomial_pmf(n, k, &p).unwrap();
        }
        assert_eq!(total, 1);
        for k in 1..=n {
            let sum = binomial_cdf(n, k - 1, &p).unwrap() + binomial_tail_upper(n, k, &p).unwrap();
            assert_eq!(sum, 1);
        }
    }

    #[test]
    fn float_point_sums_enclose_the_exact_value() {
        let p = q(3, 8); // dyadic, so exact as a float
        let pf = Float::with_val(64, &p);
        for (lo, hi) in [(0, 10), (4, 40), (13, 13), (0, 40)] {
            let exact = range_probability(40, lo, hi, &p);
            let enclosure = binomial_range_at(40, lo, hi, &pf, 80);
            assert!(enclosure.contains_rational(&exact), "{lo}..{hi}");
        }
    }

    #[test]
    fn invalid_parameters_are_rejected() {
        assert_eq!(binomial_pmf(0, 0, &q(1, 2)), Err(BinomialError::ZeroTrials));
        assert_eq!(binomial_pmf(3, 4, &q(1, 2)), Err(BinomialError::CountAboveTrials { n: 3, k: 4 }));
        assert!(matches!(binomial_cdf(3, 1, &q(3, 2)), Err(BinomialError::ProbabilityOutOfRange(_))));
    }
}
