//! `eval`: reference primitives for scripting, one JSON object per line in and out.
//!
//! Input: `{"fn":"binomial_tail_upper","args":{"n":100,"k":30,"p":"1/4"},"prec":256}`, or an
//! expression in the claim language (`src/claim`): `{"expr":"exp(-2*100*(1/10)^2)","prec":256}`.
//! Output: `{"fn":...,"lo":"<decimal>","hi":"<decimal>"}`, the decimals rounded outward so that
//! `[lo, hi]` contains the true value, or `{"error":"..."}` naming the problem. Probabilities and
//! reals are read exactly from strings (`"a/b"` or decimals); JSON floats are refused because
//! they have already been rounded to binary.

mod args;
pub mod budget;
mod expression;
mod functions;
pub mod strict_json;

pub use budget::Budget;
pub use functions::{evaluate, evaluate_within, FUNCTION_NAMES};

use crate::reference::decimal::digits_for_bits;
use crate::reference::Enclosure;
use serde_json::{json, Value as Json};
use thiserror::Error;

/// The default precision of `eval` results, in bits.
pub const DEFAULT_PREC: u32 = 256;
/// The largest precision `eval` accepts, in bits.
pub const MAX_PREC: u32 = 1 << 16;

/// Why an `eval` request cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EvalRequestError {
    #[error("the line is not valid JSON: {0}")]
    NotJson(String),
    #[error("the request must be a JSON object with \"fn\" and \"args\"")]
    NotAnObject,
    #[error("missing \"fn\" (one of: {})", FUNCTION_NAMES.join(", "))]
    MissingFunction,
    #[error("\"fn\" must be a string naming a function, got {0}")]
    FunctionNotAString(String),
    #[error("budget exceeded: {0}")]
    BudgetExceeded(String),
    #[error("unknown function '{name}' (known: {known})", name = .0, known = FUNCTION_NAMES.join(", "))]
    UnknownFunction(String),
    #[error("unknown key '{0}' in the request (expected \"fn\", \"args\", \"prec\")")]
    UnknownKey(String),
    #[error("\"prec\" must be an integer number of bits in [16, 65536], got {0}")]
    BadPrecision(String),
    #[error("{function}: {problem}")]
    Argument { function: String, problem: String },
}

/// Answers one input line with one output object, under the default [`Budget`].
pub fn answer_line(line: &str) -> Json {
    answer_line_within(line, &Budget::default())
}

/// Answers one input line with one output object, refusing work beyond `budget`. A request
/// with `"expr"` goes to the claim language's evaluator, whose own budget (terms, bits, time)
/// bounds it.
pub fn answer_line_within(line: &str, budget: &Budget) -> Json {
    if line.len() <= budget.max_line_bytes {
        if let Ok(Json::Object(object)) = strict_json::from_str(line) {
            if object.contains_key("expr") {
                return expression::answer(&object);
            }
        }
    }
    match parse_and_evaluate(line, budget) {
        Ok((function, enclosure, prec)) => render(&function, &enclosure, prec),
        Err(e) => json!({"error": e.to_string()}),
    }
}

fn parse_and_evaluate(line: &str, budget: &Budget) -> Result<(String, Enclosure, u32), EvalRequestError> {
    if line.len() > budget.max_line_bytes {
        return Err(EvalRequestError::BudgetExceeded(format!(
            "the line has {} bytes; the limit is {} (raise it with --max-line-bytes)",
            line.len(),
            budget.max_line_bytes
        )));
    }
    if line.trim().is_empty() {
        return Err(EvalRequestError::NotJson("the line is empty".into()));
    }
    let request: Json = strict_json::from_str(line).map_err(|e| EvalRequestError::NotJson(e.to_string()))?;
    let object = request.as_object().ok_or(EvalRequestError::NotAnObject)?;
    if let Some(key) = object.keys().find(|k| !["fn", "args", "prec"].contains(&k.as_str())) {
        return Err(EvalRequestError::UnknownKey(key.clone()));
    }
    let function = match object.get("fn") {
        None => return Err(EvalRequestError::MissingFunction),
        Some(Json::String(f)) => f.clone(),
        Some(other) => return Err(EvalRequestError::FunctionNotAString(other.to_string())),
    };
    let prec = precision(object)?;
    let empty = serde_json::Map::new();
    let arguments = match object.get("args") {
        None => &empty,
        Some(Json::Object(a)) => a,
        Some(other) => {
            return Err(EvalRequestError::Argument { function, problem: format!("\"args\" must be an object, got {other}") });
        }
    };
    budget.admit(&function, arguments, prec).map_err(EvalRequestError::BudgetExceeded)?;
    let enclosure = evaluate_within(&function, arguments, prec, budget)?;
    Ok((function, enclosure, prec))
}

/// The answer, with `width_met` saying whether the enclosure's relative width reached the
/// promised `2^-prec`: a result that could not be refined that far (an enclosure touching zero
/// or infinity, or a refinement stopped by the budget) is still a valid enclosure, only wider,
/// and a caller must be able to tell.
/// The request's `"prec"` in bits (default [`DEFAULT_PREC`]), in `16..=MAX_PREC`.
fn precision(object: &serde_json::Map<String, Json>) -> Result<u32, EvalRequestError> {
    match object.get("prec") {
        None => Ok(DEFAULT_PREC),
        Some(p) => p
            .as_u64()
            .and_then(|p| u32::try_from(p).ok())
            .filter(|p| (16..=MAX_PREC).contains(p))
            .ok_or_else(|| EvalRequestError::BadPrecision(p.to_string())),
    }
}

fn render(function: &str, e: &Enclosure, prec: u32) -> Json {
    let (lo, hi) = e.decimal_bounds(digits_for_bits(prec));
    json!({"fn": function, "lo": lo, "hi": hi, "width_met": width_met(e, prec)})
}

/// Whether `e` is exact or its relative width is at most `2^-prec`.
pub fn width_met(e: &Enclosure, prec: u32) -> bool {
    let target = rug::Float::with_val(64, rug::Float::i_exp(1, -(prec as i32)));
    e.relative_width(prec.max(64)) <= target
}
