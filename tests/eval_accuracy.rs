//! `eval` at 256 bits must return enclosures that contain the true value and are narrower than
//! 1e-60 relative, for every served function and n up to 20000. True values come from an
//! independent route: exact rationals summed term by term from the pmf formula, MPFR at 2048 bits
//! for the transcendental functions, and, for the inverses, the defining inequality checked at
//! the returned endpoints with exact binomial sums or high-precision kl.

use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use serde_json::{json, Map, Value};
use theoremcheck::eval::evaluate;
use theoremcheck::reference::{binomial_cdf, kl_bernoulli, parse_rational, Decision, Enclosure};

const PREC: u32 = 256;

fn call(function: &str, args: Value) -> (Rational, Rational) {
    let map: Map<String, Value> = args.as_object().unwrap().clone();
    let e = evaluate(function, &map, PREC).unwrap_or_else(|err| panic!("{function}: {err}"));
    let (lo, hi) = e.decimal_bounds(theoremcheck::reference::decimal::digits_for_bits(PREC));
    (parse_rational(&lo).unwrap(), parse_rational(&hi).unwrap())
}

fn assert_tight(function: &str, lo: &Rational, hi: &Rational) {
    assert!(lo <= hi, "{function}: lo > hi");
    if lo == hi {
        return;
    }
    let width = Rational::from(hi - lo) / lo.clone().abs().min(hi.clone().abs());
    assert!(
        width < Rational::from((1, 10)) / Rational::from(Integer::from(10).pow(59)),
        "{function}: relative width {} ≥ 1e-60",
        width.to_f64()
    );
}

fn naive_pmf(n: u32, k: u32, p: &Rational) -> Rational {
    Rational::from(Integer::binomial_u(n, k)) * Rational::from(p.pow(k)) * Rational::from(1 - p).pow(n - k)
}

#[test]
fn binomial_functions_contain_the_exact_sum() {
    for (n, k, p) in [(10, 3, "1/3"), (1000, 7, "0.01"), (20000, 40, "1/997"), (20000, 19980, "0.999"), (20000, 10000, "1/2")] {
        let pr = parse_rational(p).unwrap();
        let pmf = naive_pmf(n, k, &pr);
        let (lo, hi) = call("binomial_pmf", json!({"n": n, "k": k, "p": p}));
        assert!(lo <= pmf && pmf <= hi, "pmf n={n} k={k}");
        assert_tight("binomial_pmf", &lo, &hi);
        // Tails are summed naively on their short side.
        if k < 100 {
            let cdf: Rational = (0..=k).map(|j| naive_pmf(n, j, &pr)).sum();
            let (lo, hi) = call("binomial_cdf", json!({"n": n, "k": k, "p": p}));
            assert!(lo <= cdf && cdf <= hi, "cdf n={n} k={k}");
            assert_tight("binomial_cdf", &lo, &hi);
            let tail = Rational::from(1) - Rational::from(&cdf - &pmf);
            let (lo, hi) = call("binomial_tail_upper", json!({"n": n, "k": k, "p": p}));
            assert!(lo <= tail && tail <= hi, "tail n={n} k={k}");
            assert_tight("binomial_tail_upper", &lo, &hi);
        } else {
            let tail: Rational = (k..=n).map(|j| naive_pmf(n, j, &pr)).sum::<Rational>();
            let (lo, hi) = call("binomial_tail_upper", json!({"n": n, "k": k, "p": p}));
            if n - k < 100 {
                assert!(lo <= tail && tail <= hi, "tail n={n} k={k}");
            }
            assert_tight("binomial_tail_upper", &lo, &hi);
        }
    }
}

fn mpfr_kl(q: &Rational, p: &Rational) -> Float {
    let prec = 2048;
    let term = |a: &Rational, b: &Rational| -> Float {
        if *a == 0 {
            return Float::with_val(prec, 0);
        }
        Float::with_val(prec, a) * Float::with_val(prec, Float::with_val(prec, a) / Float::with_val(prec, b)).ln()
    };
    let one = Rational::from(1);
    term(q, p) + term(&Rational::from(&one - q), &Rational::from(&one - p))
}

