//! Validity of the shuffle test behind palimpsestic membership inference (Kuditipudi et al.,
//! "Blackbox Model Provenance via Palimpsestic Membership Inference", 2025), exact over every
//! training order.
//!
//! # Statement
//! Alice trains on `n` examples in a uniformly random order `π`; Bob's model scores the examples
//! `s_1..s_n` (here, small integers, ties allowed). Under the null hypothesis Bob's scores are
//! independent of Alice's shuffle. The test statistic is the Spearman correlation between the
//! scores and the training order, and its p-value compares it with the statistic under other
//! orders: `exact`, `p = #{σ ∈ S_n : T(σ) ≥ T(π)}/n!`; `monte_carlo`, with `m` fresh uniform
//! shuffles `σ_j`, `p = (1 + #{j : T(σ_j) ≥ T(π)})/(m + 1)`. The paper's claim that a significant
//! correlation is "exactly quantifiable statistical evidence against the null" is the validity
//! `P(p ≤ α) ≤ α` for every `α`.
//!
//! # Formula
//! Conditioning on the scores (they are independent of `π`), the probability is over `π` alone.
//! Spearman's ρ is an increasing affine function of `T(π) = Σ_i r_i·π(i)` (`r_i` the mid-ranks of
//! the scores, doubled to stay integer; `π(i)` the position of example `i`), because the positions
//! are a permutation of `1..n` with fixed mean and variance; with all scores tied ρ is undefined and
//! `T` is constant, so `p = 1`. All `n!` orders are enumerated. Exact test: `P(p ≤ α)` counts the
//! orders whose tail count is at most `α·n!`. Monte Carlo test: given `T(π) = t`, the exceedances
//! are `Bin(m, q(t))` with `q(t) = #{σ : T(σ) ≥ t}/n!`, so `P(p ≤ α) = Σ_t P(T = t)·P(Bin(m, q(t))
//! ≤ ⌊α(m + 1)⌋ − 1)`, exact rationals. The twin counts only strict exceedances and drops the
//! `+1`s, an anti-conservative p-value.

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{binomial_cdf, Enclosure};
use rug::{Integer, Rational};

/// The largest `n` enumerated (`7! = 5040` orders).
const MAX_N: u32 = 7;

/// The most Monte Carlo reshuffles: the law of the exceedance count is an exact binomial sum
/// over `m` terms with denominators `(n!)^m`, so `m` must stay bounded whatever a spec declares.
const MAX_M: u32 = 1000;

/// The shuffle test's validity (or, `strict`, the invalid p-value of the twin).
pub struct PalimpsestShuffleTest {
    id: &'static str,
    strict: bool,
}

impl PalimpsestShuffleTest {
    pub fn catalogue() -> Self {
        PalimpsestShuffleTest { id: "monte_carlo.palimpsest_shuffle_test", strict: false }
    }

    /// `p` from strict exceedances only, without the observed order: false.
    pub fn strict() -> Self {
        PalimpsestShuffleTest { id: "monte_carlo.palimpsest_shuffle_test_strict", strict: true }
    }
}

const SCORES: [&str; MAX_N as usize] = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"];

const PARAMETERS: [ParamRequirement; 11] = [
    ParamRequirement::integer("n"),
    ParamRequirement::set("test"),
    ParamRequirement::integer("m"),
    ParamRequirement::number("alpha"),
    ParamRequirement::integer("s1"),
    ParamRequirement::integer("s2"),
    ParamRequirement::integer("s3"),
    ParamRequirement::integer("s4"),
    ParamRequirement::integer("s5"),
    ParamRequirement::integer("s6"),
    ParamRequirement::integer("s7"),
];

/// Twice the mid-ranks of `scores` (1-based), so ties stay integer.
fn doubled_mid_ranks(scores: &[i64]) -> Vec<i64> {
    scores
        .iter()
        .map(|s| {
            let below = scores.iter().filter(|t| *t < s).count() as i64;
            let equal = scores.iter().filter(|t| *t == s).count() as i64;
            // Mid-rank below + (equal + 1)/2, doubled.
            2 * below + equal + 1
        })
        .collect()
}

/// `T(π) = Σ_i r_i·π(i)` for every order `π` of `0..n` (positions 1-based), in enumeration order.
fn statistics(ranks: &[i64]) -> Vec<i64> {
    fn visit(ranks: &[i64], position: &mut Vec<i64>, used: &mut [bool], out: &mut Vec<i64>) {
        if position.len() == ranks.len() {
            out.push(ranks.iter().zip(position.iter()).map(|(r, p)| r * p).sum());
            return;
        }
        for slot in 0..ranks.len() {
            if !used[slot] {
                used[slot] = true;
                position.push(slot as i64 + 1);
                visit(ranks, position, used, out);
                position.pop();
                used[slot] = false;
            }
        }
    }
    let mut out = Vec::new();
    visit(ranks, &mut Vec::with_capacity(ranks.len()), &mut vec![false; ranks.len()], &mut out);
    out
}

