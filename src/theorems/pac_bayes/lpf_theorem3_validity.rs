//! LPF Theorem 3 *as published*: "a non-vacuous PAC-Bayes bound for the learned aggregator"
//! with value 0.228 at N = 4200. Not checkable from what was published: see
//! `pac_bayes.lpf_theorem3` for the part that is (consistency of the reported figures).
//!
//! # Statement
//! With probability at least `1 − δ`, the risk (or train–test gap) of the LPF-Learned aggregator
//! is at most 0.228 (arXiv 2603.15674v1, abstract).
//!
//! # Formula
//! None can be evaluated: the form, `δ`, the prior and posterior over the aggregator's weights,
//! their KL, and the loss are not stated in any text that could be retrieved. The check reports
//! `underspecified` with that reason.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::Theorem;
//! use theoremcheck::theorems::pac_bayes::LpfTheorem3Validity;
//! assert!(LpfTheorem3Validity.underspecified().is_some());
//! ```

use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};

/// The validity of LPF Theorem 3's bound for the trained aggregator: underspecified.
pub struct LpfTheorem3Validity;

const REASON: &str = "the PAC-Bayes form, δ, the prior and posterior over the learned aggregator's weights, their KL divergence and the loss are not stated in the abstract or the repository; only the figures' mutual consistency is checkable (pac_bayes.lpf_theorem3)";

impl Theorem for LpfTheorem3Validity {
    fn id(&self) -> &str {
        "pac_bayes.lpf_theorem3_validity"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &[]
    }

    fn evaluate(&self, _instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        Ok(Outcome::HypothesisNotMet(REASON.into()))
    }

    fn underspecified(&self) -> Option<&str> {
        Some(REASON)
    }
}
