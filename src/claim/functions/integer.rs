//! Integer-valued functions and the order functions `min`, `max`, `abs`.

use super::{Failure, Function, Returns};
use crate::claim::budget::Budget;
use crate::claim::value::{Type, Value};
use crate::reference::{Enclosure, Interval};
use rug::{Integer, Rational};

const X: &[(&str, Type)] = &[("x", Type::Real)];
const NK: &[(&str, Type)] = &[("n", Type::Int), ("k", Type::Int)];
const N: &[(&str, Type)] = &[("n", Type::Int)];
const REALS: &[(&str, Type)] = &[("x", Type::Real)];

/// Rounds a real to an integer with `to_integer` applied to each end of its enclosure; the two
/// must agree, or the answer is undecided at this precision.
fn to_integer(name: &str, x: &Value, round: fn(Rational) -> Rational) -> Result<Value, Failure> {
    match x {
        Value::Int(i) => Ok(Value::Int(i.clone())),
        Value::Real(Enclosure::Exact(r)) => Ok(Value::Int(round(r.clone()).numer().clone())),
        Value::Real(e) => {
            let i = e.to_interval(64);
            let ends = (i.lo().to_rational(), i.hi().to_rational());
            match ends {
                (Some(lo), Some(hi)) => {
                    let (a, b) = (round(lo), round(hi));
                    if a == b {
                        Ok(Value::Int(a.numer().clone()))
                    } else {
                        Err(Failure::Undecided(format!("{name}(x) is not yet determined: x = {e}")))
                    }
                }
                _ => Err(Failure::Undecided(format!("{name}(x) of an unbounded enclosure x = {e}"))),
            }
        }
        _ => unreachable!("checked numeric"),
    }
}

/// `⌈log_b x⌉` for exact `x > 0`, `b > 0`, `b ≠ 1`, decided exactly: the least integer `n`
/// with `x ≤ bⁿ` (`b > 1`) or `x ≥ bⁿ` (`b < 1`). An enclosure of `ln x / ln b` brackets the
/// answer within a few integers; exact rational powers decide among them, so a tie (`x = bⁿ`)
/// is never left to rounding, which `ceil(ln(x)/ln(b))` cannot promise.
fn ceil_log(a: &[Value], _: u32, budget: &Budget) -> Result<Value, Failure> {
    let (x, b) = (a[0].rational(), a[1].rational());
    if x <= 0 || b <= 0 || b == 1 {
        return Err(Failure::Domain(format!("ceil_log(x, b) needs x > 0, b > 0 and b ≠ 1, got x = {x}, b = {b}")));
    }
    let bits = |r: &Rational| u64::from(r.numer().significant_bits() + r.denom().significant_bits());
    let prec = 64 + u32::try_from(bits(&x) + bits(&b)).unwrap_or(u32::MAX).min(1 << 16);
    let ln = |r: &Rational| Enclosure::exact(r.clone()).ln(prec).map_err(|e| Failure::Domain(e.to_string()));
    let quotient = ln(&x)?.div(&ln(&b)?, prec).map_err(|e| Failure::Domain(e.to_string()))?.to_interval(prec);
    let (Some(lo), Some(hi)) = (quotient.lo().to_rational(), quotient.hi().to_rational()) else {
        return Err(Failure::Undecided(format!("ceil_log: ln x / ln b is not yet bounded at {prec} bits")));
    };
    let (start, end) = (lo.floor().numer().clone() - 1u32, hi.ceil().numer().clone() + 1u32);
    let steps = Integer::from(&end - &start);
    if steps > 64 {
        return Err(Failure::Undecided(format!("ceil_log: the enclosure of ln x / ln b is still {steps} integers wide")));
    }
    let mut n = start;
    while n <= end {
        let magnitude = n.clone().abs().to_u32().filter(|m| bits(&b) * u64::from(*m) <= budget.limits.bits);
        let m = magnitude.ok_or_else(|| Failure::Budget(format!("budget exceeded: b^{n} exceeds {} bits", budget.limits.bits)))?;
        let power = rug::ops::Pow::pow(b.clone(), m);
        let power = if n < 0 { power.recip() } else { power };
        let holds = if b > 1 { x <= power } else { x >= power };
        if holds {
            return Ok(Value::Int(n));
        }
        n += 1u32;
    }
    Err(Failure::Undecided("ceil_log: no integer in the bracket satisfied the exact test".into()))
}

fn floor(a: &[Value], _: u32, _: &Budget) -> Result<Value, Failure> {
    to_integer("floor", &a[0], |r| r.floor())
}

fn ceil(a: &[Value], _: u32, _: &Budget) -> Result<Value, Failure> {
    to_integer("ceil", &a[0], |r| r.ceil())
}

fn round(a: &[Value], _: u32, _: &Budget) -> Result<Value, Failure> {
    to_integer("round", &a[0], |r| r.round())
}

