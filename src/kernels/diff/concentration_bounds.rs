//! Differential harness of the concentration-bound kernel: `kernels::cpu::concentration_bounds`
//! against `reference::tail_bounds` / `reference::pac_bayes_bounds` at 128 bits.
//!
//! Each case draws a grid of up to `min(max_n, 256)` points mixing all six bounds, with
//! adversarial parameters: `δ` near 0 (down to the smallest subnormal) and near 1 (`1 − 2⁻⁵³`),
//! `n ∈ {1, 2}` and `n` near `u32::MAX` (Hoeffding: up to `2⁶²`, where `n` is not an f64),
//! zero variance / zero range / zero risk / zero KL, `λ` next to 0 and 2, exponents from tiny
//! to beyond the underflow of f64 `exp` (capped at 10⁴: the exact values' rational endpoints
//! are compared exactly, and `e^{−10⁴}` already needs 14 000-bit denominators). Every output is classified with [`classify_upper_bound`]: a value below
//! the exact one is a [`super::Classification::BoundViolated`]. Budget:
//! [`crate::kernels::tolerances_concentration::budget`].

use super::inputs::Splitmix;
use super::{classify_upper_bound, run_cases, DiffConfig, DiffError, DiffOp, DiffReport};
use crate::kernels::cpu::concentration_bounds::{concentration_bounds, BoundParams};
use crate::kernels::tolerances_concentration::budget;
use crate::reference::pac_bayes_bounds::{catoni_bound, mcallester_bound, pac_bayes_lambda_bound};
use crate::reference::tail_bounds::{bernstein_bound, empirical_bernstein_radius, hoeffding_bound};
use crate::reference::Enclosure;
use rug::Rational;

pub struct ConcentrationBoundsDiff;

/// Working precision of the reference enclosures (far narrower than any budget).
const PREC: u32 = 128;

impl DiffOp for ConcentrationBoundsDiff {
    fn name(&self) -> &'static str {
        "concentration_bounds"
    }

    fn describe(&self) -> &'static str {
        "Hoeffding, Bernstein, empirical Bernstein, McAllester, Catoni, λ-bound upper bounds vs 128-bit enclosures; \
         never below exact, budget γ_k·v (exponential bounds: (6u·e^s + expm1(s))·v, s = γ·|exponent|)"
    }

    fn run(&self, config: &DiffConfig) -> Result<DiffReport, DiffError> {
        if config.backend != super::Backend::Cpu {
            return Err(DiffError::BackendUnavailable {
                backend: config.backend,
                why: "concentration_bounds has a CPU kernel only".into(),
            });
        }
        run_cases(self.name(), config, |g, case, report| {
            let size = g.log_size(config.max_n.min(256));
            let grid: Vec<BoundParams> = (0..size).map(|_| point(g)).collect();
            let values = concentration_bounds(&grid).map_err(|e| DiffError::Kernel(e.to_string()))?;
            for (i, (p, v)) in grid.iter().zip(&values).enumerate() {
                let exact = reference(p)?;
                let label = || format!("case {case}, point {i}");
                report.record(label, || format!("{p:?}"), classify_upper_bound(*v, &exact, budget(p, *v)));
            }
            Ok(())
        })
    }
}

fn q(x: f64) -> Rational {
    Rational::from_f64(x).expect("generated parameters are finite")
}

/// The reference enclosure of the exact value at `p` (parameters read as exact rationals).
pub fn reference(p: &BoundParams) -> Result<Enclosure, DiffError> {
    let tail = |e: crate::reference::tail_bounds::TailBoundError| DiffError::Reference(e.to_string());
    let pb = |e: crate::reference::pac_bayes_bounds::PacBayesError| DiffError::Reference(e.to_string());
    match *p {
        BoundParams::Hoeffding { n, a, b, t } => hoeffding_bound(&Rational::from(n), &q(a), &q(b), &q(t), PREC).map_err(tail),
        BoundParams::Bernstein { variance, b, t } => {
            bernstein_bound(&q(variance), &q(b), &q(t), &Rational::from((1, 3)), PREC).map_err(tail)
        }
        BoundParams::EmpiricalBernstein { n, v, delta } => {
            empirical_bernstein_radius(n, &q(v), &q(delta), 2, &Rational::from((7, 3)), PREC).map_err(tail)
        }
        BoundParams::McAllester { emp, kl, n, delta } => {
            mcallester_bound(&q(emp), &Enclosure::exact(q(kl)), n, &q(delta), PREC).map_err(pb)
        }
        BoundParams::Catoni { emp, kl, n, delta, c } => {
            catoni_bound(&q(emp), &Enclosure::exact(q(kl)), n, &q(delta), &q(c), PREC).map_err(pb)
        }
        BoundParams::Lambda { emp, kl, n, delta, lambda } => {
            pac_bayes_lambda_bound(&q(emp), &Enclosure::exact(q(kl)), n, &q(delta), &q(lambda), PREC).map_err(pb)
        }
    }
}

