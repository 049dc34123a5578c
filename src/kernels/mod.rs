//! Fast CPU kernels (rayon) for quantities that [`crate::reference`] computes exactly.
//!
//! Every kernel is deterministic (fixed chunking, partials combined in index order, so results
//! are bit-identical for any thread count) and differentially tested against the reference with
//! an error budget from [`tolerances`]. Kernels never decide a verdict; they serve bulk
//! evaluation and benchmarks.

pub mod cpu;
#[cfg(feature = "cuda")]
pub mod cuda;
pub mod diff;
pub mod tolerances;
pub mod tolerances_concentration;
pub mod tolerances_cuda;
pub mod tolerances_klbt;
pub mod tolerances_mc;
