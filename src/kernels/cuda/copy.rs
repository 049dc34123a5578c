//! Device-to-device copy bandwidth, the yardstick the benchmarks report kernel bandwidth against.

use super::{gpu, stream, CudaBackendError, DriverResult, BLOCK};
use cust::event::{Event, EventFlags};
use cust::launch;
use cust::memory::{CopyDestination, DeviceBuffer, DeviceSlice};

/// Measured copy bandwidth: bytes read plus bytes written per second, best of `reps`.
#[derive(Debug, Clone, Copy)]
pub struct CopyBandwidth {
    /// `cuMemcpyDtoD` (through cust's `copy_to`).
    pub memcpy_bytes_per_s: f64,
    /// The grid-stride 16-byte copy kernel of `kernels/copy.cu`.
    pub kernel_bytes_per_s: f64,
}

/// Copies a buffer of `bytes` (rounded down to 16) `reps` times each way and reports the best.
pub fn copy_bandwidth(bytes: usize, reps: usize) -> Result<CopyBandwidth, CudaBackendError> {
    let gpu = gpu()?;
    let s = stream()?;
    let words = bytes / 16;
    let src = DeviceBuffer::<[u32; 4]>::zeroed(words).drv("cuMemAlloc")?;
    let mut dst = DeviceBuffer::<[u32; 4]>::zeroed(words).drv("cuMemAlloc")?;
    let moved = 2.0 * (words * 16) as f64;
    let (start, stop) = (Event::new(EventFlags::DEFAULT).drv("cuEventCreate")?, Event::new(EventFlags::DEFAULT).drv("cuEventCreate")?);
    let mut best_memcpy = f64::INFINITY;
    for _ in 0..reps.max(1) {
        let t = std::time::Instant::now();
        let d: &mut DeviceSlice<[u32; 4]> = &mut dst;
        src.copy_to(d).drv("cuMemcpyDtoD")?;
        // A device-to-device cuMemcpy may return before the copy ends.
        cust::context::CurrentContext::synchronize().drv("cuCtxSynchronize")?;
        best_memcpy = best_memcpy.min(t.elapsed().as_secs_f64());
    }
    let module = gpu.module("copy")?;
    let grid = super::grid_for(words as u64);
    let mut best_kernel = f64::INFINITY;
    for _ in 0..reps.max(1) {
        start.record(&s).drv("cuEventRecord")?;
        unsafe {
            launch!(module.copy_u128<<<grid, BLOCK, 0, s>>>(src.as_device_ptr(), dst.as_device_ptr(), words as u64))
                .drv("cuLaunchKernel(copy_u128)")?;
        }
        stop.record(&s).drv("cuEventRecord")?;
        stop.synchronize().drv("cuEventSynchronize")?;
        best_kernel = best_kernel.min(f64::from(stop.elapsed_time_f32(&start).drv("cuEventElapsedTime")?) / 1e3);
    }
    Ok(CopyBandwidth { memcpy_bytes_per_s: moved / best_memcpy, kernel_bytes_per_s: moved / best_kernel })
}
