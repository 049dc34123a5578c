//! Lueker's random-subset-sum theorem in the explicit form the lottery-ticket papers use.
//!
//! # Statement
//! Pensia et al. (2020), corollary of Lueker (1998): if `X_1, …, X_n` are i.i.d. Uniform[−1, 1]
//! and `n ≥ C·log₂(2/ε)` for a universal constant `C`, then with probability at least `1 − ε`
//! every `z ∈ [−1, 1]` is within ε of some subset sum.
//!
//! # Formula
//! None directly: no explicit value of `C` was verifiable in the sources available (Lueker's
//! constants and Pensia et al.'s corollary number are unverified; da Cunha et al. 2022 also
//! leave the constant implicit). The headline's verdict is derived from two readings with `C`
//! explicit: `subset_sum_lueker_constant` (the smallest `C` exact counting allows, a necessary
//! condition) and `subset_sum_lueker_sufficiency` (the claim itself at `C = 5/2`, tested
//! statistically). The exact statements behind it are `subset_sum_counting` and
//! `subset_sum_extension`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::Theorem;
//! use theoremcheck::theorems::universality::SubsetSumLueker;
//! assert!(SubsetSumLueker.underspecified().is_some());
//! ```

use crate::engine::{EvalError, Instance, Outcome, ParamRequirement, Theorem};

/// Lueker / Pensia et al.: no explicit constant, so decided by its readings.
pub struct SubsetSumLueker;

impl Theorem for SubsetSumLueker {
    fn id(&self) -> &str {
        "universality.subset_sum_lueker"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &[]
    }

    fn evaluate(&self, _instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        Ok(Outcome::HypothesisNotMet("underspecified: no explicit constant".into()))
    }

    fn underspecified(&self) -> Option<&str> {
        Some(
            "n ≥ C·log₂(2/ε) with a universal constant C that neither Lueker (1998) nor Pensia et al. (2020) state explicitly \
             in the text available; the claim is checked under its readings with C explicit",
        )
    }
}
