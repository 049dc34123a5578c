//! Statistical checks of RNG-driven kernels: a kernel is a function of one counter-based
//! [`Stream`] that reports whether its trial failed, and the harness tests "failure rate ≤ δ"
//! on independent trials, either with a fixed number of trials (the exact binomial test) or
//! sequentially with early stopping (the anytime-valid [`BettingTest`]).
//!
//! Trial `i` of a run with seed `seed` reads stream `stream_base + i` of the Philox generator,
//! so the trials are independent, the run is reproducible from `(seed, stream_base)`, and it
//! gives the same answer however the trials are scheduled.

use super::confidence_sequence::BettingTest;
use super::{failure_rate_test, RateTest, StatsError};
use crate::rng::Stream;
use rug::Rational;

/// The outcome of a sequential run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequentialOutcome {
    /// Trials run before stopping (at rejection or at the cap).
    pub trials: u64,
    pub failures: u64,
    /// Whether "rate ≤ δ" was rejected.
    pub rejected: bool,
}

/// Runs `trials` independent trials of `kernel` and applies the exact one-sided binomial test of
/// "failure rate ≤ `delta`" at level `alpha`.
///
/// # Errors
/// The errors of [`failure_rate_test`]: no trials, δ or α outside (0, 1).
pub fn fixed_trials_test<F>(
    seed: u64,
    stream_base: u64,
    trials: u32,
    delta: &Rational,
    alpha: &Rational,
    mut kernel: F,
) -> Result<RateTest, StatsError>
where
    F: FnMut(&mut Stream) -> bool,
{
    // Validate before spending any work.
    failure_rate_test(trials.max(1), 0, delta, alpha)?;
    if trials == 0 {
        return Err(StatsError::NoTrials);
    }
    let failures = (0..trials).filter(|&i| kernel(&mut Stream::new(seed, stream_base + u64::from(i)))).count() as u32;
    failure_rate_test(trials, failures, delta, alpha)
}

/// Runs trials of `kernel` until the anytime-valid test rejects "failure rate ≤ `delta`" or
/// `max_trials` have run. The false-alarm probability is at most `alpha` whatever the cap.
///
/// # Errors
/// [`StatsError::NoTrials`] for a zero cap; the errors of [`BettingTest::new`].
pub fn sequential_test<F>(
    seed: u64,
    stream_base: u64,
    max_trials: u64,
    delta: &Rational,
    alpha: &Rational,
    mut kernel: F,
) -> Result<SequentialOutcome, StatsError>
where
    F: FnMut(&mut Stream) -> bool,
{
    let mut test = BettingTest::new(delta, alpha)?;
    if max_trials == 0 {
        return Err(StatsError::NoTrials);
    }
    for i in 0..max_trials {
        if test.observe(kernel(&mut Stream::new(seed, stream_base + i))) {
            break;
        }
    }
    Ok(SequentialOutcome { trials: test.trials(), failures: test.failures(), rejected: test.rejected() })
}
