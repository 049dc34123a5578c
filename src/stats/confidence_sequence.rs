//! An anytime-valid test of "failure rate ≤ δ": a betting (mixture) martingale and Ville's
//! inequality, for checks that watch a stream of trials and may stop at any time.
//!
//! # Formula
//! With failures `X_i ∈ {0, 1}` and bets `λ_j = 2^{-j}/δ`, `j = 1..J`, the wealth after `t`
//! trials with `s` failures is the mixture
//! `W_t = (1/J) Σ_j (1 + λ_j(1 − δ))^s (1 − λ_j δ)^{t − s}`.
//! Each term is a product of factors `1 + λ_j(X_i − δ) ≥ 1/2 > 0` whose conditional mean is
//! `1 + λ_j(p − δ) ≤ 1` when the rate `p ≤ δ`, so `W` is a non-negative supermartingale with
//! `W_0 = 1` under the null and Ville's inequality gives `P(∃t: W_t ≥ 1/α) ≤ α`. The test
//! rejects the first time `W_t ≥ 1/α` is certified; the set of δ it has not rejected is a
//! confidence sequence for the rate, valid at every stopping time.
//!
//! The wealth is evaluated with outward-rounded intervals and the test rejects only when the
//! interval's lower end reaches `1/α`, so rounding can only delay a rejection, never cause one.
//!
//! # Examples
//! ```
//! use theoremcheck::stats::BettingTest;
//! use rug::Rational;
//! let mut test = BettingTest::new(&Rational::from((1, 10)), &Rational::from((1, 1000))).unwrap();
//! // Half the trials fail: far above 1/10, rejected long before 200 trials.
//! let rejected = (0..200).any(|i| test.observe(i % 2 == 0));
//! assert!(rejected && test.rejected_at().unwrap() < 200);
//! ```

use super::StatsError;
use crate::reference::decimal::format_rational;
use crate::reference::{Enclosure, Interval};
use rug::Rational;

/// The number of bets in the mixture: `λδ` ranges over `1/2, 1/4, …, 2^{-J}`.
const BETS: u32 = 12;
/// Working precision of the wealth intervals (bits).
const PREC: u32 = 128;

/// The sequential test of H₀: "the failure rate is at most δ" at level α, valid at any stopping
/// time.
#[derive(Clone, Debug)]
pub struct BettingTest {
    delta: Rational,
    threshold: Interval,
    /// `ln(1 + λ_j(1 − δ))` and `ln(1 − λ_j δ)` for each bet.
    log_up: Vec<Interval>,
    log_down: Vec<Interval>,
    /// Upper ends of the logs as `f64` and `ln(1/α)`, for the pre-screen in [`Self::observe`].
    screen: Vec<(f64, f64)>,
    log_threshold: f64,
    trials: u64,
    failures: u64,
    rejected_at: Option<u64>,
}

impl BettingTest {
    /// A test of "rate ≤ `delta`" with false-alarm probability at most `alpha` over the whole
    /// (unbounded) sequence of looks.
    ///
    /// # Errors
    /// [`StatsError::DeltaOutOfRange`] unless `0 < delta < 1`; [`StatsError::AlphaOutOfRange`]
    /// unless `0 < alpha < 1`.
    pub fn new(delta: &Rational, alpha: &Rational) -> Result<Self, StatsError> {
        if *delta <= 0 || *delta >= 1 {
            return Err(StatsError::DeltaOutOfRange(format_rational(delta)));
        }
        if *alpha <= 0 || *alpha >= 1 {
            return Err(StatsError::AlphaOutOfRange(format_rational(alpha)));
        }
        let mut log_up = Vec::new();
        let mut log_down = Vec::new();
        for j in 1..=BETS {
            // λδ = 2^{-j}: the factor on a success is 1 − 2^{-j} ≥ 1/2.
            let lambda_delta = Rational::from((1, 1u64 << j));
            let lambda = Rational::from(&lambda_delta / delta);
            let up = &lambda * (1 - delta.clone());
            log_up.push(Enclosure::exact(up).ln_1p(PREC).expect("> −1").to_interval(PREC));
            log_down.push(Enclosure::exact(-lambda_delta).ln_1p(PREC).expect("> −1").to_interval(PREC));
        }
        let threshold = Interval::from_rational(&Rational::from(alpha.recip_ref()), PREC);
        let screen = log_up.iter().zip(&log_down).map(|(u, d)| (u.hi().to_f64(), d.hi().to_f64())).collect();
        let log_threshold = threshold.lo().clone().ln().to_f64();
        Ok(BettingTest {
            delta: delta.clone(),
            threshold,
            log_up,
            log_down,
            screen,
            log_threshold,
            trials: 0,
            failures: 0,
            rejected_at: None,
        })
    }

