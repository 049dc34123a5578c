//! The certified primitives `eval` serves, callable from a claim. Exact where the reference is
//! exact (binomial probabilities are rationals), enclosures otherwise. Each is total where the
//! mathematics is: `binomial_tail_upper(n, k, p)` is `P(Bin(n, p) ≥ k)` for every integer `k`.

use super::{Failure, Function, Returns};
use crate::claim::budget::Budget;
use crate::claim::value::{Type, Value};
use crate::reference::{self, pac_bayes_bounds, Enclosure};
use rug::{Integer, Rational};

const NKP: &[(&str, Type)] = &[("n", Type::Int), ("k", Type::Int), ("p", Type::Rat)];
const QP: &[(&str, Type)] = &[("q", Type::Rat), ("p", Type::Rat)];
const QC: &[(&str, Type)] = &[("q", Type::Rat), ("c", Type::Rat)];
const NKD: &[(&str, Type)] = &[("n", Type::Int), ("k", Type::Int), ("delta", Type::Rat)];
const PB: &[(&str, Type)] = &[("emp_risk", Type::Rat), ("kl", Type::Real), ("n", Type::Int), ("delta", Type::Rat)];
const PB_C: &[(&str, Type)] = &[("emp_risk", Type::Rat), ("kl", Type::Real), ("n", Type::Int), ("delta", Type::Rat), ("c", Type::Rat)];
const PB_L: &[(&str, Type)] = &[("emp_risk", Type::Rat), ("kl", Type::Real), ("n", Type::Int), ("delta", Type::Rat), ("lambda", Type::Rat)];
const U: &[(&str, Type)] = &[("u", Type::Rat)];

fn domain(e: impl std::fmt::Display) -> Failure {
    Failure::Domain(e.to_string())
}

/// `n` as a count within the trials limit.
fn trials(name: &str, n: &Integer, budget: &Budget) -> Result<u32, Failure> {
    if *n < 0 {
        return Err(Failure::Domain(format!("{name}: n = {n} is negative")));
    }
    n.to_u32().filter(|n| *n <= budget.limits.trials).ok_or_else(|| {
        Failure::Budget(format!("budget exceeded: {name} with n = {n} above the limit {} (exact sums grow with n)", budget.limits.trials))
    })
}

fn probability(name: &str, p: &Rational) -> Result<(), Failure> {
    if *p < 0 || *p > 1 {
        return Err(Failure::Domain(format!("{name}: p = {} is outside [0, 1]", reference::decimal::format_rational(p))));
    }
    Ok(())
}

fn exact(r: Rational) -> Result<Value, Failure> {
    Ok(Value::Real(Enclosure::Exact(r)))
}

/// The three binomial probabilities, with `k` clamped to where the answer is 0 or 1.
fn binomial_probability(name: &str, a: &[Value], budget: &Budget) -> Result<Value, Failure> {
    let n = trials(name, a[0].integer(), budget)?;
    let (k, p) = (a[1].integer(), a[2].rational());
    probability(name, &p)?;
    let (zero, one) = (Rational::new(), Rational::from(1));
    let inside = k.to_u32().filter(|k| *k <= n);
    match (name, inside) {
        ("binomial_pmf", None) => exact(zero),
        ("binomial_cdf", None) => exact(if *k < 0 { zero } else { one }),
        ("binomial_tail_upper", None) => exact(if *k <= 0 { one } else { zero }),
        ("binomial_pmf", Some(k)) => reference::binomial_pmf(n, k, &p).map_err(domain).map(Enclosure::Exact).map(Value::Real),
        ("binomial_cdf", Some(k)) => reference::binomial_cdf(n, k, &p).map_err(domain).map(Enclosure::Exact).map(Value::Real),
        (_, Some(k)) => reference::binomial_tail_upper(n, k, &p).map_err(domain).map(Enclosure::Exact).map(Value::Real),
        _ => unreachable!("three names"),
    }
}

fn binomial_pmf(a: &[Value], _: u32, b: &Budget) -> Result<Value, Failure> {
    binomial_probability("binomial_pmf", a, b)
}

fn binomial_cdf(a: &[Value], _: u32, b: &Budget) -> Result<Value, Failure> {
    binomial_probability("binomial_cdf", a, b)
}

fn binomial_tail_upper(a: &[Value], _: u32, b: &Budget) -> Result<Value, Failure> {
    binomial_probability("binomial_tail_upper", a, b)
}

fn kl_bernoulli(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    reference::kl_bernoulli(&a[0].rational(), &a[1].rational(), prec).map(Value::Real).map_err(domain)
}

fn kl_inverse(a: &[Value], prec: u32, upper: bool) -> Result<Value, Failure> {
    let (q, c) = (a[0].rational(), a[1].rational());
    if c < 0 {
        return Err(Failure::Domain(format!("kl inverse: c = {} is negative", reference::decimal::format_rational(&c))));
    }
    let f = if upper { reference::kl_inverse_upper } else { reference::kl_inverse_lower };
    f(&q, &c, prec).map(Value::Real).map_err(domain)
}

fn kl_inverse_upper(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    kl_inverse(a, prec, true)
}

fn kl_inverse_lower(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    kl_inverse(a, prec, false)
}

fn counts_and_level(name: &str, a: &[Value], budget: &Budget) -> Result<(u32, u32, Rational), Failure> {
    let n = trials(name, a[0].integer(), budget)?;
    let k = a[1]
        .integer()
        .to_u32()
        .filter(|k| *k <= n)
        .ok_or_else(|| Failure::Domain(format!("{name}: k = {} is outside 0..=n", a[1].integer())))?;
    Ok((n, k, a[2].rational()))
}

