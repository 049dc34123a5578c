//! Total / aleatoric / epistemic uncertainty on the GPU (`uncertainty_decomposition_{f32,f64}` in
//! `kernels/lpf.cu`), same signature and output as
//! [`crate::kernels::cpu::uncertainty_decomposition::uncertainty_decomposition`].
//!
//! # Algorithm
//! The host runs the CPU kernel's validation unchanged (same typed [`UncertaintyError`]); one GPU
//! thread per input then evaluates the CPU's `decompose` operation for operation: per-class sums
//! over members in order, `p̄ = sum/M`, `ln p̄` (or `ln(sum) − ln M` when `p̄` underflows), the
//! entropies, the mean KL divergence clamped at 0, and the three variance sums, classes and members
//! in the CPU's order. Rust's `f64` sums start from `−0.0`, and so do the kernel's. Where the CPU
//! keeps `ln p` in scratch, the kernel calls `log` again on the same value (same bits). Inputs are
//! independent and each is sequential: outputs are bit-identical run to run.
//!
//! # Error budget
//! The only libm call is `log`, which CUDA documents within 1 ulp in double precision (CUDA C++
//! Programming Guide, "Mathematical Functions"), inside the CPU analysis's assumption of
//! [`crate::kernels::tolerances_mc::LIBM_ULPS`] = 4; so
//! [`crate::kernels::tolerances_mc::entropy_budget`] and
//! [`crate::kernels::tolerances_mc::variance_budget`] apply unchanged.

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, GpuFloat, BLOCK};
use crate::kernels::cpu::uncertainty_decomposition::{validate, Decomposition, UncertaintyError};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer};
use thiserror::Error;

/// Why the GPU uncertainty kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaUncertaintyError {
    #[error(transparent)]
    Input(#[from] UncertaintyError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
    #[error("'{name}' = {value} exceeds {max}, the GPU kernel's 32-bit limit")]
    TooLarge { name: &'static str, value: usize, max: u32 },
}

impl super::KernelFailure for CudaUncertaintyError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaUncertaintyError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

/// The decomposition of every input, on the GPU. `probs` is `N × M × |Y|` row-major.
pub fn uncertainty_decomposition<F: GpuFloat>(
    probs: &[F],
    members: usize,
    classes: usize,
) -> Result<Vec<Decomposition>, CudaUncertaintyError> {
    let row = validate(probs, members, classes)?;
    too_large("members", members)?;
    too_large("classes", classes)?;
    let inputs = probs.len() / row;
    let gpu = gpu()?;
    let s = stream()?;
    let d_probs = DeviceBuffer::from_slice(probs).drv("cuMemcpyHtoD")?;
    let grid = grid_for(inputs as u64);
    // Per-thread scratch: the class sums and ln p̄ (2·|Y| values per thread of the grid).
    let scratch = DeviceBuffer::<f64>::zeroed(grid as usize * BLOCK as usize * 2 * classes).drv("cuMemAlloc")?;
    let out = DeviceBuffer::<f64>::zeroed(6 * inputs).drv("cuMemAlloc")?;
    let function = gpu.module("lpf")?.get_function(F::kernel("uncertainty_decomposition")).drv("cuModuleGetFunction")?;
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(
            d_probs.as_device_ptr(),
            inputs as u64,
            members as u32,
            classes as u32,
            scratch.as_device_ptr(),
            out.as_device_ptr()
        ))
        .drv("cuLaunchKernel(uncertainty_decomposition)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut host = vec![0f64; 6 * inputs];
    out.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    Ok(host
        .chunks_exact(6)
        .map(|o| Decomposition {
            total_entropy: o[0],
            aleatoric_entropy: o[1],
            epistemic_entropy: o[2],
            total_variance: o[3],
            aleatoric_variance: o[4],
            epistemic_variance: o[5],
        })
        .collect())
}

/// Sizes the kernel passes as 32-bit integers.
fn too_large(name: &'static str, value: usize) -> Result<(), CudaUncertaintyError> {
    if value > u32::MAX as usize {
        Err(CudaUncertaintyError::TooLarge { name, value, max: u32::MAX })
    } else {
        Ok(())
    }
}
