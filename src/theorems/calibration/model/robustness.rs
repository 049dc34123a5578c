//! LPF Theorem 5 (robustness) readings: the exact accuracy of LPF-SPN when a fraction δ of the
//! `K` evidence items is replaced, by a worst-case adversary or at random.
//!
//! # Adversary
//! The adversary knows the label `Y`, the evidence and the aggregation rule (LPF-SPN: uniform
//! root, per-symbol tempering `w_x`, factors `Φ[x][y]`), and replaces `m = ⌊δK⌋` of the `K` items
//! by symbols of its choice. LPF-SPN's log-score difference between classes `z` and `y` is linear
//! in the count vector, `Σ_x c_x w_x ln(Φ[x][z]/Φ[x][y])`, so for each rival class `z` the best
//! attack is greedy: remove the `m` items of smallest per-item gain and add `m` copies of the
//! symbol of largest gain. The attack succeeds when some rival beats `Y` (or ties it with a lower
//! index: ties go to the lowest index, numpy's argmax). Accuracy under attack is the exact sum of
//! `P(c, y)` over the count vectors where no rival succeeds.
//!
//! # Exactness
//! Signs of log-score differences are decided from 64-bit enclosures when they separate from 0,
//! and otherwise exactly: with `D` the common denominator of the weights and `n_x = D·w_x`, the
//! sign of `Σ c_x w_x ln r_x` is the sign of `Π r_x^{c_x n_x} − 1`, a rational. Accuracies are
//! exact rationals.
//!
//! # Random replacement
//! Each item is independently replaced, with probability δ, by a symbol drawn uniformly from the
//! alphabet: the items are then i.i.d. given `Y` from `(1 − δ)L[y] + δ·U`, so the existing
//! population engine gives the accuracy under corruption (aggregator unchanged).

use super::aggregation::{exact_joint, population, Aggregator, Model, Setup};
use super::scenario::{draws_cap, scenario_strategy};
use crate::engine::{EvalError, Instance, Value};
use crate::reference::count_vectors::{count_vectors, for_each_count_vector};
use crate::reference::{Decision, Enclosure};
use crate::theorems::calibration::lpf_theorem1::BINS;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::ops::Pow;
use rug::{Integer, Rational};
use std::cmp::Ordering;

/// Most count vectors an adversarial-accuracy evaluation enumerates.
pub const MAX_ATTACK_VECTORS: u64 = 20_000;

/// Largest `K` the robustness strategy draws for an alphabet of `symbols` letters (the exact
/// adversary costs one greedy attack per count vector, class and rival).
pub fn attack_draws_cap(symbols: u32) -> i64 {
    match symbols {
        1 => draws_cap(1),
        2 => 300,
        3 => 30,
        _ => 12,
    }
}

/// Clean and attacked accuracy of LPF-SPN, exact.
#[derive(Clone, Debug, PartialEq)]
pub struct AttackedAccuracy {
    pub clean: Rational,
    pub attacked: Rational,
}

/// Per rival pair `(y, z)`: symbols ordered by the per-item gain of `z` over `y`, ascending.
struct Pair {
    order: Vec<usize>,
    /// `n_x ln(Φ[x][z]/Φ[x][y])`, 64-bit enclosures.
    gain: Vec<Enclosure>,
    /// `Φ[x][z]/Φ[x][y]`.
    ratio: Vec<Rational>,
}

/// The integer exponents `n_x = D·w_x` with `D` the common denominator of the weights.
fn integer_exponents(weights: &[Rational]) -> Result<Vec<u32>, EvalError> {
    let mut d = Integer::from(1);
    for w in weights {
        d.lcm_mut(w.denom());
    }
    weights
        .iter()
        .map(|w| {
            let n = Rational::from(w * &d);
            n.numer()
                .to_u32()
                .filter(|_| *n.denom() == 1)
                .ok_or_else(|| EvalError::reference("tempering weights need a small common denominator"))
        })
        .collect()
}

