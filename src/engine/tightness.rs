//! Tightness grids: both sides of a claim at every point of the spec's grid.

use super::check::{validate, weakest_constants, CheckError};
use super::decide::{decide, Decided};
use super::instance::{Instance, Value};
use super::theorem::{Comparison, Theorem};
use crate::reference::{parse_rational, Decision};
use crate::spec::{Domain, GridValue, Spec};

/// One grid point.
#[derive(Clone, Debug)]
pub struct TightnessRow {
    pub instance: Instance,
    pub derived: Option<String>,
    /// `None` when the point does not meet the claim's hypotheses.
    pub comparison: Option<Comparison>,
    pub decision: Decision,
    pub precision: u32,
}

/// Evaluates the claim at every point of the spec's tightness grid, in grid order.
/// Returns an empty list for a spec without a grid.
pub fn tightness(theorem: &dyn Theorem, spec: &Spec, ladder: &[u32]) -> Result<Vec<TightnessRow>, CheckError> {
    validate(theorem, spec)?;
    let Some(t) = &spec.tightness else { return Ok(Vec::new()) };
    let constants = weakest_constants(spec);
    let mut points = vec![Instance::default()];
    for (name, values) in &t.grid {
        let domain = &spec.parameters[name];
        let mut next = Vec::with_capacity(points.len() * values.len());
        for point in &points {
            for v in values {
                next.push(point.clone().with(name, grid_value(v, domain)));
            }
        }
        points = next;
    }
    points
        .into_iter()
        .map(|instance| {
            let decided = decide(theorem, &instance, &constants, ladder).map_err(|error| CheckError::Evaluation {
                id: spec.id.clone(),
                instance: instance.to_string(),
                error,
            })?;
            let derived = theorem.describe(&instance);
            Ok(match decided {
                Decided::Vacuous(_) | Decided::Unevaluable(_) => {
                    TightnessRow { instance, derived, comparison: None, decision: Decision::Undecided, precision: 0 }
                }
                Decided::Compared { comparison, decision, precision } => {
                    TightnessRow { instance, derived, comparison: Some(comparison), decision, precision }
                }
            })
        })
        .collect()
}

/// A grid value as an instance value (grid values were validated against the domain on load).
fn grid_value(v: &GridValue, domain: &Domain) -> Value {
    match (v, domain) {
        (GridValue::Integer(i), Domain::Integer { .. }) => Value::Integer(*i),
        (GridValue::Integer(i), _) => Value::Number(rug::Rational::from(*i)),
        (GridValue::Text(s), Domain::Set { .. }) => Value::Choice(s.clone()),
        (GridValue::Text(s), _) => Value::Number(parse_rational(s).expect("validated on load")),
    }
}
