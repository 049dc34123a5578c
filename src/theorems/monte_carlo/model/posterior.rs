//! The aggregated LPF-SPN posterior fed by Monte Carlo factors, for binary `y`.
//!
//! With `K` evidence items, factor estimates `Φ̂_i = Φ̂_i(y = 1)` (so `Φ̂_i(0) = 1 − Φ̂_i`), a
//! uniform prior and weights `w_i = 1` (untempered), the LPF-SPN query
//! `P(y|E) ∝ π(y) Π_i Φ_i(y)` is `P = Π Φ_i / (Π Φ_i + Π (1 − Φ_i))`; the Monte Carlo posterior
//! `P̂` is the same map applied to the estimates. Each factor has a step decoder with outputs in
//! `[b_i, b_i + a_i] ⊂ (0, 1)`, `b_i ∈ (0, 1)`, `a_i = w_i(1 − b_i)`, `w_i ∈ [0, 1)`, so `P̂`
//! is always defined, and the `K` estimates are independent scaled binomials.

use super::decoders::{open_unit, probability, samples, McError, StepDecoder};
use crate::engine::{EvalError, Instance};
use crate::reference::{Enclosure, Interval};
use rug::Rational;

/// At most this many joint outcomes are enumerated exactly.
pub const ENUMERATION_LIMIT: u64 = 20_000;
/// Exact enumeration only up to this `M`: the binomial weights' denominators grow like `d^M`.
pub const ENUMERATION_MAX_M: u32 = 400;

/// The posterior model: `M` samples per factor, `K = factors.len()` factors.
#[derive(Clone, Debug)]
pub struct PosteriorModel {
    pub m: u32,
    pub factors: Vec<StepDecoder>,
}

/// `Π φ / (Π φ + Π (1 − φ))`.
pub fn posterior(phis: &[Rational]) -> Rational {
    let yes: Rational = phis.iter().product();
    let no: Rational = phis.iter().map(|p| 1 - p.clone()).product();
    &yes / Rational::from(&yes + &no)
}

