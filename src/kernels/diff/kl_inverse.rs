//! Differential harness of the kl-inverse kernels: `kernels::cpu::kl_inverse` against
//! `reference::kl_inverse_upper` / `kl_inverse_lower` (certified MPFR bracketing).
//!
//! Each case draws a small batch of `(q, c)` pairs, mixing adversarial values
//! (`q ∈ {0, 1, subnormal, 1e-300, 1e-10, 1 − 2⁻⁵³, 1 − 1e-10, k/n}`,
//! `c ∈ {0, 5e-324, 1e-300, 1e-20, 1e-8, ln 2, 10, 100, 1000}`) with uniform ones, and classifies
//! the upper output with [`super::classify_upper_bound`] and the lower with
//! [`super::classify_lower_bound`] under [`crate::kernels::tolerances_klbt::kl_inverse_budget`]:
//! a result on the wrong side of the exact root is a `BoundViolated` bug. With `Backend::Cuda`
//! the GPU kernels (`kernels::cuda::kl_inverse`) are checked under the same budget.

use super::inputs::Splitmix;
use super::{classify_lower_bound, classify_upper_bound, run_cases, Backend, DiffConfig, DiffError, DiffOp, DiffReport};
use crate::kernels::cpu::kl_inverse::{kl_inverse_lower, kl_inverse_upper};
use crate::kernels::tolerances_klbt::kl_inverse_budget;
use crate::reference::kl::{kl_inverse_lower as ref_lower, kl_inverse_upper as ref_upper};
use crate::reference::{Enclosure, Interval};
use rug::float::Round;
use rug::{Float, Rational};

pub struct KlInverseDiff;

/// Precision of the reference enclosures (bits): far tighter than any budget.
const PREC: u32 = 160;

const C_CHOICES: [f64; 10] = [0.0, 5e-324, 1e-300, 1e-20, 1e-8, std::f64::consts::LN_2, 10.0, 100.0, 1000.0, 0.05];

/// An adversarial or ordinary `q`.
pub fn draw_q(g: &mut Splitmix, max_n: usize) -> f64 {
    match g.next_u64() % 12 {
        0 => 0.0,
        1 => 1.0,
        2 => f64::from_bits(1 + g.next_u64() % 1000),
        3 => 1e-300,
        4 => 1e-10,
        5 => 1.0 - f64::EPSILON / 2.0,
        6 => 1.0 - 1e-10,
        7 | 8 => {
            let n = g.log_size(max_n) as u64;
            g.range(0, n) as f64 / n as f64
        }
        _ => g.unit(),
    }
}

/// An adversarial or ordinary `c ≥ 0`.
pub fn draw_c(g: &mut Splitmix) -> f64 {
    match g.next_u64() % 3 {
        0 => 2.0 * g.unit(),
        _ => C_CHOICES[g.range(0, C_CHOICES.len() as u64 - 1) as usize],
    }
}

impl DiffOp for KlInverseDiff {
    fn name(&self) -> &'static str {
        "kl_inverse"
    }

    fn describe(&self) -> &'static str {
        "Bernoulli kl⁻¹ upper and lower (f64) vs certified MPFR roots; one-sided, budget tolerances_klbt::kl_inverse_budget"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        run_cases(self.name(), config, |g, case, report| {
            let batch = g.log_size(12);
            let q: Vec<f64> = (0..batch).map(|_| draw_q(g, config.max_n)).collect();
            let c: Vec<f64> = (0..batch).map(|_| draw_c(g)).collect();
            let (up, lo) = run_kernels(config.backend, &q, &c)?;
            for i in 0..batch {
                let (qr, cr) = (Rational::from_f64(q[i]).expect("finite"), Rational::from_f64(c[i]).expect("finite"));
                let label = || format!("case {case}, q = {:e}, c = {:e}", q[i], c[i]);
                let exact_up = if q[i] == 0.0 && c[i] > 0.0 {
                    one_minus_exp_neg(&cr)
                } else {
                    ref_upper(&qr, &cr, PREC).map_err(|e| DiffError::Reference(e.to_string()))?
                };
                let budget = kl_inverse_budget(q[i], c[i], exact_up.approx_f64());
                report.record(label, || "upper".into(), classify_upper_bound(up[i], &exact_up, budget));
                let exact_lo = ref_lower(&qr, &cr, PREC).map_err(|e| DiffError::Reference(e.to_string()))?;
                let budget = kl_inverse_budget(q[i], c[i], exact_lo.approx_f64());
                report.record(label, || "lower".into(), classify_lower_bound(lo[i], &exact_lo, budget));
            }
            Ok(())
        })
    }
}

/// The upper and lower inverses of the batch on `backend` (the GPU kernels are checked against
/// the same one-sided budget: `kernels::cuda::kl_inverse` shows why it applies).
fn run_kernels(backend: Backend, q: &[f64], c: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    match backend {
        Backend::Cpu => {
            let up = kl_inverse_upper(q, c).map_err(|e| DiffError::Kernel(e.to_string()))?;
            let lo = kl_inverse_lower(q, c).map_err(|e| DiffError::Kernel(e.to_string()))?;
            Ok((up, lo))
        }
        Backend::Cuda => cuda_kernels(q, c),
    }
}

#[cfg(feature = "cuda")]
fn cuda_kernels(q: &[f64], c: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    use crate::kernels::cuda::kl_inverse::{kl_inverse_lower, kl_inverse_upper};
    Ok((kl_inverse_upper(q, c).map_err(super::cuda_failure)?, kl_inverse_lower(q, c).map_err(super::cuda_failure)?))
}

#[cfg(not(feature = "cuda"))]
fn cuda_kernels(_: &[f64], _: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DiffError> {
    super::cuda_not_built()
}

/// `upper(0, c) = 1 − e^{−c} = −expm1(−c)` with relative precision also for tiny `c` (the
/// general reference computes `1 − e^{−c}` with absolute precision only).
fn one_minus_exp_neg(c: &Rational) -> Enclosure {
    let neg_c = Float::with_val(PREC, -c.clone());
    let hi = -Float::with_val_round(PREC, neg_c.exp_m1_ref(), Round::Down).0;
    let lo = -Float::with_val_round(PREC, neg_c.exp_m1_ref(), Round::Up).0;
    Enclosure::Interval(Interval::new(lo, hi).expect("ordered"))
}