/// Log-uniform on `[lo, hi]` (both positive).
fn log_uniform(g: &mut Splitmix, lo: f64, hi: f64) -> f64 {
    (lo.ln() + g.unit() * (hi.ln() - lo.ln())).exp().clamp(lo, hi)
}

fn delta(g: &mut Splitmix) -> f64 {
    match g.next_u64() % 6 {
        0 => f64::from_bits(1 + g.next_u64() % 1000),
        1 => 1.0f64.next_down(),
        2 => 1.0 - log_uniform(g, 1e-15, 0.5),
        3 => 0.05,
        _ => log_uniform(g, 1e-300, 0.9),
    }
}

fn sample_n(g: &mut Splitmix) -> u32 {
    match g.next_u64() % 5 {
        0 => 1,
        1 => u32::MAX - (g.next_u64() % 3) as u32,
        _ => log_uniform(g, 1.0, 1e9) as u32,
    }
}

fn emp(g: &mut Splitmix) -> f64 {
    match g.next_u64() % 5 {
        0 => 0.0,
        1 => 1.0,
        2 => log_uniform(g, 1e-300, 1e-3),
        _ => g.unit(),
    }
}

fn kl(g: &mut Splitmix) -> f64 {
    if g.next_u64() % 4 == 0 {
        0.0
    } else {
        log_uniform(g, 1e-12, 1e4)
    }
}

fn zero_or(g: &mut Splitmix, lo: f64, hi: f64) -> f64 {
    if g.next_u64() % 5 == 0 {
        0.0
    } else {
        log_uniform(g, lo, hi)
    }
}

/// One adversarial grid point of a random kind.
pub fn point(g: &mut Splitmix) -> BoundParams {
    match g.next_u64() % 6 {
        0 => {
            let n = if g.next_u64() % 4 == 0 { (1u64 << 62) + g.next_u64() % 4096 } else { u64::from(sample_n(g)).max(1) };
            let a = (g.unit() - 0.5) * log_uniform(g, 1e-3, 1e3);
            let b = if g.next_u64() % 8 == 0 { a } else { a + log_uniform(g, 1e-6, 1e6) };
            // Exponent 2r² ≤ 9800, from tiny to beyond the underflow of f64 exp (≈ 745), but
            // small enough that the exact value's rational endpoints stay cheap to compare.
            let r = log_uniform(g, 1e-6, 70.0);
            let t = ((b - a).max(1e-300) * (n as f64).sqrt() * r).max(1e-300);
            BoundParams::Hoeffding { n, a, b, t }
        }
        1 => {
            let (variance, b) = (zero_or(g, 1e-10, 1e6), zero_or(g, 1e-10, 1e3));
            // t solving t²/(2(σ² + bt/3)) = x for an exponent x up to 10⁴ (as for Hoeffding).
            let x = log_uniform(g, 1e-8, 1e4);
            let p = 2.0 * x * b / 3.0;
            let t = if variance == 0.0 && b == 0.0 { log_uniform(g, 1e-6, 1.0) } else { (p + (p * p + 8.0 * x * variance).sqrt()) / 2.0 };
            BoundParams::Bernstein { variance, b, t: t.max(1e-300) }
        }
        2 => BoundParams::EmpiricalBernstein { n: sample_n(g).max(2), v: zero_or(g, 1e-12, 1e6), delta: delta(g) },
        3 => BoundParams::McAllester { emp: emp(g), kl: kl(g), n: sample_n(g), delta: delta(g) },
        4 => BoundParams::Catoni { emp: emp(g), kl: kl(g), n: sample_n(g), delta: delta(g), c: log_uniform(g, 1e-8, 1e3) },
        _ => {
            let lambda = match g.next_u64() % 4 {
                0 => 2.0f64.next_down(),
                1 => log_uniform(g, 1e-200, 1e-3),
                _ => (2.0 * g.unit()).clamp(1e-3, 2.0f64.next_down()),
            };
            BoundParams::Lambda { emp: emp(g), kl: kl(g), n: sample_n(g), delta: delta(g), lambda }
        }
    }
}
