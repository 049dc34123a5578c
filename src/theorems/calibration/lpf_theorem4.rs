//! LPF Theorem 4 (information-theoretic optimality): "LPF-SPN operates within 1.12× of the
//! information-theoretic lower bound on calibration error".
//!
//! # Statement
//! The abstract gives a ratio (1.12) but not the lower bound it is a ratio to, nor the quantity
//! bounded, and the full text was not available. The two readings that would make it checkable
//! are each ill-posed or degenerate on the paper's own model class:
//! - lower bound on ECE: the Bayes posterior has population ECE exactly 0
//!   (`calibration.lpf_theorem1_bayes_exact`), so "ECE ≤ 1.12 × 0" is refuted by any LPF-SPN
//!   instance with positive ECE and says nothing about 1.12;
//! - a Fano-type or `c/√K` estimation floor: the constant and form are not recovered.
//!
//! # Formula
//! None: the check reports `underspecified` with this reason.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::Theorem;
//! use theoremcheck::theorems::calibration::LpfTheorem4;
//! assert!(LpfTheorem4.underspecified().is_some());
//! ```

use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};

/// Underspecified: the lower bound of Theorem 4 is not stated in the recoverable text.
pub struct LpfTheorem4;

impl Theorem for LpfTheorem4 {
    fn id(&self) -> &str {
        "calibration.lpf_theorem4"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &[]
    }

    fn evaluate(&self, _instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        Ok(Outcome::HypothesisNotMet("Theorem 4 is underspecified; nothing to evaluate".into()))
    }

    fn underspecified(&self) -> Option<&str> {
        Some(
            "the abstract states a ratio (1.12×) to an 'information-theoretic lower bound on calibration error' without the bound; \
             with the Bayes posterior as the bound the population ECE floor is exactly 0 and the ratio is undefined",
        )
    }
}
