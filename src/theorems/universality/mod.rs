//! The `universality` family (see ../shared/CATALOGUE.md). Claims are added here one file each.

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    Vec::new()
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    Vec::new()
}
