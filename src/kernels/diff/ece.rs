//! Differential harness of the ECE kernel: `kernels::cpu::ece` against `reference::ece`.
//!
//! Each case draws `n` (log-uniform up to `max_n`), a bin count from a set that includes 1 and
//! large counts, adversarial confidences ([`super::inputs::adversarial_confidences`]) and
//! correctness bits, and compares ECE, MCE and every bin's mean confidence and accuracy with the
//! exact rational values under [`crate::kernels::tolerances::ece_abs_budget`]. Half the cases
//! feed the kernel f32 confidences (the reference then gets the same f32 values, widened exactly).

use super::inputs::adversarial_confidences;
use super::{classify, run_cases, DiffConfig, DiffError, DiffOp, DiffReport};
use crate::kernels::cpu::ece::{ece, EceOutput};
use crate::kernels::tolerances::ece_abs_budget;
use crate::reference::ece::{sample_ece, sample_mce, sample_reliability};
use crate::reference::Enclosure;
use rug::Rational;

pub struct EceDiff;

const BIN_CHOICES: [u32; 8] = [1, 2, 3, 10, 15, 20, 100, 1000];

impl DiffOp for EceDiff {
    fn name(&self) -> &'static str {
        "ece"
    }

    fn describe(&self) -> &'static str {
        "binned top-label ECE, MCE and reliability bins (f32 and f64) vs exact rationals; budget 2·γ_{n+B+3}"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        run_cases(self.name(), config, |g, case, report| {
            let n = g.log_size(config.max_n);
            let bins = BIN_CHOICES[g.range(0, BIN_CHOICES.len() as u64 - 1) as usize];
            let single = case % 2 == 1;
            let mut conf = adversarial_confidences(g, n, bins);
            if single {
                // What the kernel sees in f32 is what the reference must see.
                conf.iter_mut().for_each(|c| *c = f64::from((*c as f32).clamp(0.0, 1.0)));
            }
            let correct: Vec<bool> = (0..n).map(|_| g.next_u64() % 3 != 0).collect();
            let out = run_kernel(config, &conf, &correct, bins, single)?;
            compare(report, case, n, bins, &conf, &correct, &out)?;
            Ok(())
        })
    }
}

fn run_kernel(config: &DiffConfig, conf: &[f64], correct: &[bool], bins: u32, single: bool) -> Result<EceOutput, DiffError> {
    let out = match config.backend {
        super::Backend::Cpu if single => {
            let c32: Vec<f32> = conf.iter().map(|c| *c as f32).collect();
            ece(&c32, correct, bins)
        }
        super::Backend::Cpu => ece(conf, correct, bins),
        super::Backend::Cuda => return cuda_kernel(conf, correct, bins, single),
    };
    out.map_err(|e| DiffError::Kernel(e.to_string()))
}

#[cfg(feature = "cuda")]
fn cuda_kernel(conf: &[f64], correct: &[bool], bins: u32, single: bool) -> Result<EceOutput, DiffError> {
    use crate::kernels::cuda::ece::ece;
    // f64 confidences, narrowed to f32 first when `single`.
    let out = if single {
        let c32: Vec<f32> = conf.iter().map(|c| *c as f32).collect();
        ece(&c32, correct, bins)
    } else {
        ece(conf, correct, bins)
    };
    out.map_err(super::cuda_failure)
}

#[cfg(not(feature = "cuda"))]
fn cuda_kernel(_: &[f64], _: &[bool], _: u32, _: bool) -> Result<EceOutput, DiffError> {
    super::cuda_not_built()
}

fn compare(
    report: &mut DiffReport,
    case: usize,
    n: usize,
    bins: u32,
    conf: &[f64],
    correct: &[bool],
    out: &EceOutput,
) -> Result<(), DiffError> {
    let conf_r: Vec<Rational> = conf.iter().map(|c| Rational::from_f64(*c).expect("generated confidences are finite")).collect();
    let reference = |e: crate::reference::ece::EceError| DiffError::Reference(e.to_string());
    let budget = ece_abs_budget(n as u64, bins);
    let label = || format!("case {case}, n = {n}, B = {bins}");
    let exact_ece = Enclosure::exact(sample_ece(&conf_r, correct, bins).map_err(reference)?);
    report.record(label, || "ece".into(), classify(out.ece, &exact_ece, budget));
    let exact_mce = Enclosure::exact(sample_mce(&conf_r, correct, bins).map_err(reference)?);
    report.record(label, || "mce".into(), classify(out.mce, &exact_mce, budget));
    let rel = sample_reliability(&conf_r, correct, bins).map_err(reference)?;
    if rel.len() != out.bins.len()
        || rel.iter().zip(&out.bins).any(|(r, k)| r.bin != k.bin || Rational::from(&r.weight * n as u64) != k.count)
    {
        report.record(label, || "non-empty bins and their counts".into(), classify(f64::NAN, &Enclosure::zero(), 0.0));
        return Ok(());
    }
    for (r, k) in rel.iter().zip(&out.bins) {
        let bin = k.bin;
        report.record(
            label,
            || format!("bin {bin} mean confidence"),
            classify(k.mean_confidence, &Enclosure::exact(r.mean_confidence.clone()), budget),
        );
        report.record(label, || format!("bin {bin} accuracy"), classify(k.accuracy, &Enclosure::exact(r.accuracy.clone()), budget));
    }
    Ok(())
}
