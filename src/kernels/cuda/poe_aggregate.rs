//! Tempered product of experts and LPF confidence weights on the GPU (`poe_aggregate_{f32,f64}`
//! and `lpf_confidence_weight_{f32,f64}` in `kernels/lpf.cu`), same signatures and outputs as
//! [`crate::kernels::cpu::poe_aggregate::poe_aggregate`] and
//! [`crate::kernels::cpu::poe_aggregate::lpf_confidence_weights`].
//!
//! # Algorithm
//! The host runs the CPU kernel's validation unchanged (same typed [`PoeError`], same first bad
//! index) and its `ln π_y`; one GPU thread per row then evaluates the CPU's `aggregate_row`
//! operation for operation: `ℓ_y = ln π_y + Σ_i w_i ln Φ_i(y)` in factor order, the max,
//! `exp(ℓ_y − max)` summed in class order, the division. A row with no mass is reported by an
//! `atomicMin` of its index, so the error names the smallest such row, as on the CPU. Rows are
//! independent and each is sequential: outputs are bit-identical run to run.
//!
//! # Error budget
//! The only libm calls are `log` and `exp`; CUDA documents both within 1 ulp in double precision
//! (CUDA C++ Programming Guide, "Mathematical Functions"), inside the CPU analysis's assumption of
//! [`crate::kernels::tolerances_mc::LIBM_ULPS`] = 4. So [`crate::kernels::tolerances_mc::poe_budget`]
//! and [`crate::kernels::tolerances_mc::confidence_weight_budget`] apply unchanged, and the
//! differential harness uses them for this backend.

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, GpuFloat, BLOCK};
use crate::kernels::cpu::poe_aggregate::{first_bad, validate, PoeError};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer, DevicePointer};
use thiserror::Error;

/// Why a GPU product-of-experts kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaPoeError {
    #[error(transparent)]
    Input(#[from] PoeError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
    #[error("'{name}' = {value} exceeds {max}, the GPU kernel's 32-bit limit")]
    TooLarge { name: &'static str, value: usize, max: u32 },
}

impl super::KernelFailure for CudaPoeError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaPoeError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

/// Tempered product of experts over a batch, on the GPU. `phi` is `B × K × |Y|` row-major,
/// `weights` is `B × K`, `prior` (optional) has `|Y|` entries. Returns `B × |Y|` probabilities.
pub fn poe_aggregate<F: GpuFloat>(
    phi: &[F],
    weights: &[F],
    prior: Option<&[F]>,
    factors: usize,
    classes: usize,
) -> Result<Vec<f64>, CudaPoeError> {
    let (batch, log_prior) = validate(phi, weights, prior, factors, classes)?;
    too_large("factors", factors)?;
    too_large("classes", classes)?;
    let gpu = gpu()?;
    let s = stream()?;
    let d_phi = DeviceBuffer::from_slice(phi).drv("cuMemcpyHtoD")?;
    let d_w = DeviceBuffer::from_slice(weights).drv("cuMemcpyHtoD")?;
    let d_prior = match &log_prior {
        Some(lp) => Some(DeviceBuffer::from_slice(lp).drv("cuMemcpyHtoD")?),
        None => None,
    };
    let prior_ptr = d_prior.as_ref().map_or(DevicePointer::null(), |b| b.as_device_ptr());
    let out = DeviceBuffer::<f64>::zeroed(batch * classes).drv("cuMemAlloc")?;
    let first_dead = DeviceBuffer::from_slice(&[u64::MAX]).drv("cuMemAlloc")?;
    let function = gpu.module("lpf")?.get_function(F::kernel("poe_aggregate")).drv("cuModuleGetFunction")?;
    let grid = grid_for(batch as u64);
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(
            d_phi.as_device_ptr(),
            d_w.as_device_ptr(),
            prior_ptr,
            batch as u64,
            factors as u32,
            classes as u32,
            out.as_device_ptr(),
            first_dead.as_device_ptr()
        ))
        .drv("cuLaunchKernel(poe_aggregate)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut dead = [0u64];
    first_dead.copy_to(&mut dead[..]).drv("cuMemcpyDtoH")?;
    if dead[0] != u64::MAX {
        return Err(PoeError::ZeroMass { row: dead[0] as usize }.into());
    }
    let mut host = vec![0f64; batch * classes];
    out.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    Ok(host)
}

/// The LPF confidence weights `1/((1 + e^{2σ̄})(1 + σ̄))` of a batch, on the GPU.
pub fn lpf_confidence_weights<F: GpuFloat>(sigma_bars: &[F]) -> Result<Vec<f64>, CudaPoeError> {
    if let Some((_, value)) = first_bad(sigma_bars, |v| v >= 0.0) {
        return Err(PoeError::BadSigma(value).into());
    }
    if sigma_bars.is_empty() {
        return Ok(Vec::new());
    }
    let gpu = gpu()?;
    let s = stream()?;
    let d_sigma = DeviceBuffer::from_slice(sigma_bars).drv("cuMemcpyHtoD")?;
    let out = DeviceBuffer::<f64>::zeroed(sigma_bars.len()).drv("cuMemAlloc")?;
    let function = gpu.module("lpf")?.get_function(F::kernel("lpf_confidence_weight")).drv("cuModuleGetFunction")?;
    let n = sigma_bars.len() as u64;
    let grid = grid_for(n);
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(d_sigma.as_device_ptr(), n, out.as_device_ptr()))
            .drv("cuLaunchKernel(lpf_confidence_weight)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut host = vec![0f64; sigma_bars.len()];
    out.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    Ok(host)
}

/// Sizes the kernel passes as 32-bit integers.
fn too_large(name: &'static str, value: usize) -> Result<(), CudaPoeError> {
    if value > u32::MAX as usize {
        Err(CudaPoeError::TooLarge { name, value, max: u32::MAX })
    } else {
        Ok(())
    }
}
