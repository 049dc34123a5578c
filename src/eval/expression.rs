//! `eval` requests that are expressions: `{"expr": "...", "prec": 256}`, answered by the claim
//! language's evaluator (the one that evaluates data claims).

use crate::claim::{Expression, DEFAULT_LIMITS};
use crate::reference::decimal::{digits_for_bits, format_rational};
use serde_json::{json, Map, Value as Json};

/// The longest exact value echoed in `"exact"` (longer ones are given by `lo`/`hi` only).
const MAX_EXACT_CHARS: usize = 200;

pub fn answer(object: &Map<String, Json>) -> Json {
    match evaluate(object) {
        Ok(answer) => answer,
        Err(e) => json!({"error": e}),
    }
}

fn evaluate(object: &Map<String, Json>) -> Result<Json, String> {
    if let Some(key) = object.keys().find(|k| !["expr", "prec"].contains(&k.as_str())) {
        return Err(format!("unknown key '{key}' in an expression request (expected \"expr\", \"prec\")"));
    }
    let text = object.get("expr").and_then(Json::as_str).ok_or("\"expr\" must be a string")?;
    let prec = super::precision(object).map_err(|e| e.to_string())?;
    let expression = Expression::parse(text).map_err(|e| e.to_string())?;
    let (enclosure, width_met) = expression.evaluate(prec, DEFAULT_LIMITS).map_err(|e| e.to_string())?;
    let (lo, hi) = enclosure.decimal_bounds(digits_for_bits(prec));
    let mut answer = json!({"expr": text, "lo": lo, "hi": hi, "width_met": width_met});
    if let Some(exact) = enclosure.as_exact().map(format_rational).filter(|s| s.len() <= MAX_EXACT_CHARS) {
        answer["exact"] = Json::from(exact);
    }
    Ok(answer)
}
