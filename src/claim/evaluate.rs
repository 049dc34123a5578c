//! Evaluating a compiled expression at one precision: exact integer and rational arithmetic
//! wherever every operation is rational, MPFR enclosures with directed rounding otherwise, and a
//! [`Fault`] (never a panic) when a value does not exist or the budget runs out.

use super::ast::BinaryOp;
use super::budget::Budget;
use super::compile::{FoldKind, Node, NodeKind, Origin};
use super::functions::Failure;
use super::location::Located;
use super::value::{Type, Value};
use super::Program;
use crate::reference::{Decision, Enclosure};
use rug::{Integer, Rational};
use std::fmt;

/// Why an expression has no value at an instance, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub failure: Failure,
    pub at: Located,
}

impl Fault {
    /// Whether a higher precision may give a value.
    pub fn precision_may_help(&self) -> bool {
        matches!(self.failure, Failure::Undecided(_))
    }
}

impl std::error::Error for Fault {}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match &self.failure {
            Failure::Domain(m) | Failure::Undecided(m) | Failure::Budget(m) => m,
        };
        write!(f, "{}: {message}", self.at)
    }
}

/// The state of one evaluation: slot values (parameters, constants, `let` bindings once
/// computed, running variables), the precision and the budget.
pub struct Machine<'p> {
    program: &'p Program,
    slots: Vec<Option<Value>>,
    prec: u32,
    budget: Budget,
}

impl<'p> Machine<'p> {
    pub fn new(program: &'p Program, slots: Vec<Option<Value>>, prec: u32, budget: Budget) -> Self {
        Machine { program, slots, prec, budget }
    }

    fn fault(&self, node: &Node, failure: Failure) -> Fault {
        Fault { failure, at: self.program.sources[node.source].at(node.span) }
    }

    /// The value of a slot, computing a `let` binding on first use.
    pub fn slot(&mut self, slot: usize) -> Result<Value, Fault> {
        if let Some(v) = &self.slots[slot] {
            return Ok(v.clone());
        }
        let Origin::Let(index) = self.program.slots[slot].origin else {
            unreachable!("parameters and constants are bound before evaluation, binders inside their fold");
        };
        let program = self.program;
        let value = self.eval(&program.lets[index].compiled.node)?;
        self.slots[slot] = Some(value.clone());
        Ok(value)
    }

