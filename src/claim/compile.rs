//! Checking and resolving a parsed claim: every name bound, every call known with the right
//! number and types of arguments, `let` bindings ordered by dependency (a cycle is an error), and
//! each expression turned into a [`Node`] tree whose names are slots. Everything detectable
//! before an instance is seen is reported here, at load time, with its file, line and column.

use super::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use super::functions::{self, Function, Returns};
use super::location::{ExprSource, Span};
use super::parser::KEYWORDS;
use super::value::{Type, Value};
use super::ClaimError;
use rug::{Integer, Rational};

/// The largest decimal exponent a literal may carry (`1e4000`): the literal is read exactly.
pub const MAX_LITERAL_EXPONENT: i64 = 4000;

/// A resolved expression node.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub ty: Type,
    pub span: Span,
    /// Which expression (index into the program's sources) the node was written in.
    pub source: usize,
}

#[derive(Clone, Debug)]
pub enum NodeKind {
    Literal(Value),
    Slot(usize),
    Neg(Box<Node>),
    Not(Box<Node>),
    Arith(BinaryOp, Box<Node>, Box<Node>),
    Compare(BinaryOp, Box<Node>, Box<Node>),
    Logic(BinaryOp, Box<Node>, Box<Node>),
    Call(&'static Function, Vec<Node>),
    If(Box<Node>, Box<Node>, Box<Node>),
    /// `sum`, `prod` or `least` of `body` with `slot` running over `from..=to`.
    Fold {
        kind: FoldKind,
        slot: usize,
        from: Box<Node>,
        to: Box<Node>,
        body: Box<Node>,
    },
}

/// What a fold over an integer range computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Sum,
    Prod,
    /// The least `i` in the range whose condition holds.
    Least,
}

/// Where a slot's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Parameter,
    Constant,
    /// The `let` binding at this index, evaluated on first use.
    Let(usize),
    /// The running variable of a `sum`, `prod` or `least`.
    Binder,
}

#[derive(Clone, Debug)]
pub struct SlotInfo {
    pub name: String,
    pub origin: Origin,
    pub ty: Type,
}

/// One compiled expression with its parsed form (for printing it back).
#[derive(Clone, Debug)]
pub struct Compiled {
    pub node: Node,
    pub expr: Expr,
}

pub struct Compiler<'a> {
    pub sources: &'a [ExprSource],
    pub slots: Vec<SlotInfo>,
    /// Binders in scope, innermost last.
    binders: Vec<usize>,
    source: usize,
}

impl<'a> Compiler<'a> {
    pub fn new(sources: &'a [ExprSource], slots: Vec<SlotInfo>) -> Self {
        Compiler { sources, slots, binders: Vec::new(), source: 0 }
    }

    fn error(&self, span: Span, problem: impl Into<String>) -> ClaimError {
        ClaimError { at: self.sources[self.source].at(span), problem: problem.into() }
    }

    /// Compiles the expression at `source` (already parsed as `expr`).
    pub fn compile(&mut self, source: usize, expr: &Expr) -> Result<Node, ClaimError> {
        self.source = source;
        self.node(expr)
    }

    fn make(&self, kind: NodeKind, ty: Type, span: Span) -> Node {
        Node { kind, ty, span, source: self.source }
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.binders
            .iter()
            .rev()
            .copied()
            .find(|&s| self.slots[s].name == name)
            .or_else(|| self.slots.iter().position(|s| s.name == name && s.origin != Origin::Binder))
    }

