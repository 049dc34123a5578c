//! The multinomial law of the atom counts of `n` i.i.d. draws from a finite law, enumerated.

use crate::reference::FiniteLaw;
use rug::ops::Pow;
use rug::{Integer, Rational};

/// Calls `visit(counts, mass)` for every composition `counts` of `n` over the law's atoms,
/// where `mass / total` (the returned `total = W^n`) is its exact multinomial probability.
///
/// The last two coordinates are swept with the exact recurrence
/// `T_{j+1} = T_j·(r − j)·a_last / ((j + 1)·a_prev)` (as for binomial sums), so each term after
/// the first of a sweep costs a few small multiplications.
pub fn for_each_composition(law: &FiniteLaw, n: u32, mut visit: impl FnMut(&[u32], &Integer)) -> Integer {
    let mut den = Integer::from(1);
    for (_, p) in law.support() {
        den.lcm_mut(p.denom());
    }
    let weights: Vec<Integer> = law.support().iter().map(|(_, p)| Rational::from(p * &den).numer().clone()).collect();
    let k = weights.len();
    let total = Integer::from((&den).pow(n));
    let mut counts = vec![0u32; k];
    if k == 1 {
        counts[0] = n;
        visit(&counts, &total);
        return total;
    }
    prefix(&weights, n, 0, n, Integer::from(1), &mut counts, &mut visit);
    total
}

/// Fixes `counts[i]` for `i < k − 2` recursively; `factor` is `n!/(Π_{i<at} c_i!·r!)·Π a_i^{c_i}`.
fn prefix(
    weights: &[Integer],
    n: u32,
    at: usize,
    remaining: u32,
    factor: Integer,
    counts: &mut [u32],
    visit: &mut impl FnMut(&[u32], &Integer),
) {
    let k = weights.len();
    if at == k - 2 {
        // Sweep (r − j, j) over the last two atoms.
        let (a, b) = (&weights[k - 2], &weights[k - 1]);
        let r = remaining;
        let mut term = factor * Integer::from(a.pow(r));
        for j in 0..=r {
            counts[k - 2] = r - j;
            counts[k - 1] = j;
            visit(counts, &term);
            if j < r {
                term *= r - j;
                term *= b;
                term.div_exact_u_mut(j + 1);
                term.div_exact_mut(a);
            }
        }
        return;
    }
    for c in 0..=remaining {
        counts[at] = c;
        // factor · C(remaining, c) · a^c
        let next = Integer::from(&factor * &Integer::from(Integer::binomial_u(remaining, c))) * Integer::from((&weights[at]).pow(c));
        prefix(weights, n, at + 1, remaining - c, next, counts, visit);
    }
    let _ = n;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masses_sum_to_the_total_and_match_the_law() {
        let law = FiniteLaw::from_weights(
            vec![Rational::from(0), Rational::from((1, 3)), Rational::from((1, 2)), Rational::from(1)],
            &[3, 1, 2, 5],
        )
        .unwrap();
        let mut sum = Integer::new();
        let mut mean = Rational::new();
        let total = for_each_composition(&law, 7, |c, m| {
            sum += m;
            let s: Rational = c.iter().zip(law.support()).map(|(c, (x, _))| Rational::from(x * *c)).sum();
            mean += s * Rational::from((m.clone(), Integer::from(1)));
        });
        assert_eq!(sum, total);
        assert_eq!(mean / Rational::from((total, Integer::from(1))), law.mean() * 7u32);
    }
}
