//! Sound statistical tests for claims that have no exact or certified evaluation.
//!
//! One false-alarm budget α covers a whole suite run (default 10⁻⁶); it is split across the
//! tests that draw on it (Bonferroni), so the probability that *any* test of the run raises a
//! false alarm when every claim holds is at most α. The basic test is the exact one-sided
//! binomial test of "failure rate ≤ δ", whose p-value is an exact rational.

mod confidence_sequence;
mod harness;

pub use confidence_sequence::BettingTest;
pub use harness::{fixed_trials_test, sequential_test, SequentialOutcome};

use crate::reference::decimal::format_rational;
use crate::reference::{binomial_tail_upper, clopper_pearson_lower, Enclosure, Interval};
use rug::float::Round;
use rug::Float;
use rug::Rational;
use thiserror::Error;

/// The suite's default false-alarm budget.
pub fn default_alpha() -> Rational {
    Rational::from((1, 1_000_000))
}

/// Parameters outside a test's domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StatsError {
    #[error("alpha = {0} is outside (0, 1)")]
    AlphaOutOfRange(String),
    #[error("delta = {0} is outside (0, 1)")]
    DeltaOutOfRange(String),
    #[error("{failures} failures in {trials} trials is impossible")]
    TooManyFailures { failures: u32, trials: u32 },
    #[error("a test needs at least one trial")]
    NoTrials,
    #[error("the budget cannot be split into 0 parts")]
    NoParts,
}

/// A false-alarm budget to be shared by several tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlphaBudget {
    total: Rational,
}

impl AlphaBudget {
    pub fn new(total: Rational) -> Result<Self, StatsError> {
        if total <= 0 || total >= 1 {
            return Err(StatsError::AlphaOutOfRange(format_rational(&total)));
        }
        Ok(AlphaBudget { total })
    }

    pub fn total(&self) -> &Rational {
        &self.total
    }

    /// The level of each of `parts` tests, so that their union has false-alarm probability ≤ α.
    pub fn per_test(&self, parts: u32) -> Result<Rational, StatsError> {
        if parts == 0 {
            return Err(StatsError::NoParts);
        }
        Ok(Rational::from(&self.total / parts))
    }
}

impl Default for AlphaBudget {
    fn default() -> Self {
        AlphaBudget { total: default_alpha() }
    }
}

/// The result of testing "failure rate ≤ δ".
#[derive(Clone, Debug, PartialEq)]
pub struct RateTest {
    /// `P(Bin(trials, δ) ≥ failures)`: the exact p-value of the observation under the null.
    pub p_value: Rational,
    /// Whether the null "rate ≤ δ" is rejected at the test's level.
    pub rejected: bool,
}

/// The Clopper–Pearson lower confidence bound on a failure rate at confidence `1 − α`: it
/// exceeds δ exactly when [`failure_rate_test`] rejects "rate ≤ δ" at level α.
pub fn rate_lower_bound(trials: u32, failures: u32, alpha: &Rational) -> Result<Enclosure, StatsError> {
    if *alpha <= 0 || *alpha >= 1 {
        return Err(StatsError::AlphaOutOfRange(format_rational(alpha)));
    }
    clopper_pearson_lower(trials, failures, alpha, 128).map_err(|_| StatsError::TooManyFailures { failures, trials })
}

/// The exact one-sided binomial test of H₀: "the failure rate is at most δ", at level α.
///
/// Rejects when `P(Bin(trials, δ) ≥ failures) ≤ α`. Under H₀ the number of failures is
/// stochastically at most `Bin(trials, δ)`, so the probability of a rejection is at most α: the
/// test is exact, not asymptotic.
pub fn failure_rate_test(trials: u32, failures: u32, delta: &Rational, alpha: &Rational) -> Result<RateTest, StatsError> {
    if trials == 0 {
        return Err(StatsError::NoTrials);
    }
    if failures > trials {
        return Err(StatsError::TooManyFailures { failures, trials });
    }
    if *delta <= 0 || *delta >= 1 {
        return Err(StatsError::DeltaOutOfRange(format_rational(delta)));
    }
    if *alpha <= 0 || *alpha >= 1 {
        return Err(StatsError::AlphaOutOfRange(format_rational(alpha)));
    }
    let p_value = binomial_tail_upper(trials, failures, delta).expect("arguments checked");
    let rejected = p_value <= *alpha;
    Ok(RateTest { p_value, rejected })
}

