//! Binned top-label ECE on the GPU (`kernels/ece.cu`), same signature and output as
//! [`crate::kernels::cpu::ece::ece`].
//!
//! # Algorithm
//! The kernel bins each confidence with the CPU kernel's exact rule and accumulates, per bin,
//! integer counts and the confidence sum as two integers: `hi = ⌊c·2³²⌋` and
//! `lo = round((c·2³² − hi)·2³²)`, so `q(c) = hi·2⁻³² + lo·2⁻⁶⁴` is `c` within `2⁻⁶⁵`. Integer
//! atomics make the sums independent of the launch shape and scheduling: the result is
//! bit-identical run to run and device to device. The host folds them into `u128`, rounds once
//! to f64, and finishes exactly as the CPU kernel does.
//!
//! # Error bound (within [`crate::kernels::tolerances::ece_abs_budget`])
//! Per bin, `Ŝ_b = fl(Σ q(c_i))` has `|Ŝ_b − S_b| ≤ u·S_b + n_b·2⁻⁶⁵(1 + u)`, against the CPU's
//! `γ_{n_b}·S_b`. Following the CPU derivation, the ECE error is at most
//! `γ_{B+3}·Σ_b(k_b + S_b) + n·2⁻⁶⁴ ≤ 2n·γ_{B+3} + n·2⁻⁶⁴`, which is below `2n·γ_{n+B+3}` because
//! `γ_{n+B+3} − γ_{B+3} ≥ n·u ≥ 2⁻⁵³ > 2⁻⁶⁵`. The means `Ŝ_b/n_b` are off by at most
//! `2u + 2⁻⁶⁴`, the MCE terms by at most `5u + 2⁻⁶⁴`; both are below `2γ_{n+B+3} ≥ 10u`.
//! So the CPU budget covers the GPU kernel and the differential harness uses it unchanged.

use super::{gpu, grid_for, stream, CudaBackendError, DriverResult, GpuFloat, BLOCK};
use crate::kernels::cpu::ece::{BinStat, EceKernelError, EceOutput};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer, DeviceSlice};
use thiserror::Error;