    pub fn eval(&mut self, node: &Node) -> Result<Value, Fault> {
        self.budget.check_time().map_err(|m| self.fault(node, Failure::Budget(m)))?;
        match &node.kind {
            NodeKind::Literal(v) => Ok(v.clone()),
            NodeKind::Slot(s) => self.slot(*s),
            NodeKind::Neg(x) => Ok(match self.eval(x)? {
                Value::Int(i) => Value::Int(-i),
                v => Value::Real(v.enclosure().neg()),
            }),
            NodeKind::Not(x) => Ok(Value::Bool(self.eval(x)?.decision().not())),
            NodeKind::Logic(op, a, b) => {
                // Short-circuit, so that `n > 0 and 1/n < t` never divides by zero.
                let first = self.eval(a)?.decision();
                let settled = if *op == BinaryOp::And { Decision::False } else { Decision::True };
                if first == settled {
                    return Ok(Value::Bool(settled));
                }
                let second = self.eval(b)?.decision();
                Ok(Value::Bool(match op {
                    BinaryOp::And => first.and(second),
                    _ => first.not().and(second.not()).not(),
                }))
            }
            NodeKind::Compare(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                Ok(Value::Bool(compare(*op, &x, &y)))
            }
            NodeKind::Arith(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                let result = arithmetic(*op, node.ty, &x, &y, self.prec, &self.budget).map_err(|f| self.fault(node, f))?;
                self.check_size(node, &result)?;
                Ok(result)
            }
            NodeKind::Call(function, args) => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                let result = (function.apply)(&values, self.prec, &self.budget).map_err(|f| self.fault(node, f))?;
                self.check_size(node, &result)?;
                Ok(result)
            }
            NodeKind::If(condition, then, otherwise) => match self.eval(condition)?.decision() {
                Decision::True => self.eval(then).map(|v| widen_to(v, node.ty)),
                Decision::False => self.eval(otherwise).map(|v| widen_to(v, node.ty)),
                // The value is one of the branches: a real `if` is enclosed by their hull (the
                // checker typed it real because its condition may stay undecided).
                Decision::Undecided if node.ty == Type::Real => {
                    let (a, b) = (self.eval(then)?.enclosure(), self.eval(otherwise)?.enclosure());
                    Ok(Value::Real(a.to_interval(self.prec).hull(&b.to_interval(self.prec)).into()))
                }
                Decision::Undecided => {
                    Err(self.fault(condition, Failure::Undecided("the condition of if is undecided at this precision".into())))
                }
            },
            NodeKind::Fold { kind: FoldKind::Least, slot, from, to, body } => self.least(node, *slot, from, to, body),
            NodeKind::Fold { kind, slot, from, to, body } => self.fold(node, *kind == FoldKind::Prod, *slot, from, to, body),
        }
    }

    fn fold(&mut self, node: &Node, product: bool, slot: usize, from: &Node, to: &Node, body: &Node) -> Result<Value, Fault> {
        let (lo, hi) = (self.eval(from)?.integer().clone(), self.eval(to)?.integer().clone());
        let mut total = if product { Value::Int(Integer::from(1)) } else { Value::Int(Integer::new()) };
        if hi < lo {
            return Ok(widen_to(total, node.ty));
        }
        let count = Integer::from(&hi - &lo) + 1u32;
        self.budget.take_terms(&count).map_err(|m| self.fault(node, Failure::Budget(m)))?;
        let op = if product { BinaryOp::Mul } else { BinaryOp::Add };
        let mut i = lo;
        while i <= hi {
            self.slots[slot] = Some(Value::Int(i.clone()));
            let term = self.eval(body)?;
            total = arithmetic(op, node.ty, &total, &term, self.prec, &self.budget).map_err(|f| self.fault(node, f))?;
            self.check_size(node, &total)?;
            i += 1u32;
        }
        self.slots[slot] = None;
        Ok(widen_to(total, node.ty))
    }

    /// The least `i` in `from..=to` whose condition is certainly true; an undecided condition
    /// before it makes the answer undecided (it might be that `i`).
    fn least(&mut self, node: &Node, slot: usize, from: &Node, to: &Node, condition: &Node) -> Result<Value, Fault> {
        let (lo, hi) = (self.eval(from)?.integer().clone(), self.eval(to)?.integer().clone());
        let mut i = lo.clone();
        while i <= hi {
            self.budget.take_terms(&Integer::from(1)).map_err(|m| self.fault(node, Failure::Budget(m)))?;
            self.budget.check_time().map_err(|m| self.fault(node, Failure::Budget(m)))?;
            self.slots[slot] = Some(Value::Int(i.clone()));
            match self.eval(condition)?.decision() {
                Decision::True => {
                    self.slots[slot] = None;
                    return Ok(Value::Int(i));
                }
                Decision::False => i += 1u32,
                Decision::Undecided => {
                    let message = format!("least: the condition at {i} is undecided at this precision");
                    return Err(self.fault(condition, Failure::Undecided(message)));
                }
            }
        }
        self.slots[slot] = None;
        Err(self.fault(node, Failure::Domain(format!("least: no integer in {lo}..={hi} meets the condition"))))
    }

    /// Refuses an exact value over the bit limit (a sum of rationals whose denominators grow).
    fn check_size(&self, node: &Node, v: &Value) -> Result<(), Fault> {
        let bits = match v {
            Value::Int(i) => u64::from(i.significant_bits()),
            Value::Real(Enclosure::Exact(r)) => u64::from(r.numer().significant_bits()) + u64::from(r.denom().significant_bits()),
            _ => return Ok(()),
        };
        self.budget.check_bits(bits, "an exact intermediate value").map_err(|m| self.fault(node, Failure::Budget(m)))
    }
}

/// An integer result where the static type is rational or real is carried as an enclosure.
fn widen_to(v: Value, ty: Type) -> Value {
    match (v, ty) {
        (Value::Int(i), Type::Rat | Type::Real) => Value::Real(Enclosure::Exact(Rational::from(i))),
        (v, _) => v,
    }
}