impl PosteriorModel {
    /// From parameters `K`, `M` and `b_i, w_i, q_i` for `i = 1..=K` (higher-indexed ones are
    /// ignored).
    pub fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let k = instance.integer("K")?;
        if !(1..=3).contains(&k) {
            return Err(McError::TooSmall { name: "K", value: k, min: 1 }.into());
        }
        let m = samples(instance.integer("M")?)?;
        let mut factors = Vec::new();
        for i in 1..=k {
            let b = open_unit("b", instance.number(&format!("b{i}"))?)?;
            let w = probability("w", instance.number(&format!("w{i}"))?)?;
            if w == 1 {
                return Err(McError::OpenUnitInterval { name: "w", value: "1".into() }.into());
            }
            let a = w * (1 - b.clone());
            factors.push(StepDecoder::new(a, b, instance.number(&format!("q{i}"))?)?);
        }
        Ok(PosteriorModel { m, factors })
    }

    /// The exact posterior `P`.
    pub fn exact(&self) -> Rational {
        posterior(&self.factors.iter().map(StepDecoder::factor).collect::<Vec<_>>())
    }

    /// The number of joint outcomes of the counts (1 for a factor with `a = 0`).
    pub fn outcomes(&self) -> u64 {
        self.factors
            .iter()
            .map(|f| if f.a == 0 { 1 } else { u64::from(self.m) + 1 })
            .try_fold(1u64, |acc, n| acc.checked_mul(n))
            .unwrap_or(u64::MAX)
    }

    /// `E|P̂ − P|` by enumerating the joint outcomes, exactly; `None` above the limit.
    pub fn mean_abs_error(&self) -> Option<Rational> {
        if self.outcomes() > ENUMERATION_LIMIT || (self.m > ENUMERATION_MAX_M && self.outcomes() > 1) {
            return None;
        }
        let exact = self.exact();
        // Per factor: (probability, odds of the estimate) for each count.
        let tables: Vec<Vec<(Rational, Rational)>> = self
            .factors
            .iter()
            .map(|f| {
                if f.a == 0 {
                    let odds = &f.b / (1 - f.b.clone());
                    return vec![(Rational::from(1), odds)];
                }
                super::decoders::binomial_pmfs(self.m, &f.q)
                    .into_iter()
                    .enumerate()
                    .filter(|(_, p)| *p != 0)
                    .map(|(k, p)| {
                        let e = f.estimate(k as u32, self.m);
                        let odds = &e / (1 - e.clone());
                        (p, odds)
                    })
                    .collect()
            })
            .collect();
        let mut total = Rational::new();
        walk(&tables, 0, Rational::from(1), Rational::from(1), &exact, &mut total);
        Some(total)
    }

    /// A certified lower bound on `E|P̂ − P|` at any `M`: `P̂` increases in each estimate, so on
    /// `{B_i = 0}` it is at most its value with the other estimates at their tops, and on
    /// `{B_i = M}` at least its value with the others at their bottoms; the two events are
    /// disjoint, and `E|P̂ − P|` is at least the sum of probability × gap over them.
    pub fn lower_bound(&self, prec: u32) -> Enclosure {
        let exact = self.exact();
        let mut best = Enclosure::zero();
        for (i, f) in self.factors.iter().enumerate() {
            if f.a == 0 {
                continue;
            }
            let at = |own: Rational, others_top: bool| -> Rational {
                let phis: Vec<Rational> = self
                    .factors
                    .iter()
                    .enumerate()
                    .map(|(j, g)| {
                        if j == i {
                            own.clone()
                        } else if others_top {
                            Rational::from(&g.a + &g.b)
                        } else {
                            g.b.clone()
                        }
                    })
                    .collect();
                posterior(&phis)
            };
            let low_gap = (&exact - at(f.b.clone(), true)).max(Rational::new());
            let high_gap = (at(Rational::from(&f.a + &f.b), false) - &exact).max(Rational::new());
            let p_low = power(&(1 - f.q.clone()), self.m, prec);
            let p_high = power(&f.q, self.m, prec);
            let bound = p_low.mul(&Enclosure::exact(low_gap), prec).add(&p_high.mul(&Enclosure::exact(high_gap), prec), prec);
            if bound.lo(prec) > best.lo(prec) {
                best = bound;
            }
        }
        best
    }

    /// A certified upper bound at any `M`: along the segment from `Φ` to `Φ̂` (inside the box
    /// `Π[b_i, a_i + b_i]`), `|∂P/∂φ_i| = P(1 − P)/(φ_i(1 − φ_i)) ≤ 1/(4 m_i)` with `m_i` the
    /// least `φ(1 − φ)` on `[b_i, a_i + b_i]`, so `|P̂ − P| ≤ Σ |Φ̂_i − Φ_i|/(4 m_i)`, and
    /// `E|Φ̂_i − Φ_i| ≤ √Var(Φ̂_i)`. Capped at 1.
    pub fn upper_bound(&self, prec: u32) -> Enclosure {
        let mut total = Enclosure::zero();
        for f in &self.factors {
            let sd = Enclosure::exact(f.variance(self.m)).sqrt(prec).expect("variance ≥ 0");
            total = total.add(&sd.mul(&Enclosure::exact(lipschitz(f)), prec), prec);
        }
        if total.lo(prec) >= 1 {
            Enclosure::one()
        } else {
            total
        }
    }

    /// `E|P̂ − P|` exactly when enumerable, else the certified interval
    /// `[lower_bound, upper_bound]`.
    pub fn mean_abs_error_enclosure(&self, prec: u32) -> Enclosure {
        if let Some(exact) = self.mean_abs_error() {
            return Enclosure::exact(exact);
        }
        let (lo, hi) = (self.lower_bound(prec).to_interval(prec), self.upper_bound(prec).to_interval(prec));
        let top = if hi.hi() < lo.lo() { lo.lo().clone() } else { hi.hi().clone() };
        Interval::new(lo.lo().clone(), top).expect("ordered").into()
    }
}

/// `1/(4 m)` with `m = min φ(1 − φ)` over the decoder's output range `[b, a + b]`.
pub fn lipschitz(f: &StepDecoder) -> Rational {
    let g = |x: &Rational| -> Rational {
        let complement: Rational = Rational::from(1) - x;
        complement * x
    };
    let top = Rational::from(&f.a + &f.b);
    let m = g(&f.b).min(g(&top));
    (m * 4u32).recip()
}

fn power(r: &Rational, n: u32, prec: u32) -> Enclosure {
    if n <= 2000 {
        Enclosure::exact(r.clone()).powi(n, prec)
    } else {
        Interval::from_rational(r, prec).powi(n, prec).into()
    }
}

fn walk(tables: &[Vec<(Rational, Rational)>], i: usize, prob: Rational, odds: Rational, exact: &Rational, total: &mut Rational) {
    if i == tables.len() {
        let p_hat = &odds / Rational::from(&odds + 1u32);
        *total += prob * (p_hat - exact).abs();
        return;
    }
    for (p, o) in &tables[i] {
        walk(tables, i + 1, Rational::from(&prob * p), Rational::from(&odds * o), exact, total);
    }
}