/// Why the GPU ECE kernel gave no result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaEceError {
    #[error(transparent)]
    Input(#[from] EceKernelError),
    #[error(transparent)]
    Backend(#[from] CudaBackendError),
    #[error("bins = {bins} exceeds {max}, the most the GPU kernel's dense per-bin accumulators support")]
    TooManyBins { bins: u32, max: u32 },
}

impl super::KernelFailure for CudaEceError {
    fn backend_failure(&self) -> Option<&CudaBackendError> {
        match self {
            CudaEceError::Backend(b) => Some(b),
            _ => None,
        }
    }
}

/// Largest number of elements per launch: keeps every 64-bit accumulator of the kernel from
/// overflowing (packed 32-bit counts, sums of at most 2³¹ terms of at most 2³²).
const SEGMENT: usize = 1 << 31;
/// Most bins: the dense accumulators take 24 bytes per bin on the device and 40 on the host
/// (1.6 GB and 2.7 GB at this size), whereas the CPU kernel keeps sparse maps above 4096 bins.
pub const MAX_BINS: u32 = 1 << 26;
/// Bins up to this many are accumulated in shared memory first (`ECE_SHARED_MAX_BINS` in ece.cu).
const SHARED_MAX_BINS: u32 = 1024;

/// Binned ECE, MCE and reliability data for `n` (confidence, correct) pairs, on the GPU.
pub fn ece<F: GpuFloat>(conf: &[F], correct: &[bool], bins: u32) -> Result<EceOutput, CudaEceError> {
    validate_shape(conf.len(), correct.len(), bins)?;
    gpu()?;
    let d_conf = DeviceBuffer::from_slice(conf).drv("cuMemcpyHtoD")?;
    // `bool` is one byte holding 0 or 1, so the slice is also a valid `[u8]`.
    let bytes = unsafe { std::slice::from_raw_parts(correct.as_ptr().cast::<u8>(), correct.len()) };
    let d_correct = DeviceBuffer::from_slice(bytes).drv("cuMemcpyHtoD")?;
    ece_device(&d_conf, &d_correct, bins)
}

/// As [`ece`] on data already in device memory (`correct` as 0/1 bytes): what the benchmark
/// times, with no host transfer of the input.
pub fn ece_device<F: GpuFloat>(conf: &DeviceSlice<F>, correct: &DeviceSlice<u8>, bins: u32) -> Result<EceOutput, CudaEceError> {
    validate_shape(conf.len(), correct.len(), bins)?;
    let gpu = gpu()?;
    let s = stream()?;
    let nb = bins as usize;
    let mut acc = DeviceBuffer::<u64>::zeroed(3 * nb).drv("cuMemAlloc")?;
    let first_bad = DeviceBuffer::from_slice(&[u64::MAX]).drv("cuMemAlloc")?;
    let shared = if bins <= SHARED_MAX_BINS { 24 * bins } else { 0 };
    let function = gpu.module("ece")?.get_function(F::kernel("ece")).drv("cuModuleGetFunction")?;
    let (mut count, mut n_correct, mut sum) = (vec![0u64; nb], vec![0u64; nb], vec![0u128; nb]);
    let mut host = vec![0u64; 3 * nb];
    let mut start = 0usize;
    while start < conf.len() {
        let len = SEGMENT.min(conf.len() - start);
        let (c, k) = (conf.as_device_ptr().wrapping_add(start), correct.as_device_ptr().wrapping_add(start));
        let (n, offset, grid) = (len as u64, start as u64, grid_for(len as u64));
        unsafe {
            launch!(function<<<grid, BLOCK, shared, s>>>(c, k, n, offset, bins, acc.as_device_ptr(), first_bad.as_device_ptr()))
                .drv("cuLaunchKernel(ece)")?;
        }
        s.synchronize().drv("cuStreamSynchronize")?;
        acc.copy_to(&mut host[..]).drv("cuMemcpyDtoH")?;
        for j in 0..nb {
            count[j] += host[j] & 0xFFFF_FFFF;
            n_correct[j] += host[j] >> 32;
            sum[j] += (u128::from(host[nb + j]) << 32) + u128::from(host[2 * nb + j]);
        }
        acc.set_zero().drv("cuMemsetD8")?;
        start += len;
    }
    let mut bad = [0u64];
    first_bad.copy_to(&mut bad[..]).drv("cuMemcpyDtoH")?;
    if bad[0] != u64::MAX {
        let index = bad[0] as usize;
        let mut value = [F::zero()];
        conf.index(index..index + 1).copy_to(&mut value[..]).drv("cuMemcpyDtoH")?;
        let v = value[0].to_f64().unwrap_or(f64::NAN);
        return Err(if v.is_nan() {
            EceKernelError::NotANumber { index }.into()
        } else {
            EceKernelError::ConfidenceOutOfRange { index, value: v }.into()
        });
    }
    Ok(finish(conf.len(), &count, &n_correct, &sum))
}

fn validate_shape(conf: usize, correct: usize, bins: u32) -> Result<(), CudaEceError> {
    if bins == 0 {
        return Err(EceKernelError::ZeroBins.into());
    }
    if conf != correct {
        return Err(EceKernelError::LengthMismatch { conf, correct }.into());
    }
    if conf == 0 {
        return Err(EceKernelError::Empty.into());
    }
    if bins > MAX_BINS {
        return Err(CudaEceError::TooManyBins { bins, max: MAX_BINS });
    }
    Ok(())
}

/// The CPU kernel's final step, from exact per-bin counts and `2⁻⁶⁴`-unit confidence sums.
fn finish(n: usize, count: &[u64], n_correct: &[u64], sum: &[u128]) -> EceOutput {
    let n = n as f64;
    let mut gap_sum = 0.0;
    let mut mce: f64 = 0.0;
    let mut bins = Vec::new();
    for (j, ((&cnt, &k), &q)) in count.iter().zip(n_correct).zip(sum).enumerate() {
        if cnt == 0 {
            continue;
        }
        let k = k as f64;
        // One rounding (u128 → f64 rounds to nearest); the scaling by 2⁻⁶⁴ is exact.
        let s = q as f64 * 2f64.powi(-64);
        gap_sum += (k - s).abs();
        let cf = cnt as f64;
        let (mean_confidence, accuracy) = (s / cf, k / cf);
        mce = mce.max((accuracy - mean_confidence).abs());
        bins.push(BinStat { bin: j as u32, count: cnt, mean_confidence, accuracy });
    }
    EceOutput { ece: gap_sum / n, mce, bins }
}