fn pow_u32(r: &Rational, e: u32) -> Rational {
    Rational::from(r.pow(e))
}

/// The sign of `Σ_x c_x n_x ln r_x`, certified (enclosure first, exact product if undecided).
fn sign(pair: &Pair, exponents: &[u32], c: &[u32]) -> Ordering {
    let mut s = Enclosure::zero();
    for (x, n) in c.iter().enumerate() {
        if *n > 0 {
            s = s.add(&pair.gain[x].mul(&Enclosure::exact(*n), 64), 64);
        }
    }
    if let Some(o) = s.certified_cmp(&Enclosure::zero()) {
        return o;
    }
    let mut product = Rational::from(1);
    for (x, n) in c.iter().enumerate() {
        product *= pow_u32(&pair.ratio[x], n * exponents[x]);
    }
    product.cmp(&Rational::from(1))
}

/// Whether rival `z` takes the argmax from `y` at count vector `c` (ties to the lowest index).
fn beats(pair: &Pair, exponents: &[u32], c: &[u32], z: usize, y: usize) -> bool {
    match sign(pair, exponents, c) {
        Ordering::Greater => true,
        Ordering::Equal => z < y,
        Ordering::Less => false,
    }
}

/// The adversary's best count vector against `y` in favour of `z`: greedy removal of the `m`
/// items of least gain, `m` copies of the symbol of largest gain added.
fn greedy(pair: &Pair, c: &[u32], m: u32) -> Vec<u32> {
    let mut out = c.to_vec();
    let mut left = m;
    for &x in &pair.order {
        let t = out[x].min(left);
        out[x] -= t;
        left -= t;
    }
    if let Some(&best) = pair.order.last() {
        out[best] += m;
    }
    out
}

/// Exact clean and worst-case attacked accuracy of LPF-SPN (uniform root) with `factors[x][y]`
/// and per-symbol `weights`, when `replaced` of the `draws` items are chosen by the adversary.
pub fn adversarial_accuracy(model: &Model, aggregator: &Aggregator, draws: u32, replaced: u32) -> Result<AttackedAccuracy, EvalError> {
    let (factors, weights) = (aggregator.factors(), aggregator.weights());
    let (classes, symbols) = (model.classes(), model.symbols());
    if factors.len() != symbols || factors.iter().any(|row| row.len() != classes) {
        return Err(EvalError::reference("the factor table does not match the model"));
    }
    if replaced > draws {
        return Err(EvalError::reference(format!("cannot replace {replaced} of {draws} items")));
    }
    let vectors = count_vectors(draws, symbols);
    if vectors > MAX_ATTACK_VECTORS {
        return Err(EvalError::reference(format!("{vectors} count vectors exceed the adversarial engine's limit of {MAX_ATTACK_VECTORS}")));
    }
    let exponents = integer_exponents(weights)?;
    let mut pairs: Vec<Vec<Option<Pair>>> = Vec::with_capacity(classes);
    for y in 0..classes {
        let mut row = Vec::with_capacity(classes);
        for z in 0..classes {
            if z == y {
                row.push(None);
                continue;
            }
            let ratio: Vec<Rational> = (0..symbols).map(|x| Rational::from(&factors[x][z] / &factors[x][y])).collect();
            let gain = ratio
                .iter()
                .zip(&exponents)
                .map(|(r, n)| Ok(Enclosure::exact(r.clone()).ln(64)?.mul(&Enclosure::exact(*n), 64)))
                .collect::<Result<Vec<_>, EvalError>>()?;
            let mut order: Vec<usize> = (0..symbols).collect();
            order.sort_by(|a, b| pow_u32(&ratio[*a], exponents[*a]).cmp(&pow_u32(&ratio[*b], exponents[*b])));
            row.push(Some(Pair { order, gain, ratio }));
        }
        pairs.push(row);
    }
    let mut clean = Rational::new();
    let mut attacked = Rational::new();
    for_each_count_vector(draws, symbols, |c| -> Result<(), EvalError> {
        let joint = exact_joint(model, c);
        for (y, p) in joint.iter().enumerate().filter(|(_, p)| **p > 0) {
            let rivals = || pairs[y].iter().enumerate().filter_map(|(z, pair)| pair.as_ref().map(|pair| (z, pair)));
            if rivals().any(|(z, pair)| beats(pair, &exponents, c, z, y)) {
                continue;
            }
            clean += p;
            if !rivals().any(|(z, pair)| beats(pair, &exponents, &greedy(pair, c, replaced), z, y)) {
                attacked += p;
            }
        }
        Ok(())
    })?;
    Ok(AttackedAccuracy { clean, attacked })
}