fn clopper_pearson_upper(a: &[Value], prec: u32, b: &Budget) -> Result<Value, Failure> {
    let (n, k, delta) = counts_and_level("clopper_pearson_upper", a, b)?;
    reference::clopper_pearson_upper(n, k, &delta, prec).map(Value::Real).map_err(domain)
}

fn clopper_pearson_lower(a: &[Value], prec: u32, b: &Budget) -> Result<Value, Failure> {
    let (n, k, delta) = counts_and_level("clopper_pearson_lower", a, b)?;
    reference::clopper_pearson_lower(n, k, &delta, prec).map(Value::Real).map_err(domain)
}

fn test_set_bound(a: &[Value], prec: u32, b: &Budget) -> Result<Value, Failure> {
    let (n, k, delta) = counts_and_level("test_set_bound", a, b)?;
    pac_bayes_bounds::test_set_bound(n, k, &delta, prec).map(Value::Real).map_err(domain)
}

/// The PAC-Bayes bounds' common arguments: `(emp_risk, kl, n, delta)`.
fn pac_bayes_arguments(name: &str, a: &[Value]) -> Result<(Rational, Enclosure, u32, Rational), Failure> {
    let n = a[2].integer().to_u32().ok_or_else(|| Failure::Domain(format!("{name}: n = {} is not a count", a[2].integer())))?;
    Ok((a[0].rational(), a[1].enclosure(), n, a[3].rational()))
}

fn seeger_bound(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let (emp, kl, n, delta) = pac_bayes_arguments("seeger_bound", a)?;
    pac_bayes_bounds::seeger_bound(&emp, &kl, n, &delta, prec).map(Value::Real).map_err(domain)
}

fn mcallester_bound(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let (emp, kl, n, delta) = pac_bayes_arguments("mcallester_bound", a)?;
    pac_bayes_bounds::mcallester_bound(&emp, &kl, n, &delta, prec).map(Value::Real).map_err(domain)
}

fn catoni_bound(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let (emp, kl, n, delta) = pac_bayes_arguments("catoni_bound", a)?;
    pac_bayes_bounds::catoni_bound(&emp, &kl, n, &delta, &a[4].rational(), prec).map(Value::Real).map_err(domain)
}

fn pac_bayes_lambda_bound(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let (emp, kl, n, delta) = pac_bayes_arguments("pac_bayes_lambda_bound", a)?;
    pac_bayes_bounds::pac_bayes_lambda_bound(&emp, &kl, n, &delta, &a[4].rational(), prec).map(Value::Real).map_err(domain)
}

fn bennett_h(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    reference::bennett_h(&a[0].rational(), prec).map(Value::Real).map_err(domain)
}

pub static FUNCTIONS: [Function; 15] = [
    Function {
        name: "binomial_pmf",
        params: NKP,
        variadic: false,
        returns: Returns::Fixed(Type::Rat),
        summary: "P(Bin(n, p) = k), exact",
        apply: binomial_pmf,
    },
    Function {
        name: "binomial_cdf",
        params: NKP,
        variadic: false,
        returns: Returns::Fixed(Type::Rat),
        summary: "P(Bin(n, p) ≤ k), exact",
        apply: binomial_cdf,
    },
    Function {
        name: "binomial_tail_upper",
        params: NKP,
        variadic: false,
        returns: Returns::Fixed(Type::Rat),
        summary: "P(Bin(n, p) ≥ k), exact",
        apply: binomial_tail_upper,
    },
    Function {
        name: "kl_bernoulli",
        params: QP,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "kl(q‖p) between Bernoulli laws",
        apply: kl_bernoulli,
    },
    Function {
        name: "kl_inverse_upper",
        params: QC,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "sup{p ≥ q : kl(q‖p) ≤ c}",
        apply: kl_inverse_upper,
    },
    Function {
        name: "kl_inverse_lower",
        params: QC,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "inf{p ≤ q : kl(q‖p) ≤ c}",
        apply: kl_inverse_lower,
    },
    Function {
        name: "clopper_pearson_upper",
        params: NKD,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "upper Clopper–Pearson bound at level δ",
        apply: clopper_pearson_upper,
    },
    Function {
        name: "clopper_pearson_lower",
        params: NKD,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "lower Clopper–Pearson bound at level δ",
        apply: clopper_pearson_lower,
    },
    Function {
        name: "test_set_bound",
        params: NKD,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "Langford's test-set bound (binomial tail inversion)",
        apply: test_set_bound,
    },
    Function {
        name: "seeger_bound",
        params: PB,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "kl⁻¹(L̂, (KL + ln(2√n/δ))/n)",
        apply: seeger_bound,
    },
    Function {
        name: "mcallester_bound",
        params: PB,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "L̂ + √((KL + ln(2√n/δ))/(2n))",
        apply: mcallester_bound,
    },
    Function {
        name: "catoni_bound",
        params: PB_C,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "Catoni's bound with constant c",
        apply: catoni_bound,
    },
    Function {
        name: "pac_bayes_lambda_bound",
        params: PB_L,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "Thiemann et al.'s λ-bound",
        apply: pac_bayes_lambda_bound,
    },
    Function {
        name: "bennett_h",
        params: U,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "h(u) = (1 + u) ln(1 + u) − u, u > −1",
        apply: bennett_h,
    },
    Function {
        name: "xi",
        params: &[("n", Type::Int)],
        variadic: false,
        returns: Returns::Fixed(Type::Rat),
        summary: "Maurer's ξ(n) = Σ C(n,k)(k/n)^k(1 − k/n)^(n−k), exact",
        apply: xi,
    },
];

fn xi(a: &[Value], _: u32, b: &Budget) -> Result<Value, Failure> {
    let n = trials("xi", a[0].integer(), b)?;
    pac_bayes_bounds::xi(n).map(Enclosure::Exact).map(Value::Real).map_err(domain)
}
