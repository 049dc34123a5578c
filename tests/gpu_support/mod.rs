//! Shared by the GPU tests (`tests/cuda_*.rs`): the device check and the differential run against
//! the reference on the CUDA backend.
#![cfg(feature = "cuda")]
// Every test binary compiles this module and uses part of it.
#![allow(dead_code)]

use theoremcheck::kernels::diff::{op, Backend, DiffConfig, DiffReport};

/// The device, or a failure naming why there is none (a GPU test never passes without one).
pub fn require_gpu() {
    if let Err(e) = theoremcheck::kernels::cuda::gpu() {
        panic!("{e}: this GPU test needs a CUDA device (THEOREMCHECK_REQUIRE_CUDA or --include-ignored asked for it)");
    }
}

/// Runs `op_name`'s differential harness on the CUDA backend and fails unless every case ran and
/// every output is within its budget (the first disagreements are printed).
pub fn assert_cuda_within_budget(op_name: &str, cases: usize, max_n: usize, seed: u64) -> DiffReport {
    let config = DiffConfig { cases, max_n, seed, backend: Backend::Cuda };
    let harness = op(op_name).unwrap_or_else(|e| panic!("{e}"));
    let report = harness.run(&config).unwrap_or_else(|e| panic!("{op_name}: {e}"));
    assert_eq!(report.cases, cases, "{op_name}: not every case ran");
    assert!(report.outputs > 0, "{op_name}: no output was compared");
    assert!(report.all_within(), "{op_name}: {:#?}", &report.disagreements[..report.disagreements.len().min(5)]);
    report
}
