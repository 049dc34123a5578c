//! Gathering a report: the check's verdict and the claim's two sides across the tightness grid.

use super::ReportError;
use crate::engine::{
    check, default_etas, sensitivity, tightness, CheckOptions, CheckReport, Comparison, Derived, Inconclusive, Instance, Relation, Theorem,
    Verdict,
};
use crate::reference::{Decision, Enclosure, PRECISION_LADDER};
use crate::spec::{Measure, RecordedVerdict, Spec};
use rug::Float;
use std::fmt;

/// The least precision at which a ratio or margin is formed, so that forming it loses nothing
/// visible at the printed digits even when both sides are exact rationals rounded to an interval.
const MEASURE_PREC: u32 = 128;

/// What the report says about a claim: the computed verdict, read against the recorded one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Holds,
    Refuted,
    /// Holds, and the spec records that the encoded claim carries an extra condition.
    Conditional,
    Underspecified,
    /// Undecided comparisons, too few cases, or a statistical test without enough power.
    Inconclusive,
}

impl Status {
    /// The status of a computed verdict given the recorded one.
    pub fn of(verdict: &Verdict, recorded: RecordedVerdict) -> Self {
        match verdict {
            Verdict::Holds { .. } if recorded == RecordedVerdict::Conditional => Status::Conditional,
            Verdict::Holds { .. } => Status::Holds,
            Verdict::Refuted { .. } => Status::Refuted,
            Verdict::Inconclusive(Inconclusive::Underspecified(_)) => Status::Underspecified,
            Verdict::Inconclusive(_) => Status::Inconclusive,
            Verdict::Readings { derived: Derived::Holds, .. } => Status::Holds,
            Verdict::Readings { derived: Derived::Refuted, .. } => Status::Refuted,
            Verdict::Readings { derived: Derived::Conditional, .. } => Status::Conditional,
        }
    }

    pub const ALL: [Status; 5] = [Status::Holds, Status::Refuted, Status::Conditional, Status::Underspecified, Status::Inconclusive];
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Holds => "holds",
            Status::Refuted => "refuted",
            Status::Conditional => "conditional",
            Status::Underspecified => "underspecified",
            Status::Inconclusive => "inconclusive",
        })
    }
}

/// One grid point of a report.
#[derive(Clone, Debug)]
pub struct GridPoint {
    pub instance: Instance,
    /// Derived quantities, as the theorem describes them.
    pub derived: Option<String>,
    /// Both sides; `None` when the point does not meet the claim's hypotheses.
    pub comparison: Option<Comparison>,
    /// The ratio or margin the spec asks for; `None` off the hypotheses, or for a ratio whose
    /// denominator is exactly zero.
    pub measure: Option<Enclosure>,
    pub decision: Decision,
    /// The bits at which the comparison was decided (or last tried).
    pub precision: u32,
}

/// A claim's tightness grid, evaluated.
#[derive(Clone, Debug)]
pub struct GridReport {
    pub measure: Measure,
    /// The relation the claim asserts (from the first point that meets the hypotheses).
    pub relation: Relation,
    /// The grid's parameters, in column order, with their values in grid order.
    pub axes: Vec<(String, Vec<String>)>,
    /// Every grid point, in grid order.
    pub points: Vec<GridPoint>,
    /// The index of the tightest point: the largest ratio, or the smallest margin.
    pub tightest: Option<usize>,
}

impl GridReport {
    /// What the measure is, e.g. `lhs/rhs` or `rhs − lhs`: the claimed-smaller side over (or
    /// subtracted from) the claimed-larger one.
    pub fn definition(&self) -> &'static str {
        let larger_on_right = matches!(self.relation, Relation::Le | Relation::Lt | Relation::Eq);
        match (self.measure, larger_on_right) {
            (Measure::Ratio, true) => "lhs/rhs",
            (Measure::Ratio, false) => "rhs/lhs",
            (Measure::Margin, true) => "rhs − lhs",
            (Measure::Margin, false) => "lhs − rhs",
        }
    }

    /// The value of the measure where the claim is tight.
    pub fn tight_value(&self) -> &'static str {
        match self.measure {
            Measure::Ratio => "1",
            Measure::Margin => "0",
        }
    }

    /// The name of the measure (`ratio` or `margin`).
    pub fn measure_name(&self) -> &'static str {
        match self.measure {
            Measure::Ratio => "ratio",
            Measure::Margin => "margin",
        }
    }

    /// Points that meet the hypotheses.
    pub fn met(&self) -> usize {
        self.points.iter().filter(|p| p.comparison.is_some()).count()
    }
}

