//! `monte_carlo.sc_decomposition`: for self-consistency, reasoning error = estimation error +
//! model error, exactly, because the estimator is unbiased; and the fixture
//! `monte_carlo.sc_decomposition_smoothed`, where the biased Laplace estimator breaks it. The
//! statement, formula and example are documented with the shared evaluation in
//! [`sc_error`](super::sc_error).

use super::sc_error::{Kind, SelfConsistency};

impl SelfConsistency {
    /// `E(c/n − I)² = E(c/n − p)² + (p − I)²`.
    pub fn decomposition() -> Self {
        SelfConsistency { id: "monte_carlo.sc_decomposition", kind: Kind::Decomposition }
    }

    /// The same split claimed for `(c + 1)/(n + 2)`: false.
    pub fn decomposition_smoothed() -> Self {
        SelfConsistency { id: "monte_carlo.sc_decomposition_smoothed", kind: Kind::DecompositionSmoothed }
    }
}
