//! Typed errors for witness constructions.

use thiserror::Error;

/// Bad input to a witness construction.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WitnessError {
    #[error("ε must be positive, got {0}")]
    NonPositiveEpsilon(String),
}
