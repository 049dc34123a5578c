//! Claims as data: the claim language of spec files.
//!
//! A spec may carry its claim in a `[claim]` table instead of a Rust implementation:
//!
//! ```toml
//! [claim]
//! let = { t = "u*(1 - p)", k = "ceil(n*(p + t))" }
//! assume = ["k <= n"]
//! lhs = "binomial_tail_upper(n, k, p)"
//! relation = "<="
//! rhs = "exp(-2*n*t^2)"
//! ```
//!
//! Expressions are parsed ([`parser`]), checked and resolved ([`compile`]) when the spec is
//! loaded, so that syntax errors, unknown names and functions, wrong argument counts and type
//! errors (a real where an integer is needed) are reported with file, line and column before
//! anything runs. At an instance they are evaluated ([`evaluate`]) exactly wherever every
//! operation is rational and as MPFR enclosures with directed rounding otherwise, under a
//! [`budget`]. `eval` evaluates closed expressions with the same machinery.

pub mod ast;
pub mod budget;
pub mod closed;
pub mod compile;
mod data_claim;
mod display;
pub mod evaluate;
pub mod functions;
pub mod lexer;
pub mod location;
pub mod parser;
mod source;
pub mod value;

pub use budget::{Budget, Limits, DEFAULT_LIMITS};
pub use closed::{Expression, ExpressionError};
pub use data_claim::DataClaim;
pub use evaluate::Fault;
pub use location::{ExprSource, Located};
pub use source::ClaimSource;
pub use value::{Type, Value};

use crate::engine::Relation;
use compile::{Compiled, Compiler, Origin, SlotInfo};
use location::Span;
use std::fmt;

/// A problem found while parsing one expression, at a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

impl SyntaxError {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        SyntaxError { span, message: message.into() }
    }
}

/// A claim that cannot be used, with the file, line and column of the expression at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {problem}")]
pub struct ClaimError {
    pub at: Located,
    pub problem: String,
}

/// A claim as written in a spec, before checking.
#[derive(Clone, Debug)]
pub struct ClaimText {
    /// `let` bindings, in any order (they are ordered by dependency).
    pub lets: Vec<(String, ExprSource)>,
    pub assume: Vec<ExprSource>,
    pub lhs: ExprSource,
    pub relation: Relation,
    pub rhs: ExprSource,
    /// The bindings shown next to an instance in reports (default: all of them).
    pub describe: Option<Vec<String>>,
}

/// A named `let` binding, compiled.
#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    pub compiled: Compiled,
}

/// A checked claim, ready to evaluate at instances.
#[derive(Clone, Debug)]
pub struct Program {
    pub sources: Vec<ExprSource>,
    pub slots: Vec<SlotInfo>,
    /// In dependency order.
    pub lets: Vec<Binding>,
    pub assumptions: Vec<Compiled>,
    pub lhs: Compiled,
    pub relation: Relation,
    pub rhs: Compiled,
    pub describe: Vec<String>,
}

/// The names and types a claim may use besides its own bindings.
pub struct Inputs<'a> {
    /// Parameters with their types (integer, rational or real domains, or sets as strings).
    pub parameters: &'a [(String, Type)],
    /// The unspecified constants (always real).
    pub constants: &'a [String],
}

fn parse_at(source: &ExprSource) -> Result<ast::Expr, ClaimError> {
    parser::parse(&source.text).map_err(|e| ClaimError { at: source.at(e.span), problem: e.message })
}

