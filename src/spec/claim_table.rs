//! The `[claim]` table of a spec: its expressions located in the file, checked against the
//! spec's parameters and constants, and its edge instances checked against the domains.

use super::{ClaimData, Domain, Spec, SpecError};
use crate::claim::{ClaimSource, ClaimText, ExprSource, Type};
use crate::engine::{Instance, Relation};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

/// The table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    #[serde(rename = "let", default)]
    lets: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    assume: Vec<Spanned<String>>,
    lhs: Spanned<String>,
    relation: Spanned<String>,
    rhs: Spanned<String>,
    #[serde(default)]
    describe: Option<Vec<String>>,
    #[serde(default)]
    edges: Option<Spanned<Vec<BTreeMap<String, toml::Value>>>>,
}

/// 1-based line and column of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(before, |n| &before[n + 1..]).chars().count() + 1;
    (line, column)
}

/// Where the string's content starts: after its opening quote(s), and after the newline that
/// TOML trims right after a multi-line string's opening delimiter.
fn content_start(text: &str, span: std::ops::Range<usize>) -> usize {
    let raw = &text[span.start.min(text.len())..span.end.min(text.len())];
    let delimiter = if raw.starts_with("\"\"\"") || raw.starts_with("'''") { 3 } else { 1 };
    let mut start = span.start + delimiter;
    if delimiter == 3 {
        if text[start..].starts_with("\r\n") {
            start += 2;
        } else if text[start..].starts_with('\n') {
            start += 1;
        }
    }
    start
}

fn located(text: &str, path: &Path, key: String, s: &Spanned<String>) -> ExprSource {
    let (line, column) = line_and_column(text, content_start(text, s.span()));
    ExprSource { file: path.to_path_buf(), key, text: s.get_ref().clone(), line, column }
}

fn relation(s: &str) -> Option<Relation> {
    Some(match s.trim() {
        "<=" | "≤" => Relation::Le,
        "<" => Relation::Lt,
        ">=" | "≥" => Relation::Ge,
        ">" => Relation::Gt,
        "==" | "=" => Relation::Eq,
        _ => return None,
    })
}

fn type_of(domain: &Domain) -> Type {
    match domain {
        Domain::Integer { .. } => Type::Int,
        // Instances are drawn as exact rationals, also from a "real" domain.
        Domain::Rational { .. } | Domain::Real { .. } => Type::Rat,
        Domain::Set { .. } => Type::Str,
    }
}

/// Checks the claim of `spec` (parameters and constants already validated).
pub fn compile(raw: RawClaim, spec: &Spec, text: &str, path: &Path) -> Result<ClaimData, SpecError> {
    let at = |offset: usize, problem: String| {
        let (line, column) = line_and_column(text, offset);
        SpecError { file: path.to_path_buf(), line: Some(line), column: Some(column), problem }
    };
    let relation = relation(raw.relation.get_ref())
        .ok_or_else(|| at(raw.relation.span().start, format!("relation '{}' must be one of <=, <, >=, >, ==", raw.relation.get_ref())))?;
    let claim = ClaimText {
        lets: raw.lets.iter().map(|(name, s)| (name.clone(), located(text, path, format!("let.{name}"), s))).collect(),
        assume: raw.assume.iter().enumerate().map(|(i, s)| located(text, path, format!("assume[{i}]"), s)).collect(),
        lhs: located(text, path, "lhs".into(), &raw.lhs),
        relation,
        rhs: located(text, path, "rhs".into(), &raw.rhs),
        describe: raw.describe,
    };
    let parameters: Vec<(String, Type)> = spec.parameters.iter().map(|(n, d)| (n.clone(), type_of(d))).collect();
    let constants: Vec<String> = spec.constants.keys().cloned().collect();
    let source = ClaimSource { text: claim, parameters, constants };
    let program = source.compile().map_err(|e| SpecError {
        file: path.to_path_buf(),
        line: Some(e.at.position.line),
        column: Some(e.at.position.column),
        problem: format!("in {}: {}", e.at.key, e.problem),
    })?;
    let mut edges = Vec::new();
    let edges_at = raw.edges.as_ref().map_or(0, |e| e.span().start);
    for (i, table) in raw.edges.map(Spanned::into_inner).unwrap_or_default().into_iter().enumerate() {
        let json = serde_json::to_string(&table).map_err(|e| at(edges_at, format!("edge instance {i}: {e}")))?;
        let instance = Instance::from_json(&json, spec).map_err(|e| at(edges_at, format!("edge instance {i}: {e}")))?;
        edges.push(instance);
    }
    Ok(ClaimData { program: Arc::new(program), source: Arc::new(source), edges })
}
