//! CPU (rayon) kernels, one file per operation.

pub mod ece;
mod ece_binning;
pub mod ece_top_label;
