//! `eval`: reference primitives for scripting, one JSON object per line in and out.
//!
//! Input: `{"fn":"binomial_tail_upper","args":{"n":100,"k":30,"p":"1/4"},"prec":256}`, or an
//! expression in the claim language (`src/claim`): `{"expr":"exp(-2*100*(1/10)^2)","prec":256}`.
//! Output: `{"fn":...,"lo":"<decimal>","hi":"<decimal>"}`, the decimals rounded outward so that
//! `[lo, hi]` contains the true value, or `{"error":"..."}` naming the problem. Probabilities and
//! reals are read exactly from strings (`"a/b"` or decimals); JSON floats are refused because
//! they have already been rounded to binary.

mod args;
mod expression;
mod functions;

pub use functions::{evaluate, FUNCTION_NAMES};

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
    #[error("unknown function '{name}' (known: {known})", name = .0, known = FUNCTION_NAMES.join(", "))]
    UnknownFunction(String),
    #[error("unknown key '{0}' in the request (expected \"fn\", \"args\", \"prec\")")]
    UnknownKey(String),
    #[error("\"prec\" must be an integer number of bits in [16, 65536], got {0}")]
    BadPrecision(String),
    #[error("{function}: {problem}")]
    Argument { function: String, problem: String },
}

/// Answers one input line with one output object.
pub fn answer_line(line: &str) -> Json {
    if let Ok(Json::Object(object)) = serde_json::from_str::<Json>(line) {
        if object.contains_key("expr") {
            return expression::answer(&object);
        }
    }
    match parse_and_evaluate(line) {
        Ok((function, enclosure, prec)) => render(&function, &enclosure, prec),
        Err(e) => json!({"error": e.to_string()}),
    }
}

fn parse_and_evaluate(line: &str) -> Result<(String, Enclosure, u32), EvalRequestError> {
    let request: Json = serde_json::from_str(line).map_err(|e| EvalRequestError::NotJson(e.to_string()))?;
    let object = request.as_object().ok_or(EvalRequestError::NotAnObject)?;
    if let Some(key) = object.keys().find(|k| !["fn", "args", "prec"].contains(&k.as_str())) {
        return Err(EvalRequestError::UnknownKey(key.clone()));
    }
    let function = object.get("fn").and_then(Json::as_str).ok_or(EvalRequestError::MissingFunction)?.to_string();
    let prec = match object.get("prec") {
        None => DEFAULT_PREC,
        Some(p) => p
            .as_u64()
            .and_then(|p| u32::try_from(p).ok())
            .filter(|p| (16..=MAX_PREC).contains(p))
            .ok_or_else(|| EvalRequestError::BadPrecision(p.to_string()))?,
    };
    let empty = serde_json::Map::new();
    let arguments = match object.get("args") {
        None => &empty,
        Some(Json::Object(a)) => a,
        Some(other) => {
            return Err(EvalRequestError::Argument { function, problem: format!("\"args\" must be an object, got {other}") });
        }
    };
    let enclosure = evaluate(&function, arguments, prec)?;
    Ok((function, enclosure, prec))
}

fn render(function: &str, e: &Enclosure, prec: u32) -> Json {
    let (lo, hi) = e.decimal_bounds(digits_for_bits(prec));
    json!({"fn": function, "lo": lo, "hi": hi})
}