    fn node(&mut self, e: &Expr) -> Result<Node, ClaimError> {
        match &e.kind {
            ExprKind::Number(text) => {
                let value = literal(text).map_err(|p| self.error(e.span, p))?;
                let ty = if matches!(value, Value::Int(_)) { Type::Int } else { Type::Rat };
                Ok(self.make(NodeKind::Literal(value), ty, e.span))
            }
            ExprKind::Str(s) => Ok(self.make(NodeKind::Literal(Value::Str(s.clone())), Type::Str, e.span)),
            ExprKind::Name(name) => self.name(name, e.span),
            ExprKind::Unary(UnaryOp::Neg, x) => {
                let x = self.node(x)?;
                self.expect_numeric(&x, "the operand of '-'")?;
                let ty = x.ty;
                Ok(self.make(NodeKind::Neg(Box::new(x)), ty, e.span))
            }
            ExprKind::Unary(UnaryOp::Not, x) => {
                let x = self.node(x)?;
                self.expect(&x, Type::Bool, "the operand of 'not'")?;
                Ok(self.make(NodeKind::Not(Box::new(x)), Type::Bool, e.span))
            }
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, e.span),
            ExprKind::Call(name, args) => self.call(name, args, e.span),
        }
    }

    fn name(&mut self, name: &str, span: Span) -> Result<Node, ClaimError> {
        if let Some(slot) = self.lookup(name) {
            let ty = self.slots[slot].ty;
            return Ok(self.make(NodeKind::Slot(slot), ty, span));
        }
        if name == "pi" {
            let pi = functions::lookup("pi").expect("pi is in the table");
            return Ok(self.make(NodeKind::Call(pi, Vec::new()), Type::Real, span));
        }
        if functions::lookup(name).is_some() || ["sum", "prod", "least", "if"].contains(&name) {
            return Err(self.error(span, format!("'{name}' is a function; call it as {name}(...)")));
        }
        let mut known: Vec<&str> = self.slots.iter().filter(|s| s.origin != Origin::Binder).map(|s| s.name.as_str()).collect();
        known.extend(self.binders.iter().map(|&s| self.slots[s].name.as_str()));
        Err(self.error(span, format!("unknown name '{name}' (known: {})", if known.is_empty() { "none".into() } else { known.join(", ") })))
    }

    fn expect(&self, n: &Node, ty: Type, what: &str) -> Result<(), ClaimError> {
        if ty.accepts(n.ty) {
            Ok(())
        } else {
            Err(self.error(n.span, format!("{what} must be {}, but this is {}{}", ty.describe(), n.ty.describe(), hint(ty, n.ty))))
        }
    }

    fn expect_numeric(&self, n: &Node, what: &str) -> Result<(), ClaimError> {
        self.expect(n, Type::Real, what)
    }

    fn binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr, span: Span) -> Result<Node, ClaimError> {
        let (x, y) = (self.node(a)?, self.node(b)?);
        let what = |side: &str| format!("the {side} operand of '{}'", op.symbol());
        match op {
            BinaryOp::And | BinaryOp::Or => {
                self.expect(&x, Type::Bool, &what("left"))?;
                self.expect(&y, Type::Bool, &what("right"))?;
                Ok(self.make(NodeKind::Logic(op, Box::new(x), Box::new(y)), Type::Bool, span))
            }
            _ if op.is_comparison() => {
                let strings = x.ty == Type::Str && y.ty == Type::Str && matches!(op, BinaryOp::Eq | BinaryOp::Ne);
                if !strings {
                    self.expect_numeric(&x, &what("left"))?;
                    self.expect_numeric(&y, &what("right"))?;
                }
                Ok(self.make(NodeKind::Compare(op, Box::new(x), Box::new(y)), Type::Bool, span))
            }
            _ => {
                self.expect_numeric(&x, &what("left"))?;
                self.expect_numeric(&y, &what("right"))?;
                let ty = arithmetic_type(op, &x, &y);
                Ok(self.make(NodeKind::Arith(op, Box::new(x), Box::new(y)), ty, span))
            }
        }
    }

    fn call(&mut self, name: &str, args: &[Expr], span: Span) -> Result<Node, ClaimError> {
        match name {
            "sum" => return self.fold(FoldKind::Sum, args, span),
            "prod" => return self.fold(FoldKind::Prod, args, span),
            "least" => return self.fold(FoldKind::Least, args, span),
            "if" => return self.conditional(args, span),
            _ => {}
        }
        let Some(function) = functions::lookup(name) else {
            let hint = functions::suggest(name).map(|s| format!("; did you mean {s}?")).unwrap_or_default();
            return Err(self.error(span, format!("unknown function '{name}'{hint} (`theoremcheck functions` lists them)")));
        };
        let arity_ok = if function.variadic { args.len() >= 2 } else { args.len() == function.params.len() };
        if !arity_ok {
            let expected = if function.variadic { "at least 2".to_string() } else { function.params.len().to_string() };
            return Err(self.error(span, format!("{} takes {expected} argument(s), got {}: {}", name, args.len(), function.signature())));
        }
        let mut nodes = Vec::with_capacity(args.len());
        for (i, arg) in args.iter().enumerate() {
            let node = self.node(arg)?;
            let (param, ty) = function.params[i.min(function.params.len() - 1)];
            self.expect(&node, ty, &format!("argument {} of {name} ({param})", i + 1))?;
            nodes.push(node);
        }
        let ty = match function.returns {
            Returns::Fixed(t) => t,
            Returns::Join => nodes.iter().map(|n| n.ty).reduce(|a, b| a.join(b).unwrap_or(Type::Real)).unwrap_or(Type::Real),
        };
        Ok(self.make(NodeKind::Call(function, nodes), ty, span))
    }

    fn fold(&mut self, kind: FoldKind, args: &[Expr], span: Span) -> Result<Node, ClaimError> {
        let form = match kind {
            FoldKind::Sum => "sum",
            FoldKind::Prod => "prod",
            FoldKind::Least => "least",
        };
        let [variable, from, to, body] = args else {
            return Err(self.error(span, format!("{form} takes 4 arguments: {form}(i, from, to, body), got {}", args.len())));
        };
        let ExprKind::Name(var) = &variable.kind else {
            return Err(
                self.error(variable.span, format!("the first argument of {form} must be a new variable name, e.g. {form}(i, 0, n, ...)"))
            );
        };
        if self.lookup(var).is_some() || var == "pi" || KEYWORDS.contains(&var.as_str()) || functions::lookup(var).is_some() {
            return Err(self.error(variable.span, format!("{form}'s variable '{var}' already names something; pick a new name")));
        }
        let from = self.node(from)?;
        self.expect(&from, Type::Int, &format!("the lower end of {form}"))?;
        let to = self.node(to)?;
        self.expect(&to, Type::Int, &format!("the upper end of {form}"))?;
        let slot = self.slots.len();
        self.slots.push(SlotInfo { name: var.clone(), origin: Origin::Binder, ty: Type::Int });
        self.binders.push(slot);
        let body = self.node(body);
        self.binders.pop();
        let body = body?;
        let ty = if kind == FoldKind::Least {
            self.expect(&body, Type::Bool, "the condition of least")?;
            Type::Int
        } else {
            self.expect_numeric(&body, &format!("the body of {form}"))?;
            body.ty
        };
        Ok(self.make(NodeKind::Fold { kind, slot, from: Box::new(from), to: Box::new(to), body: Box::new(body) }, ty, span))
    }

    fn conditional(&mut self, args: &[Expr], span: Span) -> Result<Node, ClaimError> {
        let [condition, then, otherwise] = args else {
            return Err(self.error(span, format!("if takes 3 arguments: if(condition, then, else), got {}", args.len())));
        };
        let condition = self.node(condition)?;
        self.expect(&condition, Type::Bool, "the condition of if")?;
        let (then, otherwise) = (self.node(then)?, self.node(otherwise)?);
        let ty = then.ty.join(otherwise.ty).ok_or_else(|| {
            self.error(
                span,
                format!("the two branches of if must have compatible types, got {} and {}", then.ty.describe(), otherwise.ty.describe()),
            )
        })?;
        // A condition that compares inexact reals may stay undecided; the value is then only
        // known to lie in the hull of both branches, which is a real, not an exact value.
        let ty = if ty.is_numeric() && may_be_undecided(&condition) { Type::Real } else { ty };
        Ok(self.make(NodeKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)), ty, span))
    }
}

