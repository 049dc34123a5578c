//! Finite-support laws on rational points, and the exact law of sums of i.i.d. copies.
//!
//! A law with atoms `x_i` (rational) and probabilities `p_i` (rational, summing to exactly 1)
//! is stored merged (equal atoms combined), sorted, and with zero-probability atoms dropped, so
//! that point masses and atoms of probability zero are handled like any other law.
//!
//! # Formula
//! The atoms lie on the lattice `x_min + j·step` with integer `j ∈ [0, d]`; with a common
//! denominator `W` of the probabilities the sum of `n` copies has the law of the polynomial
//! `P(z)^n / W^n`, `P(z) = Σ_j c_j z^j` with integer `c_j = p_j·W`. The coefficients `q_m` of
//! `P^n` follow J. C. P. Miller's recurrence (from `Q'P = nP'Q`):
//! `m·c_0·q_m = Σ_{j=1}^{min(d,m)} (j(n+1) − m)·c_j·q_{m−j}`, `q_0 = c_0^n`,
//! whose division is exact in integers. Only the last `d` coefficients are kept, so a tail of a
//! sum of `10^4` copies costs `O(n·d²)` big-integer steps and `O(d)` memory; an upper tail is
//! summed from the top (the reversed polynomial) when that is the shorter side. Every result is
//! an exact rational.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::FiniteLaw;
//! use rug::Rational;
//! let law = FiniteLaw::new(vec![Rational::from(0), Rational::from(1)], vec![Rational::from((1, 2)); 2]).unwrap();
//! // P(X_1 + X_2 + X_3 ≥ 2) = 1/2 for fair coins.
//! assert_eq!(law.sum_upper_tail(3, &Rational::from(2)), Rational::from((1, 2)));
//! ```

use super::decimal::format_rational;
use rug::{Integer, Rational};
use std::collections::VecDeque;
use thiserror::Error;

/// A finite law that cannot be built from the given atoms and probabilities.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LawError {
    #[error("the law has no atoms")]
    Empty,
    #[error("{values} atoms but {probabilities} probabilities")]
    LengthMismatch { values: usize, probabilities: usize },
    #[error("probability {index} = {value} is negative")]
    NegativeProbability { index: usize, value: String },
    #[error("the probabilities sum to {sum}, not 1")]
    NotNormalised { sum: String },
    #[error("all weights are zero: the weights describe no law")]
    ZeroTotalWeight,
}

/// A probability law with finitely many rational atoms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FiniteLaw {
    /// `(atom, probability)`, sorted by atom, atoms distinct, probabilities positive.
    support: Vec<(Rational, Rational)>,
}

impl FiniteLaw {
    /// The law putting probability `probabilities[i]` on `values[i]`.
    ///
    /// # Errors
    /// [`LawError`] when there are no atoms, the lengths differ, a probability is negative, or
    /// the probabilities do not sum to exactly 1.
    pub fn new(values: Vec<Rational>, probabilities: Vec<Rational>) -> Result<Self, LawError> {
        if values.is_empty() {
            return Err(LawError::Empty);
        }
        if values.len() != probabilities.len() {
            return Err(LawError::LengthMismatch { values: values.len(), probabilities: probabilities.len() });
        }
        if let Some((index, p)) = probabilities.iter().enumerate().find(|(_, p)| **p < 0) {
            return Err(LawError::NegativeProbability { index, value: format_rational(p) });
        }
        let sum: Rational = probabilities.iter().sum();
        if sum != 1 {
            return Err(LawError::NotNormalised { sum: format_rational(&sum) });
        }
        let mut support: Vec<(Rational, Rational)> = Vec::new();
        let mut pairs: Vec<(Rational, Rational)> = values.into_iter().zip(probabilities).filter(|(_, p)| *p > 0).collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        for (x, p) in pairs {
            match support.last_mut() {
                Some((last, q)) if *last == x => *q += p,
                _ => support.push((x, p)),
            }
        }
        Ok(FiniteLaw { support })
    }

