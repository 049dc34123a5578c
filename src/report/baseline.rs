//! The directional tightness guard: a committed baseline of every grid point's ratio or margin,
//! and a comparison that fails when a claim's bound got looser and only reports when it got
//! tighter.
//!
//! A ratio (claimed-smaller side over claimed-larger side) gets looser when it falls; a margin
//! (larger minus smaller) gets looser when it grows. The baseline stores each value with the
//! digits its enclosure certifies (at most six, see [`digits`](super::digits)), which is within
//! a relative 5·10⁻⁶ of the true value; [`TOLERANCE`] is twenty times that, so printing never
//! trips the guard, while any change of a bound's constant does.

use super::digits::certified;
use super::GridReport;
use crate::reference::{parse_rational, Decision, Enclosure};
use crate::spec::Measure;
use rug::Rational;
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

/// Relative change of a ratio or margin below which the guard says nothing: 10⁻⁴.
pub fn tolerance() -> Rational {
    Rational::from((1, 10_000))
}

/// [`tolerance`] as text, for messages and the baseline file.
pub const TOLERANCE: &str = "1e-4";

/// What comparing a report with the baseline found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Points whose bound got looser beyond the tolerance: these fail the guard.
    pub looser: Vec<String>,
    /// Points whose bound got tighter beyond the tolerance: reported, never a failure.
    pub tighter: Vec<String>,
    /// Claims or points in the report without a baseline entry, or the other way round.
    pub missing: Vec<String>,
}

impl Comparison {
    pub fn passes(&self) -> bool {
        self.looser.is_empty() && self.missing.is_empty()
    }
}

/// The baseline of `grids` (claim id → grid), as the JSON committed in the repository.
pub fn record(grids: &BTreeMap<String, GridReport>) -> Json {
    let mut claims = Map::new();
    for (id, g) in grids {
        let mut points = Map::new();
        for p in &g.points {
            if let Some(m) = &p.measure {
                points.insert(p.instance.to_string(), Json::from(certified(m)));
            }
        }
        claims.insert(id.clone(), json!({"measure": g.measure, "definition": g.definition(), "points": points}));
    }
    json!({
        "about": "Tightness baseline for tests/report_baseline.rs: per claim and grid point, the ratio or margin with its certified digits. Regenerate with THEOREMCHECK_UPDATE_BASELINE=1 cargo test --release --test report_baseline.",
        "tolerance": TOLERANCE,
        "claims": claims,
    })
}

/// Compares `grids` with a baseline written by [`record`].
pub fn compare(baseline: &Json, grids: &BTreeMap<String, GridReport>) -> Comparison {
    let mut out = Comparison::default();
    let empty = Map::new();
    let claims = baseline.get("claims").and_then(Json::as_object).unwrap_or(&empty);
    for id in claims.keys().filter(|id| !grids.contains_key(*id)) {
        out.missing.push(format!("{id}: in the baseline but no longer has a tightness grid"));
    }
    for (id, g) in grids {
        let Some(entry) = claims.get(id) else {
            out.missing.push(format!("{id}: no baseline entry"));
            continue;
        };
        let points = entry.get("points").and_then(Json::as_object).unwrap_or(&empty);
        if entry.get("measure") != Some(&json!(g.measure)) {
            out.missing.push(format!(
                "{id}: the baseline measures {}, the spec {}",
                entry.get("measure").unwrap_or(&Json::Null),
                json!(g.measure)
            ));
            continue;
        }
        let mut seen = 0;
        for p in &g.points {
            let Some(m) = &p.measure else { continue };
            let key = p.instance.to_string();
            let Some(recorded) = points.get(&key).and_then(Json::as_str) else {
                out.missing.push(format!("{id} at {key}: no baseline value"));
                continue;
            };
            seen += 1;
            let Some(base) = baseline_value(recorded) else {
                out.missing.push(format!("{id} at {key}: unreadable baseline value '{recorded}'"));
                continue;
            };
            let line = |direction: &str| {
                format!("{id} at {key}: {} {} {direction}: baseline {recorded}, now {}", g.measure_name(), g.definition(), certified(m))
            };
            match direction(m, &base, g.measure) {
                Direction::Looser => out.looser.push(line("got looser")),
                Direction::Tighter => out.tighter.push(line("got tighter")),
                Direction::Within => {}
            }
        }
        if seen < points.len() {
            out.missing.push(format!("{id}: the baseline has {} points the grid no longer has", points.len() - seen));
        }
    }
    out
}

/// A baseline value: a decimal, or `[lo, hi]` for a value whose digits were not certified (the
/// midpoint is used).
fn baseline_value(text: &str) -> Option<Rational> {
    match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(inner) => {
            let (lo, hi) = inner.split_once(',')?;
            let (lo, hi) = (parse_rational(lo).ok()?, parse_rational(hi).ok()?);
            Some((lo + hi) / 2u32)
        }
        None => parse_rational(text).ok(),
    }
}

enum Direction {
    Looser,
    Tighter,
    Within,
}

/// Certified direction of the change from `base` to `now`, beyond the relative tolerance.
fn direction(now: &Enclosure, base: &Rational, measure: Measure) -> Direction {
    let slack = Rational::from(base.abs_ref()) * tolerance();
    let above = Enclosure::exact(Rational::from(base + &slack));
    let below = Enclosure::exact(Rational::from(base - &slack));
    let rose = above.lt(now) == Decision::True;
    let fell = now.lt(&below) == Decision::True;
    match (measure, rose, fell) {
        (Measure::Ratio, _, true) | (Measure::Margin, true, _) => Direction::Looser,
        (Measure::Ratio, true, _) | (Measure::Margin, _, true) => Direction::Tighter,
        _ => Direction::Within,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Enclosure {
        Enclosure::exact(Rational::from((n, d)))
    }

    #[test]
    fn direction_follows_the_measure() {
        let base = Rational::from((1, 2));
        assert!(matches!(direction(&q(49, 100), &base, Measure::Ratio), Direction::Looser));
        assert!(matches!(direction(&q(51, 100), &base, Measure::Ratio), Direction::Tighter));
        assert!(matches!(direction(&q(51, 100), &base, Measure::Margin), Direction::Looser));
        assert!(matches!(direction(&q(49, 100), &base, Measure::Margin), Direction::Tighter));
        // Within the tolerance: 1/2 · (1 ± 5·10⁻⁵).
        assert!(matches!(direction(&q(99_995, 200_000), &base, Measure::Ratio), Direction::Within));
        assert!(matches!(direction(&q(100_005, 200_000), &base, Measure::Ratio), Direction::Within));
    }

    #[test]
    fn baseline_values_are_read_exactly() {
        assert_eq!(baseline_value("0.500000"), Some(Rational::from((1, 2))));
        assert_eq!(baseline_value("[1.0e-1, 3.0e-1]"), Some(Rational::from((1, 5))));
        assert_eq!(baseline_value("x"), None);
    }
}
