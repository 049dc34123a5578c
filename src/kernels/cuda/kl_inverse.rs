//! Batched Bernoulli kl-inverse, upper and lower, on the GPU (`kernels/kl_inverse.cu`): same
//! signatures and outputs as [`crate::kernels::cpu::kl_inverse`], one thread per `(q, c)`.
//!
//! # Algorithm
//! The kernel has the CPU kernel's certification `cert(p) ⇔ fl(k̂ − E) > c` with the same
//! constants (`E_REL`, `E_C`, `E_ABS`, `W_REL`), the same walk and bisection. Its candidate is
//! the CPU kernel's earlier Newton start (the CPU kernel now aims Halley steps at `c + τ` in
//! lockstep lanes, for speed); the candidate decides only how many certified evaluations are
//! needed, never the guarantee. So the upper result is never below the exact root and
//! the lower never above it, and both are within
//! [`crate::kernels::tolerances_klbt::kl_inverse_budget`], under the assumptions of that
//! module's error analysis, which the GPU meets (next section). The results need not be
//! bit-identical to the CPU's (CUDA's `log` and glibc's may differ in the last bit), but each
//! output depends on its own `(q, c)` only, so GPU runs are bit-identical to each other.
//!
//! # Why the CPU budget applies unchanged
//! The analysis in [`crate::kernels::tolerances_klbt`] assumes correctly rounded `+ − × ÷` and
//! `√`, gradual underflow, and `ln`, `ln_1p`, `exp`, `exp_m1` within 2 ulps. On the device:
//! * The CUDA C++ Programming Guide, appendix "Mathematical Functions", table "Double-Precision
//!   Mathematical Standard Library Functions with Maximum ULP Error", gives `x+y`, `x*y`, `x/y`
//!   and `sqrt(x)` 0 ulps (IEEE-754 round-to-nearest-even), and `log(x)`, `log1p(x)`, `exp(x)`,
//!   `expm1(x)` 1 ulp (full range): within the assumed 2 ulps with a factor 2 to spare. (Those
//!   bounds come from "extensive but not exhaustive tests", the same standing as the glibc
//!   figures the CPU analysis uses.)
//! * Double precision on the GPU has no flush-to-zero (`-ftz` affects single precision only), so
//!   subnormal intermediates underflow gradually as on the CPU, as the `E_ABS = 2⁻¹⁰⁶⁰` term
//!   requires.
//! * `kernels/nvcc.flags` has `--fmad=false` and no fast math: no product is fused into a sum the
//!   CPU code rounds separately (the CPU code has no `mul_add`).
//!
//! So the differential harness (`kernels::diff::kl_inverse` with `Backend::Cuda`) uses the CPU
//! budget and the one-sided classification as they are.
//!
//! # Errors
//! Input is checked on the host with the CPU kernel's rule, so bad input gives the CPU kernel's
//! [`KlInverseError`] (wrapped in [`CudaKlInverseError::Input`]); no device → [`CudaKlInverseError::Backend`].

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, BLOCK};
use crate::kernels::cpu::kl_inverse::{validate, KlInverseError};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer};
use thiserror::Error;

/// Why the GPU kl-inverse kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaKlInverseError {
    #[error(transparent)]
    Input(#[from] KlInverseError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
}

impl super::KernelFailure for CudaKlInverseError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaKlInverseError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

fn run_into(q: &[f64], c: &[f64], out: &mut [f64], kernel: &'static str) -> Result<(), CudaKlInverseError> {
    validate(q, c)?;
    if out.len() != q.len() {
        return Err(KlInverseError::OutputLength { out: out.len(), n: q.len() }.into());
    }
    let gpu = gpu()?;
    let s = stream()?;
    let d_q = DeviceBuffer::from_slice(q).drv("cuMemcpyHtoD")?;
    let d_c = DeviceBuffer::from_slice(c).drv("cuMemcpyHtoD")?;
    let d_out = DeviceBuffer::<f64>::zeroed(q.len()).drv("cuMemAlloc")?;
    let function = gpu.module("kl_inverse")?.get_function(kernel).drv("cuModuleGetFunction")?;
    let (n, grid) = (q.len() as u64, grid_for(q.len() as u64));
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(d_q.as_device_ptr(), d_c.as_device_ptr(), n, d_out.as_device_ptr()))
            .drv("cuLaunchKernel(kl_inverse)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    d_out.copy_to(out).drv("cuMemcpyDtoH")?;
    Ok(())
}

/// Batched `upper(q[i], c[i])` into `out` (same length). Never below the exact value.
pub fn kl_inverse_upper_into(q: &[f64], c: &[f64], out: &mut [f64]) -> Result<(), CudaKlInverseError> {
    run_into(q, c, out, "kl_inverse_upper_f64")
}

/// Batched `lower(q[i], c[i])` into `out` (same length). Never above the exact value.
pub fn kl_inverse_lower_into(q: &[f64], c: &[f64], out: &mut [f64]) -> Result<(), CudaKlInverseError> {
    run_into(q, c, out, "kl_inverse_lower_f64")
}

/// Batched `upper(q[i], c[i])`. Never below the exact value.
pub fn kl_inverse_upper(q: &[f64], c: &[f64]) -> Result<Vec<f64>, CudaKlInverseError> {
    let mut out = vec![0.0; q.len()];
    kl_inverse_upper_into(q, c, &mut out)?;
    Ok(out)
}

/// Batched `lower(q[i], c[i])`. Never above the exact value.
pub fn kl_inverse_lower(q: &[f64], c: &[f64]) -> Result<Vec<f64>, CudaKlInverseError> {
    let mut out = vec![0.0; q.len()];
    kl_inverse_lower_into(q, c, &mut out)?;
    Ok(out)
}
