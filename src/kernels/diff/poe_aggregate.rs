//! Differential harness of `kernels::cpu::poe_aggregate` (and the LPF confidence weight) against
//! MPFR interval evaluations of the same formulas.
//!
//! Reference: `ℓ_y = ln π_y + Σ_i w_i ln Φ_i(y)` in intervals from the exact inputs, then
//! `P(y) = 1 / Σ_k exp(ℓ_k − ℓ_y)` for classes with positive mass (0 exactly otherwise), which
//! encloses the normalized product tightly. Budget: [`crate::kernels::tolerances_mc::poe_budget`]
//! with the inputs' log-mass. Inputs include zero factors (classes excluded), tiny factors
//! (`10⁻³⁰⁰`, subnormals), unnormalized factors, weights near 0 and equal to 1, a non-uniform
//! prior with zeros, and f32 inputs. Confidence weights are compared on σ̄ from 0 to 400
//! (underflow included) under [`crate::kernels::tolerances_mc::confidence_weight_budget`].
//!
//! With `Backend::Cuda` both run on the GPU (`kernels::cuda::poe_aggregate`, feature `cuda`)
//! under the same budgets: its only libm calls, CUDA's double `log` and `exp`, are documented
//! within 1 ulp, inside the CPU analysis's 4-ulp assumption.

use super::inputs::Splitmix;
use super::{classify, run_cases, Backend, DiffConfig, DiffError, DiffOp, DiffReport, KernelFloat};
use crate::kernels::cpu::poe_aggregate::{lpf_confidence_weights, poe_aggregate, PoeError};
use crate::kernels::tolerances_mc::{confidence_weight_budget, poe_budget};
use crate::reference::{Enclosure, Interval};
use rug::{Float, Rational};

pub struct PoeAggregateDiff;

const PREC: u32 = 160;
/// Largest batch per case.
const MAX_ROWS: usize = 40;

impl DiffOp for PoeAggregateDiff {
    fn name(&self) -> &'static str {
        "poe_aggregate"
    }

    fn describe(&self) -> &'static str {
        "tempered product of experts in log space (f32 and f64, optional prior) and LPF confidence weights vs MPFR intervals; budgets of tolerances_mc"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        run_cases(self.name(), config, |g, case, report| {
            run_case(g, case, config.max_n, config.backend, report)?;
            Ok(())
        })
    }
}

fn factor_value(g: &mut Splitmix) -> f64 {
    match g.next_u64() % 10 {
        0 => 0.0,
        1 => 1e-300 * (1.0 + g.unit()),
        2 => f64::from_bits(1 + g.next_u64() % 1000),
        3 => 5.0 * g.unit(),
        _ => g.unit(),
    }
}