    pub fn delta(&self) -> &Rational {
        &self.delta
    }

    /// Records one trial; returns whether the null has been rejected (rejection is final).
    pub fn observe(&mut self, failure: bool) -> bool {
        self.trials += 1;
        if failure {
            self.failures += 1;
            // The wealth only grows on a failure, so its first crossing is at a failure.
            if self.rejected_at.is_none() && self.may_cross() && self.wealth().lo() >= self.threshold.hi() {
                self.rejected_at = Some(self.trials);
            }
        }
        self.rejected_at.is_some()
    }

    /// A cheap pre-screen: the mixture is at most its largest term, whose log is at most
    /// `s·ln_up + f·ln_down` with the logs' upper ends. Evaluated in `f64` with a margin of one
    /// nat, far above its rounding error (relative 1e-15 on values below 1e6); when even that
    /// bound is below `ln(1/α)` the certified evaluation is skipped. Skipping can only delay a
    /// rejection, never cause one, so validity does not depend on the screen.
    fn may_cross(&self) -> bool {
        let (s, f) = (self.failures as f64, (self.trials - self.failures) as f64);
        let best = self.screen.iter().map(|(u, d)| s * u + f * d).fold(f64::NEG_INFINITY, f64::max);
        best + 1.0 >= self.log_threshold
    }

    /// The mixture wealth `W_t` after the trials seen so far, enclosed.
    pub fn wealth(&self) -> Interval {
        let s = Interval::from_rational(&Rational::from(self.failures), PREC);
        let f = Interval::from_rational(&Rational::from(self.trials - self.failures), PREC);
        let mut total = Interval::from_rational(&Rational::new(), PREC);
        for (up, down) in self.log_up.iter().zip(&self.log_down) {
            let log = s.mul(up, PREC).add(&f.mul(down, PREC), PREC);
            total = total.add(&log.exp(PREC), PREC);
        }
        total.div(&Interval::from_rational(&Rational::from(BETS), PREC), PREC)
    }

    pub fn trials(&self) -> u64 {
        self.trials
    }

    pub fn failures(&self) -> u64 {
        self.failures
    }

    /// Whether the null has been rejected.
    pub fn rejected(&self) -> bool {
        self.rejected_at.is_some()
    }

    /// The trial at which the null was rejected, if it was.
    pub fn rejected_at(&self) -> Option<u64> {
        self.rejected_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_parameters_are_typed_errors() {
        let half = Rational::from((1, 2));
        assert!(matches!(BettingTest::new(&Rational::from(0), &half), Err(StatsError::DeltaOutOfRange(_))));
        assert!(matches!(BettingTest::new(&Rational::from(1), &half), Err(StatsError::DeltaOutOfRange(_))));
        assert!(matches!(BettingTest::new(&half, &Rational::from(2)), Err(StatsError::AlphaOutOfRange(_))));
    }

    #[test]
    fn the_wealth_starts_at_one_and_falls_on_successes() {
        let mut t = BettingTest::new(&Rational::from((1, 10)), &Rational::from((1, 20))).unwrap();
        assert!(t.wealth().contains_rational(&Rational::from(1)));
        t.observe(false);
        assert!(*t.wealth().hi() < 1);
    }

    /// Under the null, the wealth after t trials is a mixture of likelihood ratios with mean
    /// ≤ 1; at δ itself its exact mean over s ~ Bin(t, δ) is 1 for every t.
    #[test]
    fn the_wealth_has_mean_one_at_the_boundary_of_the_null() {
        let delta = Rational::from((1, 5));
        let t = 30u32;
        let mut mean = Interval::from_rational(&Rational::new(), PREC);
        for s in 0..=t {
            let mut test = BettingTest::new(&delta, &Rational::from((1, 20))).unwrap();
            (0..t).for_each(|i| {
                test.trials += 1;
                test.failures += u64::from(i < s);
            });
            let pmf = crate::reference::binomial_pmf(t, s, &delta).unwrap();
            mean = mean.add(&test.wealth().mul(&Interval::from_rational(&pmf, PREC), PREC), PREC);
        }
        assert!(mean.contains_rational(&Rational::from(1)), "{mean}");
    }
}
