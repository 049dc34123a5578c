//! The Poisson-binomial law: the number of successes among independent Bernoulli(`p_i`).
//!
//! With a common denominator `D` of the `p_i = a_i/D`, the law is the polynomial
//! `Π_i ((D − a_i) + a_i z) / D^n`, whose integer coefficients are built one factor at a time
//! (`O(n²)` big-integer steps): every probability is an exact rational.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::poisson_binomial::poisson_binomial_tail_upper;
//! use rug::Rational;
//! // Fair coin and a sure success: P(S ≥ 2) = 1/2.
//! let ps = [Rational::from((1, 2)), Rational::from(1)];
//! assert_eq!(poisson_binomial_tail_upper(&ps, 2).unwrap(), Rational::from((1, 2)));
//! ```

use super::binomial::BinomialError;
use rug::{Integer, Rational};

/// `P(S ≥ k)` for `S = Σ Bernoulli(p_i)` independent, exactly.
///
/// # Errors
/// [`BinomialError`] when there are no trials, `k` exceeds their number, or a `p_i ∉ [0, 1]`.
pub fn poisson_binomial_tail_upper(ps: &[Rational], k: u32) -> Result<Rational, BinomialError> {
    let n = u32::try_from(ps.len()).map_err(|_| BinomialError::ZeroTrials)?;
    if n == 0 {
        return Err(BinomialError::ZeroTrials);
    }
    if k > n {
        return Err(BinomialError::CountAboveTrials { n, k });
    }
    if let Some(p) = ps.iter().find(|p| **p < 0 || **p > 1) {
        return Err(BinomialError::ProbabilityOutOfRange(super::decimal::format_rational(p)));
    }
    let mut den = Integer::from(1);
    for p in ps {
        den.lcm_mut(p.denom());
    }
    // coefficients[j]: the count of outcomes with j successes, over D^i after i factors.
    let mut coefficients = vec![Integer::from(1)];
    let mut total = Integer::from(1);
    for p in ps {
        let a = Rational::from(p * &den).numer().clone();
        let b = Integer::from(&den - &a);
        let mut next = vec![Integer::new(); coefficients.len() + 1];
        for (j, c) in coefficients.iter().enumerate() {
            next[j] += Integer::from(c * &b);
            next[j + 1] += Integer::from(c * &a);
        }
        coefficients = next;
        total *= &den;
    }
    let tail: Integer = coefficients[k as usize..].iter().sum();
    Ok(Rational::from((tail, total)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::binomial_tail_upper;

    #[test]
    fn equal_probabilities_give_the_binomial_law() {
        let p = Rational::from((2, 7));
        let ps = vec![p.clone(); 30];
        for k in [0, 1, 9, 30] {
            assert_eq!(poisson_binomial_tail_upper(&ps, k).unwrap(), binomial_tail_upper(30, k, &p).unwrap());
        }
        assert!(poisson_binomial_tail_upper(&[], 0).is_err());
        assert!(poisson_binomial_tail_upper(&[Rational::from(2)], 0).is_err());
    }
}