    /// The law with probabilities proportional to non-negative integer `weights`.
    ///
    /// # Errors
    /// [`LawError`] when there are no atoms, the lengths differ, or every weight is zero.
    pub fn from_weights(values: Vec<Rational>, weights: &[u64]) -> Result<Self, LawError> {
        if values.len() != weights.len() {
            return Err(LawError::LengthMismatch { values: values.len(), probabilities: weights.len() });
        }
        let total: u64 = weights.iter().sum();
        if values.is_empty() {
            return Err(LawError::Empty);
        }
        if total == 0 {
            return Err(LawError::ZeroTotalWeight);
        }
        let probabilities = weights.iter().map(|w| Rational::from((*w, total))).collect();
        FiniteLaw::new(values, probabilities)
    }

    /// The Bernoulli(`p`) law on `{0, 1}`.
    pub fn bernoulli(p: &Rational) -> Result<Self, LawError> {
        FiniteLaw::new(vec![Rational::new(), Rational::from(1)], vec![Rational::from(1 - p), p.clone()])
    }

    /// The atoms with positive probability, sorted, with their probabilities.
    pub fn support(&self) -> &[(Rational, Rational)] {
        &self.support
    }

    pub fn min(&self) -> &Rational {
        &self.support[0].0
    }

    pub fn max(&self) -> &Rational {
        &self.support[self.support.len() - 1].0
    }

    /// `E X`.
    pub fn mean(&self) -> Rational {
        self.support.iter().map(|(x, p)| Rational::from(x * p)).sum()
    }

    /// `E|X − EX|^k`.
    pub fn central_abs_moment(&self, k: u32) -> Rational {
        use rug::ops::Pow;
        let mu = self.mean();
        self.support.iter().map(|(x, p)| Rational::from(x - &mu).abs().pow(k) * p).sum()
    }

    /// `Var X`.
    pub fn variance(&self) -> Rational {
        self.central_abs_moment(2)
    }

    /// The lattice the sum of `n` copies lives on.
    pub fn sum_lattice(&self, n: u32) -> SumLattice {
        let poly = self.polynomial();
        let top = u64::from(n) * poly.degree();
        SumLattice {
            offset: Rational::from(self.min() * n),
            step: poly.step.clone(),
            top,
            total: Integer::from(rug::ops::Pow::pow(&poly.denominator, n)),
        }
    }

    /// `P(X_1 + … + X_n ≥ s)`, exactly.
    pub fn sum_upper_tail(&self, n: u32, s: &Rational) -> Rational {
        let lattice = self.sum_lattice(n);
        // The first lattice position m with offset + m·step ≥ s.
        let first = (Rational::from(s - &lattice.offset) / &lattice.step).ceil();
        if first <= 0 {
            return Rational::from(1);
        }
        if first > lattice.top {
            return Rational::new();
        }
        let first = first.numer().to_u64().expect("position fits u64");
        let poly = self.polynomial();
        let count = if first > lattice.top / 2 {
            // Sum the top positions first..=top, i.e. positions 0..=top−first of the reversal.
            sum_positions(&poly.reversed(), n, lattice.top - first)
        } else {
            &lattice.total - sum_positions(&poly.coefficients, n, first - 1)
        };
        Rational::from((count, lattice.total))
    }

    /// `P(X_1 + … + X_n ≤ s)`, exactly.
    pub fn sum_lower_tail(&self, n: u32, s: &Rational) -> Rational {
        let negated = FiniteLaw { support: self.support.iter().rev().map(|(x, p)| (Rational::from(-x), p.clone())).collect() };
        negated.sum_upper_tail(n, &Rational::from(-s))
    }

