//! Elementary and special functions of real arguments, enclosed with directed rounding. Each
//! stays exact where the value is rational for a rational argument (`exp(0)`, `ln(1)`, `√(a²)`).

use super::real::{erf, expm1, lgamma, normal_cdf, real_power};
use super::{Failure, Function, Returns};
use crate::claim::budget::Budget;
use crate::claim::value::{Type, Value};
use crate::reference::{Decision, Enclosure};

const X: &[(&str, Type)] = &[("x", Type::Real)];
const XY: &[(&str, Type)] = &[("x", Type::Real), ("y", Type::Real)];

fn real(e: Enclosure) -> Result<Value, Failure> {
    Ok(Value::Real(e))
}

/// Refuses an argument that is certainly outside `x > bound` (or `x ≥ bound` when `closed`),
/// and reports one that straddles the edge as undecided.
fn require_above(function: &str, x: &Enclosure, bound: i32, closed: bool) -> Result<(), Failure> {
    let b = Enclosure::exact(bound);
    let inside = if closed { b.le(x) } else { b.lt(x) };
    let edge = if closed { format!("x ≥ {bound}") } else { format!("x > {bound}") };
    match inside {
        Decision::True => Ok(()),
        Decision::False => Err(Failure::Domain(format!("{function}(x) needs {edge}, got x = {x}"))),
        Decision::Undecided => Err(Failure::Undecided(format!("{function}(x) needs {edge}; x = {x} is not yet separated from {bound}"))),
    }
}

fn exp(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    real(a[0].enclosure().exp(prec))
}

fn ln(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let x = a[0].enclosure();
    require_above("ln", &x, 0, false)?;
    x.ln(prec).map(Value::Real).map_err(|e| Failure::Domain(e.to_string()))
}

fn log1p(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let x = a[0].enclosure();
    require_above("log1p", &x, -1, false)?;
    x.ln_1p(prec).map(Value::Real).map_err(|e| Failure::Domain(e.to_string()))
}

fn expm1_(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    real(expm1(&a[0].enclosure(), prec))
}

fn sqrt(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let x = a[0].enclosure();
    require_above("sqrt", &x, 0, true)?;
    x.sqrt(prec).map(Value::Real).map_err(|e| Failure::Domain(e.to_string()))
}

fn pow(a: &[Value], prec: u32, budget: &Budget) -> Result<Value, Failure> {
    let (x, y) = (a[0].enclosure(), a[1].enclosure());
    if let Some(n) = y.as_exact().filter(|r| r.is_integer()) {
        // An integer exponent keeps a rational base exact and allows a negative base.
        return crate::claim::evaluate::integer_power(&x, n.numer(), prec, budget);
    }
    require_above("pow", &x, 0, true)?;
    if x.as_exact().is_some_and(|r| *r == 0) {
        require_above("pow(0, y): y", &y, 0, false)?;
    }
    real(real_power(&x, &y, prec))
}

fn erf_(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    real(erf(&a[0].enclosure(), prec))
}

fn erfc(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    real(a[0].enclosure().erfc(prec))
}

fn normal_cdf_(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    real(normal_cdf(&a[0].enclosure(), prec))
}

fn lgamma_(a: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    let x = a[0].enclosure();
    require_above("lgamma", &x, 0, false)?;
    real(lgamma(&x, prec))
}

pub static FUNCTIONS: [Function; 12] = [
    Function { name: "exp", params: X, variadic: false, returns: Returns::Fixed(Type::Real), summary: "e^x", apply: exp },
    Function {
        name: "ln",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "natural logarithm, x > 0",
        apply: ln,
    },
    Function {
        name: "log",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "natural logarithm (as in ML papers), x > 0",
        apply: ln,
    },
    Function {
        name: "log1p", params: X, variadic: false, returns: Returns::Fixed(Type::Real), summary: "ln(1 + x), x > −1", apply: log1p
    },
    Function { name: "expm1", params: X, variadic: false, returns: Returns::Fixed(Type::Real), summary: "e^x − 1", apply: expm1_ },
    Function {
        name: "sqrt",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "√x, x ≥ 0 (exact for squares of rationals)",
        apply: sqrt,
    },
    Function {
        name: "pow",
        params: XY,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "x^y for real y (x ≥ 0 unless y is an integer)",
        apply: pow,
    },
    Function { name: "erf", params: X, variadic: false, returns: Returns::Fixed(Type::Real), summary: "error function", apply: erf_ },
    Function {
        name: "erfc",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "complementary error function",
        apply: erfc,
    },
    Function {
        name: "normal_cdf",
        params: X,
        variadic: false,
        returns: Returns::Fixed(Type::Real),
        summary: "standard normal CDF Φ(x)",
        apply: normal_cdf_,
    },
    Function {
        name: "lgamma", params: X, variadic: false, returns: Returns::Fixed(Type::Real), summary: "ln Γ(x), x > 0", apply: lgamma_
    },
    Function { name: "pi", params: &[], variadic: false, returns: Returns::Fixed(Type::Real), summary: "π (write pi())", apply: pi },
];

fn pi(_: &[Value], prec: u32, _: &Budget) -> Result<Value, Failure> {
    use rug::float::{Constant, Round};
    let lo = rug::Float::with_val_round(prec, Constant::Pi, Round::Down).0;
    let hi = rug::Float::with_val_round(prec, Constant::Pi, Round::Up).0;
    real(crate::reference::Interval::new(lo, hi).expect("lo ≤ hi").into())
}