/// The model whose items are each replaced, independently with probability δ, by a uniformly
/// drawn symbol: likelihood rows `(1 − δ)L[y] + δ/A`.
pub fn randomly_replaced(model: &Model, delta: &Rational) -> Result<Model, EvalError> {
    let symbols = Rational::from(model.symbols() as u32);
    let keep: Rational = Rational::from(1) - delta;
    let noise = Rational::from(delta / &symbols);
    // Element types spelled out: with the `cuda` feature, vek's operator impls are in scope and
    // inferring `&keep * l` alone overflows the trait solver.
    let likelihood: Vec<Vec<Rational>> = model
        .likelihood()
        .iter()
        .map(|row: &Vec<Rational>| row.iter().map(|l: &Rational| Rational::from(&keep * l) + &noise).collect())
        .collect();
    Model::new(model.prior().to_vec(), likelihood).map_err(EvalError::reference)
}

/// Clean accuracy and accuracy under random replacement (δ per item), as enclosures.
pub fn random_replacement_accuracy(
    model: &Model,
    aggregator: &Aggregator,
    draws: u32,
    delta: &Rational,
    prec: u32,
) -> Result<(Enclosure, Enclosure), EvalError> {
    let clean = population(&Setup { model, aggregator, draws, copies: 1 }, BINS, prec).map_err(EvalError::reference)?;
    let noisy_model = randomly_replaced(model, delta)?;
    let noisy = population(&Setup { model: &noisy_model, aggregator, draws, copies: 1 }, BINS, prec).map_err(EvalError::reference)?;
    Ok((clean.accuracy, noisy.accuracy))
}

/// The scenario strategy with `K` capped for the exact adversary and a fraction `delta` drawn
/// from `{0, 1/8, …, 1}`.
pub fn robustness_strategy(with_delta: bool) -> BoxedStrategy<Instance> {
    (scenario_strategy(), 0u32..=8)
        .prop_map(move |(instance, eighths)| {
            let symbols = instance.count("symbols").unwrap_or(1);
            let draws = instance.integer("draws").unwrap_or(1).min(attack_draws_cap(symbols));
            let out = instance.with("draws", Value::Integer(draws));
            if with_delta {
                out.with("delta", Value::Number(Rational::from((eighths, 8))))
            } else {
                out
            }
        })
        .boxed()
}

/// `⌊δK⌋`.
pub fn replaced_items(delta: &Rational, draws: u32) -> Result<u32, EvalError> {
    if *delta < 0 || *delta > 1 {
        return Err(EvalError::reference(format!("δ = {delta} lies outside [0, 1]")));
    }
    let m = Rational::from(delta * draws).floor();
    m.numer().to_u32().ok_or_else(|| EvalError::reference("⌊δK⌋ does not fit in 32 bits"))
}

/// `C·ε·δ·√K` as an enclosure.
pub fn rate_bound(c: &Rational, eps: &Rational, delta: &Rational, draws: u32, prec: u32) -> Result<Enclosure, EvalError> {
    let factor = Rational::from(c * eps) * delta;
    let root = Enclosure::exact(draws).sqrt(prec)?;
    Ok(Enclosure::exact(factor).mul(&root, prec))
}

/// Whether an enclosure is certainly positive (used only to describe instances).
pub fn positive(e: &Enclosure) -> bool {
    Enclosure::zero().lt(e) == Decision::True
}
