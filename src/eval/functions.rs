//! The table of `eval` functions.

use super::args::Args;
use super::{Budget, EvalRequestError};
use crate::reference::binomial_enclosure::{binomial_cdf_enclosure, binomial_pmf_enclosure, binomial_tail_upper_enclosure};
use crate::reference::pac_bayes_bounds;
use crate::reference::{
    clopper_pearson_lower, clopper_pearson_upper, kl_bernoulli, kl_inverse_lower, kl_inverse_upper, normal_cdf, Enclosure,
};
use rug::Float;
use serde_json::{Map, Value as Json};

/// Every function `eval` serves.
pub const FUNCTION_NAMES: &[&str] = &[
    "binomial_pmf",
    "binomial_cdf",
    "binomial_tail_upper",
    "kl_bernoulli",
    "kl_inverse_upper",
    "kl_inverse_lower",
    "normal_cdf",
    "clopper_pearson_upper",
    "clopper_pearson_lower",
    "seeger_bound",
    "mcallester_bound",
    "catoni_bound",
    "pac_bayes_lambda_bound",
    "test_set_bound",
    "ece",
];

/// Evaluates `function` on `arguments`, enclosed with relative width about `2^-prec`.
pub fn evaluate(function: &str, arguments: &Map<String, Json>, prec: u32) -> Result<Enclosure, EvalRequestError> {
    evaluate_within(function, arguments, prec, &Budget::default())
}

/// As [`evaluate`], with refinement stopped where a step would exceed `budget` (the caller
/// admits the request itself with [`Budget::admit`]).
pub fn evaluate_within(function: &str, arguments: &Map<String, Json>, prec: u32, budget: &Budget) -> Result<Enclosure, EvalRequestError> {
    let a = Args { function, map: arguments };
    let max_wp = budget.max_refine_precision();
    match function {
        "binomial_pmf" | "binomial_cdf" | "binomial_tail_upper" => {
            a.only(&["n", "k", "p"])?;
            let (n, k) = a.trials_and_count()?;
            let p = a.probability("p")?;
            // Certified truncated sums (relative width ≤ 2^-prec), not exact rationals: the
            // exact sums cost O(n²) at k ≈ n/2 and eval answers with an enclosure anyway.
            let enclosure = match function {
                "binomial_pmf" => binomial_pmf_enclosure(n, k, &p, prec),
                "binomial_cdf" => binomial_cdf_enclosure(n, k, &p, prec),
                _ => binomial_tail_upper_enclosure(n, k, &p, prec),
            }
            .map_err(|e| a.wrap(e))?;
            Ok(enclosure.to_interval(prec + 2).into())
        }
        "kl_bernoulli" => {
            a.only(&["q", "p"])?;
            let (q, p) = (a.probability("q")?, a.probability("p")?);
            refine(prec, max_wp, |wp| kl_bernoulli(&q, &p, wp).map_err(|e| a.wrap(e)))
        }
        "kl_inverse_upper" | "kl_inverse_lower" => {
            a.only(&["q", "c"])?;
            let q = a.probability("q")?;
            let c = a.number("c")?;
            if c < 0 {
                return Err(a.wrap(format!("'c' = {} is negative", crate::reference::decimal::format_rational(&c))));
            }
            let inverse = if function == "kl_inverse_upper" { kl_inverse_upper } else { kl_inverse_lower };
            inverse(&q, &c, prec).map_err(|e| a.wrap(e))
        }
        "normal_cdf" => {
            a.only(&["x"])?;
            let x = a.number("x")?;
            refine(prec, max_wp, |wp| Ok(normal_cdf(&x, wp)))
        }
        "clopper_pearson_upper" | "clopper_pearson_lower" => {
            a.only(&["n", "k", "delta"])?;
            let (n, k) = a.trials_and_count()?;
            let delta = a.open_unit("delta")?;
            let bound = if function == "clopper_pearson_upper" { clopper_pearson_upper } else { clopper_pearson_lower };
            bound(n, k, &delta, prec).map_err(|e| a.wrap(e))
        }
        "seeger_bound" | "mcallester_bound" | "catoni_bound" | "pac_bayes_lambda_bound" => pac_bayes_bound(&a, prec),
        "test_set_bound" => {
            a.only(&["n", "k", "delta"])?;
            // The same n cap and count checks as the binomial functions: its inversion sums over n.
            let (n, k) = a.trials_and_count()?;
            let delta = a.number("delta")?;
            pac_bayes_bounds::test_set_bound(n, k, &delta, prec).map_err(|e| a.wrap(e))
        }
        "ece" => {
            a.only(&["conf", "correct", "bins"])?;
            let bins = a.count("bins")?;
            let exact = ece_arguments(&a, bins).map_err(|e| a.wrap(e))?;
            Ok(Enclosure::exact(exact).to_interval(prec + 2).into())
        }
        other => Err(EvalRequestError::UnknownFunction(other.to_string())),
    }
}