/// Whether a condition compares a value that may be inexact (an enclosure), so that it may be
/// undecided at every precision (two exact values always compare exactly).
fn may_be_undecided(condition: &Node) -> bool {
    match &condition.kind {
        NodeKind::Compare(_, a, b) => a.ty == Type::Real || b.ty == Type::Real,
        NodeKind::Not(x) => may_be_undecided(x),
        NodeKind::Logic(_, a, b) => may_be_undecided(a) || may_be_undecided(b),
        NodeKind::If(c, a, b) => may_be_undecided(c) || may_be_undecided(a) || may_be_undecided(b),
        // A condition bound by `let` may compare reals; assume it can stay undecided.
        NodeKind::Slot(_) | NodeKind::Call(..) => true,
        _ => false,
    }
}

fn hint(expected: Type, got: Type) -> &'static str {
    match (expected, got) {
        (Type::Int, Type::Rat | Type::Real) => " (wrap it in floor(...), ceil(...) or round(...))",
        (Type::Rat, Type::Real) => " (this primitive needs exact arguments; the value here goes through exp, ln, sqrt or similar)",
        (Type::Bool, _) => " (a condition is a comparison such as 'k <= n')",
        _ => "",
    }
}

/// The type of `x op y` for `+ − × ÷ ^`: integers stay integers under `+ − ×` and under `^` with
/// a non-negative literal exponent; rationals stay exact under `+ − × ÷` and integer powers.
fn arithmetic_type(op: BinaryOp, x: &Node, y: &Node) -> Type {
    let exact = |t: Type| matches!(t, Type::Int | Type::Rat);
    match op {
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul => x.ty.join(y.ty).unwrap_or(Type::Real),
        BinaryOp::Div if exact(x.ty) && exact(y.ty) => Type::Rat,
        BinaryOp::Div => Type::Real,
        BinaryOp::Pow if y.ty == Type::Int => {
            let natural_literal = matches!(&y.kind, NodeKind::Literal(Value::Int(i)) if *i >= 0);
            match x.ty {
                Type::Int if natural_literal => Type::Int,
                t if exact(t) => Type::Rat,
                _ => Type::Real,
            }
        }
        _ => Type::Real,
    }
}

/// Reads a numeric literal exactly: digits are an integer, anything else a rational.
pub fn literal(text: &str) -> Result<Value, String> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return Integer::from_str_radix(text, 10).map(Value::Int).map_err(|e| format!("cannot read '{text}': {e}"));
    }
    if let Some(at) = text.find(['e', 'E']) {
        let exponent: i64 = text[at + 1..].parse().map_err(|_| format!("malformed number '{text}'"))?;
        if exponent.abs() > MAX_LITERAL_EXPONENT {
            return Err(format!("the literal '{text}' has an exponent beyond ±{MAX_LITERAL_EXPONENT}"));
        }
    }
    if text.matches('.').count() > 1 {
        return Err(format!("malformed number '{text}'"));
    }
    let r: Rational = crate::reference::parse_rational(text).map_err(|e| format!("malformed number '{text}': {e}"))?;
    Ok(Value::Real(crate::reference::Enclosure::Exact(r)))
}
