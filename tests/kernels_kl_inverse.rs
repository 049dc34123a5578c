//! The kl-inverse kernels (`kernels::cpu::kl_inverse`): the hard rule of bound kernels (upper is
//! never below the exact kl⁻¹, lower never above), checked against the certified MPFR reference
//! on generated inputs (proptest) and adversarial ones; the derived budget; closed-form special
//! cases; typed errors for bad input; bit-identical output for 1, 2 and 3 threads.

use proptest::prelude::*;
use rug::float::Round;
use rug::{Float, Rational};
use theoremcheck::kernels::cpu::kl_inverse::{
    kl_inverse_lower, kl_inverse_upper, kl_inverse_upper_into, lower_one, upper_one, KlInverseError,
};
use theoremcheck::kernels::diff::{classify_lower_bound, classify_upper_bound, Classification};
use theoremcheck::kernels::tolerances_klbt::kl_inverse_budget;
use theoremcheck::reference::kl::{kl_inverse_lower as ref_lower, kl_inverse_upper as ref_upper};
use theoremcheck::reference::{Enclosure, Interval};

const PREC: u32 = 160;

fn check_one(q: f64, c: f64) {
    let (qr, cr) = (Rational::from_f64(q).unwrap(), Rational::from_f64(c).unwrap());
    let up = kl_inverse_upper(&[q], &[c]).unwrap()[0];
    let exact = if q == 0.0 && c > 0.0 { one_minus_exp_neg(&cr) } else { ref_upper(&qr, &cr, PREC).unwrap() };
    let cmp = classify_upper_bound(up, &exact, kl_inverse_budget(q, c, exact.approx_f64()));
    assert_ne!(cmp.classification, Classification::BoundViolated, "upper({q:e}, {c:e}) = {up:e} is below the exact value");
    assert_eq!(cmp.classification, Classification::Within, "upper({q:e}, {c:e}) = {up:e}: {cmp:?}");
    let lo = kl_inverse_lower(&[q], &[c]).unwrap()[0];
    let exact = ref_lower(&qr, &cr, PREC).unwrap();
    let cmp = classify_lower_bound(lo, &exact, kl_inverse_budget(q, c, exact.approx_f64()));
    assert_ne!(cmp.classification, Classification::BoundViolated, "lower({q:e}, {c:e}) = {lo:e} is above the exact value");
    assert_eq!(cmp.classification, Classification::Within, "lower({q:e}, {c:e}) = {lo:e}: {cmp:?}");
}

