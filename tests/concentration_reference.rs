//! The concentration family's reference computations agree with independent closed forms:
//! sums of finite laws with the binomial reference, Bennett's `h` with the direct formula, the
//! Clopper–Pearson coverage with the certified interval endpoints, the chi tail and the cap
//! measure with their low-dimensional closed forms. A check is only as good as these values.

mod common;
use rug::{Float, Rational};
use theoremcheck::reference::{
    bennett_h, binomial_tail_upper, chi_mean, chi_upper_tail, clopper_pearson_lower, clopper_pearson_upper, Decision, Enclosure, FiniteLaw,
};
use theoremcheck::theorems::concentration::{cap_measure, clopper_pearson_coverage, kolmogorov_distance_to_normal};

fn q(n: i64, d: i64) -> Rational {
    Rational::from((n, d))
}

/// `|a − b| ≤ 2^-bits`, certified.
fn close(a: &Enclosure, b: &Enclosure, bits: u32) -> bool {
    let tol = Enclosure::exact(Rational::from(1) >> bits);
    a.sub(b, 512).le(&tol) == Decision::True && b.sub(a, 512).le(&tol) == Decision::True
}

#[test]
fn bernoulli_sums_of_finite_laws_are_binomial_tails() {
    for (p, n, k) in [(q(1, 2), 10_000u32, 5_100u32), (q(3, 7), 2_000, 900), (q(1, 97), 500, 12)] {
        let law = FiniteLaw::bernoulli(&p).unwrap();
        assert_eq!(law.sum_upper_tail(n, &Rational::from(k)), binomial_tail_upper(n, k, &p).unwrap());
    }
    // An affine image of a Bernoulli law: atoms {1/3, 5/6}.
    let law = FiniteLaw::new(vec![q(1, 3), q(5, 6)], vec![q(2, 5), q(3, 5)]).unwrap();
    // S = n/3 + K/2 with K ~ Bin(n, 3/5); S ≥ n/3 + 7/2 ⟺ K ≥ 7.
    assert_eq!(law.sum_upper_tail(20, &(q(20, 3) + q(7, 2))), binomial_tail_upper(20, 7, &q(3, 5)).unwrap());
}

#[test]
fn bennett_h_matches_the_direct_formula() {
    for u in [q(1, 1000), q(1, 5), q(-1, 5), q(1, 4), q(1, 3), q(7, 2), q(1000, 1)] {
        let x = Enclosure::exact(u.clone());
        let direct = x.add(&Enclosure::one(), 2048).mul(&x.ln_1p(2048).unwrap(), 2048).sub(&x, 2048);
        assert!(close(&bennett_h(&u, 128).unwrap(), &direct, 100), "u = {u}");
    }
}

#[test]
fn clopper_pearson_membership_agrees_with_the_certified_endpoints() {
    let delta = q(1, 10);
    let half = q(1, 20);
    for (n, k) in [(10u32, 0u32), (10, 3), (25, 24), (40, 17)] {
        let up = clopper_pearson_upper(n, k, &half, 128).unwrap().to_interval(128);
        if k < n {
            // Just above U(k) the outcome k no longer covers p: coverage must drop the pmf of k.
            let above = up.hi().to_rational().unwrap() + q(1, 1 << 30);
            let below = up.lo().to_rational().unwrap();
            let cov_above = clopper_pearson_coverage(n, &above, &delta).unwrap();
            let cov_below = clopper_pearson_coverage(n, &below, &delta).unwrap();
            assert!(cov_above < cov_below, "n = {n}, k = {k}");
        }
        let lo = clopper_pearson_lower(n, k, &half, 128).unwrap().to_interval(128);
        assert!(lo.hi() <= up.lo());
    }
    for p in [q(0, 1), q(1, 3), q(1, 1)] {
        assert!(clopper_pearson_coverage(30, &p, &delta).unwrap() >= 1 - delta.clone());
    }
}

