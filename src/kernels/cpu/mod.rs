//! CPU (rayon) kernels, one file per operation.

pub mod binomial_tail;
pub mod ece;
mod ece_binning;
pub mod ece_top_label;
pub mod kl_inverse;
