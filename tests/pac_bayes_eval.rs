//! `theoremcheck eval` serves the PAC-Bayes bounds as enclosures. Each answer must contain the
//! value computed independently here (plain MPFR formulas at 2048 bits, a direct kl bracket for
//! the Seeger bound, exact binomial sums for the test-set bound), so its upper end never
//! under-reports the bound; and every bad argument must come back as an error that names it.

use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use serde_json::Value as Json;
use theoremcheck::eval::answer_line;
use theoremcheck::reference::parse_rational;

const P: u32 = 2048;

fn ask(line: &str) -> (Rational, Rational) {
    let out = answer_line(line);
    let lo = out["lo"].as_str().unwrap_or_else(|| panic!("{line} → {out}"));
    let hi = out["hi"].as_str().unwrap();
    (parse_rational(lo).unwrap(), parse_rational(hi).unwrap())
}

fn error_of(line: &str) -> String {
    let out: Json = answer_line(line);
    out["error"].as_str().unwrap_or_else(|| panic!("{line} should fail, got {out}")).to_string()
}

fn f(r: (i64, i64)) -> Float {
    Float::with_val(P, Rational::from(r))
}

fn assert_contains((lo, hi): &(Rational, Rational), v: &Float, what: &str) {
    let v = v.to_rational().unwrap();
    assert!(*lo <= v && v <= *hi, "{what}: {} not in [{}, {}]", v.to_f64(), lo.to_f64(), hi.to_f64());
}

/// `ln(2√n/δ)` at 2048 bits.
fn log_term(n: u32, delta: (i64, i64)) -> Float {
    let two = Float::with_val(P, 2).ln();
    let half_ln_n = Float::with_val(P, n).ln() / 2u32;
    two + half_ln_n - f(delta).ln()
}

fn kl(q: &Float, p: &Float) -> Float {
    let one = Float::with_val(P, 1);
    let mut total = Float::with_val(P, 0);
    if *q > 0 {
        total += Float::with_val(P, q * Float::with_val(P, q / p).ln());
    }
    if *q < 1 {
        let (qb, pb) = (Float::with_val(P, &one - q), Float::with_val(P, &one - p));
        total += Float::with_val(P, &qb * Float::with_val(P, &qb / &pb).ln());
    }
    total
}

/// `(emp_risk, kl, n, delta)`, fractions as `(numerator, denominator)`.
type Case = ((i64, i64), (i64, i64), u32, (i64, i64));

const CASES: [Case; 4] =
    [((1, 10), (0, 1), 100, (1, 20)), ((0, 1), (3, 1), 30, (1, 100)), ((1, 2), (1, 4), 7, (1, 2)), ((81, 2000), (300, 1), 4200, (1, 20))];

fn args((emp, kl, n, delta): Case) -> String {
    format!("\"emp_risk\":\"{}/{}\",\"kl\":\"{}/{}\",\"n\":{n},\"delta\":\"{}/{}\"", emp.0, emp.1, kl.0, kl.1, delta.0, delta.1)
}

#[test]
fn mcallester_bound_contains_the_direct_formula() {
    for case in CASES {
        let (emp, klv, n, delta) = case;
        let got = ask(&format!("{{\"fn\":\"mcallester_bound\",\"args\":{{{}}}}}", args(case)));
        let v = f(emp) + Float::with_val(P, (f(klv) + log_term(n, delta)) / (2 * n)).sqrt();
        assert_contains(&got, &v, "mcallester_bound");
    }
}

#[test]
fn lambda_bound_contains_the_direct_formula() {
    for case in CASES {
        let (emp, klv, n, delta) = case;
        for lambda in [(1, 4), (1, 1), (7, 4)] {
            let got =
                ask(&format!("{{\"fn\":\"pac_bayes_lambda_bound\",\"args\":{{{},\"lambda\":\"{}/{}\"}}}}", args(case), lambda.0, lambda.1));
            let factor = Float::with_val(P, 1) - f(lambda) / 2u32;
            let v = Float::with_val(P, f(emp) / &factor) + (f(klv) + log_term(n, delta)) / (f(lambda) * &factor * n);
            assert_contains(&got, &v, "pac_bayes_lambda_bound");
        }
    }
}

#[test]
fn catoni_bound_contains_the_direct_formula() {
    for case in CASES {
        let (emp, klv, n, delta) = case;
        for c in [(1, 8), (1, 1), (5, 1)] {
            let got = ask(&format!("{{\"fn\":\"catoni_bound\",\"args\":{{{},\"c\":\"{}/{}\"}}}}", args(case), c.0, c.1));
            let exponent = -(f(c) * f(emp)) - (f(klv) - f(delta).ln()) / n;
            let v = -Float::with_val(P, exponent.exp_m1()) / -Float::with_val(P, (-f(c)).exp_m1());
            assert_contains(&got, &v, "catoni_bound");
        }
    }
}

