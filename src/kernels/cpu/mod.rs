//! CPU (rayon) kernels, one file per operation.

pub mod binomial_tail;
pub mod concentration_bounds;
pub mod directed;
pub mod ece;
mod ece_binning;
pub mod ece_top_label;
pub mod kl_inverse;
pub mod mc_sample;
pub mod mc_soft_factor;
pub mod poe_aggregate;
pub mod uncertainty_decomposition;
