//! Differential harness of the binomial log-tail kernels (upper tail and cdf): `kernels::cpu::binomial_tail` against
//! the exact rational tail (`reference::binomial_split::binomial_tail_upper_split`), whose
//! natural log is enclosed with MPFR.
//!
//! Each case draws `n` (log-uniform up to `max_n`, so the reference stays cheap) and a small
//! batch of `(k, p)`: `k ∈ {0, 1, n, n+1, near np, far in either tail, uniform}`,
//! `p ∈ {0, 1, 1e-300, 1e-10, ½, 1 − 1e-10, k/n, uniform}`. Empty events (`k > n`, or `p = 0`
//! with `k ≥ 1`) must come back as exactly `−∞`; every other output is compared with
//! [`super::classify`] under [`crate::kernels::tolerances_klbt::binomial_log_tail_budget`],
//! evaluated at the reference's lower end of `ln T`. With `Backend::Cuda` the GPU kernels
//! (`kernels::cuda::binomial_tail`) are checked under the same budgets.

use super::inputs::Splitmix;
use super::{classify, run_cases, Backend, DiffConfig, DiffError, DiffOp, DiffReport};
use crate::kernels::cpu::binomial_tail::{binomial_log_cdf, binomial_log_sf};
use crate::kernels::tolerances_klbt::{binomial_log_cdf_budget, binomial_log_tail_budget};
use crate::reference::binomial_split::binomial_tail_upper_split;
use crate::reference::Enclosure;
use rug::float::Round;
use rug::Rational;

pub struct BinomialTailDiff;

const PREC: u32 = 128;

fn draw_p(g: &mut Splitmix, n: u32) -> f64 {
    match g.next_u64() % 10 {
        0 => 0.0,
        1 => 1.0,
        2 => 1e-300,
        3 => 1e-10,
        4 => 0.5,
        5 => 1.0 - 1e-10,
        6 => g.range(0, u64::from(n)) as f64 / f64::from(n),
        _ => g.unit(),
    }
}

fn draw_k(g: &mut Splitmix, n: u32, p: f64) -> u32 {
    let mean = (f64::from(n) * p).round() as u64;
    let n64 = u64::from(n);
    let k = match g.next_u64() % 8 {
        0 => 0,
        1 => 1,
        2 => n64,
        3 => n64 + 1,
        4 => (mean + g.range(0, 3)).min(n64),
        5 => mean.saturating_sub(g.range(0, 3)),
        6 => g.range(mean.min(n64), n64),
        _ => g.range(0, n64),
    };
    k as u32
}

impl DiffOp for BinomialTailDiff {
    fn name(&self) -> &'static str {
        "binomial_tail"
    }

    fn describe(&self) -> &'static str {
        "ln P[Bin(n,p) ≥ k] and ln P[Bin(n,p) ≤ k] (f64) vs ln of the exact rational tails; budgets tolerances_klbt::binomial_log_{tail,cdf}_budget"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        let max_n = u32::try_from(config.max_n).map_err(|_| DiffError::Config("max_n must fit in u32".into()))?;
        run_cases(self.name(), config, |g, case, report| {
            let n = g.log_size(max_n as usize) as u32;
            let batch = g.log_size(8);
            let p: Vec<f64> = (0..batch).map(|_| draw_p(g, n)).collect();
            let k: Vec<u32> = p.iter().map(|p| draw_k(g, n, *p)).collect();
            let ns = vec![n; batch];
            let (out, cdf) = run_kernels(config.backend, &ns, &k, &p)?;
            for i in 0..batch {
                let label = || format!("case {case}, n = {n}, k = {}, p = {:e}", k[i], p[i]);
                compare_cdf(report, &label, n, k[i], p[i], cdf[i])?;
                if k[i] > n || (p[i] == 0.0 && k[i] > 0) {
                    // Empty event: exactly −∞, nothing else.
                    let v = if out[i] == f64::NEG_INFINITY { 0.0 } else { f64::NAN };
                    report.record(label, || "empty event is −∞".into(), classify(v, &Enclosure::zero(), 0.0));
                    continue;
                }
                let pr = Rational::from_f64(p[i]).expect("finite");
                let tail = binomial_tail_upper_split(n, k[i], &pr).map_err(|e| DiffError::Reference(e.to_string()))?;
                let ln_tail = Enclosure::exact(tail).ln(PREC).map_err(|e| DiffError::Reference(e.to_string()))?;
                let ln_lo = ln_tail.lo(PREC).to_f64_round(Round::Down);
                let budget = binomial_log_tail_budget(n, k[i], p[i], ln_lo);
                report.record(label, || "ln tail".into(), classify(out[i], &ln_tail, budget));
            }
            Ok(())
        })
    }
}

/// The upper tails and the cdfs of the batch on `backend` (the GPU kernels are checked against
/// the same budgets: `kernels::cuda::binomial_tail` shows why they apply).
fn run_kernels(backend: Backend, n: &[u32], k: &[u32], p: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    match backend {
        Backend::Cpu => {
            let sf = binomial_log_sf(n, k, p).map_err(|e| DiffError::Kernel(e.to_string()))?;
            let cdf = binomial_log_cdf(n, k, p).map_err(|e| DiffError::Kernel(e.to_string()))?;
            Ok((sf, cdf))
        }
        Backend::Cuda => cuda_kernels(n, k, p),
    }
}

#[cfg(feature = "cuda")]
fn cuda_kernels(n: &[u32], k: &[u32], p: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    use crate::kernels::cuda::binomial_tail::{binomial_log_cdf, binomial_log_sf};
    Ok((binomial_log_sf(n, k, p).map_err(super::cuda_failure)?, binomial_log_cdf(n, k, p).map_err(super::cuda_failure)?))
}

#[cfg(not(feature = "cuda"))]
fn cuda_kernels(_: &[u32], _: &[u32], _: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    super::cuda_not_built()
}

/// `ln P[X ≤ k]` against `ln(1 − P[X ≥ k+1])` (exact rational).
fn compare_cdf(report: &mut DiffReport, label: &dyn Fn() -> String, n: u32, k: u32, p: f64, got: f64) -> Result<(), DiffError> {
    if p == 1.0 && k < n {
        let v = if got == f64::NEG_INFINITY { 0.0 } else { f64::NAN };
        report.record(label, || "empty event (cdf) is −∞".into(), classify(v, &Enclosure::zero(), 0.0));
        return Ok(());
    }
    let pr = Rational::from_f64(p).expect("finite");
    let cdf = if k >= n {
        Rational::from(1)
    } else {
        Rational::from(1) - binomial_tail_upper_split(n, k + 1, &pr).map_err(|e| DiffError::Reference(e.to_string()))?
    };
    let ln_cdf = Enclosure::exact(cdf).ln(PREC).map_err(|e| DiffError::Reference(e.to_string()))?;
    let budget = binomial_log_cdf_budget(n, k, p, ln_cdf.lo(PREC).to_f64_round(Round::Down));
    report.record(label, || "ln cdf".into(), classify(got, &ln_cdf, budget));
    Ok(())
}
