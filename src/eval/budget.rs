//! The resource model of `eval`: every request is admitted only if its estimated cost fits a
//! budget, so that one line can never stall the stream for minutes or exhaust memory.
//!
//! Three limits, each raised by a flag of `theoremcheck eval`:
//! - `max_digits` — decimal digits of any one number (numerator and denominator together);
//! - `max_work` — an estimate of the bit operations the request needs (below), so that the
//!   product of `n`, the size of `p` and the precision stays bounded, not each alone;
//! - `max_line_bytes` — the length of one request line (enforced by the reader).
//!
//! The work estimates were calibrated on the exact and bisection references (one `2^34` unit
//! budget is about one to three seconds on one core):
//! - exact binomial sums: `(terms + 2048)·n·bits(den p)` — `n·bits(den p)` is the size of the
//!   common denominator `den(p)^n`, `terms` the number of summed terms, and the constant the
//!   cost of the final canonicalisation (a gcd of numbers of that size);
//! - functions found by bisection (kl-inverse, Clopper–Pearson, the test-set and Seeger bounds):
//!   `wp³ + terms·wp²` with `wp = prec + 64`: about `wp` halvings, each at `wp` bits, over
//!   `terms` binomial terms where the function sums a law;
//! - functions refined by raising the working precision (`normal_cdf`, `kl_bernoulli`): each step
//!   costs `64·wp²`, and refinement stops before a step that would not fit; such an answer
//!   carries `"width_met": false`.

use rug::Rational;
use serde_json::{Map, Value as Json};

/// The limits under which one `eval` request runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Decimal digits of one number (numerator and denominator together).
    pub max_digits: u64,
    /// Estimated bit operations of one request.
    pub max_work: u64,
    /// Bytes of one request line.
    pub max_line_bytes: usize,
}

/// The default digits of one number.
pub const DEFAULT_MAX_DIGITS: u64 = 1_000;
/// The default work of one request, about one to three seconds on one core.
pub const DEFAULT_MAX_WORK: u64 = 1 << 34;
/// The default length of one request line (1 MiB: an `ece` sample of tens of thousands).
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

impl Default for Budget {
    fn default() -> Self {
        Budget { max_digits: DEFAULT_MAX_DIGITS, max_work: DEFAULT_MAX_WORK, max_line_bytes: DEFAULT_MAX_LINE_BYTES }
    }
}

/// Working precision of the first step of a function found by bisection or refinement.
fn working_precision(prec: u32) -> u64 {
    u64::from(prec) + 64
}

impl Budget {
    /// Refuses a request whose numbers or estimated work exceed the budget. Arguments that are
    /// missing or malformed are left for the evaluator, which names them precisely.
    pub fn admit(&self, function: &str, arguments: &Map<String, Json>, prec: u32) -> Result<(), String> {
        self.admit_numbers(arguments)?;
        let work = estimated_work(function, arguments, prec);
        if work > self.max_work {
            return Err(format!(
                "{function} at prec {prec} with these arguments needs about {work} work units; the limit is {} (raise it with --max-work)",
                self.max_work
            ));
        }
        Ok(())
    }