/// Everything the report says about one claim.
#[derive(Clone, Debug)]
pub struct TheoremReport {
    pub spec: Spec,
    pub check: CheckReport,
    pub status: Status,
    /// `None` for a claim whose spec has no tightness grid.
    pub grid: Option<GridReport>,
}

/// Runs the check of `theorem` and evaluates its tightness grid.
pub fn gather(theorem: &dyn Theorem, spec: &Spec, options: &CheckOptions) -> Result<TheoremReport, ReportError> {
    let grid = grid_report(theorem, spec)?;
    let mut check = check(theorem, spec, options)?;
    check.sensitivity = Some(sensitivity(theorem, spec, options, &check.verdict, &default_etas())?);
    let status = Status::of(&check.verdict, spec.recorded);
    Ok(TheoremReport { spec: spec.clone(), check, status, grid })
}

/// Evaluates the spec's tightness grid: `Ok(None)` when the spec has none, an error when no
/// grid point meets the claim's hypotheses.
pub fn grid_report(theorem: &dyn Theorem, spec: &Spec) -> Result<Option<GridReport>, ReportError> {
    let Some(t) = &spec.tightness else { return Ok(None) };
    let rows = tightness(theorem, spec, &PRECISION_LADDER)?;
    let Some(relation) = rows.iter().find_map(|r| r.comparison.as_ref().map(|c| c.relation)) else {
        return Err(ReportError::EmptyGrid { id: spec.id.clone(), file: spec.path.clone(), points: rows.len() });
    };
    let points: Vec<GridPoint> = rows
        .into_iter()
        .map(|row| {
            let measure = row.comparison.as_ref().and_then(|c| measure(c, t.measure, row.precision.max(MEASURE_PREC)));
            GridPoint {
                instance: row.instance,
                derived: row.derived,
                comparison: row.comparison,
                measure,
                decision: row.decision,
                precision: row.precision,
            }
        })
        .collect();
    let axes = t
        .grid
        .keys()
        .map(|name| {
            let mut seen: Vec<String> = Vec::new();
            for p in &points {
                let text = p.instance.0.get(name).map(value_text).unwrap_or_default();
                if !seen.contains(&text) {
                    seen.push(text);
                }
            }
            (name.clone(), seen)
        })
        .collect();
    let tightest = tightest(&points, t.measure);
    Ok(Some(GridReport { measure: t.measure, relation, axes, points, tightest }))
}

/// An instance value as a table cell: integers and exact numbers as written (`1/2`), set members
/// by name.
pub(crate) fn value_text(v: &crate::engine::Value) -> String {
    match v {
        crate::engine::Value::Integer(i) => i.to_string(),
        crate::engine::Value::Number(r) => crate::reference::decimal::format_rational(r),
        crate::engine::Value::Choice(s) => s.clone(),
    }
}

/// The ratio (claimed-smaller over claimed-larger side) or the margin (larger minus smaller).
fn measure(c: &Comparison, m: Measure, prec: u32) -> Option<Enclosure> {
    match m {
        Measure::Ratio => {
            let (small, large) = c.sides();
            small.div(large, prec).ok()
        }
        Measure::Margin => Some(c.margin(prec)),
    }
}

pub(crate) use crate::engine::midpoint;

/// The index of the point closest to violating the claim (first in grid order on ties).
fn tightest(points: &[GridPoint], m: Measure) -> Option<usize> {
    let mut best: Option<(usize, Float)> = None;
    for (i, p) in points.iter().enumerate() {
        let Some(e) = &p.measure else { continue };
        let mid = midpoint(e);
        if mid.is_nan() {
            continue;
        }
        let score = match m {
            Measure::Ratio => mid,
            Measure::Margin => -mid,
        };
        if best.as_ref().is_none_or(|(_, b)| score > *b) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}
