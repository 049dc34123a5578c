//! CPU (rayon) kernels, one file per operation.

pub mod concentration_bounds;
pub mod directed;
pub mod ece;
