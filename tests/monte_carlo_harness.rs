//! The statistical harness for RNG-driven kernels is sound and has power.
//!
//! Soundness is measured, not assumed: a kernel whose failure rate is exactly δ (the boundary
//! of the null, the worst case) is tested under many seeds at a loose level α = 0.05, so that
//! false alarms are frequent enough to count, and the measured false-alarm rate must stay
//! below α plus a binomial allowance (the count of false alarms over R independent seeds is
//! stochastically at most Bin(R, α); the allowance is its exact upper 10⁻⁶ quantile, so this
//! test itself fails spuriously with probability < 10⁻⁶ — and is in fact deterministic, since
//! every draw comes from the Philox generator at fixed keys). Power: under a planted violation
//! (rate 3δ) both tests must reject in most runs. The measured rates are printed. With
//! THEOREMCHECK_HEAVY=1 the number of seeds goes from 400 to 4000.

use rug::Rational;
use theoremcheck::reference::binomial_tail_upper;
use theoremcheck::rng::{bernoulli_threshold, Stream};
use theoremcheck::stats::{fixed_trials_test, sequential_test, AlphaBudget};

const TRIALS: u32 = 200;

/// Independent seeds per measurement.
fn runs() -> u32 {
    if std::env::var("THEOREMCHECK_HEAVY").is_ok_and(|v| v == "1") {
        4000
    } else {
        400
    }
}

fn delta() -> Rational {
    Rational::from((1, 10))
}

fn alpha() -> Rational {
    Rational::from((1, 20))
}

/// The least count k with P(Bin(runs(), α) ≥ k) ≤ 10⁻⁶: more false alarms than k − 1 would be
/// evidence that the test's size exceeds α.
fn allowance() -> u32 {
    (0..=runs()).find(|&k| binomial_tail_upper(runs(), k, &alpha()).unwrap() <= Rational::from((1, 1_000_000))).unwrap()
}

/// A Monte Carlo kernel: one trial fails with probability `rate` (within 2⁻⁶⁴).
fn kernel(rate: Rational) -> impl FnMut(&mut Stream) -> bool {
    let threshold = bernoulli_threshold(&rate);
    move |s: &mut Stream| s.bernoulli_below(threshold)
}

fn fixed_rejections(rate: Rational) -> u32 {
    (0..runs())
        .filter(|&seed| fixed_trials_test(u64::from(seed), 0, TRIALS, &delta(), &alpha(), kernel(rate.clone())).unwrap().rejected)
        .count() as u32
}

fn sequential_rejections(rate: Rational) -> u32 {
    (0..runs())
        .filter(|&seed| {
            sequential_test(u64::from(seed) + 1_000_000, 0, u64::from(TRIALS) * 5, &delta(), &alpha(), kernel(rate.clone()))
                .unwrap()
                .rejected
        })
        .count() as u32
}

#[test]
fn the_exact_binomial_test_keeps_its_false_alarm_rate_under_the_null() {
    let alarms = fixed_rejections(delta());
    let limit = allowance();
    println!("fixed-n binomial test: {alarms}/{} false alarms at alpha = 1/20 (allowed < {limit})", runs());
    assert!(alarms < limit, "{alarms} false alarms in {} runs, allowance {limit}", runs());
}

#[test]
fn the_anytime_valid_test_keeps_its_false_alarm_rate_under_the_null() {
    let alarms = sequential_rejections(delta());
    let limit = allowance();
    println!("sequential betting test (up to {} trials): {alarms}/{} false alarms at alpha = 1/20 (allowed < {limit})", TRIALS * 5, runs());
    assert!(alarms < limit, "{alarms} false alarms in {} runs, allowance {limit}", runs());
}

#[test]
fn both_tests_detect_a_planted_violation() {
    let planted = Rational::from((3, 10));
    let fixed = fixed_rejections(planted.clone());
    let sequential = sequential_rejections(planted);
    println!("power at rate 3/10 vs null 1/10: fixed {fixed}/{}, sequential {sequential}/{}", runs(), runs());
    assert!(fixed * 10 >= runs() * 9, "fixed-n power {fixed}/{}", runs());
    assert!(sequential * 10 >= runs() * 9, "sequential power {sequential}/{}", runs());
    // A closer alternative, measured and printed only (power there is a property of the
    // sample size, not of soundness).
    let close = Rational::from((3, 20));
    println!(
        "power at rate 3/20 vs null 1/10: fixed {}/{}, sequential {}/{}",
        fixed_rejections(close.clone()),
        runs(),
        sequential_rejections(close),
        runs()
    );
}

#[test]
fn a_sequential_run_stops_early_on_a_gross_violation() {
    let out = sequential_test(7, 0, 100_000, &delta(), &alpha(), kernel(Rational::from((1, 2)))).unwrap();
    assert!(out.rejected && out.trials < 200, "{out:?}");
}

#[test]
fn the_suite_budget_is_shared_by_the_tests() {
    let budget = AlphaBudget::default();
    let level = budget.per_test(2).unwrap();
    let fixed = fixed_trials_test(1, 0, 500, &delta(), &level, kernel(Rational::from((1, 20)))).unwrap();
    let sequential = sequential_test(2, 0, 500, &delta(), &level, kernel(Rational::from((1, 20)))).unwrap();
    assert!(!fixed.rejected && !sequential.rejected);
}

#[test]
fn bad_rates_and_levels_are_typed_errors() {
    use theoremcheck::stats::StatsError;
    let k = || kernel(Rational::from((1, 2)));
    assert!(matches!(fixed_trials_test(1, 0, 10, &Rational::from(0), &alpha(), k()), Err(StatsError::DeltaOutOfRange(_))));
    assert!(matches!(sequential_test(1, 0, 10, &Rational::from(1), &alpha(), k()), Err(StatsError::DeltaOutOfRange(_))));
    assert!(matches!(sequential_test(1, 0, 10, &delta(), &Rational::from(0), k()), Err(StatsError::AlphaOutOfRange(_))));
    assert!(matches!(fixed_trials_test(1, 0, 0, &delta(), &alpha(), k()), Err(StatsError::NoTrials)));
}