impl Program {
    /// Parses and checks a claim.
    pub fn compile(text: &ClaimText, inputs: &Inputs) -> Result<Program, ClaimError> {
        let mut slots: Vec<SlotInfo> = Vec::new();
        for (name, ty) in inputs.parameters {
            slots.push(SlotInfo { name: name.clone(), origin: Origin::Parameter, ty: *ty });
        }
        for name in inputs.constants {
            slots.push(SlotInfo { name: name.clone(), origin: Origin::Constant, ty: Type::Real });
        }
        let mut parsed_lets = Vec::new();
        for (name, source) in &text.lets {
            check_binding_name(name, source, &slots)?;
            parsed_lets.push((name.clone(), source.clone(), parse_at(source)?));
        }
        // Bindings get slots in dependency order, so each is compiled after everything it names
        // and its type is known before it is used. Their types are set as they compile.
        let order = dependency_order(&parsed_lets)?;
        let first_let_slot = slots.len();
        for (index, &i) in order.iter().enumerate() {
            slots.push(SlotInfo { name: parsed_lets[i].0.clone(), origin: Origin::Let(index), ty: Type::Real });
        }
        let mut sources: Vec<ExprSource> = order.iter().map(|&i| parsed_lets[i].1.clone()).collect();
        let mut exprs: Vec<ast::Expr> = order.iter().map(|&i| parsed_lets[i].2.clone()).collect();
        for source in text.assume.iter().chain([&text.lhs, &text.rhs]) {
            exprs.push(parse_at(source)?);
            sources.push(source.clone());
        }
        let mut compiler = Compiler::new(&sources, slots);
        let mut compiled = Vec::with_capacity(exprs.len());
        for (index, expr) in exprs.iter().enumerate() {
            let node = compiler.compile(index, expr)?;
            if index < order.len() {
                if !node.ty.is_numeric() && node.ty != Type::Bool {
                    let problem = format!("let '{}' must be a number or a condition", sources[index].key);
                    return Err(ClaimError { at: sources[index].at(expr.span), problem });
                }
                compiler.slots[first_let_slot + index].ty = node.ty;
            }
            compiled.push(Compiled { node, expr: expr.clone() });
        }
        let rhs = compiled.pop().expect("lhs and rhs were pushed");
        let lhs = compiled.pop().expect("lhs and rhs were pushed");
        let assumptions = compiled.split_off(order.len());
        for a in &assumptions {
            if a.node.ty != Type::Bool {
                let problem = "an assumption must be a condition such as 'k <= n'".to_string();
                return Err(ClaimError { at: sources[a.node.source].at(a.expr.span), problem });
            }
        }
        for side in [&lhs, &rhs] {
            if !side.node.ty.is_numeric() {
                let source = &sources[side.node.source];
                return Err(ClaimError { at: source.at(side.expr.span), problem: format!("{} must be a number", source.key) });
            }
        }
        let lets: Vec<Binding> =
            order.iter().zip(compiled).map(|(&i, c)| Binding { name: parsed_lets[i].0.clone(), compiled: c }).collect();
        let describe = match &text.describe {
            Some(names) => {
                if let Some(unknown) = names.iter().find(|n| !lets.iter().any(|b| &b.name == *n)) {
                    let problem = format!("describe names '{unknown}', which is not a let binding");
                    return Err(ClaimError { at: text.lhs.at(Span::default()), problem });
                }
                names.clone()
            }
            None => lets.iter().map(|b| b.name.clone()).collect(),
        };
        let slots = compiler.slots;
        Ok(Program { sources, slots, lets, assumptions, lhs, relation: text.relation, rhs, describe })
    }
}

fn check_binding_name(name: &str, source: &ExprSource, slots: &[SlotInfo]) -> Result<(), ClaimError> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let clash = slots.iter().any(|s| s.name == name)
        || parser::KEYWORDS.contains(&name)
        || ["pi", "sum", "prod", "least", "if"].contains(&name)
        || functions::lookup(name).is_some();
    match (valid, clash) {
        (true, false) => Ok(()),
        (false, _) => Err(ClaimError { at: source.at(Span::default()), problem: format!("let '{name}' is not a valid name") }),
        (true, true) => Err(ClaimError {
            at: source.at(Span::default()),
            problem: format!("let '{name}' already names a parameter, constant, function or keyword"),
        }),
    }
}

/// Orders `let` bindings so that each follows the bindings it names; a cycle is an error at the
/// first binding on it.
fn dependency_order(lets: &[(String, ExprSource, ast::Expr)]) -> Result<Vec<usize>, ClaimError> {
    fn names(e: &ast::Expr, out: &mut Vec<String>) {
        match &e.kind {
            ast::ExprKind::Name(n) => out.push(n.clone()),
            ast::ExprKind::Unary(_, x) => names(x, out),
            ast::ExprKind::Binary(_, a, b) => {
                names(a, out);
                names(b, out);
            }
            ast::ExprKind::Call(_, args) => args.iter().for_each(|a| names(a, out)),
            _ => {}
        }
    }
    let uses: Vec<Vec<usize>> = lets
        .iter()
        .map(|(_, _, e)| {
            let mut n = Vec::new();
            names(e, &mut n);
            lets.iter().enumerate().filter(|(_, (name, _, _))| n.contains(name)).map(|(i, _)| i).collect()
        })
        .collect();
    // 0: unvisited, 1: on the current path, 2: done.
    let mut state = vec![0u8; lets.len()];
    let mut order = Vec::new();
    fn visit(i: usize, uses: &[Vec<usize>], state: &mut [u8], order: &mut Vec<usize>, path: &mut Vec<usize>) -> Result<(), Vec<usize>> {
        match state[i] {
            2 => return Ok(()),
            1 => {
                let start = path.iter().position(|&p| p == i).unwrap_or(0);
                return Err(path[start..].to_vec());
            }
            _ => {}
        }
        state[i] = 1;
        path.push(i);
        for &j in &uses[i] {
            visit(j, uses, state, order, path)?;
        }
        path.pop();
        state[i] = 2;
        order.push(i);
        Ok(())
    }
    for i in 0..lets.len() {
        visit(i, &uses, &mut state, &mut order, &mut Vec::new()).map_err(|cycle| {
            let names: Vec<&str> = cycle.iter().map(|&c| lets[c].0.as_str()).collect();
            ClaimError {
                at: lets[cycle[0]].1.at(Span::default()),
                problem: format!("the let bindings {} depend on each other in a cycle", names.join(" → ")),
            }
        })?;
    }
    Ok(order)
}

impl fmt::Display for Program {
    /// The claim printed back in canonical form (`show ID`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.lets {
            writeln!(f, "  let {} = {}", b.name, b.compiled.expr)?;
        }
        for a in &self.assumptions {
            writeln!(f, "  assume {}", a.expr)?;
        }
        write!(f, "  claim {} {} {}", self.lhs.expr, self.relation, self.rhs.expr)
    }
}
