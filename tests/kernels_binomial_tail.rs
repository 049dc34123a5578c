//! The binomial log-tail kernel (`kernels::cpu::binomial_tail`): `ln P[Bin(n,p) ≥ k]` within its
//! derived budget of the log of the exact rational tail (and `ln P[X ≤ k]` likewise) (proptest and adversarial inputs,
//! including tails far below the f64 range); the conventions `k = 0 → 0`, empty event → `−∞`;
//! typed errors for bad input; bit-identical output for 1, 2 and 3 threads.

use proptest::prelude::*;
use rug::float::Round;
use rug::Rational;
use theoremcheck::kernels::cpu::binomial_tail::{
    binomial_log_cdf, binomial_log_sf, binomial_log_sf_into, log_cdf_one, log_sf_one, BinomialTailError, N_MAX,
};
use theoremcheck::kernels::diff::{classify, Classification};
use theoremcheck::kernels::tolerances_klbt::{binomial_log_cdf_budget, binomial_log_tail_budget};
use theoremcheck::reference::binomial_split::binomial_tail_upper_split;
use theoremcheck::reference::Enclosure;

fn check_one(n: u32, k: u32, p: f64) {
    let got = binomial_log_sf(&[n], &[k], &[p]).unwrap()[0];
    if k > n || (p == 0.0 && k > 0) {
        assert_eq!(got, f64::NEG_INFINITY, "n = {n}, k = {k}, p = {p:e}");
        return;
    }
    let tail = binomial_tail_upper_split(n, k, &Rational::from_f64(p).unwrap()).unwrap();
    let ln_tail = Enclosure::exact(tail).ln(128).unwrap();
    let budget = binomial_log_tail_budget(n, k, p, ln_tail.lo(128).to_f64_round(Round::Down));
    let cmp = classify(got, &ln_tail, budget);
    assert_eq!(cmp.classification, Classification::Within, "n = {n}, k = {k}, p = {p:e}: {cmp:?}");
}

fn check_cdf(n: u32, k: u32, p: f64) {
    let got = binomial_log_cdf(&[n], &[k], &[p]).unwrap()[0];
    if p == 1.0 && k < n {
        assert_eq!(got, f64::NEG_INFINITY, "cdf n = {n}, k = {k}, p = {p:e}");
        return;
    }
    let pr = Rational::from_f64(p).unwrap();
    let cdf = if k >= n { Rational::from(1) } else { Rational::from(1) - binomial_tail_upper_split(n, k + 1, &pr).unwrap() };
    let ln_cdf = Enclosure::exact(cdf).ln(128).unwrap();
    let budget = binomial_log_cdf_budget(n, k, p, ln_cdf.lo(128).to_f64_round(Round::Down));
    let cmp = classify(got, &ln_cdf, budget);
    assert_eq!(cmp.classification, Classification::Within, "cdf n = {n}, k = {k}, p = {p:e}: {cmp:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn within_budget_of_the_exact_log_tail(n in 1u32..400, kf in 0.0f64..1.1, p in 0.0f64..=1.0) {
        check_one(n, (kf * f64::from(n)) as u32, p);
        check_cdf(n, (kf * f64::from(n)) as u32, p);
    }
}

#[test]
fn adversarial_inputs() {
    for n in [1u32, 2, 17, 300, 1500] {
        for p in [0.0, 1.0, 1e-300, 1e-10, 0.5, 1.0 - 1e-10, 0.3] {
            let mean = (f64::from(n) * p) as u32;
            for k in [0, 1, n / 2, n.saturating_sub(1), n, n + 1, mean, mean + 1, mean.saturating_sub(1)] {
                check_one(n, k, p);
                check_cdf(n, k, p);
            }
        }
    }
}

#[test]
fn conventions_and_tiny_tails() {
    let out = binomial_log_sf(&[5, 5, 5, 5, 0], &[0, 6, 3, 5, 0], &[0.3, 0.3, 0.0, 1.0, 0.5]).unwrap();
    assert_eq!(out, vec![0.0, f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0, 0.0]);
    // P[Bin(2000, ½) = 2000] = 2⁻²⁰⁰⁰, far below f64's range; its log is representable.
    let v = binomial_log_sf(&[2000], &[2000], &[0.5]).unwrap()[0];
    assert!((v - 2000.0 * (0.5f64).ln()).abs() < 1e-9, "{v}");
    check_one(2000, 1990, 0.01);
    let cdf = binomial_log_cdf(&[5, 5, 5, 5], &[5, 2, 2, 0], &[0.3, 0.0, 1.0, 0.5]).unwrap();
    assert_eq!(cdf, vec![0.0, 0.0, f64::NEG_INFINITY, 5.0 * (0.5f64).ln()]);
    check_cdf(2000, 10, 0.99);
}

#[test]
fn bad_input_is_a_typed_error() {
    assert_eq!(binomial_log_sf(&[1], &[1, 2], &[0.5]), Err(BinomialTailError::LengthMismatch { n: 1, k: 2, p: 1 }));
    assert_eq!(binomial_log_sf(&[], &[], &[]), Err(BinomialTailError::Empty));
    assert_eq!(binomial_log_sf(&[3, 3], &[1, 1], &[0.5, f64::NAN]), Err(BinomialTailError::NotANumber { index: 1 }));
    assert_eq!(binomial_log_sf(&[3], &[1], &[1.5]), Err(BinomialTailError::ProbabilityOutOfRange { index: 0, value: 1.5 }));
    assert_eq!(
        binomial_log_sf(&[N_MAX + 1], &[1], &[0.5]),
        Err(BinomialTailError::TooManyTrials { index: 0, value: N_MAX + 1, max: N_MAX })
    );
    assert!(log_sf_one(3, 1, f64::NAN).is_nan() && log_cdf_one(3, 1, 2.0).is_nan());
    let mut out = vec![0.0; 2];
    assert_eq!(binomial_log_sf_into(&[3], &[1], &[0.5], &mut out), Err(BinomialTailError::OutputLength { out: 2, len: 1 }));
}

#[test]
fn bit_identical_for_one_two_and_three_threads() {
    let mut s: u64 = 11;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        s >> 11
    };
    let len = 20_000;
    let n: Vec<u32> = (0..len).map(|_| 1 + (next() % 5000) as u32).collect();
    let k: Vec<u32> = n.iter().map(|n| (next() % u64::from(n + 2)) as u32).collect();
    let p: Vec<f64> = (0..len).map(|_| next() as f64 / (1u64 << 53) as f64).collect();
    let run = |t: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap();
        pool.install(|| binomial_log_sf(&n, &k, &p).unwrap()).iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}