    /// Calls `visit(m, q_m)` for every lattice position `m = 0..=top` of the sum of `n` copies,
    /// in increasing order; the probability of `offset + m·step` is `q_m / total`.
    pub fn visit_sum_masses(&self, n: u32, mut visit: impl FnMut(u64, &Integer)) {
        let poly = self.polynomial();
        let top = u64::from(n) * poly.degree();
        miller(&poly.coefficients, n, top, |m, q| visit(m, q));
    }

    fn polynomial(&self) -> LatticePolynomial {
        let x0 = self.min().clone();
        let offsets: Vec<Rational> = self.support.iter().map(|(x, _)| Rational::from(x - &x0)).collect();
        let mut denominator = Integer::from(1);
        for o in &offsets {
            denominator.lcm_mut(o.denom());
        }
        let mut positions: Vec<Integer> = offsets.iter().map(|o| Rational::from(o * &denominator).numer().clone()).collect();
        let mut g = Integer::new();
        for p in &positions {
            g.gcd_mut(p);
        }
        if g == 0 {
            g = Integer::from(1);
        }
        for p in &mut positions {
            p.div_exact_mut(&g);
        }
        let step = Rational::from((g, denominator));
        let mut weight_den = Integer::from(1);
        for (_, p) in &self.support {
            weight_den.lcm_mut(p.denom());
        }
        let degree = positions.last().and_then(|p| p.to_usize()).expect("lattice degree fits usize");
        let mut coefficients = vec![Integer::new(); degree + 1];
        for ((_, p), j) in self.support.iter().zip(&positions) {
            let j = j.to_usize().expect("fits");
            coefficients[j] += Rational::from(p * &weight_den).numer();
        }
        LatticePolynomial { coefficients, step, denominator: weight_den }
    }
}

/// Where the sum of `n` copies lives: `offset + m·step`, `m = 0..=top`, with masses `q_m/total`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SumLattice {
    pub offset: Rational,
    pub step: Rational,
    pub top: u64,
    pub total: Integer,
}

struct LatticePolynomial {
    /// `c_j`, `j = 0..=d`, with `c_0 > 0` and `c_d > 0`.
    coefficients: Vec<Integer>,
    step: Rational,
    /// `W`: the probabilities are `c_j / W`.
    denominator: Integer,
}

impl LatticePolynomial {
    fn degree(&self) -> u64 {
        (self.coefficients.len() - 1) as u64
    }
    fn reversed(&self) -> Vec<Integer> {
        self.coefficients.iter().rev().cloned().collect()
    }
}

/// `Σ_{m=0}^{upto} q_m` for `P(z)^n`, `P` given by `c` with `c_0 > 0`.
fn sum_positions(c: &[Integer], n: u32, upto: u64) -> Integer {
    let mut total = Integer::new();
    miller(c, n, upto, |_, q| total += q);
    total
}

/// Miller's recurrence for the coefficients `q_0..=q_upto` of `P(z)^n`, streamed to `visit`.
fn miller(c: &[Integer], n: u32, upto: u64, mut visit: impl FnMut(u64, &Integer)) {
    let d = c.len() - 1;
    let q0 = Integer::from(rug::ops::Pow::pow(&c[0], n));
    visit(0, &q0);
    if d == 0 {
        return;
    }
    // window[i] = q_{m−1−i}
    let mut window: VecDeque<Integer> = VecDeque::with_capacity(d);
    window.push_front(q0);
    let n1 = u64::from(n) + 1;
    let mut acc = Integer::new();
    let mut term = Integer::new();
    for m in 1..=upto {
        acc.assign_zero();
        for j in 1..=d.min(m as usize) {
            if c[j] == 0 {
                continue;
            }
            // (j(n+1) − m)·c_j·q_{m−j}
            let factor = Integer::from(j as u64 * n1) - m;
            term.clone_from(&window[j - 1]);
            term *= &c[j];
            term *= &factor;
            acc += &term;
        }
        acc.div_exact_mut(&Integer::from(&c[0] * m));
        visit(m, &acc);
        if window.len() == d {
            window.pop_back();
        }
        window.push_front(acc.clone());
    }
}

