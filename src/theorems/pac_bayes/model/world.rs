//! Tiny worlds: a finite hypothesis class whose losses are Bernoulli, where the probability that
//! a PAC-Bayes bound fails is an exact finite sum.
//!
//! A world has `m ∈ {1, 2, 3}` hypotheses with true risks `p_j`, a coupling that fixes the joint
//! law of the loss vector of one example (independent losses, or all losses driven by one
//! uniform `U`: comonotone `1[U < p_j]`, or antithetic, where every second hypothesis uses
//! `1[U ≥ 1 − p_j]`), a rational prior `P ∝ (w_1, …, w_m)`, and `n` i.i.d. examples. The counts
//! of errors `(k_1, …, k_m)` are the sufficient statistic; their exact law is computed by a
//! dynamic programme over the examples in integers.
//!
//! The posterior family is finite and may depend on the data: every point mass (which includes
//! the empirical risk minimiser), the uniform posterior, the prior, and Gibbs posteriors
//! `Q_j ∝ P_j·r^{k_j}` for `r ∈ {1/2, 1/4, 1/16}` (inverse temperature `β = ln(1/r)` per error;
//! choosing `r` rational keeps `Q` rational, while `KL(Q‖P)` is enclosed). A bound *fails* on a
//! sample when some posterior in the family violates it; the failure probability is summed
//! exactly over the count vectors where a violation is certified, and the count vectors where
//! no violation is certified but one is undecided widen the enclosure upward.

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Value};
use crate::reference::{Decision, Enclosure, Interval, PRECISION_LADDER};
use crate::spec::Spec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::float::Round;
use rug::{Float, Integer, Rational};
use std::collections::HashMap;

/// The most count vectors a world may have, so that one evaluation stays in milliseconds.
pub const MAX_COUNT_VECTORS: usize = 4096;

/// Gibbs posteriors: `Q_j ∝ P_j · r^{k_j}` for these `r`.
pub const GIBBS_RATIOS: [(i64, i64); 3] = [(1, 2), (1, 4), (1, 16)];

/// The parameters that describe a world (each theorem adds `delta` and its own).
pub const WORLD_PARAMETERS: [ParamRequirement; 9] = [
    ParamRequirement::integer("m"),
    ParamRequirement::integer("n"),
    ParamRequirement::number("p1"),
    ParamRequirement::number("p2"),
    ParamRequirement::number("p3"),
    ParamRequirement::set("coupling"),
    ParamRequirement::integer("w1"),
    ParamRequirement::integer("w2"),
    ParamRequirement::integer("w3"),
];

/// How the losses of the hypotheses on one example depend on each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coupling {
    Independent,
    Comonotone,
    Antithetic,
}

/// A tiny world, read from an instance.
#[derive(Clone, Debug)]
pub struct World {
    pub n: u32,
    /// True risks `p_j`, one per hypothesis.
    pub risks: Vec<Rational>,
    pub coupling: Coupling,
    /// The prior, normalised.
    pub prior: Vec<Rational>,
}

/// A posterior in the family, with its divergence from the prior.
#[derive(Clone, Debug)]
pub struct Posterior {
    pub weights: Vec<Rational>,
    pub kl: Enclosure,
}

impl Posterior {
    /// `Σ_j Q_j k_j / n`.
    pub fn empirical_risk(&self, counts: &[u32], n: u32) -> Rational {
        let total: Rational = self.weights.iter().zip(counts).map(|(q, &k)| Rational::from(q * k)).sum();
        total / n
    }

    /// `Σ_j Q_j p_j`.
    pub fn risk(&self, risks: &[Rational]) -> Rational {
        self.weights.iter().zip(risks).map(|(q, p)| Rational::from(q * p)).sum()
    }
}

/// What a world's failure computation found.
#[derive(Clone, Debug)]
pub struct FailureLaw {
    /// Probability of the samples where some posterior certainly violates the bound.
    pub certain: Rational,
    /// Probability of the samples where a violation is undecided and none is certain.
    pub undecided: Rational,
}

impl FailureLaw {
    pub fn enclosure(&self) -> Enclosure {
        if self.undecided == 0 {
            return Enclosure::exact(self.certain.clone());
        }
        let upper = Rational::from(&self.certain + &self.undecided);
        let lo = Float::with_val_round(128, &self.certain, Round::Down).0;
        let hi = Float::with_val_round(128, &upper, Round::Up).0;
        Interval::new(lo, hi).expect("ordered").into()
    }
}

