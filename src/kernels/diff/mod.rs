//! The differential harness: the rug reference against a fast kernel on the same generated
//! inputs, every disagreement classified against the operation's derived error budget.
//!
//! Each operation implements [`DiffOp`]: it generates inputs from a seed (ordinary and
//! adversarial ones), runs the kernel on the chosen [`Backend`], computes the reference
//! enclosure of every output, and classifies each output with [`classify`]. The harness never
//! compares two floats with a bare tolerance: the budget is the one derived in
//! [`super::tolerances`] for that input, and the comparison against the enclosure is exact.
//!
//! Used by `theoremcheck diff` and by the differential tests under `tests/`.

mod binomial_tail;
mod classify;
pub mod concentration_bounds;
mod ece;
mod inputs;
mod kl_inverse;
mod mc_soft_factor;
mod poe_aggregate;
mod uncertainty_decomposition;

pub use classify::{classify, classify_lower_bound, classify_upper_bound, Classification};
pub use inputs::{adversarial_confidences, Splitmix};

use serde::Serialize;
use thiserror::Error;

/// Where the kernel under test runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    Cpu,
    Cuda,
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Backend::Cpu => "cpu",
            Backend::Cuda => "cuda",
        })
    }
}

/// What one differential run does.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    /// Number of generated cases (each case is one kernel call on a batch of inputs).
    pub cases: usize,
    /// The largest batch / sample size a case may use. The reference cost grows with it.
    pub max_n: usize,
    /// The seed; every case derives its inputs from it, so a run is reproducible.
    pub seed: u64,
    pub backend: Backend,
}

impl Default for DiffConfig {
    fn default() -> Self {
        DiffConfig { cases: 32, max_n: 2_000, seed: 0x7C0F_FEE5, backend: Backend::Cpu }
    }
}

/// One output whose classification was not [`Classification::Within`].
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// Which case, as a short description that reproduces it with the seed (e.g. `case 3, n = 17`).
    pub case: String,
    /// Which output of the kernel (e.g. `ece`, `bin 4 accuracy`).
    pub output: String,
    pub classification: Classification,
    pub kernel: f64,
    /// The reference enclosure, rounded outward to f64 for display.
    pub reference_lo: f64,
    pub reference_hi: f64,
    pub budget: f64,
}

/// The statistics of one differential run.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub op: String,
    pub backend: Backend,
    pub seed: u64,
    pub cases: usize,
    /// Number of kernel outputs compared with the reference.
    pub outputs: u64,
    /// The largest observed `error / budget` over the outputs within budget, where `error` is the
    /// largest distance from the kernel value to a point of the reference enclosure (≤ 1 means
    /// within budget).
    pub worst_budget_fraction: f64,
    /// The largest observed absolute error (same definition), for scale.
    pub worst_abs_error: f64,
    pub disagreements: Vec<Disagreement>,
}

impl DiffReport {
    pub fn new(op: &str, config: &DiffConfig) -> Self {
        DiffReport {
            op: op.to_string(),
            backend: config.backend,
            seed: config.seed,
            cases: 0,
            outputs: 0,
            worst_budget_fraction: 0.0,
            worst_abs_error: 0.0,
            disagreements: Vec::new(),
        }
    }

    /// Records one compared output.
    pub fn record(&mut self, case: impl Fn() -> String, output: impl Fn() -> String, outcome: Comparison) {
        self.outputs += 1;
        if outcome.classification == Classification::Within {
            self.worst_budget_fraction = self.worst_budget_fraction.max(outcome.budget_fraction);
            self.worst_abs_error = self.worst_abs_error.max(outcome.abs_error);
        } else {
            self.disagreements.push(Disagreement {
                case: case(),
                output: output(),
                classification: outcome.classification,
                kernel: outcome.kernel,
                reference_lo: outcome.reference_lo,
                reference_hi: outcome.reference_hi,
                budget: outcome.budget,
            });
        }
    }

    /// True when some output is a certified kernel bug or a violated bound.
    pub fn has_kernel_bug(&self) -> bool {
        self.disagreements.iter().any(|d| d.classification.is_bug())
    }

