//! Prints a parsed expression back in canonical form, with only the parentheses it needs
//! (`show ID` prints a data claim this way).

use super::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use std::fmt;

/// Precedence of a unary minus: looser than `^`, tighter than `*`.
const NEG_PRECEDENCE: u8 = 7;
/// Precedence of `not`: looser than a comparison, tighter than `and`.
const NOT_PRECEDENCE: u8 = 3;

fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, ..) => op.precedence(),
        ExprKind::Unary(UnaryOp::Neg, _) => NEG_PRECEDENCE,
        ExprKind::Unary(UnaryOp::Not, _) => NOT_PRECEDENCE,
        _ => u8::MAX,
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, e: &Expr, needs_parens: bool) -> fmt::Result {
    if needs_parens {
        write!(f, "({e})")
    } else {
        write!(f, "{e}")
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Number(n) => f.write_str(n),
            ExprKind::Str(s) => write!(f, "\"{s}\""),
            ExprKind::Name(n) => f.write_str(n),
            ExprKind::Unary(UnaryOp::Neg, x) => {
                f.write_str("-")?;
                write_operand(f, x, precedence(x) < NEG_PRECEDENCE)
            }
            ExprKind::Unary(UnaryOp::Not, x) => {
                f.write_str("not ")?;
                write_operand(f, x, precedence(x) < NOT_PRECEDENCE)
            }
            ExprKind::Binary(op, a, b) => {
                let p = op.precedence();
                // `^` is right-associative, the others left-associative; comparisons do not chain.
                let (left_parens, right_parens) = match op {
                    BinaryOp::Pow => (precedence(a) <= p, precedence(b) < NEG_PRECEDENCE),
                    _ if op.is_comparison() => (precedence(a) <= p, precedence(b) <= p),
                    _ => (precedence(a) < p, precedence(b) <= p),
                };
                write_operand(f, a, left_parens)?;
                match op {
                    BinaryOp::Pow | BinaryOp::Mul | BinaryOp::Div => f.write_str(op.symbol())?,
                    _ => write!(f, " {} ", op.symbol())?,
                }
                write_operand(f, b, right_parens)
            }
            ExprKind::Call(name, args) => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;

    #[test]
    fn round_trips_with_minimal_parentheses() {
        for (input, printed) in [
            ("exp(-2*n*t^2)", "exp(-2*n*t^2)"),
            ("(a - (b - c))", "a - (b - c)"),
            ("(a^b)^c", "(a^b)^c"),
            ("a^(b^c)", "a^b^c"),
            ("(-x)^2", "(-x)^2"),
            ("-(x^2)", "-x^2"),
            ("a/(b*c)", "a/(b*c)"),
            ("not (a < b) and (c or d)", "not a < b and (c or d)"),
        ] {
            let e = parse(input).unwrap();
            assert_eq!(e.to_string(), printed, "{input}");
            assert_eq!(parse(&e.to_string()).unwrap().to_string(), printed, "printing is stable for {input}");
        }
    }
}