#[test]
fn kl_and_normal_cdf_contain_high_precision_values() {
    for (q, p) in [("1/2", "1/4"), ("0.001", "0.5"), ("0.3", "0.3000001"), ("0.99", "0.01")] {
        let (qr, pr) = (parse_rational(q).unwrap(), parse_rational(p).unwrap());
        let truth = mpfr_kl(&qr, &pr).to_rational().unwrap();
        let (lo, hi) = call("kl_bernoulli", json!({"q": q, "p": p}));
        assert!(lo <= truth && truth <= hi, "kl({q}‖{p})");
        assert_tight("kl_bernoulli", &lo, &hi);
    }
    for x in ["0.5", "-3", "-37.5", "8", "1/3"] {
        let xr = parse_rational(x).unwrap();
        let arg = Float::with_val(2048, -Float::with_val(2048, &xr) / Float::with_val(2048, 2).sqrt());
        let truth = (arg.erfc() / 2u32).to_rational().unwrap();
        let (lo, hi) = call("normal_cdf", json!({"x": x}));
        assert!(lo <= truth && truth <= hi, "Φ({x})");
        assert_tight("normal_cdf", &lo, &hi);
    }
}

#[test]
fn kl_inverses_bracket_their_defining_boundary() {
    for (q, c) in [("1/10", "1/5"), ("0.5", "0.001"), ("0.999", "3"), ("0", "0.7"), ("1", "0.25"), ("1e-6", "1e-3")] {
        let (qr, cr) = (parse_rational(q).unwrap(), parse_rational(c).unwrap());
        let ce = Enclosure::exact(cr.clone());
        for (function, inside_end) in [("kl_inverse_upper", 0), ("kl_inverse_lower", 1)] {
            let (lo, hi) = call(function, json!({"q": q, "c": c}));
            assert_tight(function, &lo, &hi);
            let (inside, outside) = if inside_end == 0 { (lo, hi) } else { (hi, lo) };
            // kl(q‖inside) ≤ c and kl(q‖outside) ≥ c: the boundary lies between.
            if (0..=1).contains(&outside) && inside != outside {
                assert_ne!(kl_bernoulli(&qr, &inside, 2048).unwrap().le(&ce), Decision::False, "{function}({q},{c}) inside");
                assert_ne!(kl_bernoulli(&qr, &outside, 2048).unwrap().lt(&ce), Decision::True, "{function}({q},{c}) outside");
            }
        }
    }
}

#[test]
fn clopper_pearson_bounds_bracket_the_binomial_equation() {
    for (n, k, delta) in [(20, 0, "0.05"), (100, 7, "0.05"), (20000, 12, "1e-6"), (3000, 1500, "0.01")] {
        let d = parse_rational(delta).unwrap();
        let (lo, hi) = call("clopper_pearson_upper", json!({"n": n, "k": k, "delta": delta}));
        assert_tight("clopper_pearson_upper", &lo, &hi);
        // P(X ≤ k) ≥ δ at the lower end, < δ at the upper end (exact rational sums).
        if k < 50 || n <= 3000 {
            assert!(binomial_cdf(n, k, &lo).unwrap() >= d, "CP upper n={n} k={k}: lower end not inside");
            assert!(binomial_cdf(n, k, &hi).unwrap() <= d, "CP upper n={n} k={k}: upper end not outside");
        }
        if k > 0 {
            let (lo, hi) = call("clopper_pearson_lower", json!({"n": n, "k": k, "delta": delta}));
            assert_tight("clopper_pearson_lower", &lo, &hi);
            if k < 50 || n <= 3000 {
                let tail = |p: &Rational| Rational::from(1) - binomial_cdf(n, k - 1, p).unwrap();
                assert!(tail(&hi) >= d, "CP lower n={n} k={k}: upper end not inside");
                assert!(tail(&lo) <= d, "CP lower n={n} k={k}: lower end not outside");
            }
        }
    }
}
