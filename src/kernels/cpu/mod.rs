//! CPU (rayon) kernels, one file per operation.

pub mod binomial_tail;
pub mod ece;
pub mod kl_inverse;
