//! Batched log-space binomial tails `ln P[Bin(n, p) ≥ k]` and `ln P[Bin(n, p) ≤ k]` on the GPU
//! (`kernels/binomial_tail.cu`): same signatures and outputs as
//! [`crate::kernels::cpu::binomial_tail`], one thread per `(n, k, p)`.
//!
//! # Algorithm
//! The kernel is the CPU kernel operation for operation: the same `ln m!` table (as hex literals
//! with the same bits) and Stirling series, the same ratio sums with the `2⁻⁶⁰` truncation test,
//! the same branch rules (`k > (n+1)p`, resp. `k + 1 < (n+1)p`) and the same special cases
//! (`−∞` for an empty event). So the outputs are within
//! [`crate::kernels::tolerances_klbt::binomial_log_tail_budget`] and
//! [`crate::kernels::tolerances_klbt::binomial_log_cdf_budget`] under that module's assumptions,
//! which the GPU meets (next section). GPU runs are bit-identical to each other (each output
//! depends on its own input only); they need not match the CPU's bits (CUDA's `log` and glibc's
//! may differ in the last place).
//!
//! # Why the CPU budget applies unchanged
//! The analysis in [`crate::kernels::tolerances_klbt`] assumes correctly rounded `+ − × ÷` and
//! `ln`, `ln_1p`, `exp` within 2 ulps. The CUDA C++ Programming Guide, appendix "Mathematical
//! Functions", table "Double-Precision Mathematical Standard Library Functions with Maximum ULP
//! Error", gives `x+y`, `x*y`, `x/y` 0 ulps (IEEE-754 round-to-nearest-even) and `log(x)`,
//! `log1p(x)`, `exp(x)` 1 ulp (full range), from "extensive but not exhaustive tests", the same
//! standing as the glibc figures the CPU analysis relies on. `kernels/nvcc.flags` has
//! `--fmad=false` and no fast math, so no product is fused into a sum (the CPU code has no
//! `mul_add`). The differential harness (`kernels::diff::binomial_tail` with `Backend::Cuda`)
//! therefore applies the CPU budgets as they are.
//!
//! # Errors
//! Input is checked on the host with the CPU kernel's rule, so bad input gives the CPU kernel's
//! [`BinomialTailError`] (in [`CudaBinomialTailError::Input`]); no device →
//! [`CudaBinomialTailError::Backend`].

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, BLOCK};
use crate::kernels::cpu::binomial_tail::{validate, BinomialTailError};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer};
use thiserror::Error;

/// Why the GPU binomial-tail kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaBinomialTailError {
    #[error(transparent)]
    Input(#[from] BinomialTailError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
}

impl super::KernelFailure for CudaBinomialTailError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaBinomialTailError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

fn run_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64], kernel: &'static str) -> Result<(), CudaBinomialTailError> {
    validate(n, k, p)?;
    if out.len() != n.len() {
        return Err(BinomialTailError::OutputLength { out: out.len(), len: n.len() }.into());
    }
    let gpu = gpu()?;
    let s = stream()?;
    let d_n = DeviceBuffer::from_slice(n).drv("cuMemcpyHtoD")?;
    let d_k = DeviceBuffer::from_slice(k).drv("cuMemcpyHtoD")?;
    let d_p = DeviceBuffer::from_slice(p).drv("cuMemcpyHtoD")?;
    let d_out = DeviceBuffer::<f64>::zeroed(n.len()).drv("cuMemAlloc")?;
    let function = gpu.module("binomial_tail")?.get_function(kernel).drv("cuModuleGetFunction")?;
    let (len, grid) = (n.len() as u64, grid_for(n.len() as u64));
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(d_n.as_device_ptr(), d_k.as_device_ptr(), d_p.as_device_ptr(), len, d_out.as_device_ptr()))
            .drv("cuLaunchKernel(binomial_tail)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    d_out.copy_to(out).drv("cuMemcpyDtoH")?;
    Ok(())
}

/// Batched `ln P[Bin(n[i], p[i]) ≥ k[i]]` into `out` (same length).
pub fn binomial_log_sf_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64]) -> Result<(), CudaBinomialTailError> {
    run_into(n, k, p, out, "binomial_log_sf_f64")
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` into `out` (same length).
pub fn binomial_log_cdf_into(n: &[u32], k: &[u32], p: &[f64], out: &mut [f64]) -> Result<(), CudaBinomialTailError> {
    run_into(n, k, p, out, "binomial_log_cdf_f64")
}

/// Batched `ln P[Bin(n[i], p[i]) ≥ k[i]]` (`−∞` for an empty event).
pub fn binomial_log_sf(n: &[u32], k: &[u32], p: &[f64]) -> Result<Vec<f64>, CudaBinomialTailError> {
    let mut out = vec![0.0; n.len()];
    binomial_log_sf_into(n, k, p, &mut out)?;
    Ok(out)
}

/// Batched `ln P[Bin(n[i], p[i]) ≤ k[i]]` (`−∞` for an empty event: `p = 1`, `k < n`).
pub fn binomial_log_cdf(n: &[u32], k: &[u32], p: &[f64]) -> Result<Vec<f64>, CudaBinomialTailError> {
    let mut out = vec![0.0; n.len()];
    binomial_log_cdf_into(n, k, p, &mut out)?;
    Ok(out)
}