    /// Every number written as a string, at any depth, within `max_digits`.
    fn admit_numbers(&self, arguments: &Map<String, Json>) -> Result<(), String> {
        for (name, value) in arguments {
            let strings: Vec<&str> = match value {
                Json::String(s) => vec![s.as_str()],
                Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            for s in strings {
                let Ok(r) = crate::reference::parse_rational(s) else { continue };
                let digits = decimal_digits(&r);
                if digits > self.max_digits {
                    return Err(format!(
                        "'{name}' has {digits} decimal digits; the limit is {} (raise it with --max-digits)",
                        self.max_digits
                    ));
                }
            }
        }
        Ok(())
    }

    /// The highest working precision whose refinement step fits the budget.
    pub fn max_refine_precision(&self) -> u32 {
        // 64·wp² ≤ max_work
        let wp = ((self.max_work / 64) as f64).sqrt().floor() as u64;
        u32::try_from(wp).unwrap_or(u32::MAX)
    }
}

/// Digits of numerator and denominator together, from their bit lengths (an upper bound).
fn decimal_digits(r: &Rational) -> u64 {
    let bits = u64::from(r.numer().significant_bits()) + u64::from(r.denom().significant_bits());
    // log10(2) < 0.30103
    bits * 30103 / 100_000 + 2
}

/// The work estimate of one request (see the module documentation).
pub fn estimated_work(function: &str, arguments: &Map<String, Json>, prec: u32) -> u64 {
    let count = |name: &str| arguments.get(name).and_then(Json::as_u64).unwrap_or(0);
    let wp = working_precision(prec);
    let bisection = |terms: u64| wp.saturating_pow(3).saturating_add(terms.saturating_mul(wp * wp));
    match function {
        "binomial_pmf" | "binomial_cdf" | "binomial_tail_upper" => {
            let (n, k) = (count("n"), count("k"));
            let bits = arguments
                .get("p")
                .and_then(Json::as_str)
                .and_then(|s| crate::reference::parse_rational(s).ok())
                .filter(|p| *p != 0 && *p != 1)
                .map_or(0, |p| u64::from(p.denom().significant_bits()));
            let (lo, hi) = match function {
                "binomial_pmf" => (k, k),
                "binomial_cdf" => (0, k),
                _ => (k, n),
            };
            let inside = hi.saturating_sub(lo) + 1;
            let terms = inside.min((n + 1).saturating_sub(inside));
            if n <= u64::from(crate::reference::binomial_enclosure::EXACT_TRIALS) {
                return (terms + 2048).saturating_mul(n.saturating_mul(bits.max(1)));
            }
            // Enclosure path (reference::binomial_enclosure): summed from the start term away
            // from the mode, stopped by a certified geometric remainder, so at most the terms
            // until the ratio drops below 1/2 (a few √n) and about wp more, each at wp bits.
            let summed = terms.min(8 * n.isqrt() + wp);
            (summed + 64).saturating_mul(wp * wp)
        }
        "clopper_pearson_upper" | "test_set_bound" => bisection(count("k") + 1),
        "clopper_pearson_lower" => bisection(count("n").saturating_sub(count("k")) + 1),
        "kl_inverse_upper" | "kl_inverse_lower" | "seeger_bound" => bisection(0),
        // One evaluation at the first working precision; refinement is capped separately.
        "normal_cdf" | "kl_bernoulli" => 64 * wp * wp,
        _ => wp * wp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Map<String, Json> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn the_slow_requests_of_issue_18_are_refused_and_ordinary_ones_admitted() {
        let budget = Budget::default();
        for (f, a, prec) in [
            ("kl_inverse_upper", r#"{"q":"1e-20","c":"1e-3"}"#, 65536),
            ("kl_inverse_lower", r#"{"q":"1e-20","c":"1e-3"}"#, 4096),
            ("clopper_pearson_lower", r#"{"n":1000,"k":3,"delta":"1/20"}"#, 65536),
            ("clopper_pearson_upper", r#"{"n":1000000,"k":500000,"delta":"1/20"}"#, 4096),
            ("normal_cdf", r#"{"x":"-40"}"#, 65536),
        ] {
            assert!(budget.admit(f, &args(a), prec).is_err(), "{f} {a} at {prec} should be refused");
        }
        for (f, a, prec) in [
            ("binomial_tail_upper", r#"{"n":100,"k":30,"p":"1/4"}"#, 256),
            ("binomial_pmf", r#"{"n":1000000,"k":1,"p":"1/4"}"#, 256),
            // Enclosed by early-stopped sums since issue 17: a millisecond, not a minute.
            ("binomial_tail_upper", r#"{"n":1000000,"k":500000,"p":"1/4"}"#, 256),
            ("binomial_pmf", r#"{"n":1000000,"k":1,"p":"1e-100"}"#, 256),
            ("clopper_pearson_upper", r#"{"n":10000,"k":5000,"delta":"1/20"}"#, 1024),
            ("kl_inverse_upper", r#"{"q":"1/2","c":"1/10"}"#, 2048),
            ("normal_cdf", r#"{"x":"-40"}"#, 8192),
        ] {
            assert!(budget.admit(f, &args(a), prec).is_ok(), "{f} {a} at {prec} should be admitted");
        }
    }

    #[test]
    fn a_number_with_too_many_digits_is_refused_by_name() {
        let e = Budget::default().admit("kl_inverse_upper", &args(r#"{"q":"1/2","c":"1e100000"}"#), 256).unwrap_err();
        assert!(e.contains("'c'") && e.contains("--max-digits"), "{e}");
    }
}
