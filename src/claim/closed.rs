//! Closed expressions (no parameters): what `eval` answers for `{"expr": "..."}`, with the
//! same parser, checker, functions and budget as a data claim.

use super::budget::{Budget, Limits};
use super::compile::Compiled;
use super::evaluate::{Fault, Machine};
use super::location::ExprSource;
use super::value::Value;
use super::{ClaimText, Inputs, Program};
use crate::engine::Relation;
use crate::reference::Enclosure;
use rug::Float;

/// A checked closed expression.
pub struct Expression {
    program: Program,
}

/// Why a closed expression has no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExpressionError {
    #[error("{0}")]
    Invalid(#[from] super::ClaimError),
    #[error("{0}")]
    Fault(#[from] Fault),
    #[error("the expression is a condition, not a number; write it as a number (e.g. if(c, 1, 0))")]
    NotANumber,
}

impl Expression {
    pub fn parse(text: &str) -> Result<Self, ExpressionError> {
        let source = ExprSource::detached("expr", text);
        let claim =
            ClaimText { lets: Vec::new(), assume: Vec::new(), lhs: source.clone(), relation: Relation::Eq, rhs: source, describe: None };
        // A closed expression is compiled as both sides of a trivial claim, so that every check a
        // claim's side gets (names, arity, types, "must be a number") applies to it.
        let program = Program::compile(&claim, &Inputs { parameters: &[], constants: &[] })?;
        Ok(Expression { program })
    }

    fn side(&self) -> &Compiled {
        &self.program.lhs
    }

    /// The value at `prec` working bits.
    pub fn evaluate_at(&self, prec: u32, limits: Limits) -> Result<Enclosure, ExpressionError> {
        let mut machine = Machine::new(&self.program, vec![None; self.program.slots.len()], prec, Budget::start(limits));
        match machine.eval(&self.side().node)? {
            v @ (Value::Int(_) | Value::Real(_)) => Ok(v.enclosure()),
            _ => Err(ExpressionError::NotANumber),
        }
    }

    /// The value enclosed to relative width about `2^-prec`: evaluated at growing working
    /// precision until the width is met or the working precision reaches 16× the target. The
    /// second value says whether the width was met.
    pub fn evaluate(&self, prec: u32, limits: Limits) -> Result<(Enclosure, bool), ExpressionError> {
        let target = Float::with_val(64, Float::i_exp(1, -(prec as i32)));
        let mut wp = prec + 64;
        loop {
            let result = self.evaluate_at(wp, limits);
            let retry = matches!(&result, Err(ExpressionError::Fault(f)) if f.precision_may_help());
            match result {
                Ok(e) => {
                    let met = e.relative_width(wp) <= target;
                    if met || wp >= 16 * prec {
                        return Ok((e, met));
                    }
                }
                Err(e) if !retry || wp >= 16 * prec => return Err(e),
                Err(_) => {}
            }
            wp *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::DEFAULT_LIMITS;

    fn value(text: &str) -> Enclosure {
        Expression::parse(text).unwrap().evaluate(128, DEFAULT_LIMITS).unwrap().0
    }

    #[test]
    fn exact_where_rational_and_enclosed_otherwise() {
        assert_eq!(value("sum(i, 1, 10, i)"), Enclosure::exact(55));
        assert_eq!(value("binomial(10, 3)/2^3"), Enclosure::exact(15));
        assert_eq!(value("0.1 + 0.2"), Enclosure::exact(rug::Rational::from((3, 10))));
        assert_eq!(value("sqrt(9/4)"), Enclosure::exact(rug::Rational::from((3, 2))));
        let e = value("exp(1)");
        assert!(e.as_exact().is_none());
        // e = 2.71828182845…: the enclosure is narrow and on the right number.
        let (lo, hi) = (rug::Rational::from((271828182, 100000000)), rug::Rational::from((271828183, 100000000)));
        assert!(e.lo(128) > lo && e.hi(128) < hi);
    }

    #[test]
    fn an_undecided_condition_gives_the_hull_of_both_branches() {
        let e = Expression::parse("if(exp(1) < exp(1), 1, 2)").unwrap().evaluate_at(64, DEFAULT_LIMITS).unwrap();
        assert!(e.contains(&rug::Rational::from(1)) && e.contains(&rug::Rational::from(2)), "{e}");
        assert_eq!(Expression::parse("if(1/3 < 1/2, 1, 2)").unwrap().evaluate_at(64, DEFAULT_LIMITS).unwrap(), Enclosure::exact(1));
        // Such an `if` is a real, never an exact argument.
        let e = Expression::parse("binomial_tail_upper(3, 1, if(exp(1) < 3, 1/2, 1/3))").err().unwrap();
        assert!(e.to_string().contains("must be an exact rational"), "{e}");
    }

    #[test]
    fn least_and_ceil_log_decide_ties_exactly() {
        let v = |t: &str| Expression::parse(t).unwrap().evaluate_at(64, DEFAULT_LIMITS).unwrap();
        assert_eq!(v("ceil_log(1/4, 1/2)"), Enclosure::exact(2));
        assert_eq!(v("ceil_log(1/5, 1/2)"), Enclosure::exact(3));
        assert_eq!(v("ceil_log(8, 2)"), Enclosure::exact(3));
        assert_eq!(v("ceil_log(9, 2)"), Enclosure::exact(4));
        assert_eq!(v("ceil_log(1/8, 2)"), Enclosure::exact(-3));
        assert_eq!(v("least(n, 1, 1000, (1/2)^n <= 1/4)"), Enclosure::exact(2));
        assert_eq!(v("least(n, 0, 100, n^2 >= 50)"), Enclosure::exact(8));
        let e = Expression::parse("least(n, 0, 5, n > 9)").unwrap().evaluate_at(64, DEFAULT_LIMITS).unwrap_err();
        assert!(e.to_string().contains("no integer in 0..=5"), "{e}");
    }

    #[test]
    fn faults_name_the_position() {
        let e = Expression::parse("1 + 1/(2 - 2)").unwrap().evaluate(64, DEFAULT_LIMITS).unwrap_err();
        assert!(e.to_string().contains(":1:5") && e.to_string().contains("division by zero"), "{e}");
        let e = Expression::parse("ln(0)").unwrap().evaluate(64, DEFAULT_LIMITS).unwrap_err();
        assert!(e.to_string().contains("needs x > 0"), "{e}");
        let e = Expression::parse("sum(i, 1, 10^12, i)").unwrap().evaluate(64, DEFAULT_LIMITS).unwrap_err();
        assert!(e.to_string().contains("budget exceeded"), "{e}");
        let e = Expression::parse("floor(2.5) + binomial(n, 2)").err().unwrap();
        assert!(e.to_string().contains("unknown name 'n'"), "{e}");
        let e = Expression::parse("binomial(10, 2.5)").err().unwrap();
        assert!(e.to_string().contains("must be an integer"), "{e}");
    }
}