impl World {
    pub fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let m = instance.integer("m")?.clamp(1, 3) as usize;
        let n = instance.count("n")?.max(1);
        let risks = ["p1", "p2", "p3"][..m].iter().map(|name| instance.number(name).cloned()).collect::<Result<Vec<_>, _>>()?;
        let coupling = match instance.choice("coupling")? {
            "comonotone" => Coupling::Comonotone,
            "antithetic" => Coupling::Antithetic,
            _ => Coupling::Independent,
        };
        let weights = ["w1", "w2", "w3"][..m].iter().map(|name| instance.integer(name).map(|w| w.max(1))).collect::<Result<Vec<_>, _>>()?;
        let total: i64 = weights.iter().sum();
        let prior = weights.iter().map(|&w| Rational::from((w, total))).collect();
        Ok(World { n, risks, coupling, prior })
    }

    pub fn m(&self) -> usize {
        self.risks.len()
    }

    /// How many count vectors the world has: `(n + 1)^m`.
    pub fn count_vectors(&self) -> usize {
        (self.n as usize + 1).saturating_pow(self.m() as u32)
    }

    /// The joint law of one example's loss vector: `(bitmask of hypotheses that err, probability)`.
    pub fn atoms(&self) -> Vec<(usize, Rational)> {
        let m = self.m();
        let mut atoms: Vec<(usize, Rational)> = Vec::new();
        let mut push = |mask: usize, p: Rational| {
            if p == 0 {
                return;
            }
            match atoms.iter_mut().find(|(a, _)| *a == mask) {
                Some((_, q)) => *q += p,
                None => atoms.push((mask, p)),
            }
        };
        match self.coupling {
            Coupling::Independent => {
                for mask in 0..(1usize << m) {
                    let p: Rational = (0..m)
                        .map(|j| if mask >> j & 1 == 1 { self.risks[j].clone() } else { Rational::from(1 - &self.risks[j]) })
                        .product();
                    push(mask, p);
                }
            }
            Coupling::Comonotone | Coupling::Antithetic => {
                // Hypothesis j errs on a subinterval of [0, 1) of length p_j; cut [0, 1) at every
                // endpoint and read off which hypotheses err on each piece.
                let set = |j: usize| -> (Rational, Rational) {
                    let p = self.risks[j].clone();
                    if self.coupling == Coupling::Antithetic && j % 2 == 1 {
                        (Rational::from(1 - &p), Rational::from(1))
                    } else {
                        (Rational::new(), p)
                    }
                };
                let sets: Vec<_> = (0..m).map(set).collect();
                let mut cuts = vec![Rational::new(), Rational::from(1)];
                for (a, b) in &sets {
                    cuts.push(a.clone());
                    cuts.push(b.clone());
                }
                cuts.sort();
                cuts.dedup();
                for w in cuts.windows(2) {
                    let mid = Rational::from(&w[0] + &w[1]) / 2u32;
                    let mask = sets.iter().enumerate().filter(|(_, (a, b))| *a <= mid && mid < *b).fold(0, |acc, (j, _)| acc | 1 << j);
                    push(mask, Rational::from(&w[1] - &w[0]));
                }
            }
        }
        atoms
    }

    /// The exact law of the error counts, as `(counts, probability)` for every reachable vector.
    pub fn count_law(&self) -> Vec<(Vec<u32>, Rational)> {
        let m = self.m();
        let base = self.n as usize + 1;
        let atoms = self.atoms();
        // Integer weights over a common denominator, so the recursion never divides.
        let denominator = atoms.iter().fold(Integer::from(1), |l, (_, p)| l.lcm(p.denom()));
        let weights: Vec<(usize, Integer)> = atoms
            .iter()
            .map(|(mask, p)| {
                let offset = (0..m).filter(|j| mask >> j & 1 == 1).map(|j| base.pow(j as u32)).sum();
                (offset, Rational::from(p * &denominator).numer().clone())
            })
            .collect();
        let size = base.pow(m as u32);
        let mut law = vec![Integer::new(); size];
        law[0] = Integer::from(1);
        for _ in 0..self.n {
            let mut next = vec![Integer::new(); size];
            for (index, w) in law.iter().enumerate().filter(|(_, w)| **w != 0) {
                for (offset, a) in &weights {
                    next[index + offset] += Integer::from(w * a);
                }
            }
            law = next;
        }
        let total = Integer::from(rug::ops::Pow::pow(&denominator, self.n));
        law.into_iter()
            .enumerate()
            .filter(|(_, w)| *w != 0)
            .map(|(index, w)| {
                let counts = (0..m).map(|j| (index / base.pow(j as u32) % base) as u32).collect();
                (counts, Rational::from((w, total.clone())))
            })
            .collect()
    }

    /// `KL(Q‖P) = Σ_j Q_j ln(Q_j/P_j)`, enclosed and intersected with `[0, ∞)` (Gibbs' inequality).
    pub fn kl(&self, weights: &[Rational], prec: u32) -> Result<Enclosure, EvalError> {
        let mut total = Enclosure::zero();
        for (q, p) in weights.iter().zip(&self.prior) {
            if *q == 0 {
                continue;
            }
            let ln = Enclosure::exact(Rational::from(q / p)).ln(prec)?;
            total = total.add(&Enclosure::exact(q.clone()).mul(&ln, prec), prec);
        }
        Ok(match total {
            Enclosure::Interval(i) if *i.lo() < 0 => {
                Interval::new(Float::with_val(prec, 0), i.hi().clone().max(&Float::with_val(prec, 0))).expect("ordered").into()
            }
            other => other,
        })
    }

    /// The posteriors that do not depend on the data: point masses, uniform, prior.
    pub fn fixed_posteriors(&self, prec: u32) -> Result<Vec<Posterior>, EvalError> {
        let m = self.m();
        let mut family: Vec<Vec<Rational>> = (0..m).map(|j| (0..m).map(|i| Rational::from(u32::from(i == j))).collect()).collect();
        if m > 1 {
            family.push(vec![Rational::from((1, m as u32)); m]);
            if !family.contains(&self.prior) {
                family.push(self.prior.clone());
            }
        }
        family.into_iter().map(|weights| Ok(Posterior { kl: self.kl(&weights, prec)?, weights })).collect()
    }

    /// Gibbs posteriors at the observed counts.
    pub fn gibbs_posteriors(&self, counts: &[u32], prec: u32) -> Result<Vec<Posterior>, EvalError> {
        if self.m() == 1 {
            return Ok(Vec::new());
        }
        GIBBS_RATIOS
            .iter()
            .map(|&r| {
                let r = Rational::from(r);
                let raw: Vec<Rational> =
                    self.prior.iter().zip(counts).map(|(p, &k)| p * Rational::from(rug::ops::Pow::pow(&r, k))).collect();
                let total: Rational = raw.iter().sum();
                let weights: Vec<Rational> = raw.into_iter().map(|w| w / &total).collect();
                Ok(Posterior { kl: self.kl(&weights, prec)?, weights })
            })
            .collect()
    }

    /// The failure law of a bound. `violates(emp, risk, kl, prec)` decides whether the bound at
    /// empirical risk `emp` and divergence `kl` is below the true risk `risk` (`True` = violated).
    pub fn failure<F>(&self, prec: u32, violates: F) -> Result<FailureLaw, EvalError>
    where
        F: Fn(&Rational, &Rational, &Enclosure, u32) -> Result<Decision, EvalError>,
    {
        // Each pair is decided at rising precision on its own, so that one hard pair does not
        // make the whole world be recomputed.
        let top = *PRECISION_LADDER.last().expect("non-empty ladder");
        let decide =
            |emp: &Rational, risk: &Rational, posterior_kl: &dyn Fn(u32) -> Result<Enclosure, EvalError>| -> Result<Decision, EvalError> {
                let mut p = prec;
                loop {
                    let d = violates(emp, risk, &posterior_kl(p)?, p)?;
                    if d != Decision::Undecided || p >= top {
                        return Ok(d);
                    }
                    p = (p * 4).min(top);
                }
            };
        let fixed = self.fixed_posteriors(prec)?;
        let fixed_risk: Vec<Rational> = fixed.iter().map(|q| q.risk(&self.risks)).collect();
        let mut cache: HashMap<(usize, Rational), Decision> = HashMap::new();
        let mut law = FailureLaw { certain: Rational::new(), undecided: Rational::new() };
        for (counts, probability) in self.count_law() {
            let mut outcome = Decision::False;
            for (index, q) in fixed.iter().enumerate() {
                let emp = q.empirical_risk(&counts, self.n);
                let key = (index, emp.clone());
                let d = match cache.get(&key) {
                    Some(d) => *d,
                    None => {
                        let weights = q.weights.clone();
                        let d = decide(&emp, &fixed_risk[index], &|p| {
                            if p == prec {
                                Ok(q.kl.clone())
                            } else {
                                self.kl(&weights, p)
                            }
                        })?;
                        cache.insert(key, d);
                        d
                    }
                };
                outcome = merge(outcome, d);
                if outcome == Decision::True {
                    break;
                }
            }
            if outcome != Decision::True {
                for q in self.gibbs_posteriors(&counts, prec)? {
                    let emp = q.empirical_risk(&counts, self.n);
                    let risk = q.risk(&self.risks);
                    let d = decide(&emp, &risk, &|p| {
                        if p == prec {
                            Ok(q.kl.clone())
                        } else {
                            self.kl(&q.weights, p)
                        }
                    })?;
                    outcome = merge(outcome, d);
                    if outcome == Decision::True {
                        break;
                    }
                }
            }
            match outcome {
                Decision::True => law.certain += probability,
                Decision::Undecided => law.undecided += probability,
                Decision::False => {}
            }
        }
        Ok(law)
    }

    pub fn describe(&self) -> String {
        use crate::reference::decimal::format_rational;
        let list = |v: &[Rational]| v.iter().map(format_rational).collect::<Vec<_>>().join(", ");
        let atoms: Vec<String> = self.atoms().iter().map(|(mask, p)| format!("{mask:0w$b}:{}", format_rational(p), w = self.m())).collect();
        format!(
            "m = {}, risks = ({}), prior = ({}), {:?} losses with atoms {{{}}} (bit j = hypothesis j+1 errs), {} count vectors",
            self.m(),
            list(&self.risks),
            list(&self.prior),
            self.coupling,
            atoms.join(", "),
            self.count_vectors()
        )
    }
}

