//! Exact binomial tails by binary splitting, for large `n`.
//!
//! With `p = a/d` in lowest terms and `b = d − a`, `P(lo ≤ X ≤ hi) = S/d^n` with
//! `S = Σ_{j=lo}^{hi} T_j`, `T_j = C(n,j) a^j b^{n−j}` and `T_{j+1}/T_j = (n − j)a/((j + 1)b)`.
//! Writing `p_j = (n − j)a`, `q_j = (j + 1)b`, the sum is `S = T_lo·(Q + R)/Q` where, over the
//! steps `[l, r)`, `P = Π p_j`, `Q = Π q_j` and `R = Σ_m (Π_{i≤m} p_i)(Π_{i>m} q_i)` combine as
//! `P = P₁P₂`, `Q = Q₁Q₂`, `R = R₁Q₂ + P₁R₂`. Balanced products let GMP's subquadratic
//! multiplication do the work, so the cost is `O(M(n log n) log n)` instead of the `O(n²)` of the
//! term-by-term recurrence in [`super::binomial`]. The result is the same exact rational (a
//! test checks equality).
//!
//! # Examples
//! ```
//! use theoremcheck::reference::binomial_split::binomial_tail_upper_split;
//! use theoremcheck::reference::binomial_tail_upper;
//! use rug::Rational;
//! let p = Rational::from((1, 4));
//! assert_eq!(binomial_tail_upper_split(1000, 260, &p).unwrap(), binomial_tail_upper(1000, 260, &p).unwrap());
//! ```

use super::binomial::BinomialError;
use rug::ops::Pow;
use rug::{Integer, Rational};

/// `P(X ≥ k)` for `X ~ Bin(n, p)`, exactly, by binary splitting.
///
/// # Errors
/// [`BinomialError`] for `n = 0`, `k > n` or `p ∉ [0, 1]`.
pub fn binomial_tail_upper_split(n: u32, k: u32, p: &Rational) -> Result<Rational, BinomialError> {
    if n == 0 {
        return Err(BinomialError::ZeroTrials);
    }
    if k > n {
        return Err(BinomialError::CountAboveTrials { n, k });
    }
    if *p < 0 || *p > 1 {
        return Err(BinomialError::ProbabilityOutOfRange(super::decimal::format_rational(p)));
    }
    if *p == 0 {
        return Ok(Rational::from(u32::from(k == 0)));
    }
    if *p == 1 || k == 0 {
        return Ok(Rational::from(1));
    }
    let a = p.numer().clone();
    let d = p.denom().clone();
    let b = Integer::from(&d - &a);
    let total = Integer::from((&d).pow(n));
    // Sum the shorter side: [k, n] or its complement [0, k − 1].
    let upper = if n - k < k { range_sum(n, k, n, &a, &b) } else { &total - range_sum(n, 0, k - 1, &a, &b) };
    Ok(Rational::from((upper, total)))
}

/// `Σ_{j=lo}^{hi} C(n,j) a^j b^{n−j}` for `b > 0`.
fn range_sum(n: u32, lo: u32, hi: u32, a: &Integer, b: &Integer) -> Integer {
    let first = Integer::from(Integer::binomial_u(n, lo)) * Integer::from(a.pow(lo)) * Integer::from(b.pow(n - lo));
    if hi == lo {
        return first;
    }
    let (_, q, r) = split(n, lo, hi, a, b);
    let mut s = first * Integer::from(&q + &r);
    s.div_exact_mut(&q);
    s
}

/// `(P, Q, R)` over the steps `j ∈ [l, r)`.
fn split(n: u32, l: u32, r: u32, a: &Integer, b: &Integer) -> (Integer, Integer, Integer) {
    if r - l == 1 {
        let p = Integer::from(n - l) * a;
        let q = Integer::from(l + 1) * b;
        return (p.clone(), q, p);
    }
    let mid = l + (r - l) / 2;
    let (p1, q1, r1) = split(n, l, mid, a, b);
    let (p2, q2, r2) = split(n, mid, r, a, b);
    let r = r1 * &q2 + Integer::from(&p1 * &r2);
    (p1 * p2, q1 * q2, r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::binomial_tail_upper;

    #[test]
    fn agrees_with_the_term_by_term_sum() {
        for (n, k, p) in [
            (1u32, 1u32, (1, 2)),
            (7, 0, (1, 3)),
            (7, 7, (2, 9)),
            (50, 20, (3, 7)),
            (501, 300, (1, 2)),
            (2000, 530, (1, 4)),
            (999, 1, (1, 1000)),
        ] {
            let p = Rational::from(p);
            assert_eq!(binomial_tail_upper_split(n, k, &p).unwrap(), binomial_tail_upper(n, k, &p).unwrap(), "n = {n}, k = {k}");
        }
        assert_eq!(binomial_tail_upper_split(5, 3, &Rational::from(0)).unwrap(), 0);
        assert!(binomial_tail_upper_split(5, 6, &Rational::from((1, 2))).is_err());
    }
}
