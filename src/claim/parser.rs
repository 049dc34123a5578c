//! A recursive-descent parser for the claim language.
//!
//! ```text
//! expr       := or
//! or         := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | comparison
//! comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//! sum        := term (("+" | "-") term)*
//! term       := unary (("*" | "/") unary)*
//! unary      := "-" unary | power
//! power      := atom ("^" unary)?              right-associative; -x^2 is -(x^2)
//! atom       := number | string | name | name "(" args ")" | "(" expr ")"
//! ```
//!
//! Nesting is bounded ([`MAX_DEPTH`]) so that a hostile expression cannot exhaust the stack.

use super::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use super::lexer::{tokenize, Lexeme, Token};
use super::location::Span;
use super::SyntaxError;

/// The deepest nesting of parentheses, calls and unary operators accepted.
pub const MAX_DEPTH: usize = 64;

/// The deepest expression tree accepted (left-leaning chains such as `a + a + ... + a` are
/// parsed by loops, but every later pass walks the tree recursively).
pub const MAX_TREE_DEPTH: usize = 256;

/// Words that cannot name a parameter or a binding.
pub const KEYWORDS: [&str; 3] = ["and", "or", "not"];

/// Parses one expression; the whole text must be consumed.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, at: 0, depth: 0, end: text.len() };
    if parser.tokens.is_empty() {
        return Err(SyntaxError::new(Span::new(0, text.len()), "the expression is empty"));
    }
    let expr = parser.or()?;
    if let Some(l) = parser.peek() {
        return Err(SyntaxError::new(l.span, format!("unexpected {} after a complete expression", describe(&l.token))));
    }
    if tree_depth(&expr) > MAX_TREE_DEPTH {
        return Err(SyntaxError::new(
            expr.span,
            format!("the expression tree is deeper than {MAX_TREE_DEPTH} levels; split it with 'let'"),
        ));
    }
    Ok(expr)
}

/// The depth of the tree, measured without recursion.
fn tree_depth(root: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(root, 1)];
    while let Some((e, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        match &e.kind {
            ExprKind::Unary(_, x) => stack.push((x, depth + 1)),
            ExprKind::Binary(_, a, b) => stack.extend([(&**a, depth + 1), (&**b, depth + 1)]),
            ExprKind::Call(_, args) => stack.extend(args.iter().map(|a| (a, depth + 1))),
            _ => {}
        }
    }
    deepest
}

struct Parser {
    tokens: Vec<Lexeme>,
    at: usize,
    depth: usize,
    end: usize,
}

