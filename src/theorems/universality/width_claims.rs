//! The width table's own check: every recorded width respects the universal floor.
//!
//! # Statement
//! Cai (ICLR 2023): for any set of activation functions, universal approximation of
//! `C(K, R^{d_y})` or `L^p(K, R^{d_y})` needs width at least `max(d_x, d_y)`. So every recorded
//! exact value and upper bound of a feed-forward result (uniform, L^p on compact sets or on
//! R^{d_x}, W^{1,∞}) must be at least `max(d_x, d_y)` wherever its conditions hold.
//!
//! # Formula
//! At `(d_x, d_y)`: `max(d_x, d_y) ≤ min { w : claim exact or upper, conditions hold }`, in
//! integers. The recorded data itself (papers, versions, activations, classes, formulas,
//! conditions, statements) is in [`super::width_data`]; `theoremcheck show
//! universality.width_claims` prints it. The floor's offset on `d_x` is a field (0 as
//! published), so that the sharpened twin `max(d_x + 1, d_y)` runs through the same code.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::WidthClaims;
//! let i = Instance::default().with("d_x", Value::Integer(2)).with("d_y", Value::Integer(4));
//! let Outcome::Compared(c) = WidthClaims::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), theoremcheck::reference::Decision::True);
//! ```

use super::common::dims;
use super::width_data::{claims, FnClass, WidthClaim};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;

/// Every recorded feed-forward upper/exact width is at least `max(d_x + dx_offset, d_y)`
/// (`dx_offset` = 0: Cai's floor).
pub struct WidthClaims {
    id: &'static str,
    dx_offset: u32,
}

impl WidthClaims {
    /// Cai's floor `max(d_x, d_y)`.
    pub fn catalogue() -> Self {
        WidthClaims { id: "universality.width_claims", dx_offset: 0 }
    }

    /// The floor raised to `max(d_x + 1, d_y)` (the ReLU L^p width of Park et al. 2021 read as a
    /// floor for every activation set): false, recorded results attain `max(d_x, d_y)`.
    pub fn sharpened() -> Self {
        WidthClaims { id: "universality.width_claims_sharpened", dx_offset: 1 }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("d_x"), ParamRequirement::integer("d_y")];

fn feed_forward(c: &WidthClaim) -> bool {
    matches!(c.class, FnClass::Uniform | FnClass::LpCompact | FnClass::LpWhole | FnClass::Sobolev)
}

fn smallest_upper(dx: u32, dy: u32) -> Result<Option<(u32, WidthClaim)>, EvalError> {
    let mut best: Option<(u32, WidthClaim)> = None;
    for c in claims().into_iter().filter(|c| c.kind.bounds_above() && feed_forward(c)) {
        if let Some(w) = c.width_at(dx, dy).map_err(EvalError::reference)? {
            if best.as_ref().is_none_or(|(b, _)| w < *b) {
                best = Some((w, c));
            }
        }
    }
    Ok(best)
}

impl Theorem for WidthClaims {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let (dx, dy) = dims(instance)?;
        let Some((upper, _)) = smallest_upper(dx, dy)? else {
            return Ok(Outcome::HypothesisNotMet(format!("no recorded upper bound applies at ({dx}, {dy})")));
        };
        let floor = (dx + self.dx_offset).max(dy);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(floor), Relation::Le, Enclosure::exact(upper))))
    }

    fn edge_instances(&self, _spec: &crate::spec::Spec) -> Vec<Instance> {
        super::width_consistency::grid_instances()
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let (dx, dy) = dims(instance).ok()?;
        let (w, c) = smallest_upper(dx, dy).ok()??;
        let floor = if self.dx_offset == 0 {
            format!("floor max(d_x, d_y) = {} (Cai 2023)", dx.max(dy))
        } else {
            format!("floor max(d_x + {}, d_y) = {}", self.dx_offset, (dx + self.dx_offset).max(dy))
        };
        Some(format!("{floor}; smallest recorded upper {} from {} ({})", w, c.key, c.source()))
    }
}
