//! The Monte Carlo kernels' standard normal samples on the GPU (`kernels/mc_sample.cu`): the
//! Philox integers, bit-identical to the CPU's, and the Box–Muller normals, within
//! [`crate::kernels::tolerances_cuda::mc_normal_abs_budget`] of the exact sample.
//!
//! # Layout
//! Pair `j` of sample `m` of factor `i` under `seed` is the block
//! `Philox4x32::new(seed).block(i, (j << 32) | m)` ([`crate::rng::Philox4x32`]); see the `.cu`
//! file for the rest of the specification.

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, BLOCK};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer};

/// `(A, B)` of pair `j` of sample `m` at index `m·pairs + j`, for `m < samples`, `j < pairs`.
pub fn uniform_bits(seed: u64, factor: u64, samples: u32, pairs: u32) -> Result<Vec<(u64, u64)>, CudaBackendError> {
    let gpu = gpu()?;
    let s = stream()?;
    let total = samples as usize * pairs as usize;
    if total == 0 {
        return Ok(Vec::new());
    }
    let out = DeviceBuffer::<u64>::zeroed(2 * total).drv("cuMemAlloc")?;
    let module = gpu.module("mc_sample")?;
    let grid = grid_for(total as u64);
    unsafe {
        launch!(module.mc_uniform_bits_u64<<<grid, BLOCK, 0, s>>>(seed, factor, samples, pairs, out.as_device_ptr()))
            .drv("cuLaunchKernel(mc_uniform_bits_u64)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut host = vec![0u64; 2 * total];
    out.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    Ok(host.chunks_exact(2).map(|w| (w[0], w[1])).collect())
}

/// The samples `ε_{factor, m}`, `m < samples`, each of dimension `d`, row-major `samples × d`.
pub fn normals(seed: u64, factor: u64, samples: u32, d: u32) -> Result<Vec<f64>, CudaBackendError> {
    let gpu = gpu()?;
    let s = stream()?;
    let total = samples as usize * d as usize;
    if total == 0 {
        return Ok(Vec::new());
    }
    let out = DeviceBuffer::<f64>::zeroed(total).drv("cuMemAlloc")?;
    let module = gpu.module("mc_sample")?;
    let grid = grid_for(total as u64);
    unsafe {
        launch!(module.mc_normals_f64<<<grid, BLOCK, 0, s>>>(seed, factor, samples, d, out.as_device_ptr()))
            .drv("cuLaunchKernel(mc_normals_f64)")?;
    }
    s.synchronize().drv("cuStreamSynchronize")?;
    let mut host = vec![0f64; total];
    out.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
    Ok(host)
}