impl Theorem for PalimpsestShuffleTest {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        if !(2..=MAX_N).contains(&n) {
            return Err(EvalError::reference(format!("n must lie in 2..={MAX_N} (all n! orders are enumerated), got {n}")));
        }
        let alpha = instance.number("alpha")?.clone();
        if !(alpha > 0 && alpha <= 1) {
            return Err(EvalError::reference("alpha must lie in (0, 1]"));
        }
        let scores = SCORES[..n as usize].iter().map(|s| instance.integer(s)).collect::<Result<Vec<_>, _>>()?;
        let t = statistics(&doubled_mid_ranks(&scores));
        let orders = t.len() as u64;
        let mut sorted = t.clone();
        sorted.sort_unstable();
        // #{σ : T(σ) ≥ v} (or > v for the twin).
        let tail = |v: i64| -> u64 {
            let at = if self.strict { sorted.partition_point(|x| *x <= v) } else { sorted.partition_point(|x| *x < v) };
            (sorted.len() - at) as u64
        };
        let probability = match instance.choice("test")? {
            "exact" => {
                // Twin: p = #{σ : T(σ) > T(π)}/n!; catalogue: p = #{σ : T(σ) ≥ T(π)}/n!.
                let rejected = t.iter().filter(|v| Rational::from((tail(**v), orders)) <= alpha).count() as u64;
                Rational::from((rejected, orders))
            }
            _ => {
                let m = instance.count("m")?;
                if !(1..=MAX_M).contains(&m) {
                    return Err(EvalError::reference(format!(
                        "m must lie in 1..={MAX_M} (an exact binomial law over m reshuffles), got {m}"
                    )));
                }
                let mut total = Rational::new();
                let mut values = sorted.clone();
                values.dedup();
                for v in values {
                    // `sorted` is sorted: the orders with T = v are one run of it.
                    let multiplicity = sorted.partition_point(|x| *x <= v) - sorted.partition_point(|x| *x < v);
                    let weight = Rational::from((multiplicity as u64, orders));
                    let q = Rational::from((tail(v), orders));
                    // Catalogue: p = (1 + X)/(m + 1) ≤ α ⇔ X ≤ ⌊α(m + 1)⌋ − 1; twin: p = X/m ≤ α ⇔ X ≤ ⌊αm⌋.
                    let bound = if self.strict {
                        Integer::from((alpha.clone() * m).floor_ref())
                    } else {
                        Integer::from((alpha.clone() * (m + 1)).floor_ref()) - 1u32
                    };
                    if bound < 0 {
                        continue;
                    }
                    let k = bound.to_u32().unwrap_or(m).min(m);
                    total += weight * binomial_cdf(m, k, &q).map_err(EvalError::reference)?;
                }
                total
            }
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(probability), Relation::Le, Enclosure::exact(alpha))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let n = instance.count("n").ok()?.min(MAX_N) as usize;
        let scores: Vec<String> = SCORES[..n].iter().filter_map(|s| instance.integer(s).ok().map(|v| v.to_string())).collect();
        Some(format!("scores ({})", scores.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_ranks_and_statistics_of_a_small_case() {
        assert_eq!(doubled_mid_ranks(&[3, 1, 3]), vec![5, 2, 5]);
        // Ranks (1, 2) doubled (2, 4): orders (1, 2) → 2 + 8 = 10, (2, 1) → 4 + 4 = 8.
        assert_eq!(statistics(&[2, 4]), vec![10, 8]);
    }

    #[test]
    fn a_reshuffle_count_beyond_the_bound_is_a_typed_error_not_a_long_computation() {
        use crate::engine::Value;
        let mut at = Instance::default()
            .with("n", Value::Integer(3))
            .with("test", Value::Choice("monte_carlo".into()))
            .with("m", Value::Integer(5_000_000))
            .with("alpha", Value::Number(Rational::from((1, 2))));
        for s in SCORES {
            at = at.with(s, Value::Integer(1));
        }
        let e = PalimpsestShuffleTest::catalogue().evaluate(&at, &Instance::default(), 64).expect_err("refused");
        assert!(e.to_string().contains("m must lie in 1..=1000"), "{e}");
    }
}
