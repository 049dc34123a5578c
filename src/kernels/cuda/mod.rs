//! CUDA backend (feature `cuda`): the kernels of `kernels/*.cu`, compiled to PTX by `build.rs`
//! and embedded here, driven through cust.
//!
//! Each operation has the Rust signature of its CPU counterpart in [`super::cpu`] and returns the
//! same output type; the differential harness ([`super::diff`] with `Backend::Cuda`) compares it
//! with the reference under the same error budget. One process-wide [`Gpu`] (device 0's primary
//! context and the loaded modules) is created on first use; when there is no driver or no device,
//! every call returns [`CudaBackendError::NoDevice`].
//!
//! How to build, validate and run this without and with a GPU: `kernels/README.md`.

pub mod binomial_tail;
pub mod copy;
pub mod ece;
pub mod kl_inverse;
pub mod mc_sample;
pub mod mc_soft_factor;
pub mod poe_aggregate;
pub mod uncertainty_decomposition;

use cust::context::{Context, CurrentContext};
use cust::device::Device;
use cust::error::CudaError;
use cust::memory::DeviceCopy;
use cust::module::Module;
use cust::stream::{Stream, StreamFlags};
use cust::CudaFlags;
use std::sync::OnceLock;
use thiserror::Error;

/// PTX of `kernels/ece.cu` (CUDA 13.0, compute_90, `--fmad=false`).
const ECE_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/ece.ptx"));
/// PTX of `kernels/mc_sample.cu`.
const MC_SAMPLE_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/mc_sample.ptx"));
/// PTX of `kernels/copy.cu`.
const COPY_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/copy.ptx"));
/// PTX of `kernels/kl_inverse.cu`.
const KL_INVERSE_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/kl_inverse.ptx"));
/// PTX of `kernels/binomial_tail.cu`.
const BINOMIAL_TAIL_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/binomial_tail.ptx"));
/// PTX of `kernels/lpf.cu` (mc_soft_factor, poe_aggregate, uncertainty_decomposition).
const LPF_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/lpf.ptx"));

/// Every module the backend loads: its name (the `.cu` file's stem) and its PTX. One line per
/// `kernels/*.cu`; [`Gpu::module`] looks them up by name.
const MODULES: &[(&str, &str)] = &[
    ("ece", ECE_PTX),
    ("mc_sample", MC_SAMPLE_PTX),
    ("copy", COPY_PTX),
    ("kl_inverse", KL_INVERSE_PTX),
    ("binomial_tail", BINOMIAL_TAIL_PTX),
    ("lpf", LPF_PTX),
];

/// Why the CUDA backend could not run.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CudaBackendError {
    #[error("no CUDA device found ({0})")]
    NoDevice(String),
    #[error("CUDA driver call '{call}' failed: {error}")]
    Driver { call: &'static str, error: String },
}

/// What every CUDA kernel's error can say about itself: whether it is the backend's failure (no
/// device, no driver, a driver call that failed) rather than the kernel refusing its input. The
/// differential harness reports the first as "backend not available", the second as a kernel
/// error; the CUDA host code itself knows nothing of the harness.
pub trait KernelFailure: std::fmt::Display {
    /// The backend failure inside this error, if that is what it is.
    fn backend_failure(&self) -> Option<&CudaBackendError>;
}

impl CudaBackendError {
    /// Wraps a driver error of `call`; "no device" and "no driver" become [`Self::NoDevice`].
    /// (`Debug`, not cust's `Display`: the latter asks the driver for the text and fails when
    /// the driver cannot answer, e.g. with the link stub.)
    pub(crate) fn driver(call: &'static str, e: CudaError) -> Self {
        match e {
            CudaError::NoDevice | CudaError::InvalidDevice => CudaBackendError::NoDevice(format!("{call}: {e:?}")),
            _ => CudaBackendError::Driver { call, error: format!("{e:?}") },
        }
    }
}

