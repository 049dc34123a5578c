//! Types (checked when a claim is loaded) and values (computed at an instance).

use crate::reference::{Decision, Enclosure};
use rug::{Integer, Rational};
use std::fmt;

/// The static type of an expression. `Int ⊂ Rat ⊂ Real`: an integer is accepted wherever a
/// rational is, a rational wherever a real is. `Rat` promises an exact rational at run time, so
/// the primitives that need exact arguments (binomial tails at `p`) can demand it when the claim
/// is loaded instead of failing at an instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Int,
    Rat,
    Real,
    Bool,
    Str,
}

impl Type {
    pub fn is_numeric(self) -> bool {
        matches!(self, Type::Int | Type::Rat | Type::Real)
    }

    /// Whether a value of type `given` may stand where `self` is expected.
    pub fn accepts(self, given: Type) -> bool {
        match self {
            Type::Real => given.is_numeric(),
            Type::Rat => matches!(given, Type::Int | Type::Rat),
            other => other == given,
        }
    }

    /// The smallest type containing both, if any.
    pub fn join(self, other: Type) -> Option<Type> {
        match (self, other) {
            (a, b) if a == b => Some(a),
            (Type::Int, Type::Rat) | (Type::Rat, Type::Int) => Some(Type::Rat),
            (a, b) if a.is_numeric() && b.is_numeric() => Some(Type::Real),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Type::Int => "an integer",
            Type::Rat => "an exact rational",
            Type::Real => "a real number",
            Type::Bool => "a condition",
            Type::Str => "a string",
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Type::Int => "int",
            Type::Rat => "rational",
            Type::Real => "real",
            Type::Bool => "bool",
            Type::Str => "string",
        })
    }
}

/// A computed value. `Rat` and `Real` expressions both evaluate to `Real`; the type checker
/// guarantees that a `Rat` expression's enclosure is `Enclosure::Exact`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(Integer),
    Real(Enclosure),
    /// A condition: certainly true, certainly false, or undecided at this precision.
    Bool(Decision),
    Str(String),
}

impl Value {
    /// The value as an enclosure (integers exactly).
    pub fn enclosure(&self) -> Enclosure {
        match self {
            Value::Int(i) => Enclosure::Exact(Rational::from(i)),
            Value::Real(e) => e.clone(),
            Value::Bool(_) | Value::Str(_) => unreachable!("the type checker admits only numbers here"),
        }
    }

    pub fn integer(&self) -> &Integer {
        match self {
            Value::Int(i) => i,
            _ => unreachable!("the type checker admits only integers here"),
        }
    }

    /// The exact rational a `Rat`-typed expression evaluates to.
    pub fn rational(&self) -> Rational {
        match self {
            Value::Int(i) => Rational::from(i),
            Value::Real(Enclosure::Exact(r)) => r.clone(),
            _ => unreachable!("the type checker admits only exact rationals here"),
        }
    }

    pub fn decision(&self) -> Decision {
        match self {
            Value::Bool(d) => *d,
            _ => unreachable!("the type checker admits only conditions here"),
        }
    }

    /// A short human-readable form (exact values exactly, intervals to 6 digits).
    pub fn show(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Real(Enclosure::Exact(r)) => crate::reference::decimal::format_rational(r),
            Value::Real(e) => format!("{e}"),
            Value::Bool(d) => format!("{d:?}").to_lowercase(),
            Value::Str(s) => format!("\"{s}\""),
        }
    }
}
