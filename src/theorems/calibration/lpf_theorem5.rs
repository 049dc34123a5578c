//! LPF Theorem 5 (robustness): "graceful degradation as O(εδ√K) under evidence corruption,
//! maintaining 88% performance with half of evidence adversarially replaced".
//!
//! # Statement
//! The abstract does not define ε here (per-factor miscalibration? perturbation size?), the
//! corruption model (which symbol an adversary substitutes, whether it knows `Y`), the degraded
//! quantity (accuracy, ECE, a relative score) or the constant. With ε read as the per-factor
//! calibration error, exact factors have ε = 0 and the claimed degradation bound is 0, which any
//! adversarial replacement violates; no reading recovered from the abstract and the author's
//! code is both well-posed and faithful, so the check reports `underspecified`.
//!
//! # Formula
//! None.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::Theorem;
//! use theoremcheck::theorems::calibration::LpfTheorem5;
//! assert!(LpfTheorem5.underspecified().is_some());
//! ```

use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};

/// Underspecified: ε, the corruption model and the degraded quantity are not stated.
pub struct LpfTheorem5;

impl Theorem for LpfTheorem5 {
    fn id(&self) -> &str {
        "calibration.lpf_theorem5"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &[]
    }

    fn evaluate(&self, _instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        Ok(Outcome::HypothesisNotMet("Theorem 5 is underspecified; nothing to evaluate".into()))
    }

    fn underspecified(&self) -> Option<&str> {
        Some(
            "the abstract leaves ε, the corruption model, the degraded metric and the constant of O(εδ√K) undefined; \
             reading ε as per-factor calibration error makes the bound 0 for exact factors, which no corruption model satisfies",
        )
    }
}
