//! GPU tests of the ECE kernel (`kernels::cuda::ece`, feature `cuda`).
//!
//! Against the reference, not the CPU kernel: the differential harness with `Backend::Cuda`
//! classifies every GPU output against the exact rational value under the CPU's derived budget
//! (`tolerances::ece_abs_budget`, which `kernels::cuda::ece` shows covers the GPU algorithm).
//! Also: bit-identical repeated runs, exact bin edges, and the typed errors for bad input.
//!
//! Without a GPU these tests are reported *ignored*, never passed: `build.rs` compiles them
//! as ignored, with the reason "no CUDA device found at build time" (cfg `theoremcheck_no_gpu`),
//! unless the build machine has `/dev/nvidia0` or
//! `THEOREMCHECK_REQUIRE_CUDA=1` is set; a test that does run fails when no device is found. On a
//! GPU machine, binaries built elsewhere are run with `--include-ignored` (kernels/run-gpu.sh).
#![cfg(feature = "cuda")]

use theoremcheck::kernels::cpu::ece::{ece as cpu_ece, EceKernelError};
use theoremcheck::kernels::cuda::ece::{ece, CudaEceError};

mod gpu_support;
use gpu_support::{assert_cuda_within_budget, require_gpu};

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn differential_against_the_reference_is_within_budget() {
    require_gpu();
    for (cases, max_n) in [(48, 2_000), (6, 50_000)] {
        assert_cuda_within_budget("ece", cases, max_n, 0x0C0D_A5EC);
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn repeated_runs_are_bit_identical_and_bins_match_the_cpu_kernel() {
    require_gpu();
    let n = 3_000_017usize;
    let conf: Vec<f32> = (0..n).map(|i| ((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as f32 / (1u32 << 24) as f32).collect();
    let correct: Vec<bool> = (0..n).map(|i| (i as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 63 == 1).collect();
    for bins in [1, 15, 1000, 5000] {
        let a = ece(&conf, &correct, bins).unwrap();
        let b = ece(&conf, &correct, bins).unwrap();
        assert_eq!(a, b, "B = {bins}: two runs differ");
        let cpu = cpu_ece(&conf, &correct, bins).unwrap();
        // Counts are exact on both sides, so the bins and their counts agree exactly.
        let key = |o: &theoremcheck::kernels::cpu::ece::EceOutput| o.bins.iter().map(|b| (b.bin, b.count, b.accuracy)).collect::<Vec<_>>();
        assert_eq!(key(&a), key(&cpu), "B = {bins}");
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn exact_bin_edges_go_to_the_lower_bin() {
    require_gpu();
    // k/10 as f64 lies just above or below the edge; the exact rule decides, as on the CPU.
    let conf: Vec<f64> = (0..=10).map(|k| k as f64 / 10.0).chain([0.5, 0.25, 0.75, 1.0, 0.0]).collect();
    let correct = vec![true; conf.len()];
    for bins in [2, 4, 10, 3] {
        let gpu = ece(&conf, &correct, bins).unwrap();
        let cpu = cpu_ece(&conf, &correct, bins).unwrap();
        assert_eq!(
            gpu.bins.iter().map(|b| (b.bin, b.count)).collect::<Vec<_>>(),
            cpu.bins.iter().map(|b| (b.bin, b.count)).collect::<Vec<_>>()
        );
    }
}

#[test]
#[cfg_attr(theoremcheck_no_gpu, ignore = "no CUDA device found at build time (kernels/README.md)")]
fn bad_input_gives_the_cpu_kernels_typed_errors() {
    require_gpu();
    let input = |e: CudaEceError| match e {
        CudaEceError::Input(i) => i,
        other => panic!("expected an input error, got {other}"),
    };
    let mut conf = vec![0.5f64; 100_000];
    conf[70_001] = f64::NAN;
    conf[90_000] = 1.5;
    let correct = vec![false; conf.len()];
    assert_eq!(input(ece(&conf, &correct, 10).unwrap_err()), EceKernelError::NotANumber { index: 70_001 });
    conf[70_001] = -0.25;
    assert_eq!(input(ece(&conf, &correct, 10).unwrap_err()), EceKernelError::ConfidenceOutOfRange { index: 70_001, value: -0.25 });
    assert_eq!(input(ece(&conf, &correct, 0).unwrap_err()), EceKernelError::ZeroBins);
    assert_eq!(input(ece(&conf[..3], &correct[..2], 10).unwrap_err()), EceKernelError::LengthMismatch { conf: 3, correct: 2 });
    assert_eq!(input(ece::<f32>(&[], &[], 10).unwrap_err()), EceKernelError::Empty);
    assert!(matches!(ece(&conf, &correct, u32::MAX), Err(CudaEceError::TooManyBins { bins: u32::MAX, .. })));
}