fn describe(token: &Token) -> String {
    match token {
        Token::Number(n) => format!("number '{n}'"),
        Token::Ident(n) => format!("name '{n}'"),
        Token::Str(s) => format!("string \"{s}\""),
        Token::Symbol(s) => format!("'{s}'"),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.tokens.get(self.at)
    }

    fn peek_symbol(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Lexeme { token: Token::Symbol(s), .. }) => Some(s),
            _ => None,
        }
    }

    fn peek_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Lexeme { token: Token::Ident(w), .. }) if w == word)
    }

    fn end_span(&self) -> Span {
        Span::new(self.end, self.end)
    }

    fn expect_symbol(&mut self, symbol: &'static str, context: &str) -> Result<Span, SyntaxError> {
        match self.peek() {
            Some(Lexeme { token: Token::Symbol(s), span }) if *s == symbol => {
                let span = *span;
                self.at += 1;
                Ok(span)
            }
            Some(l) => Err(SyntaxError::new(l.span, format!("expected '{symbol}' {context}, found {}", describe(&l.token)))),
            None => Err(SyntaxError::new(self.end_span(), format!("expected '{symbol}' {context}, found the end of the expression"))),
        }
    }

    fn nested<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> Result<T, SyntaxError>) -> Result<T, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(span, format!("the expression nests deeper than {MAX_DEPTH} levels")));
        }
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn binary(op: BinaryOp, lhs: Expr, rhs: Expr) -> Expr {
        let span = lhs.span.to(rhs.span);
        Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut lhs = self.and()?;
        while self.peek_keyword("or") {
            self.at += 1;
            let rhs = self.and()?;
            lhs = Self::binary(BinaryOp::Or, lhs, rhs);
        }
        Ok(lhs)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut lhs = self.not()?;
        while self.peek_keyword("and") {
            self.at += 1;
            let rhs = self.not()?;
            lhs = Self::binary(BinaryOp::And, lhs, rhs);
        }
        Ok(lhs)
    }

    fn not(&mut self) -> Result<Expr, SyntaxError> {
        if self.peek_keyword("not") {
            let span = self.peek().map(|l| l.span).unwrap_or_default();
            self.at += 1;
            let operand = self.nested(span, Self::not)?;
            let span = span.to(operand.span);
            return Ok(Expr { kind: ExprKind::Unary(UnaryOp::Not, Box::new(operand)), span });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let lhs = self.sum()?;
        let op = match self.peek_symbol() {
            Some("<") => BinaryOp::Lt,
            Some("<=") => BinaryOp::Le,
            Some(">") => BinaryOp::Gt,
            Some(">=") => BinaryOp::Ge,
            Some("==") => BinaryOp::Eq,
            Some("!=") => BinaryOp::Ne,
            Some("=") => {
                let span = self.peek().map(|l| l.span).unwrap_or_default();
                return Err(SyntaxError::new(span, "'=' is not a comparison; write '==' (bindings go in the claim's 'let' table)"));
            }
            _ => return Ok(lhs),
        };
        self.at += 1;
        let rhs = self.sum()?;
        if let Some(l) = self.peek() {
            if matches!(l.token, Token::Symbol("<" | "<=" | ">" | ">=" | "==" | "!=")) {
                return Err(SyntaxError::new(l.span, "comparisons do not chain; write 'a < b and b < c'"));
            }
        }
        Ok(Self::binary(op, lhs, rhs))
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek_symbol() {
                Some("+") => BinaryOp::Add,
                Some("-") => BinaryOp::Sub,
                _ => return Ok(lhs),
            };
            self.at += 1;
            let rhs = self.term()?;
            lhs = Self::binary(op, lhs, rhs);
        }
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek_symbol() {
                Some("*") => BinaryOp::Mul,
                Some("/") => BinaryOp::Div,
                _ => return Ok(lhs),
            };
            self.at += 1;
            let rhs = self.unary()?;
            lhs = Self::binary(op, lhs, rhs);
        }
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        if self.peek_symbol() == Some("-") {
            let span = self.peek().map(|l| l.span).unwrap_or_default();
            self.at += 1;
            let operand = self.nested(span, Self::unary)?;
            let span = span.to(operand.span);
            return Ok(Expr { kind: ExprKind::Unary(UnaryOp::Neg, Box::new(operand)), span });
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, SyntaxError> {
        let base = self.atom()?;
        if self.peek_symbol() == Some("^") {
            let span = self.peek().map(|l| l.span).unwrap_or_default();
            self.at += 1;
            let exponent = self.nested(span, Self::unary)?;
            return Ok(Self::binary(BinaryOp::Pow, base, exponent));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let Some(lexeme) = self.peek().cloned() else {
            return Err(SyntaxError::new(self.end_span(), "the expression ends where a value was expected"));
        };
        self.at += 1;
        let span = lexeme.span;
        match lexeme.token {
            Token::Number(n) => Ok(Expr { kind: ExprKind::Number(n), span }),
            Token::Str(s) => Ok(Expr { kind: ExprKind::Str(s), span }),
            Token::Ident(name) if KEYWORDS.contains(&name.as_str()) => {
                Err(SyntaxError::new(span, format!("'{name}' is a keyword and cannot stand where a value is expected")))
            }
            Token::Ident(name) => {
                if self.peek_symbol() != Some("(") {
                    return Ok(Expr { kind: ExprKind::Name(name), span });
                }
                self.at += 1;
                let args = self.nested(span, Self::arguments)?;
                let close = self.expect_symbol(")", &format!("to close the arguments of '{name}'"))?;
                Ok(Expr { kind: ExprKind::Call(name, args), span: span.to(close) })
            }
            Token::Symbol("(") => {
                let inner = self.nested(span, Self::or)?;
                let close = self.expect_symbol(")", "to close '('")?;
                Ok(Expr { span: span.to(close), ..inner })
            }
            other => Err(SyntaxError::new(span, format!("unexpected {} where a value was expected", describe(&other)))),
        }
    }

    fn arguments(&mut self) -> Result<Vec<Expr>, SyntaxError> {
        let mut args = Vec::new();
        if self.peek_symbol() == Some(")") {
            return Ok(args);
        }
        loop {
            args.push(self.or()?);
            if self.peek_symbol() == Some(",") {
                self.at += 1;
            } else {
                return Ok(args);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Number(n) => n.clone(),
            ExprKind::Str(s) => format!("{s:?}"),
            ExprKind::Name(n) => n.clone(),
            ExprKind::Unary(UnaryOp::Neg, x) => format!("(-{})", shape(x)),
            ExprKind::Unary(UnaryOp::Not, x) => format!("(not {})", shape(x)),
            ExprKind::Binary(op, a, b) => format!("({} {} {})", shape(a), op.symbol(), shape(b)),
            ExprKind::Call(f, args) => format!("{f}[{}]", args.iter().map(shape).collect::<Vec<_>>().join(", ")),
        }
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(shape(&parse("-x^2").unwrap()), "(-(x ^ 2))");
        assert_eq!(shape(&parse("a^b^c").unwrap()), "(a ^ (b ^ c))");
        assert_eq!(shape(&parse("2^-3").unwrap()), "(2 ^ (-3))");
        assert_eq!(shape(&parse("a - b - c").unwrap()), "((a - b) - c)");
        assert_eq!(shape(&parse("a/b*c").unwrap()), "((a / b) * c)");
        assert_eq!(shape(&parse("not a < b and c or d").unwrap()), "(((not (a < b)) and c) or d)");
        assert_eq!(shape(&parse("sum(i, 0, n, i^2)").unwrap()), "sum[i, 0, n, (i ^ 2)]");
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("a + ").unwrap_err().span.start, 4);
        assert_eq!(parse("f(a, b").unwrap_err().span.start, 6);
        assert!(parse("a < b < c").unwrap_err().message.contains("do not chain"));
        assert!(parse("a = b").unwrap_err().message.contains("=="));
        assert!(parse("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn a_nesting_bomb_is_refused_not_overflowed() {
        let bomb = format!("{}1{}", "(".repeat(5_000), ")".repeat(5_000));
        assert!(parse(&bomb).unwrap_err().message.contains("nests deeper"));
        let minus = format!("{}1", "-".repeat(5_000));
        assert!(parse(&minus).unwrap_err().message.contains("nests deeper"));
        let chain = vec!["a"; 2000].join(" + ");
        assert!(parse(&chain).unwrap_err().message.contains("deeper than"));
    }
}
