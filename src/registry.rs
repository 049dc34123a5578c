//! The one place that wires ids to implementations.
//!
//! `catalogue()` lists the claims whose specs live in `spec/`; `fixtures()` lists deliberately
//! false variants whose specs live in `tests/fixtures/spec/` and which the suite must refute.

use crate::engine::Theorem;
use crate::theorems;

/// Every catalogue claim, in id order.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    let mut all = Vec::new();
    all.extend(theorems::calibration::catalogue());
    all.extend(theorems::concentration::catalogue());
    all.extend(theorems::monte_carlo::catalogue());
    all.extend(theorems::pac_bayes::catalogue());
    all.extend(theorems::universality::catalogue());
    all.sort_by(|a, b| a.id().cmp(b.id()));
    all
}

/// Every refutation fixture, in id order.
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    let mut all = Vec::new();
    all.extend(theorems::calibration::fixtures());
    all.extend(theorems::concentration::fixtures());
    all.extend(theorems::monte_carlo::fixtures());
    all.extend(theorems::pac_bayes::fixtures());
    all.extend(theorems::universality::fixtures());
    all.sort_by(|a, b| a.id().cmp(b.id()));
    all
}

/// The implementation for `id`, catalogue or fixture.
pub fn find(id: &str) -> Option<Box<dyn Theorem>> {
    catalogue().into_iter().chain(fixtures()).find(|t| t.id() == id)
}

/// The implementation a spec is checked against: its own `[claim]` when it carries one (no
/// registration needed), otherwise the Rust implementation registered under its id.
pub fn implementation(spec: &crate::spec::Spec) -> Option<Box<dyn Theorem>> {
    match crate::claim::DataClaim::from_spec(spec) {
        Some(data) => Some(Box::new(data)),
        None => find(&spec.id),
    }
}