    /// True when every output was certified within its budget.
    pub fn all_within(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// The result of comparing one kernel output with its reference enclosure (see [`classify`]).
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    pub classification: Classification,
    pub kernel: f64,
    pub reference_lo: f64,
    pub reference_hi: f64,
    pub budget: f64,
    /// Largest distance from the kernel value to the enclosure's points, rounded up to f64.
    pub abs_error: f64,
    /// `abs_error / budget` (0 when both are 0).
    pub budget_fraction: f64,
}

/// Why a differential run could not be carried out.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DiffError {
    #[error("unknown kernel operation '{0}' (known: {1})")]
    UnknownOp(String, String),
    #[error("backend '{backend}' is not available: {why}")]
    BackendUnavailable { backend: Backend, why: String },
    #[error("the kernel refused a generated input: {0}")]
    Kernel(String),
    #[error("the reference failed on a generated input: {0}")]
    Reference(String),
    #[error("invalid differential configuration: {0}")]
    Config(String),
}

/// One operation under differential test.
pub trait DiffOp: Sync {
    /// The operation's name, as in `theoremcheck diff --op NAME`.
    fn name(&self) -> &'static str;
    /// One line: what is compared, and the budget used.
    fn describe(&self) -> &'static str;
    /// Runs `config.cases` generated cases and classifies every output.
    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError>;
}

/// The float types of kernel inputs the harness generates; with the `cuda` feature, exactly the
/// types the GPU kernels take too.
#[cfg(feature = "cuda")]
pub(crate) use crate::kernels::cuda::GpuFloat as KernelFloat;

/// The float types of kernel inputs the harness generates.
#[cfg(not(feature = "cuda"))]
pub(crate) trait KernelFloat: num_traits::Float + Sync {}
#[cfg(not(feature = "cuda"))]
impl KernelFloat for f32 {}
#[cfg(not(feature = "cuda"))]
impl KernelFloat for f64 {}

/// Every operation with a differential harness, in a fixed order.
pub fn ops() -> Vec<Box<dyn DiffOp>> {
    vec![
        Box::new(ece::EceDiff),
        Box::new(kl_inverse::KlInverseDiff),
        Box::new(binomial_tail::BinomialTailDiff),
        Box::new(mc_soft_factor::McSoftFactorDiff),
        Box::new(poe_aggregate::PoeAggregateDiff),
        Box::new(uncertainty_decomposition::UncertaintyDecompositionDiff),
        Box::new(concentration_bounds::ConcentrationBoundsDiff),
    ]
}

/// The operation called `name`.
pub fn op(name: &str) -> Result<Box<dyn DiffOp>, DiffError> {
    let all = ops();
    let known = all.iter().map(|o| o.name()).collect::<Vec<_>>().join(", ");
    all.into_iter().find(|o| o.name() == name).ok_or(DiffError::UnknownOp(name.to_string(), known))
}

/// Fails with [`DiffError::BackendUnavailable`] unless `backend` can run in this build.
/// The case loop every op shares: checks that the backend was built, gives case `i` its own
/// generator (`Splitmix::for_case(seed, i)`, so any case replays alone), runs `case` on each and
/// counts the cases that ran.
pub(crate) fn run_cases(
    op: &str,
    config: &DiffConfig,
    mut case: impl FnMut(&mut Splitmix, usize, &mut DiffReport) -> Result<(), DiffError>,
) -> Result<DiffReport, DiffError> {
    require_backend(config.backend)?;
    let mut report = DiffReport::new(op, config);
    for i in 0..config.cases {
        let mut g = Splitmix::for_case(config.seed, i);
        case(&mut g, i, &mut report)?;
        report.cases += 1;
    }
    Ok(report)
}

/// A CUDA kernel's error as the harness reports it: the backend's failure as "not available",
/// anything else as the kernel's own error.
#[cfg(feature = "cuda")]
pub(crate) fn cuda_failure(e: impl crate::kernels::cuda::KernelFailure) -> DiffError {
    match e.backend_failure() {
        Some(b) => DiffError::BackendUnavailable { backend: Backend::Cuda, why: b.to_string() },
        None => DiffError::Kernel(e.to_string()),
    }
}

/// The answer of every CUDA-backend call in a build without the `cuda` feature.
pub(crate) fn cuda_not_built<T>() -> Result<T, DiffError> {
    Err(DiffError::BackendUnavailable { backend: Backend::Cuda, why: "this binary was built without the 'cuda' feature".into() })
}

pub fn require_backend(backend: Backend) -> Result<(), DiffError> {
    match backend {
        Backend::Cpu => Ok(()),
        Backend::Cuda => {
            if cfg!(feature = "cuda") {
                Ok(())
            } else {
                cuda_not_built()
            }
        }
    }
}
