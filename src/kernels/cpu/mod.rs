//! CPU (rayon) kernels, one file per operation.

pub mod ece;
pub mod mc_sample;
pub mod mc_soft_factor;
pub mod poe_aggregate;
pub mod uncertainty_decomposition;