/// Evaluates at growing working precision until the enclosure's relative width is below
/// `2^-prec` (or the working precision reaches 16× the target, or the next step would exceed
/// `max_wp`, where we return what we have: still a valid enclosure, only wider, which the
/// answer flags with `"width_met": false`).
fn refine(prec: u32, max_wp: u32, f: impl Fn(u32) -> Result<Enclosure, EvalRequestError>) -> Result<Enclosure, EvalRequestError> {
    let target = Float::with_val(64, Float::i_exp(1, -(prec as i32)));
    let mut wp = prec + 64;
    loop {
        let e = f(wp)?;
        if e.relative_width(wp) <= target || wp >= 16 * prec || wp.saturating_mul(2) > max_wp {
            return Ok(e);
        }
        wp *= 2;
    }
}

/// The PAC-Bayes bounds: `{emp_risk, kl, n, delta}`, plus `c` for Catoni and `lambda` for the
/// λ-bound. Domain errors come from the reference and name the argument.
fn pac_bayes_bound(a: &Args, prec: u32) -> Result<Enclosure, EvalRequestError> {
    let extra = match a.function {
        "catoni_bound" => Some("c"),
        "pac_bayes_lambda_bound" => Some("lambda"),
        _ => None,
    };
    let mut names = vec!["emp_risk", "kl", "n", "delta"];
    names.extend(extra);
    a.only(&names)?;
    let emp = a.number("emp_risk")?;
    let kl = Enclosure::exact(a.number("kl")?);
    let n = a.count("n")?;
    let delta = a.number("delta")?;
    let result = match a.function {
        "seeger_bound" => pac_bayes_bounds::seeger_bound(&emp, &kl, n, &delta, prec),
        "mcallester_bound" => pac_bayes_bounds::mcallester_bound(&emp, &kl, n, &delta, prec),
        "catoni_bound" => pac_bayes_bounds::catoni_bound(&emp, &kl, n, &delta, &a.number("c")?, prec),
        _ => pac_bayes_bounds::pac_bayes_lambda_bound(&emp, &kl, n, &delta, &a.number("lambda")?, prec),
    };
    result.map_err(|e| a.wrap(e))
}

/// `ece`: `conf` (array of exact numbers as strings), `correct` (array of 0/1), `bins`.
fn ece_arguments(a: &Args, bins: u32) -> Result<rug::Rational, String> {
    use crate::reference::ece::{sample_ece, EceError};
    let array = |name: &str| match a.map.get(name) {
        Some(Json::Array(items)) => Ok(items),
        Some(other) => Err(format!("'{name}' must be an array, got {other}")),
        None => Err(format!("missing argument '{name}'")),
    };
    let conf = array("conf")?
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Json::String(s) => crate::reference::parse_rational(s).map_err(|e| format!("'conf' at index {i}: {e}")),
            // A u64 above i64::MAX is read exactly too, so an out-of-range value is reported as written.
            Json::Number(n) if n.is_i64() => Ok(rug::Rational::from(n.as_i64().unwrap_or_default())),
            Json::Number(n) if n.is_u64() => Ok(rug::Rational::from(n.as_u64().unwrap_or_default())),
            other => Err(format!("'conf' at index {i} must be a number written as a string, got {other}")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let correct = array("correct")?
        .iter()
        .enumerate()
        .map(|(index, v)| match v.as_u64() {
            Some(0) => Ok(false),
            Some(1) => Ok(true),
            _ => Err(EceError::NotABit { index, value: v.to_string() }.to_string()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    sample_ece(&conf, &correct, bins).map_err(|e| e.to_string())
}