/// "Some posterior violates": certain beats undecided beats no.
fn merge(a: Decision, b: Decision) -> Decision {
    match (a, b) {
        (Decision::True, _) | (_, Decision::True) => Decision::True,
        (Decision::Undecided, _) | (_, Decision::Undecided) => Decision::Undecided,
        _ => Decision::False,
    }
}

/// The failure probability of a bound in the instance's world against `δ`.
pub fn check_world<F>(instance: &Instance, prec: u32, violates: F) -> Result<Outcome, EvalError>
where
    F: Fn(&Rational, &Rational, &Enclosure, u32) -> Result<Decision, EvalError>,
{
    let world = World::from_instance(instance)?;
    if world.count_vectors() > MAX_COUNT_VECTORS {
        return Ok(Outcome::HypothesisNotMet(format!(
            "the world has {} count vectors, more than the {MAX_COUNT_VECTORS} this check enumerates",
            world.count_vectors()
        )));
    }
    let delta = instance.number("delta")?.clone();
    let law = world.failure(prec, violates)?;
    Ok(Outcome::Compared(Comparison::new(law.enclosure(), Relation::Le, Enclosure::exact(delta))))
}

/// The largest `n` drawn for a world with `m` hypotheses, so that `(n + 1)^m` stays small.
pub fn n_cap(m: i64) -> i64 {
    match m {
        1 => 256,
        2 => 40,
        _ => 10,
    }
}