/// The p-value of [`failure_rate_test`] when only bounds on the failure count are known:
/// `certain` failures are sure, `possible` (≥ `certain`) may be. More failures give a smaller
/// p-value, so the true one lies between the p-values of `possible` and `certain`; the result
/// is that interval (exact when they agree), rounded outward at `prec` bits. An undecided draw
/// can thus only leave a comparison with α undecided, never decide it.
pub fn failure_rate_p_value_between(
    trials: u32,
    certain: u32,
    possible: u32,
    delta: &Rational,
    alpha: &Rational,
    prec: u32,
) -> Result<Enclosure, StatsError> {
    let p_value = |failures| failure_rate_test(trials, failures, delta, alpha).map(|t| t.p_value);
    let (low, high) = (p_value(possible.max(certain))?, p_value(certain)?);
    if low == high {
        return Ok(Enclosure::exact(low));
    }
    let lo = Float::with_val_round(prec, &low, Round::Down).0;
    let hi = Float::with_val_round(prec, &high, Round::Up).0;
    Ok(Enclosure::from(Interval::new(lo, hi).expect("more failures never give a larger p-value")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::binomial_pmf;

    /// The exact size of the test: the probability, when the rate is exactly δ (the worst case
    /// of the null), that it rejects. It must not exceed α.
    fn exact_size(trials: u32, delta: &Rational, alpha: &Rational) -> Rational {
        (0..=trials)
            .filter(|&f| failure_rate_test(trials, f, delta, alpha).unwrap().rejected)
            .map(|f| binomial_pmf(trials, f, delta).unwrap())
            .sum()
    }

    #[test]
    fn the_p_value_between_two_counts_encloses_both_and_is_exact_when_they_agree() {
        let (delta, alpha) = (Rational::from((1, 10)), Rational::from((1, 1000)));
        let exact = |k| failure_rate_test(100, k, &delta, &alpha).unwrap().p_value;
        let same = failure_rate_p_value_between(100, 20, 20, &delta, &alpha, 64).unwrap();
        assert_eq!(same, Enclosure::exact(exact(20)));
        let between = failure_rate_p_value_between(100, 15, 20, &delta, &alpha, 64).unwrap();
        let (lo, hi) = (between.lo(64).to_rational().unwrap(), between.hi(64).to_rational().unwrap());
        assert!(lo <= exact(20) && exact(15) <= hi && lo < hi, "{lo} {hi}");
    }

    #[test]
    fn the_test_is_sound_at_the_boundary_of_the_null() {
        for (trials, delta, alpha) in [(50, (1, 10), (1, 20)), (200, (1, 2), (1, 1000)), (1000, (1, 100), (1, 1_000_000))] {
            let (delta, alpha) = (Rational::from(delta), Rational::from(alpha));
            let size = exact_size(trials, &delta, &alpha);
            assert!(size <= alpha, "size {size} exceeds alpha {alpha} at n = {trials}");
        }
    }

    #[test]
    fn the_test_has_power_against_a_planted_violation() {
        // 40 failures in 100 trials is overwhelming evidence against "rate ≤ 1/10".
        let t = failure_rate_test(100, 40, &Rational::from((1, 10)), &Rational::from((1, 1_000_000))).unwrap();
        assert!(t.rejected);
        assert_eq!(
            rate_lower_bound(100, 40, &Rational::from((1, 1_000_000))).unwrap().le(&Enclosure::exact(Rational::from((1, 10)))),
            crate::reference::Decision::False
        );
        let t = failure_rate_test(100, 12, &Rational::from((1, 10)), &Rational::from((1, 1_000_000))).unwrap();
        assert!(!t.rejected);
    }

    #[test]
    fn the_budget_splits_evenly_and_rejects_nonsense() {
        let b = AlphaBudget::default();
        assert_eq!(b.per_test(4).unwrap(), Rational::from((1, 4_000_000)));
        assert!(AlphaBudget::new(Rational::from(0)).is_err());
        assert!(b.per_test(0).is_err());
        assert!(failure_rate_test(10, 11, &Rational::from((1, 2)), b.total()).is_err());
    }
}