/// Shorthand: `r.drv("cuXxx")?` turns a cust result into a [`CudaBackendError`].
pub(crate) trait DriverResult<T> {
    fn drv(self, call: &'static str) -> Result<T, CudaBackendError>;
}

impl<T> DriverResult<T> for Result<T, CudaError> {
    fn drv(self, call: &'static str) -> Result<T, CudaBackendError> {
        self.map_err(|e| CudaBackendError::driver(call, e))
    }
}

/// Device 0, its primary context and the loaded kernel modules.
pub struct Gpu {
    context: Context,
    /// The device's name as the driver reports it (e.g. "NVIDIA H100 80GB HBM3").
    pub name: String,
    /// Total device memory in bytes.
    pub total_memory: usize,
    modules: Vec<(&'static str, Module)>,
}

impl Gpu {
    /// The loaded module of `kernels/{name}.cu`.
    pub(crate) fn module(&self, name: &str) -> Result<&Module, CudaBackendError> {
        self.modules
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m)
            .ok_or_else(|| CudaBackendError::Driver { call: "module lookup", error: format!("no module '{name}' in MODULES") })
    }
}

static GPU: OnceLock<Result<Gpu, CudaBackendError>> = OnceLock::new();

fn open() -> Result<Gpu, CudaBackendError> {
    cust::init(CudaFlags::empty()).drv("cuInit")?;
    if Device::num_devices().drv("cuDeviceGetCount")? == 0 {
        return Err(CudaBackendError::NoDevice("the driver reports 0 devices".into()));
    }
    let device = Device::get_device(0).drv("cuDeviceGet")?;
    let context = Context::new(device).drv("cuDevicePrimaryCtxRetain")?;
    let name = device.name().drv("cuDeviceGetName")?;
    let total_memory = device.total_memory().drv("cuDeviceTotalMem")?;
    let modules = MODULES
        .iter()
        .map(|(module, ptx)| Ok((*module, Module::from_ptx(ptx, &[]).drv("cuModuleLoadData")?)))
        .collect::<Result<_, CudaBackendError>>()?;
    Ok(Gpu { context, name, total_memory, modules })
}

/// The process-wide GPU, made current on the calling thread.
pub fn gpu() -> Result<&'static Gpu, CudaBackendError> {
    let gpu = GPU.get_or_init(open).as_ref().map_err(Clone::clone)?;
    CurrentContext::set_current(&gpu.context).drv("cuCtxSetCurrent")?;
    Ok(gpu)
}

/// A fresh stream for one call (calls from several threads then never share one).
///
/// A *blocking* stream (`StreamFlags::DEFAULT`, not `NON_BLOCKING`): cust's allocations, memsets
/// and host-to-device copies go to the legacy default stream, and a blocking stream's kernels wait
/// for them (a pageable `cuMemcpyHtoD` may return before its DMA has landed).
pub(crate) fn stream() -> Result<Stream, CudaBackendError> {
    Stream::new(StreamFlags::DEFAULT, None).drv("cuStreamCreate")
}

/// A float type the kernels take: every entry point that reads floats exists as `{op}_f32` and
/// `{op}_f64`.
pub trait GpuFloat: DeviceCopy + num_traits::Float + Sync {
    /// The entry-point suffix: `"f32"` or `"f64"`.
    const SUFFIX: &'static str;

    /// The entry point of `op` for this type, e.g. `ece_f32`.
    fn kernel(op: &str) -> String {
        format!("{op}_{}", Self::SUFFIX)
    }
}

impl GpuFloat for f32 {
    const SUFFIX: &'static str = "f32";
}

impl GpuFloat for f64 {
    const SUFFIX: &'static str = "f64";
}

/// Threads per block of every kernel.
pub(crate) const BLOCK: u32 = 256;

/// Grid size for `n` elements: enough blocks to fill an H100/H200 several times over, fewer for
/// small inputs. The results never depend on it (integer accumulation or per-element outputs).
pub(crate) fn grid_for(n: u64) -> u32 {
    let per_block = u64::from(BLOCK) * 4;
    n.div_ceil(per_block).clamp(1, 4096) as u32
}

#[cfg(test)]
mod tests {
    use super::{GpuFloat, MODULES};

    fn ptx(module: &str) -> &'static str {
        MODULES.iter().find(|(name, _)| *name == module).map(|(_, ptx)| *ptx).unwrap_or_else(|| panic!("no module '{module}' in MODULES"))
    }

    /// Every entry point the host code launches is defined in the PTX of the module it looks it
    /// up in. Without this, a misspelt name or a kernel moved to another file would only show on
    /// a GPU, as a driver error; this runs anywhere the feature builds.
    #[test]
    fn every_launched_entry_point_is_in_its_module() {
        let mut wanted: Vec<(&str, String)> = vec![
            ("mc_sample", "mc_uniform_bits_u64".into()),
            ("mc_sample", "mc_normals_f64".into()),
            ("copy", "copy_u128".into()),
            ("kl_inverse", "kl_inverse_upper_f64".into()),
            ("kl_inverse", "kl_inverse_lower_f64".into()),
            ("binomial_tail", "binomial_log_sf_f64".into()),
            ("binomial_tail", "binomial_log_cdf_f64".into()),
            ("lpf", "mc_soft_factor_f64".into()),
        ];
        for (module, op) in
            [("ece", "ece"), ("lpf", "poe_aggregate"), ("lpf", "lpf_confidence_weight"), ("lpf", "uncertainty_decomposition")]
        {
            wanted.push((module, f32::kernel(op)));
            wanted.push((module, f64::kernel(op)));
        }
        for (module, entry) in wanted {
            assert!(ptx(module).contains(&format!(".entry {entry}(")), "'{entry}' is not an entry point of kernels/{module}.cu");
        }
    }
}