fn run_case(g: &mut Splitmix, case: usize, max_n: usize, backend: Backend, report: &mut DiffReport) -> Result<(), DiffError> {
    let single = case % 3 == 2;
    let round = |x: f64| if single { f64::from(x as f32) } else { x };
    let k = g.log_size(64);
    let classes = g.range(1, 5) as usize;
    let batch = g.log_size(max_n.clamp(1, MAX_ROWS));
    let mut phi: Vec<f64> = (0..batch * k * classes).map(|_| round(factor_value(g))).collect();
    // Keep at least one class alive in every row (a dead row is a typed error, tested elsewhere).
    for r in 0..batch {
        let y = g.range(0, classes as u64 - 1) as usize;
        for i in 0..k {
            let v = &mut phi[(r * k + i) * classes + y];
            if *v == 0.0 {
                *v = 0.5;
            }
        }
    }
    let weights: Vec<f64> = (0..batch * k)
        .map(|_| match g.next_u64() % 4 {
            0 => 1.0,
            1 => round(1e-6 * (1.0 + g.unit())),
            _ => round(g.unit().max(1e-3)),
        })
        .collect();
    let prior: Option<Vec<f64>> = (case % 2 == 1).then(|| {
        let mut p: Vec<f64> = (0..classes).map(|_| round(if g.next_u64() % 4 == 0 { 0.0 } else { g.unit() + 0.01 })).collect();
        p[0] = round(0.3);
        p
    });
    let out = if single {
        let c = |v: &[f64]| v.iter().map(|x| *x as f32).collect::<Vec<f32>>();
        let pr = prior.as_ref().map(|p| c(p));
        aggregate(backend, &c(&phi), &c(&weights), pr.as_deref(), k, classes)?
    } else {
        aggregate(backend, &phi, &weights, prior.as_deref(), k, classes)?
    };
    let out = match out {
        Ok(o) => o,
        // A generated row may lose every class to zero factors combined with a zero prior.
        Err(crate::kernels::cpu::poe_aggregate::PoeError::ZeroMass { .. }) if prior.is_some() => return Ok(()),
        Err(e) => return Err(DiffError::Kernel(e.to_string())),
    };
    let point = |x: f64| Interval::point(Float::with_val(PREC, x));
    let ln = |x: f64| point(x).ln(PREC).expect("x > 0");
    for r in 0..batch {
        let mut logs: Vec<Option<Interval>> = Vec::with_capacity(classes);
        let mut log_mass: f64 = 0.0;
        for y in 0..classes {
            let prior_y = prior.as_ref().map_or(1.0, |p| p[y]);
            let alive = prior_y > 0.0 && (0..k).all(|i| phi[(r * k + i) * classes + y] > 0.0);
            if !alive {
                logs.push(None);
                continue;
            }
            let mut l = if prior.is_some() { ln(prior_y) } else { point(0.0) };
            let mut mass = prior_y.ln().abs();
            for i in 0..k {
                let f = phi[(r * k + i) * classes + y];
                let w = weights[r * k + i];
                l = l.add(&point(w).mul(&ln(f), PREC), PREC);
                mass += w * f.ln().abs();
            }
            log_mass = log_mass.max(mass);
            logs.push(Some(l));
        }
        // An f64 log-mass: the budget allows for its rounding (`tolerances_mc::LOG_MASS_ROOM`).
        let budget = poe_budget(k, classes, log_mass);
        for y in 0..classes {
            let reference = match &logs[y] {
                None => Enclosure::zero(),
                Some(ly) => {
                    let denom = logs.iter().enumerate().filter(|(j, _)| *j != y).fold(point(1.0), |acc, (_, lk)| match lk {
                        Some(lk) => acc.add(&lk.sub(ly, PREC).exp(PREC), PREC),
                        None => acc,
                    });
                    Enclosure::Interval(point(1.0).div(&denom, PREC))
                }
            };
            let label = || format!("case {case}, K = {k}, |Y| = {classes}, batch {batch}, f32 {single}");
            report.record(label, || format!("row {r} class {y}"), classify(out[r * classes + y], &reference, budget));
        }
    }
    // Confidence weights on a grid that reaches underflow.
    let sigmas: Vec<f64> = (0..8).map(|j| round(if j == 0 { 0.0 } else { 400.0 * g.unit().powi(4) })).collect();
    let ws = confidence_weights(backend, &sigmas)?;
    for (s, w) in sigmas.iter().zip(&ws) {
        // 1/((1 + e^{2s})(1 + s)) enclosed.
        let sr = Rational::from_f64(*s).expect("finite");
        let e = Interval::from_rational(&(sr.clone() * 2u32), PREC).exp(PREC);
        let den = point(1.0).add(&e, PREC).mul(&Interval::from_rational(&(sr + 1u32), PREC), PREC);
        let reference = Enclosure::Interval(point(1.0).div(&den, PREC));
        report.record(
            || format!("case {case}"),
            || format!("confidence weight at sigma_bar = {s}"),
            classify(*w, &reference, confidence_weight_budget()),
        );
    }
    Ok(())
}

/// The product of experts of `backend`: the kernel's own result (a row that lost all mass is
/// an expected outcome of the generator), or why the backend could not run.
fn aggregate<F: KernelFloat>(
    backend: Backend,
    phi: &[F],
    weights: &[F],
    prior: Option<&[F]>,
    k: usize,
    classes: usize,
) -> Result<Result<Vec<f64>, PoeError>, DiffError> {
    match backend {
        Backend::Cpu => Ok(poe_aggregate(phi, weights, prior, k, classes)),
        Backend::Cuda => cuda_aggregate(phi, weights, prior, k, classes),
    }
}

fn confidence_weights(backend: Backend, sigmas: &[f64]) -> Result<Vec<f64>, DiffError> {
    match backend {
        Backend::Cpu => lpf_confidence_weights(sigmas).map_err(|e| DiffError::Kernel(e.to_string())),
        Backend::Cuda => cuda_confidence_weights(sigmas),
    }
}

#[cfg(feature = "cuda")]
fn cuda_aggregate<F: KernelFloat>(
    phi: &[F],
    weights: &[F],
    prior: Option<&[F]>,
    k: usize,
    classes: usize,
) -> Result<Result<Vec<f64>, PoeError>, DiffError> {
    use crate::kernels::cuda::poe_aggregate::{poe_aggregate, CudaPoeError};
    // The kernel's input error as it is (the harness skips a generated row that lost all its
    // mass); any other failure is the harness's.
    match poe_aggregate(phi, weights, prior, k, classes) {
        Ok(v) => Ok(Ok(v)),
        Err(CudaPoeError::Input(e)) => Ok(Err(e)),
        Err(e) => Err(super::cuda_failure(e)),
    }
}

#[cfg(feature = "cuda")]
fn cuda_confidence_weights(sigmas: &[f64]) -> Result<Vec<f64>, DiffError> {
    crate::kernels::cuda::poe_aggregate::lpf_confidence_weights(sigmas).map_err(super::cuda_failure)
}

#[cfg(not(feature = "cuda"))]
fn cuda_aggregate<F: KernelFloat>(_: &[F], _: &[F], _: Option<&[F]>, _: usize, _: usize) -> Result<Result<Vec<f64>, PoeError>, DiffError> {
    super::cuda_not_built()
}

#[cfg(not(feature = "cuda"))]
fn cuda_confidence_weights(_: &[f64]) -> Result<Vec<f64>, DiffError> {
    super::cuda_not_built()
}
