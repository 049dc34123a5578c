//! Consistency of the recorded minimum-width results with each other.
//!
//! # Statement
//! For every `(d_x, d_y) ∈ {1..12}²`, every activation setting and every function class, each
//! applicable lower bound is at most each applicable upper bound (exact values count as both, so
//! two exact values must agree). Implications are applied as in [`super::width_bounds`]:
//! uniform on a compact set ⇒ L^p there, W^{1,∞} ⇒ uniform, L^p(R^{d_x}) ⇒ L^p(K); class results
//! apply to each member; activation-specific results only to their activation; bounds are
//! lifted along the monotonicity of w_min in `d_x` and `d_y` for uniform and compact-L^p classes.
//!
//! Two claims: over the current results (superseded versions left out) and over every recorded
//! result, Li–Duan–Ji–Cai's v1 formula included.
//!
//! # Formula
//! At `(d_x, d_y)`: over all settings and classes, the pair (largest lower bound, smallest upper
//! bound) with the least slack; the claim is `lower ≤ upper`, in integers. A failure names both
//! claims, their sources, the setting, the class and `(d_x, d_y)`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::WidthConsistency;
//! use theoremcheck::reference::Decision;
//! let at = |x, y| Instance::default().with("d_x", Value::Integer(x)).with("d_y", Value::Integer(y));
//! let decide = |t: &WidthConsistency, x, y| match t.evaluate(&at(x, y), &Instance::default(), 64).unwrap() {
//!     Outcome::Compared(c) => c.decide(),
//!     _ => panic!(),
//! };
//! // v1's 4 at (2, 4) is below Kim–Min–Park's lower bound 5:
//! assert_eq!(decide(&WidthConsistency::with_superseded(), 2, 4), Decision::False);
//! assert_eq!(decide(&WidthConsistency::current(), 2, 4), Decision::True);
//! ```

use super::common::dims;
use super::width_bounds::{pairs, ClaimSet, GRID_MAX};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::Enclosure;

/// Lower ≤ upper for every recorded pair, over the claim set `set`.
pub struct WidthConsistency {
    id: &'static str,
    set: ClaimSet,
}

impl WidthConsistency {
    /// Current results only.
    pub fn current() -> Self {
        WidthConsistency { id: "universality.width_consistency", set: ClaimSet::Current }
    }

    /// Every recorded result, superseded versions included.
    pub fn with_superseded() -> Self {
        WidthConsistency { id: "universality.width_consistency_with_v1", set: ClaimSet::All }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("d_x"), ParamRequirement::integer("d_y")];

/// Every `(d_x, d_y)` of the grid, in the order the shrinker prefers (small `d_x`, then `d_y`).
pub fn grid_instances() -> Vec<Instance> {
    let mut out = Vec::new();
    for dx in 1..=i64::from(GRID_MAX) {
        for dy in 1..=i64::from(GRID_MAX) {
            out.push(Instance::default().with("d_x", Value::Integer(dx)).with("d_y", Value::Integer(dy)));
        }
    }
    out
}

impl Theorem for WidthConsistency {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let (dx, dy) = dims(instance)?;
        let found = pairs(self.set, dx, dy).map_err(EvalError::reference)?;
        let Some(tightest) = found.first() else {
            return Ok(Outcome::HypothesisNotMet(format!("no setting has both a lower and an upper bound at ({dx}, {dy})")));
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tightest.lower.value), Relation::Le, Enclosure::exact(tightest.upper.value))))
    }

    fn edge_instances(&self, _spec: &crate::spec::Spec) -> Vec<Instance> {
        grid_instances()
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let (dx, dy) = dims(instance).ok()?;
        let found = pairs(self.set, dx, dy).ok()?;
        let conflicts: Vec<String> =
            found.iter().filter(|p| p.margin() < 0).map(|p| format!("CONFLICT at (d_x, d_y) = ({dx}, {dy}) {p}")).collect();
        if conflicts.is_empty() {
            found.first().map(|p| format!("tightest at ({dx}, {dy}): {p}"))
        } else {
            Some(conflicts.join("\n  "))
        }
    }
}
