//! Why a report could not be made.

use crate::engine::CheckError;
use std::path::PathBuf;
use thiserror::Error;

/// A report that could not be gathered, rendered or written. Nothing is written when one occurs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Every point of the spec's tightness grid lies outside the claim's hypotheses.
    #[error("{file}: the tightness grid of '{id}' has no point that meets the claim's hypotheses (all {points} grid points are outside them); change [tightness].grid")]
    EmptyGrid { id: String, file: PathBuf, points: usize },
    /// The check or the grid evaluation failed.
    #[error(transparent)]
    Check(#[from] CheckError),
    /// A plot could not be drawn.
    #[error("plot of '{id}': {problem}")]
    Plot { id: String, problem: String },
    /// The output directory (or a file in it) could not be created or written.
    #[error("cannot {action} '{path}': {problem}")]
    Io { action: &'static str, path: PathBuf, problem: String },
    /// The output path holds something that is not a theoremcheck report.
    #[error("'{path}' exists and is not a theoremcheck report (it has no {marker} file); refusing to replace it: choose a new or empty directory")]
    NotAReport { path: PathBuf, marker: &'static str },
    /// A previous report holds files a report never writes (a user's notes): replacing the
    /// directory would delete them.
    #[error("'{path}' is a theoremcheck report but also holds files a report never writes ({}); refusing to delete them: move them out or choose another --out", .foreign.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    ForeignFiles { path: PathBuf, foreign: Vec<PathBuf> },
}

impl ReportError {
    pub(crate) fn io(action: &'static str, path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        ReportError::Io { action, path: path.to_path_buf(), problem: e.to_string() }
    }

    /// Whether the error comes from the input (spec, ids, output path) rather than from a check.
    pub fn is_input_error(&self) -> bool {
        !matches!(self, ReportError::Check(_) | ReportError::Plot { .. })
    }
}