trait AssignZero {
    fn assign_zero(&mut self);
}

impl AssignZero for Integer {
    fn assign_zero(&mut self) {
        rug::Assign::assign(self, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    /// `P(S_n ≥ s)` by brute force over all `k^n` outcomes.
    fn brute_tail(law: &FiniteLaw, n: u32, s: &Rational) -> Rational {
        let k = law.support().len();
        let mut total = Rational::new();
        for code in 0..k.pow(n) {
            let (mut c, mut sum, mut p) = (code, Rational::new(), Rational::from(1));
            for _ in 0..n {
                let (x, px) = &law.support()[c % k];
                sum += x;
                p *= px;
                c /= k;
            }
            if sum >= *s {
                total += p;
            }
        }
        total
    }

    #[test]
    fn tails_match_brute_force_enumeration() {
        let law =
            FiniteLaw::new(vec![q(0, 1), q(1, 3), q(3, 4), q(1, 3), q(1, 1)], vec![q(1, 5), q(1, 10), q(2, 5), q(1, 5), q(1, 10)]).unwrap();
        assert_eq!(law.support().len(), 4);
        for n in 1..=5 {
            for s in [q(-1, 1), q(0, 1), q(1, 2), q(7, 6), q(2, 1), q(11, 4), q(5, 1), q(6, 1)] {
                assert_eq!(law.sum_upper_tail(n, &s), brute_tail(&law, n, &s), "n = {n}, s = {s}");
                let lower = law.sum_lower_tail(n, &s);
                let strictly_above = Rational::from(1) - &lower;
                let s_plus = &s + q(1, 1_000_000);
                assert_eq!(strictly_above, brute_tail(&law, n, &s_plus), "lower tail n = {n}, s = {s}");
            }
        }
    }

    #[test]
    fn masses_sum_to_one_and_bernoulli_matches_binomial() {
        let law = FiniteLaw::bernoulli(&q(2, 7)).unwrap();
        for (n, k) in [(10u32, 3u32), (200, 60), (1000, 290)] {
            let tail = law.sum_upper_tail(n, &Rational::from(k));
            assert_eq!(tail, crate::reference::binomial_tail_upper(n, k, &q(2, 7)).unwrap());
        }
        let law = FiniteLaw::from_weights(vec![q(0, 1), q(1, 2), q(1, 1)], &[3, 0, 5]).unwrap();
        let lattice = law.sum_lattice(7);
        let mut total = Integer::new();
        law.visit_sum_masses(7, |_, m| total += m);
        assert_eq!(total, lattice.total);
    }

    #[test]
    fn point_masses_and_bad_laws() {
        let point = FiniteLaw::new(vec![q(1, 3)], vec![q(1, 1)]).unwrap();
        assert_eq!(point.sum_upper_tail(5, &q(5, 3)), q(1, 1));
        assert_eq!(point.sum_upper_tail(5, &q(16, 9)), q(0, 1));
        assert_eq!(point.variance(), 0);
        assert_eq!(FiniteLaw::new(vec![], vec![]), Err(LawError::Empty));
        assert!(matches!(FiniteLaw::new(vec![q(0, 1)], vec![q(1, 2)]), Err(LawError::NotNormalised { .. })));
        assert!(matches!(
            FiniteLaw::new(vec![q(0, 1), q(1, 1)], vec![q(3, 2), q(-1, 2)]),
            Err(LawError::NegativeProbability { index: 1, .. })
        ));
        assert!(matches!(FiniteLaw::new(vec![q(0, 1)], vec![q(1, 2), q(1, 2)]), Err(LawError::LengthMismatch { .. })));
        assert_eq!(FiniteLaw::from_weights(vec![q(0, 1)], &[0]), Err(LawError::ZeroTotalWeight));
    }
}
