//! Differential harness of `kernels::cpu::uncertainty_decomposition`: the variance form against
//! exact rationals, the entropy form against MPFR enclosures (epistemic as the difference
//! `H(p̄) − E H(p_m)`, independently of the kernel's mean-KL formula).
//!
//! Inputs: random members, one-hot members, identical members (epistemic exactly 0), members
//! with zero and subnormal entries, f32 and f64. Budgets:
//! [`crate::kernels::tolerances_mc::entropy_budget`], [`crate::kernels::tolerances_mc::variance_budget`].
//!
//! With `Backend::Cuda` the GPU kernel (`kernels::cuda::uncertainty_decomposition`, feature
//! `cuda`) is compared under the same budgets: its only libm call, CUDA's double `log`, is
//! documented within 1 ulp, inside the CPU analysis's 4-ulp assumption.

use super::inputs::Splitmix;
use super::{classify, run_cases, Backend, DiffConfig, DiffError, DiffOp, DiffReport, KernelFloat};
use crate::kernels::cpu::uncertainty_decomposition::{uncertainty_decomposition, Decomposition};
use crate::kernels::tolerances_mc::{entropy_budget, variance_budget};
use crate::reference::{Enclosure, Interval};
use rug::Rational;

pub struct UncertaintyDecompositionDiff;

const PREC: u32 = 160;
const MAX_INPUTS: usize = 60;

impl DiffOp for UncertaintyDecompositionDiff {
    fn name(&self) -> &'static str {
        "uncertainty_decomposition"
    }

    fn describe(&self) -> &'static str {
        "total / aleatoric / epistemic uncertainty (entropy form vs MPFR, variance form vs exact rationals), f32 and f64; budgets of tolerances_mc"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        run_cases(self.name(), config, |g, case, report| {
            run_case(g, case, config.max_n, config.backend, report)?;
            Ok(())
        })
    }
}

/// One member's distribution over `classes` classes (sums to 1 within a few ulps).
fn member(g: &mut Splitmix, classes: usize) -> Vec<f64> {
    match g.next_u64() % 6 {
        0 => {
            let mut p = vec![0.0; classes];
            p[g.range(0, classes as u64 - 1) as usize] = 1.0;
            p
        }
        1 => {
            let mut p = vec![0.0; classes];
            p[0] = 1.0;
            if classes > 1 {
                p[1] = f64::from_bits(1 + g.next_u64() % 1000);
            }
            p
        }
        _ => {
            let raw: Vec<f64> = (0..classes).map(|_| if g.next_u64() % 5 == 0 { 0.0 } else { g.unit() + 1e-3 }).collect();
            let mut raw = raw;
            if raw.iter().all(|x| *x == 0.0) {
                raw[0] = 1.0;
            }
            let s: f64 = raw.iter().sum();
            raw.iter().map(|x| x / s).collect()
        }
    }
}

fn run_case(g: &mut Splitmix, case: usize, max_n: usize, backend: Backend, report: &mut DiffReport) -> Result<(), DiffError> {
    let single = case % 3 == 2;
    let members = g.log_size(12);
    let classes = g.range(1, 6) as usize;
    let n = g.log_size(max_n.clamp(1, MAX_INPUTS));
    let mut probs = Vec::with_capacity(n * members * classes);
    for _ in 0..n {
        let identical = g.next_u64() % 5 == 0;
        let first = member(g, classes);
        for m in 0..members {
            let row = if identical || m == 0 { first.clone() } else { member(g, classes) };
            probs.extend(row.into_iter().map(|x| if single { f64::from(x as f32) } else { x }));
        }
    }
    let out = if single {
        let p32: Vec<f32> = probs.iter().map(|x| *x as f32).collect();
        decompose(backend, &p32, members, classes)?
    } else {
        decompose(backend, &probs, members, classes)?
    };
    let (eb, vb) = (entropy_budget(members, classes), variance_budget(members, classes));
    let mr = Rational::from(members as u64);
    let entropy = |q: &[Rational]| -> Interval {
        q.iter().filter(|x| **x > 0).fold(Interval::point(rug::Float::with_val(PREC, 0)), |acc, x| {
            let xi = Interval::from_rational(x, PREC);
            acc.sub(&xi.mul(&xi.ln(PREC).expect("x > 0"), PREC), PREC)
        })
    };
    for (i, d) in out.iter().enumerate() {
        let rows: Vec<Vec<Rational>> = (0..members)
            .map(|m| (0..classes).map(|y| Rational::from_f64(probs[(i * members + m) * classes + y]).expect("finite")).collect())
            .collect();
        let pbar: Vec<Rational> = (0..classes).map(|y| rows.iter().map(|r| &r[y]).sum::<Rational>() / &mr).collect();
        let var = |q: &[Rational]| q.iter().map(|x| x * Rational::from(1 - x)).sum::<Rational>();
        let total_v = var(&pbar);
        let alea_v = rows.iter().map(|r| var(r)).sum::<Rational>() / &mr;
        let epi_v =
            rows.iter().map(|r| r.iter().zip(&pbar).map(|(x, q)| Rational::from(x - q).square()).sum::<Rational>()).sum::<Rational>() / &mr;
        let total_h = entropy(&pbar);
        let m_int = Interval::from_rational(&mr, PREC);
        let alea_h =
            rows.iter().fold(Interval::point(rug::Float::with_val(PREC, 0)), |acc, r| acc.add(&entropy(r), PREC)).div(&m_int, PREC);
        let epi_h = total_h.sub(&alea_h, PREC);
        let label = || format!("case {case}, N = {n}, M = {members}, |Y| = {classes}, f32 {single}");
        let mut rec = |name: &str, v: f64, r: Enclosure, b: f64| report.record(label, || format!("input {i} {name}"), classify(v, &r, b));
        rec("total entropy", d.total_entropy, Enclosure::Interval(total_h), eb);
        rec("aleatoric entropy", d.aleatoric_entropy, Enclosure::Interval(alea_h), eb);
        rec("epistemic entropy", d.epistemic_entropy, Enclosure::Interval(epi_h), eb);
        rec("total variance", d.total_variance, Enclosure::exact(total_v), vb);
        rec("aleatoric variance", d.aleatoric_variance, Enclosure::exact(alea_v), vb);
        rec("epistemic variance", d.epistemic_variance, Enclosure::exact(epi_v), vb);
    }
    Ok(())
}

/// The decomposition by the kernel of `backend`.
fn decompose<F: KernelFloat>(backend: Backend, probs: &[F], members: usize, classes: usize) -> Result<Vec<Decomposition>, DiffError> {
    match backend {
        Backend::Cpu => uncertainty_decomposition(probs, members, classes).map_err(|e| DiffError::Kernel(e.to_string())),
        Backend::Cuda => cuda_decompose(probs, members, classes),
    }
}

#[cfg(feature = "cuda")]
fn cuda_decompose<F: KernelFloat>(probs: &[F], members: usize, classes: usize) -> Result<Vec<Decomposition>, DiffError> {
    crate::kernels::cuda::uncertainty_decomposition::uncertainty_decomposition(probs, members, classes).map_err(super::cuda_failure)
}

#[cfg(not(feature = "cuda"))]
fn cuda_decompose<F: KernelFloat>(_: &[F], _: usize, _: usize) -> Result<Vec<Decomposition>, DiffError> {
    super::cuda_not_built()
}
