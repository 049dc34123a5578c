//! Monte Carlo soft factors on the GPU (`mc_soft_factor_f64` in `kernels/lpf.cu`), same
//! signature and output as [`crate::kernels::cpu::mc_soft_factor::mc_soft_factor`].
//!
//! # Algorithm
//! The host runs the CPU kernel's validation and folding unchanged (so bad input gives its typed
//! [`SoftFactorError`], and the folded `c = W μ + b`, `A = W L` are the same bits), uploads `c`
//! and `A`, and launches one GPU thread per CPU job: the samples of factor `i`, chunk `c`
//! ([`CHUNK`] samples), summed in sample order. Each sample draws the CPU's Philox/Box–Muller
//! normals (`kernels/mc_normal.cuh`, the same integers and the same operation sequence), forms
//! `g = c + A ε` exactly as nalgebra's `gemv` does (per row, `g ← fl(fl(A_k ε_k) + g)` for
//! `k = 0, 1, …`) and applies the decoder as the CPU does. The host adds the chunk sums in chunk
//! order and finishes with the CPU kernel's own code. Every sum has a fixed order, so repeated
//! runs are bit-identical, whatever the grid.
//!
//! So the GPU output differs from the CPU's only through the libm calls (`log`, `sin`, `cos`,
//! `exp`, `erfc`): CUDA's instead of the host's.
//!
//! # Error budget
//! The CPU budgets ([`crate::kernels::tolerances_mc`]) assume every libm call within
//! [`LIBM_ULPS`] = 4 ulps. CUDA documents, for double precision (CUDA C++ Programming Guide,
//! "Mathematical Functions" appendix, maximum ulp error over the full range): `log` 1, `exp` 1,
//! `sin` 2, `cos` 2, `sqrt` 0 (IEEE), `erfc` 5. All but `erfc` are within the assumption, so the
//! sample error ([`crate::kernels::tolerances_mc::eps_abs_error`]), the margin error, the step
//! and the softmax budgets apply unchanged. `erfc` exceeds it; [`probit_sample_error`] redoes that
//! one step (below) and the differential harness uses it for the probit decoder on this backend.
//! (Like the CPU's, these are documented accuracies from extensive but not exhaustive testing;
//! the harness checks every output against MPFR.)

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, BLOCK};
use crate::kernels::cpu::mc_soft_factor::{finish, prepare, Decoder, Kind, Latents, SoftFactorError, SoftFactors, CHUNK};
use crate::kernels::tolerances::U;
use crate::kernels::tolerances_mc::LIBM_ULPS;
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer};
use num_traits::Float;
use thiserror::Error;

/// CUDA's documented maximum error of double `erfc`, in ulps.
pub const CUDA_ERFC_ULPS: f64 = 5.0;

/// Why the GPU soft-factor kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaSoftFactorError {
    #[error(transparent)]
    Input(#[from] SoftFactorError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
    #[error("'{name}' = {value} exceeds {max}, the GPU kernel's 32-bit limit")]
    TooLarge { name: &'static str, value: usize, max: u32 },
}

impl super::KernelFailure for CudaSoftFactorError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaSoftFactorError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

/// Per-sample absolute error of the probit decoder on the GPU, given the margin error `delta`.
///
/// # Derivation
/// As [`crate::kernels::tolerances_mc::probit_sample_error`] (`0.4δ + 0.25γ₂ + 2Au`), whose last
/// term is erfc's own error: `A` ulps of `erfc ≤ 2` is at most `2Au·erfc ≤ 4Au`, halved by the
/// exact `0.5·`. With CUDA's `A_erfc = 5` instead of `A =` [`LIBM_ULPS`] = 4 that term grows by
/// `2(A_erfc − A)u = 2u`; nothing else in the derivation involves a libm call. So the GPU bound
/// is the CPU's plus `2(A_erfc − A)u`.
pub fn probit_sample_error(delta: f64) -> f64 {
    crate::kernels::tolerances_mc::probit_sample_error(delta) + 2.0 * (CUDA_ERFC_ULPS - LIBM_ULPS).max(0.0) * U
}

/// Monte Carlo soft factors for `K` latent posteriors, `samples = M` samples each, seed `seed`,
/// on the GPU. Inputs may be f32 or f64 (widened exactly); all arithmetic is f64.
pub fn mc_soft_factor<F: Float + nalgebra::Scalar>(
    latents: &Latents<'_, F>,
    decoder: &Decoder<'_, F>,
    samples: u64,
    seed: u64,
) -> Result<SoftFactors, CudaSoftFactorError> {
    let prepared = prepare(latents, decoder, samples)?;
    too_large("dim", latents.dim)?;
    too_large("classes", prepared.classes)?;
    let gpu = gpu()?;
    let s = stream()?;
    let (factors, d) = (prepared.folded.len(), latents.dim);
    let rows = prepared.folded[0].c.len();
    // c as K × rows and A as K × rows × d, row-major.
    let c_fold: Vec<f64> = prepared.folded.iter().flat_map(|f| f.c.iter().copied()).collect();
    let a_fold: Vec<f64> = prepared.folded.iter().flat_map(|f| (0..rows).flat_map(move |r| (0..d).map(move |k| f.a[(r, k)]))).collect();
    let chunks = samples.div_ceil(u64::from(CHUNK));
    let jobs = factors as u64 * chunks;
    let d_c = DeviceBuffer::from_slice(&c_fold).drv("cuMemcpyHtoD")?;
    let d_a = DeviceBuffer::from_slice(&a_fold).drv("cuMemcpyHtoD")?;
    let g = DeviceBuffer::<f64>::zeroed(jobs as usize * rows).drv("cuMemAlloc")?;
    let partial = DeviceBuffer::<f64>::zeroed(jobs as usize * rows).drv("cuMemAlloc")?;
    let kind: u32 = match prepared.kind {
        Kind::Step => 0,
        Kind::Probit => 1,
        Kind::Softmax => 2,
    };
    let function = gpu.module("lpf")?.get_function("mc_soft_factor_f64").drv("cuModuleGetFunction")?;
    let grid = grid_for(jobs);
    unsafe {
        launch!(function<<<grid, BLOCK, 0, s>>>(
            seed,
            kind,
            factors as u64,
            samples,
            CHUNK,
            d as u32,
            rows as u32,
            d_c.as_device_ptr(),
            d_a.as_device_ptr(),
            g.as_device_ptr(),
            partial.as_device_ptr()
        ))
        .drv("cuLaunchKernel(mc_soft_factor_f64)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut host = vec![0f64; jobs as usize * rows];
    partial.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    let partials: Vec<Vec<f64>> = host.chunks_exact(rows).map(<[f64]>::to_vec).collect();
    Ok(finish(&prepared, samples, &partials))
}

/// Sizes the kernel passes as 32-bit integers.
fn too_large(name: &'static str, value: usize) -> Result<(), CudaSoftFactorError> {
    if value > u32::MAX as usize {
        Err(CudaSoftFactorError::TooLarge { name, value, max: u32::MAX })
    } else {
        Ok(())
    }
}