/// `upper(0, c) = −expm1(−c)`, enclosed with relative precision (the general reference has
/// absolute precision only, too loose for subnormal `c`).
fn one_minus_exp_neg(c: &Rational) -> Enclosure {
    let neg_c = Float::with_val(PREC, -c.clone());
    let hi = -Float::with_val_round(PREC, neg_c.exp_m1_ref(), Round::Down).0;
    let lo = -Float::with_val_round(PREC, neg_c.exp_m1_ref(), Round::Up).0;
    Enclosure::Interval(Interval::new(lo, hi).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn upper_never_below_and_lower_never_above_the_exact_value(q in 0.0f64..=1.0, c in 0.0f64..3.0) {
        check_one(q, c);
    }

    #[test]
    fn the_same_for_small_q_and_small_c(e1 in -300i32..0, e2 in -300i32..1, m in 1.0f64..2.0) {
        check_one(m * 10f64.powi(e1) / 2.0, m * 10f64.powi(e2) / 2.0);
    }
}

#[test]
fn adversarial_inputs_stay_on_the_right_side() {
    let qs = [0.0, 1.0, 5e-324, 1e-300, 1e-10, 1.0 - f64::EPSILON / 2.0, 1.0 - 1e-10, 0.5, 1.0 / 3.0, 7.0 / 1000.0];
    let cs = [0.0, 5e-324, 1e-300, 1e-20, 1e-8, std::f64::consts::LN_2, 10.0, 700.0];
    for q in qs {
        for c in cs {
            check_one(q, c);
        }
    }
}

#[test]
fn closed_forms_and_limits() {
    assert_eq!(kl_inverse_upper(&[0.3], &[0.0]).unwrap(), vec![0.3]);
    assert_eq!(kl_inverse_lower(&[0.3], &[0.0]).unwrap(), vec![0.3]);
    assert_eq!(kl_inverse_upper(&[1.0], &[2.0]).unwrap(), vec![1.0]);
    assert_eq!(kl_inverse_lower(&[0.0], &[2.0]).unwrap(), vec![0.0]);
    assert_eq!(kl_inverse_upper(&[0.3], &[f64::INFINITY]).unwrap(), vec![1.0]);
    assert_eq!(kl_inverse_lower(&[0.3], &[f64::INFINITY]).unwrap(), vec![0.0]);
    // Huge c: the upper bound is 1 (the exact root is within an ulp of 1), the lower bound ~0.
    assert_eq!(kl_inverse_upper(&[0.5], &[1e6]).unwrap(), vec![1.0]);
    assert!(kl_inverse_lower(&[0.5], &[1e6]).unwrap()[0] <= f64::from_bits(1));
    let up = kl_inverse_upper(&[0.1, 0.2], &[0.2, 0.1]).unwrap();
    let lo = kl_inverse_lower(&[0.1, 0.2], &[0.2, 0.1]).unwrap();
    assert!(lo[0] < 0.1 && up[0] > 0.1 && lo[1] < 0.2 && up[1] > 0.2);
}

#[test]
fn bad_input_is_a_typed_error() {
    assert_eq!(kl_inverse_upper(&[0.1], &[0.1, 0.2]), Err(KlInverseError::LengthMismatch { q: 1, c: 2 }));
    assert_eq!(kl_inverse_upper(&[], &[]), Err(KlInverseError::Empty));
    assert_eq!(kl_inverse_lower(&[0.1, f64::NAN], &[0.1, 0.1]), Err(KlInverseError::NotANumber { name: "q", index: 1 }));
    assert_eq!(kl_inverse_lower(&[0.1], &[f64::NAN]), Err(KlInverseError::NotANumber { name: "c", index: 0 }));
    assert_eq!(kl_inverse_upper(&[1.5], &[0.1]), Err(KlInverseError::QOutOfRange { index: 0, value: 1.5 }));
    assert_eq!(kl_inverse_upper(&[-0.5], &[0.1]), Err(KlInverseError::QOutOfRange { index: 0, value: -0.5 }));
    assert_eq!(kl_inverse_upper(&[0.5], &[-1.0]), Err(KlInverseError::NegativeC { index: 0, value: -1.0 }));
    // The scalar entry points return NaN instead of panicking.
    assert!(upper_one(f64::NAN, 1.0).is_nan() && lower_one(0.5, -1.0).is_nan() && upper_one(2.0, 1.0).is_nan());
    let mut out = vec![0.0; 3];
    assert_eq!(kl_inverse_upper_into(&[0.5], &[1.0], &mut out), Err(KlInverseError::OutputLength { out: 3, n: 1 }));
}

#[test]
fn bit_identical_for_one_two_and_three_threads() {
    let mut s: u64 = 7;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let n = 30_000;
    let q: Vec<f64> = (0..n).map(|_| next()).collect();
    let c: Vec<f64> = (0..n).map(|_| 2.0 * next()).collect();
    let run = |t: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build().unwrap();
        pool.install(|| (kl_inverse_upper(&q, &c).unwrap(), kl_inverse_lower(&q, &c).unwrap()))
    };
    let bits = |v: &(Vec<f64>, Vec<f64>)| v.0.iter().chain(&v.1).map(|x| x.to_bits()).collect::<Vec<_>>();
    let one = bits(&run(1));
    assert_eq!(one, bits(&run(2)));
    assert_eq!(one, bits(&run(3)));
}
