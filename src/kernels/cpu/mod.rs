//! CPU (rayon) kernels, one file per operation.

pub mod ece;
