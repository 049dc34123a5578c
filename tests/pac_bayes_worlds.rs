//! The exact machinery behind the pac_bayes validity checks: Maurer's identity
//! E[exp(n·kl(X̄‖μ))] = ξ(n) for every μ (the reason the ξ(n) form is the sharp one), the exact
//! law of the error counts in a tiny world, and failure probabilities known in closed form, so
//! that a wrong enumeration cannot pass as a valid bound.

use rug::ops::Pow;
use rug::{Integer, Rational};
use theoremcheck::engine::{Instance, Outcome, Theorem};
use theoremcheck::reference::pac_bayes_bounds::xi;
use theoremcheck::reference::{binomial_pmf, Enclosure};
use theoremcheck::theorems::pac_bayes::{world_instance, McAllester, SeegerMaurer, World};

#[test]
fn maurer_identity_holds_exactly_for_every_mean() {
    // e^{n kl(k/n‖μ)} = (k/(nμ))^k ((n−k)/(n(1−μ)))^{n−k}, a rational.
    for n in 1u32..=12 {
        for mu in [Rational::from((1, 2)), Rational::from((1, 7)), Rational::from((5, 6))] {
            let mut total = Rational::new();
            for k in 0..=n {
                let up = Rational::from((k, n)) / &mu;
                let down = Rational::from((n - k, n)) / Rational::from(1 - &mu);
                let e = up.pow(k) * down.pow(n - k);
                total += binomial_pmf(n, k, &mu).unwrap() * e;
            }
            assert_eq!(total, xi(n).unwrap(), "n = {n}, μ = {mu}");
        }
    }
}

#[test]
fn independent_count_law_is_a_product_of_binomials() {
    let w = World::from_instance(&world_instance(2, 5, [(1, 3), (3, 4), (0, 1)], "independent", [1, 1, 1], (1, 10))).unwrap();
    for (counts, p) in w.count_law() {
        let expected =
            binomial_pmf(5, counts[0], &Rational::from((1, 3))).unwrap() * binomial_pmf(5, counts[1], &Rational::from((3, 4))).unwrap();
        assert_eq!(p, expected, "{counts:?}");
    }
    assert_eq!(w.count_law().len(), 36);
}

#[test]
fn the_prior_posterior_has_zero_divergence_and_point_masses_ln_inverse_prior() {
    let w = World::from_instance(&world_instance(3, 2, [(1, 2), (1, 4), (3, 4)], "comonotone", [1, 2, 5], (1, 10))).unwrap();
    let family = w.fixed_posteriors(128).unwrap();
    // Point masses, uniform, prior.
    assert_eq!(family.len(), 5);
    assert_eq!(family[4].kl, Enclosure::zero());
    let ln8 = Enclosure::exact(Integer::from(8)).ln(128).unwrap().to_interval(128);
    let point = family[0].kl.to_interval(128);
    assert!(point.lo() <= ln8.hi() && ln8.lo() <= point.hi());
}

#[test]
fn failure_probabilities_match_closed_forms() {
    // Seeger with ln(√n/δ) at n = 1, δ = 3/4, fair coin: kl(k‖1/2) = ln 2 > ln(4/3) always.
    let coin = world_instance(1, 1, [(1, 2), (1, 2), (1, 2)], "independent", [1, 1, 1], (3, 4));
    let Outcome::Compared(c) = SeegerMaurer::sharpened().evaluate(&coin, &Instance::default(), 64).unwrap() else { panic!() };
    assert_eq!(c.lhs, Enclosure::exact(1));
    // The published ξ form never fails there: ln(2/(3/4)) > ln 2.
    let Outcome::Compared(c) = SeegerMaurer::catalogue().evaluate(&coin, &Instance::default(), 64).unwrap() else { panic!() };
    assert_eq!(c.lhs, Enclosure::zero());
    // McAllester with 4n at n = 2, risk 13/16, δ = 1/64 fails exactly when k = 0: (3/16)².
    let tight = world_instance(1, 2, [(13, 16), (1, 2), (1, 2)], "independent", [1, 1, 1], (1, 64));
    let Outcome::Compared(c) = McAllester::sharpened().evaluate(&tight, &Instance::default(), 64).unwrap() else { panic!() };
    assert_eq!(c.lhs, Enclosure::exact(Rational::from((9, 256))));
}