#[test]
fn chi_tails_match_closed_forms() {
    let prec = 256;
    let r = Enclosure::exact(q(3, 2));
    // d = 2: P(‖Z‖ ≥ r) = e^{−r²/2}.
    assert!(close(&chi_upper_tail(2, &r, prec), &Enclosure::exact(q(-9, 8)).exp(prec), 200));
    // d = 1: P(|Z| ≥ r) = erfc(r/√2).
    let erfc = Enclosure::exact(q(3, 2)).div(&Enclosure::exact(2).sqrt(prec).unwrap(), prec).unwrap().erfc(prec);
    assert!(close(&chi_upper_tail(1, &r, prec), &erfc, 200));
    // d = 4: e^{−x}(1 + x), x = r²/2.
    let x = q(9, 8);
    let d4 = Enclosure::exact(-x.clone()).exp(prec).mul(&Enclosure::exact(1 + x), prec);
    assert!(close(&chi_upper_tail(4, &r, prec), &d4, 200));
    // E‖Z‖ for d = 3 is 2√(2/π) ≈ 1.5957691216057308.
    assert!((chi_mean(3, prec).approx_f64() - 1.595_769_121_605_730_8).abs() < 1e-14);
    assert!((chi_mean(2, prec).approx_f64() - 1.253_314_137_315_500_3).abs() < 1e-14);
}

#[test]
fn cap_measures_match_archimedes_and_the_circle() {
    let prec = 256;
    for eps in [q(0, 1), q(1, 3), q(63, 64)] {
        // S² (n = 3): the height of a uniform point is uniform on [−1, 1] (Archimedes).
        let expected = Enclosure::exact((1 - eps.clone()) / 2u32);
        assert_eq!(cap_measure(3, &eps, false, prec), expected);
        // B¹: uniform on [−1, 1].
        assert_eq!(cap_measure(1, &eps, true, prec), expected);
        // S¹ (n = 2): arccos(ε)/π.
        let e = Float::with_val(prec, &eps);
        let acos_over_pi = Float::with_val(prec, e.acos_ref()) / Float::with_val(prec, rug::float::Constant::Pi);
        assert!((cap_measure(2, &eps, false, prec).approx_f64() - acos_over_pi.to_f64()).abs() < 1e-14);
    }
}

#[test]
fn good_turing_bias_is_the_sum_of_p_squared_terms() {
    // The data claim computes E[G] − E[M] from the two definitions; the bias must equal the
    // closed form Σ p_j²(1 − p_j)^{n−1}, here for p = (1/2, 1/3, 1/6) as weights (3, 2, 1).
    use rug::ops::Pow;
    use theoremcheck::engine::{Instance, Outcome, Value};
    let spec =
        theoremcheck::spec::load_file(&common::root().join("spec/concentration/good_turing_bias.toml"), &common::root().join("spec"))
            .expect("the spec loads");
    let claim = theoremcheck::registry::implementation(&spec).expect("a data claim");
    let p = [q(1, 2), q(1, 3), q(1, 6)];
    for n in [1u32, 2, 7, 100] {
        let identity: Rational = p.iter().map(|pj| Rational::from(pj * pj) * Rational::from(1 - pj).pow(n - 1)).sum();
        let mut at = Instance::default().with("n", Value::Integer(n.into())).with("side", Value::Choice("upper".into()));
        for (name, w) in [("w0", 3), ("w1", 2), ("w2", 1), ("w3", 0), ("w4", 0), ("w5", 0)] {
            at = at.with(name, Value::Integer(w));
        }
        let Ok(Outcome::Compared(c)) = claim.evaluate(&at, &Instance::default(), 64) else { panic!("compared at n = {n}") };
        assert_eq!(c.lhs.as_exact(), Some(&identity), "n = {n}");
    }
}

#[test]
fn kolmogorov_distance_of_one_fair_coin() {
    // Standardised Bernoulli(1/2) is ±1; the supremum is 1/2 − Φ(−1) = Φ(1) − 1/2 ≈ 0.3413447.
    let law = FiniteLaw::bernoulli(&q(1, 2)).unwrap();
    let d = kolmogorov_distance_to_normal(&law, 1, 128);
    assert!((d.approx_f64() - 0.341_344_746_068_542_9).abs() < 1e-15);
}