#[test]
fn seeger_bound_is_bracketed_by_kl_at_its_ends() {
    for case in CASES {
        let (emp, klv, n, delta) = case;
        let (lo, hi) = ask(&format!("{{\"fn\":\"seeger_bound\",\"args\":{{{}}}}}", args(case)));
        let c = (f(klv) + log_term(n, delta)) / n;
        let q = f(emp);
        // kl(q‖·) increases on [q, 1]: kl(q‖lo) ≤ c ≤ kl(q‖hi) puts kl⁻¹ inside [lo, hi].
        assert!(kl(&q, &Float::with_val(P, &lo)) <= c, "{case:?}: lower end above the bound");
        assert!(hi >= 1 || kl(&q, &Float::with_val(P, &hi)) >= c, "{case:?}: upper end below the bound");
        assert!(lo >= emp_rational(emp));
    }
}

fn emp_rational(e: (i64, i64)) -> Rational {
    Rational::from(e)
}

fn cdf(n: u32, k: u32, p: &Rational) -> Rational {
    (0..=k).map(|j| Rational::from(Integer::binomial_u(n, j)) * Rational::from(p.pow(j)) * Rational::from(1 - p).pow(n - j)).sum()
}

#[test]
fn test_set_bound_is_bracketed_by_the_binomial_tail() {
    for (n, k, delta) in [(10u32, 0u32, (1i64, 10i64)), (30, 7, (1, 20)), (100, 3, (1, 100)), (5, 5, (1, 2))] {
        let (lo, hi) =
            ask(&format!("{{\"fn\":\"test_set_bound\",\"args\":{{\"n\":{n},\"k\":{k},\"delta\":\"{}/{}\"}}}}", delta.0, delta.1));
        let d = Rational::from(delta);
        if k == n {
            assert!(lo == 1 && hi == 1);
            continue;
        }
        assert!(cdf(n, k, &lo) >= d, "n = {n}, k = {k}: lower end outside");
        assert!(cdf(n, k, &hi.clone().min(Rational::from(1))) <= d, "n = {n}, k = {k}: upper end inside");
        if k == 0 {
            // Closed form 1 − δ^{1/n}.
            let v = Float::with_val(P, 1) - f(delta).pow(Float::with_val(P, 1) / n);
            assert_contains(&(lo, hi), &v, "test_set_bound at k = 0");
        }
    }
}

#[test]
fn bad_arguments_are_named_errors() {
    let base = "\"emp_risk\":\"1/10\",\"n\":10,\"delta\":\"1/20\"";
    for (function, args, expected) in [
        ("seeger_bound", format!("{base},\"kl\":\"-1\""), "kl = -1"),
        ("mcallester_bound", "\"emp_risk\":\"1/10\",\"kl\":\"0\",\"n\":10,\"delta\":\"0\"".to_string(), "delta = 0"),
        ("mcallester_bound", "\"emp_risk\":\"1/10\",\"kl\":\"0\",\"n\":10,\"delta\":\"1\"".to_string(), "delta = 1"),
        ("seeger_bound", "\"emp_risk\":\"1/10\",\"kl\":\"0\",\"n\":0,\"delta\":\"1/20\"".to_string(), "n must be at least 1"),
        ("seeger_bound", "\"emp_risk\":\"3/2\",\"kl\":\"0\",\"n\":10,\"delta\":\"1/20\"".to_string(), "emp_risk = 3/2"),
        ("catoni_bound", format!("{base},\"kl\":\"0\",\"c\":\"0\""), "c = 0"),
        ("catoni_bound", format!("{base},\"kl\":\"0\",\"c\":\"-1\""), "c = -1"),
        ("pac_bayes_lambda_bound", format!("{base},\"kl\":\"0\",\"lambda\":\"0\""), "lambda = 0"),
        ("pac_bayes_lambda_bound", format!("{base},\"kl\":\"0\",\"lambda\":\"2\""), "lambda = 2"),
        ("pac_bayes_lambda_bound", format!("{base},\"kl\":\"0\""), "missing argument 'lambda'"),
        ("mcallester_bound", format!("{base},\"kl\":\"0\",\"c\":\"1\""), "unknown argument 'c'"),
        ("mcallester_bound", format!("{base},\"kl\":0.5"), "'kl' = 0.5 is a JSON float"),
        ("test_set_bound", "\"n\":5,\"k\":6,\"delta\":\"1/20\"".to_string(), "'k' = 6 exceeds 'n' = 5"),
        ("test_set_bound", "\"n\":5,\"k\":1,\"delta\":\"3/2\"".to_string(), "delta = 3/2"),
        ("test_set_bound", "\"n\":0,\"k\":0,\"delta\":\"1/2\"".to_string(), "'n' must be at least 1"),
    ] {
        let message = error_of(&format!("{{\"fn\":\"{function}\",\"args\":{{{args}}}}}"));
        assert!(message.starts_with(function) && message.contains(expected), "{function} {args}: {message}");
    }
}