/// `C(n, k)`, 0 outside `0 ≤ k ≤ n`.
fn binomial(a: &[Value], _: u32, budget: &Budget) -> Result<Value, Failure> {
    let (n, k) = (a[0].integer(), a[1].integer());
    if *n < 0 {
        return Err(Failure::Domain(format!("binomial(n, k) needs n ≥ 0, got n = {n}")));
    }
    if *k < 0 || k > n {
        return Ok(Value::Int(Integer::new()));
    }
    let n = n
        .to_u32()
        .filter(|n| *n <= budget.limits.trials)
        .ok_or_else(|| Failure::Budget(format!("budget exceeded: binomial(n, k) with n = {n} above the limit {}", budget.limits.trials)))?;
    let k = k.to_u32().expect("0 ≤ k ≤ n fits");
    Ok(Value::Int(Integer::from(Integer::binomial_u(n, k.min(n - k)))))
}

fn factorial(a: &[Value], _: u32, budget: &Budget) -> Result<Value, Failure> {
    let n = a[0].integer();
    if *n < 0 {
        return Err(Failure::Domain(format!("factorial(n) needs n ≥ 0, got n = {n}")));
    }
    // log₂ n! ≤ n·log₂ n: refuse before computing a number over the bit limit.
    let small = n.to_u32().filter(|n| u64::from(*n) * u64::from(32 - n.leading_zeros()) <= budget.limits.bits);
    let n = small.ok_or_else(|| Failure::Budget(format!("budget exceeded: factorial({n}) exceeds {} bits", budget.limits.bits)))?;
    Ok(Value::Int(Integer::from(Integer::factorial(n))))
}

/// The smaller (`pick_lower`) or larger of several values, exact when all are exact.
fn extreme(a: &[Value], prec: u32, pick_lower: bool) -> Value {
    if a.iter().all(|v| matches!(v, Value::Int(_))) {
        let ints = a.iter().map(Value::integer);
        let best = if pick_lower { ints.min() } else { ints.max() };
        return Value::Int(best.expect("at least two arguments").clone());
    }
    let all: Vec<Enclosure> = a.iter().map(Value::enclosure).collect();
    if all.iter().all(|e| e.as_exact().is_some()) {
        let rats = all.iter().filter_map(Enclosure::as_exact);
        let best = if pick_lower { rats.min() } else { rats.max() };
        return Value::Real(Enclosure::Exact(best.expect("at least two").clone()));
    }
    let intervals: Vec<Interval> = all.iter().map(|e| e.to_interval(prec)).collect();
    let choose = |x: &rug::Float, y: &rug::Float| if (x < y) == pick_lower { x.clone() } else { y.clone() };
    let lo = intervals.iter().map(|i| i.lo().clone()).reduce(|x, y| choose(&x, &y)).expect("two");
    let hi = intervals.iter().map(|i| i.hi().clone()).reduce(|x, y| choose(&x, &y)).expect("two");
    Value::Real(Interval::new(lo, hi).expect("lo ≤ hi for min and max of intervals").into())
}

fn min(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    Ok(extreme(a, prec, true))
}

fn max(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    Ok(extreme(a, prec, false))
}

fn abs(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    Ok(match &a[0] {
        Value::Int(i) => Value::Int(i.clone().abs()),
        Value::Real(Enclosure::Exact(r)) => Value::Real(Enclosure::Exact(r.clone().abs())),
        Value::Real(e) => {
            let negated = Value::Real(e.neg());
            extreme(&[a[0].clone(), negated], prec, false)
        }
        _ => unreachable!("checked numeric"),
    })
}

const XB: &[(&str, Type)] = &[("x", Type::Rat), ("b", Type::Rat)];

pub static FUNCTIONS: [Function; 9] = [
    Function {
        name: "ceil_log",
        params: XB,
        variadic: false,
        returns: Returns::Fixed(Type::Int),
        summary: "⌈log_b x⌉, exact (ties decided by rational powers)",
        apply: ceil_log,
    },
    Function { name: "floor", params: X, variadic: false, returns: Returns::Fixed(Type::Int), summary: "⌊x⌋", apply: floor },
    Function { name: "ceil", params: X, variadic: false, returns: Returns::Fixed(Type::Int), summary: "⌈x⌉", apply: ceil },
    Function {
        name: "round",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Int),
        summary: "nearest integer, halves away from 0",
        apply: round,
    },
    Function {
        name: "binomial",
        params: NK,
        variadic: false,
        returns: Returns::Fixed(Type::Int),
        summary: "C(n, k), 0 unless 0 ≤ k ≤ n",
        apply: binomial,
    },
    Function { name: "factorial", params: N, variadic: false, returns: Returns::Fixed(Type::Int), summary: "n!", apply: factorial },
    Function { name: "min", params: REALS, variadic: true, returns: Returns::Join, summary: "the smallest argument", apply: min },
    Function { name: "max", params: REALS, variadic: true, returns: Returns::Join, summary: "the largest argument", apply: max },
    Function { name: "abs", params: X, variadic: false, returns: Returns::Join, summary: "|x|", apply: abs },
];