fn compare(op: BinaryOp, x: &Value, y: &Value) -> Decision {
    if let (Value::Str(a), Value::Str(b)) = (x, y) {
        let equal = if a == b { Decision::True } else { Decision::False };
        return if op == BinaryOp::Eq { equal } else { equal.not() };
    }
    let (a, b) = (x.enclosure(), y.enclosure());
    match op {
        BinaryOp::Lt => a.lt(&b),
        BinaryOp::Le => a.le(&b),
        BinaryOp::Gt => b.lt(&a),
        BinaryOp::Ge => b.le(&a),
        BinaryOp::Eq => a.eq_value(&b),
        _ => a.eq_value(&b).not(),
    }
}

/// `x op y` for `+ − × ÷ ^`, with the result type the checker computed.
fn arithmetic(op: BinaryOp, ty: Type, x: &Value, y: &Value, prec: u32, budget: &Budget) -> Result<Value, Failure> {
    if let (Value::Int(a), Value::Int(b), Type::Int) = (x, y, ty) {
        return Ok(Value::Int(match op {
            BinaryOp::Add => Integer::from(a + b),
            BinaryOp::Sub => Integer::from(a - b),
            BinaryOp::Mul => Integer::from(a * b),
            BinaryOp::Pow => {
                let e = b.to_u32().filter(|e| u64::from(a.significant_bits()) * u64::from(*e) <= budget.limits.bits);
                let e = e.ok_or_else(|| Failure::Budget(format!("budget exceeded: {a}^{b} exceeds {} bits", budget.limits.bits)))?;
                Integer::from(rug::ops::Pow::pow(a, e))
            }
            _ => unreachable!("integer division has a rational type"),
        }));
    }
    let (a, b) = (x.enclosure(), y.enclosure());
    Ok(Value::Real(match op {
        BinaryOp::Add => a.add(&b, prec),
        BinaryOp::Sub => a.sub(&b, prec),
        BinaryOp::Mul => a.mul(&b, prec),
        BinaryOp::Div => divide(&a, &b, prec)?,
        BinaryOp::Pow => match (y, b.as_exact()) {
            (Value::Int(n), _) => return integer_power(&a, n, prec, budget),
            (_, Some(r)) if r.is_integer() => return integer_power(&a, r.numer(), prec, budget),
            _ => {
                let f = super::functions::lookup("pow").expect("pow is in the table");
                return (f.apply)(&[x.clone(), y.clone()], prec, budget);
            }
        },
        _ => unreachable!("comparisons and logic are not arithmetic"),
    }))
}

fn divide(a: &Enclosure, b: &Enclosure, prec: u32) -> Result<Enclosure, Failure> {
    match b.eq_value(&Enclosure::zero()) {
        Decision::True => Err(Failure::Domain(format!("division by zero ({a} / 0)"))),
        Decision::Undecided => Err(Failure::Undecided(format!("the divisor {b} is not yet separated from 0"))),
        Decision::False => a.div(b, prec).map_err(|e| Failure::Domain(e.to_string())),
    }
}

/// `x^n` for an integer `n`: exact for an exact base, with the size bounded before computing.
pub fn integer_power(x: &Enclosure, n: &Integer, prec: u32, budget: &Budget) -> Result<Value, Failure> {
    let magnitude = n.clone().abs();
    let e = magnitude.to_u32().ok_or_else(|| Failure::Budget(format!("budget exceeded: the exponent {n} is too large")))?;
    if let Some(r) = x.as_exact() {
        let bits = u64::from(r.numer().significant_bits()) + u64::from(r.denom().significant_bits());
        if *r != 0 && r.clone().abs() != 1 && bits.saturating_mul(u64::from(e)) > budget.limits.bits {
            return Err(Failure::Budget(format!("budget exceeded: a power with exponent {n} exceeds {} bits", budget.limits.bits)));
        }
    }
    let power = x.powi(e, prec);
    if *n >= 0 {
        return Ok(Value::Real(power));
    }
    divide(&Enclosure::one(), &power, prec).map(Value::Real)
}