/// Whether `n` is within [`n_cap`] of the number of hypotheses (the targeted search's bound).
pub fn affordable(instance: &Instance) -> bool {
    match (instance.integer("m"), instance.integer("n")) {
        (Ok(m), Ok(n)) => n <= n_cap(m),
        _ => true,
    }
}

/// The spec's instance strategy with `n` capped by the number of hypotheses.
pub fn world_strategy(spec: &Spec) -> BoxedStrategy<Instance> {
    crate::engine::instance_strategy(spec)
        .prop_map(|mut instance| {
            let m = instance.integer("m").unwrap_or(1);
            if let Ok(n) = instance.integer("n") {
                instance = instance.with("n", Value::Integer(n.min(n_cap(m))));
            }
            instance
        })
        .boxed()
}

/// A world instance, for edge cases: `(m, n, risks, coupling, prior weights, δ)`.
pub fn world_instance(m: i64, n: i64, risks: [(i64, i64); 3], coupling: &str, weights: [i64; 3], delta: (i64, i64)) -> Instance {
    let mut instance = Instance::default()
        .with("m", Value::Integer(m))
        .with("n", Value::Integer(n))
        .with("coupling", Value::Choice(coupling.into()))
        .with("delta", Value::Number(Rational::from(delta)));
    for (j, (p, w)) in risks.iter().zip(weights).enumerate() {
        instance = instance.with(&format!("p{}", j + 1), Value::Number(Rational::from(*p))).with(&format!("w{}", j + 1), Value::Integer(w));
    }
    instance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_laws_sum_to_one_and_have_the_right_marginals() {
        for coupling in ["independent", "comonotone", "antithetic"] {
            let w = World::from_instance(&world_instance(3, 4, [(1, 3), (1, 2), (3, 4)], coupling, [1, 2, 3], (1, 10))).unwrap();
            let law = w.count_law();
            let total: Rational = law.iter().map(|(_, p)| p.clone()).sum();
            assert_eq!(total, 1, "{coupling}");
            for j in 0..3 {
                let mean: Rational = law.iter().map(|(k, p)| Rational::from(p * k[j])).sum();
                assert_eq!(mean, Rational::from(&w.risks[j] * 4u32), "{coupling}, hypothesis {j}");
            }
        }
    }

    #[test]
    fn comonotone_losses_are_nested() {
        let w = World::from_instance(&world_instance(2, 1, [(1, 4), (1, 2), (0, 1)], "comonotone", [1, 1, 1], (1, 10))).unwrap();
        let mut atoms = w.atoms();
        atoms.sort();
        assert_eq!(atoms, vec![(0, Rational::from((1, 2))), (2, Rational::from((1, 4))), (3, Rational::from((1, 4)))]);
    }
}
