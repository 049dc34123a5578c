//! An exact evidence-aggregation engine: population accuracy, ECE and distance to the Bayes
//! posterior of product-of-factors aggregators (LPF-SPN and the exact Bayes posterior), as finite
//! sums over count vectors.
//!
//! # Model
//! A label `Y` with prior `π` on `{0, …, |Y|−1}`; `K` evidence draws `X_1…X_K` i.i.d. given `Y`
//! from a finite alphabet with rational likelihood table `L[y][x]` (rows sum to 1). With
//! `copies = d > 1` every draw is seen `d` times (duplicated evidence, which is *not*
//! conditionally independent given `Y`): the aggregator sees `dK` items.
//!
//! # Aggregator
//! `q(y | E) ∝ ρ(y) · Π_items Φ̃(y | x_i)`, with `Φ̃(y|x) = Φ(y|x)^{w_x} / Σ_y' Φ(y'|x)^{w_x}` the
//! tempered, individually normalised factor (per-item normalisers cancel, so
//! `q(y|E) ∝ ρ(y) Π_x Φ(y|x)^{w_x d c_x}` with `c` the count vector). LPF-SPN has `ρ` uniform
//! (the author's code: uniform, never re-fitted root leaves); the Bayes posterior is `ρ = π`,
//! `Φ(y|x) = L[y][x]`, `w = 1`. Weights are per evidence symbol (`w_x`), as in LPF where the
//! weight is a function of the item's encoder uncertainty.
//!
//! # Exactness
//! Everything depends on the evidence only through `c`, so population quantities are finite sums
//! over the `C(K+A−1, A−1)` count vectors (`K + 1` for a binary alphabet). With all weights 1
//! and `dK ≤ EXACT_ITEMS` (and exact scores of at most `EXACT_SCORE_BITS` bits) every quantity is an exact rational; otherwise each is an MPFR
//! enclosure (log-domain scores, `ln Γ` by certified cumulative sums). Argmax ties and bin edges
//! are never decided by rounding: near-ties are settled by an exact comparison of rational powers,
//! and a confidence whose enclosure straddles a bin edge is tested for being exactly rational
//! (a sum of positive real radicals of rationals is rational only if each term is, by Mordell's
//! theorem on linear independence of radicals). If it is not, the ECE is reported as `[0, 1]`,
//! which leaves comparisons undecided and makes the runner raise the precision.

use crate::reference::count_vectors::{count_vectors, for_each_count_vector, multinomial};
use crate::reference::ece::{bin_of, enclosure_abs, enclosure_max};
use crate::reference::{Enclosure, Interval};
use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use thiserror::Error;

/// Largest number of aggregated items for which exact rational arithmetic is used.
pub const EXACT_ITEMS: u64 = 600;
/// Largest size, in bits, of an exact score `Π_x Φ(y|x)^{n_x}` (see [`exact_score_bits`]) for
/// which exact rational arithmetic is used. Past it the exact sums cost minutes per instance
/// (ε-perturbed factors with 2048ths at `K = 587`, 60-bit factors: about 35 000 bits, 60 s),
/// while the enclosure path answers in a fraction of a second; the single-item posteriors of the
/// catalogue's tables (at most about 45 bits) stay exact up to `K = 300`.
pub const EXACT_SCORE_BITS: u64 = 16_384;

/// `items` times the largest factor's numerator plus denominator bits: a bound on the size of
/// the exact scores, which is what the exact path's cost grows with.
pub fn exact_score_bits(agg: &Aggregator, items: u64) -> u64 {
    let bits =
        agg.factors.iter().flatten().map(|f| u64::from(f.numer().significant_bits() + f.denom().significant_bits())).max().unwrap_or(0);
    bits.saturating_mul(items)
}

/// Largest number of count vectors the engine enumerates.
pub const MAX_COUNT_VECTORS: u64 = 1_000_000;

/// Why an aggregation problem is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AggregationError {
    #[error("the label set is empty: at least one class is needed")]
    NoClasses,
    #[error("the evidence alphabet is empty: at least one symbol is needed")]
    NoSymbols,
    #[error("{table} has {got} entries where {expected} are needed")]
    Shape { table: &'static str, got: usize, expected: usize },
    #[error("{table} has a negative entry {value} at {at}")]
    Negative { table: &'static str, at: String, value: String },
    #[error("the class prior sums to {0}, not 1")]
    PriorSum(String),
    #[error("the likelihood row of class {class} sums to {sum}, not 1")]
    RowSum { class: usize, sum: String },
    #[error("factor Φ(y = {class} | x = {symbol}) = {value}; factors must be positive")]
    FactorNotPositive { symbol: usize, class: usize, value: String },
    #[error("root prior entry for class {class} is {value}; it must be positive")]
    RootNotPositive { class: usize, value: String },
    #[error("tempering weight w for symbol {symbol} is {value}, outside (0, 1]")]
    WeightOutOfRange { symbol: usize, value: String },
    #[error("K = 0: at least one evidence item is needed")]
    NoItems,
    #[error("the duplication factor (copies) must be at least 1, got 0")]
    ZeroCopies,
    #[error("bins must be at least 1, got 0")]
    ZeroBins,
    #[error("{count} count vectors exceed the engine's limit of {limit}")]
    TooManyCountVectors { count: String, limit: u64 },
    #[error("an exact tie check needs an exponent beyond 2^32 ({0})")]
    ExponentTooLarge(String),
}

fn show(r: &Rational) -> String {
    crate::reference::decimal::format_rational(r)
}

/// The data-generating model: class prior and likelihood table `L[y][x]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    prior: Vec<Rational>,
    likelihood: Vec<Vec<Rational>>,
}

impl Model {
    /// Validates: non-empty, rectangular, non-negative, prior and every row summing to 1.
    pub fn new(prior: Vec<Rational>, likelihood: Vec<Vec<Rational>>) -> Result<Self, AggregationError> {
        if prior.is_empty() {
            return Err(AggregationError::NoClasses);
        }
        if likelihood.len() != prior.len() {
            return Err(AggregationError::Shape { table: "the likelihood table (rows)", got: likelihood.len(), expected: prior.len() });
        }
        let symbols = likelihood[0].len();
        if symbols == 0 {
            return Err(AggregationError::NoSymbols);
        }
        for (y, p) in prior.iter().enumerate() {
            if *p < 0 {
                return Err(AggregationError::Negative { table: "the class prior", at: format!("class {y}"), value: show(p) });
            }
        }
        let total: Rational = prior.iter().sum();
        if total != 1 {
            return Err(AggregationError::PriorSum(show(&total)));
        }
        for (y, row) in likelihood.iter().enumerate() {
            if row.len() != symbols {
                return Err(AggregationError::Shape { table: "a likelihood row", got: row.len(), expected: symbols });
            }
            if let Some((x, v)) = row.iter().enumerate().find(|(_, v)| **v < 0) {
                return Err(AggregationError::Negative {
                    table: "the likelihood table",
                    at: format!("class {y}, symbol {x}"),
                    value: show(v),
                });
            }
            let sum: Rational = row.iter().sum();
            if sum != 1 {
                return Err(AggregationError::RowSum { class: y, sum: show(&sum) });
            }
        }
        Ok(Model { prior, likelihood })
    }

    pub fn classes(&self) -> usize {
        self.prior.len()
    }

    pub fn symbols(&self) -> usize {
        self.likelihood[0].len()
    }

    pub fn prior(&self) -> &[Rational] {
        &self.prior
    }

    pub fn likelihood(&self) -> &[Vec<Rational>] {
        &self.likelihood
    }

    /// `P(X = x)`.
    pub fn marginal(&self, x: usize) -> Rational {
        self.prior.iter().zip(&self.likelihood).map(|(p, row)| Rational::from(p * &row[x])).sum()
    }

    /// The exact single-item posterior `P(y | x)` as a factor table `[x][y]`; symbols of
    /// probability 0 get the prior (they never occur).
    pub fn posterior_factors(&self) -> Vec<Vec<Rational>> {
        (0..self.symbols())
            .map(|x| {
                let m = self.marginal(x);
                (0..self.classes())
                    .map(|y| if m == 0 { self.prior[y].clone() } else { Rational::from(&self.prior[y] * &self.likelihood[y][x]) / &m })
                    .collect()
            })
            .collect()
    }
}

/// The aggregator's root prior `ρ`.
#[derive(Clone, Debug, PartialEq)]
pub enum Root {
    /// Uniform: LPF-SPN as implemented.
    Uniform,
    /// A positive table (the Bayes posterior uses `ρ = π`).
    Table(Vec<Rational>),
    /// `π^e` for a positive prior `π` and an integer `e` (e.g. the correction `π^{1−K}`).
    PriorPower { prior: Vec<Rational>, exponent: i64 },
}

/// A product-of-factors aggregator with per-symbol tempering.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregator {
    root: Root,
    /// `Φ[x][y]`, positive.
    factors: Vec<Vec<Rational>>,
    /// `w_x ∈ (0, 1]`.
    weights: Vec<Rational>,
}

impl Aggregator {
    /// Validates shapes, positivity and `w ∈ (0, 1]`.
    pub fn new(root: Root, factors: Vec<Vec<Rational>>, weights: Vec<Rational>) -> Result<Self, AggregationError> {
        if factors.is_empty() {
            return Err(AggregationError::NoSymbols);
        }
        let classes = factors[0].len();
        if classes == 0 {
            return Err(AggregationError::NoClasses);
        }
        if weights.len() != factors.len() {
            return Err(AggregationError::Shape { table: "the weights", got: weights.len(), expected: factors.len() });
        }
        for (x, row) in factors.iter().enumerate() {
            if row.len() != classes {
                return Err(AggregationError::Shape { table: "a factor row", got: row.len(), expected: classes });
            }
            if let Some((y, v)) = row.iter().enumerate().find(|(_, v)| **v <= 0) {
                return Err(AggregationError::FactorNotPositive { symbol: x, class: y, value: show(v) });
            }
        }
        for (x, w) in weights.iter().enumerate() {
            if *w <= 0 || *w > 1 {
                return Err(AggregationError::WeightOutOfRange { symbol: x, value: show(w) });
            }
        }
        let root_table = match &root {
            Root::Uniform => None,
            Root::Table(t) | Root::PriorPower { prior: t, .. } => Some(t),
        };
        if let Some(t) = root_table {
            if t.len() != classes {
                return Err(AggregationError::Shape { table: "the root prior", got: t.len(), expected: classes });
            }
            if let Some((y, v)) = t.iter().enumerate().find(|(_, v)| **v <= 0) {
                return Err(AggregationError::RootNotPositive { class: y, value: show(v) });
            }
        }
        Ok(Aggregator { root, factors, weights })
    }

    /// LPF-SPN: uniform root, tempered factors.
    pub fn lpf_spn(factors: Vec<Vec<Rational>>, weights: Vec<Rational>) -> Result<Self, AggregationError> {
        Aggregator::new(Root::Uniform, factors, weights)
    }

    /// The exact Bayes posterior of `model` (needs a positive prior and positive likelihoods).
    pub fn bayes(model: &Model) -> Result<Self, AggregationError> {
        let factors = (0..model.symbols()).map(|x| (0..model.classes()).map(|y| model.likelihood[y][x].clone()).collect()).collect();
        Aggregator::new(Root::Table(model.prior.clone()), factors, vec![Rational::from(1); model.symbols()])
    }

    pub fn factors(&self) -> &[Vec<Rational>] {
        &self.factors
    }

    pub fn weights(&self) -> &[Rational] {
        &self.weights
    }

    fn classes(&self) -> usize {
        self.factors[0].len()
    }

    /// The exact root value `ρ(y)` (only used in exact mode).
    fn root_value(&self, y: usize) -> Rational {
        match &self.root {
            Root::Uniform => Rational::from(1),
            Root::Table(t) => t[y].clone(),
            Root::PriorPower { prior, exponent } => rational_pow(&prior[y], *exponent),
        }
    }

    /// `ln ρ(y) − ln ρ(y')` and the exact ratio and integer exponent it is the log of.
    fn root_log_ratio(&self, y: usize, z: usize) -> Option<(Rational, i64)> {
        match &self.root {
            Root::Uniform => None,
            Root::Table(t) => Some((Rational::from(&t[y] / &t[z]), 1)),
            Root::PriorPower { prior, exponent } => Some((Rational::from(&prior[y] / &prior[z]), *exponent)),
        }
    }
}

fn rational_pow(r: &Rational, e: i64) -> Rational {
    let magnitude = u32::try_from(e.unsigned_abs()).unwrap_or(u32::MAX);
    let p = Rational::from(r.pow(magnitude));
    if e < 0 {
        p.recip()
    } else {
        p
    }
}

/// A population problem: model, aggregator, number of independent draws, duplication factor.
#[derive(Clone, Debug)]
pub struct Setup<'a> {
    pub model: &'a Model,
    pub aggregator: &'a Aggregator,
    /// `K`, the number of distinct draws.
    pub draws: u32,
    /// Each draw is seen this many times (1: conditionally independent evidence).
    pub copies: u32,
}

/// Population quantities of an aggregator.
#[derive(Clone, Debug)]
pub struct Population {
    /// `P(Y = ŷ)`, the top label chosen with ties to the lowest index (numpy's argmax).
    pub accuracy: Enclosure,
    /// Binned top-label ECE (catalogue convention); `[0, 1]` if a bin membership is undecided.
    pub ece: Enclosure,
    /// Maximum calibration error over bins of positive mass.
    pub mce: Enclosure,
    /// `E_E[TV(q(·|E), P(·|E))]`, the expected total-variation distance to the Bayes posterior.
    pub expected_tv: Enclosure,
    /// `E[−ln q(Y|E)]`, the aggregator's expected log-loss (nats).
    pub log_loss: Enclosure,
    /// `H(Y | E) = E[−ln P(Y|E)]`, the Bayes log-loss: the information-theoretic lower bound on
    /// the expected log-loss of any predictor of `Y` from `E`.
    pub conditional_entropy: Enclosure,
    /// The canonical (unbinned) top-label calibration error, in exact mode only.
    pub calibration_error: Option<Rational>,
    /// Whether a bin membership stayed undecided at this precision.
    pub undecided_bins: bool,
    pub exact: bool,
    pub vectors: u64,
    /// Least `Σ_i w_i` over evidence of positive probability.
    pub min_sum_weights: Rational,
    /// Least Kish effective size `(Σ w_i)² / Σ w_i²` over evidence of positive probability.
    pub min_kish: Rational,
    /// Reliability diagram: per bin (mass, Σ P·correct, Σ P·conf), exact mode only.
    pub bins_exact: Option<BTreeMap<u32, (Rational, Rational, Rational)>>,
}

struct Accumulator {
    accuracy: Enclosure,
    bins: BTreeMap<u32, (Enclosure, Enclosure, Enclosure)>,
    tv: Enclosure,
    log_loss: Enclosure,
    entropy: Enclosure,
    canonical: BTreeMap<Rational, Rational>,
    undecided: bool,
    with_log_loss: bool,
    min_sum_w: Option<Rational>,
    min_kish: Option<Rational>,
}

impl Accumulator {
    fn add(&mut self, bin: Option<u32>, mass: &Enclosure, correct: &Enclosure, conf: &Enclosure, prec: u32) {
        self.accuracy = self.accuracy.add(correct, prec);
        match bin {
            None => self.undecided = true,
            Some(b) => {
                let e = self.bins.entry(b).or_insert_with(|| (Enclosure::zero(), Enclosure::zero(), Enclosure::zero()));
                e.0 = e.0.add(mass, prec);
                e.1 = e.1.add(correct, prec);
                e.2 = e.2.add(&mass.mul(conf, prec), prec);
            }
        }
    }
}

/// Computes accuracy, ECE with `bins` bins, MCE and expected TV to the Bayes posterior
/// (`log_loss` and `conditional_entropy` are left at 0; see [`population_with_log_loss`]).
pub fn population(setup: &Setup, bins: u32, prec: u32) -> Result<Population, AggregationError> {
    population_impl(setup, bins, prec, false)
}

/// As [`population`], and also the expected log-loss and `H(Y|E)` (one logarithm per class and
/// count vector, so only computed when asked for).
pub fn population_with_log_loss(setup: &Setup, bins: u32, prec: u32) -> Result<Population, AggregationError> {
    population_impl(setup, bins, prec, true)
}

fn population_impl(setup: &Setup, bins: u32, prec: u32, log_loss: bool) -> Result<Population, AggregationError> {
    let (model, agg) = (setup.model, setup.aggregator);
    if bins == 0 {
        return Err(AggregationError::ZeroBins);
    }
    if setup.draws == 0 {
        return Err(AggregationError::NoItems);
    }
    if setup.copies == 0 {
        return Err(AggregationError::ZeroCopies);
    }
    if agg.classes() != model.classes() {
        return Err(AggregationError::Shape { table: "the aggregator's factor rows", got: agg.classes(), expected: model.classes() });
    }
    if agg.factors.len() != model.symbols() {
        return Err(AggregationError::Shape { table: "the aggregator's factor table", got: agg.factors.len(), expected: model.symbols() });
    }
    let count = count_vectors(setup.draws, model.symbols());
    if count > MAX_COUNT_VECTORS {
        return Err(AggregationError::TooManyCountVectors { count: count.to_string(), limit: MAX_COUNT_VECTORS });
    }
    let items = u64::from(setup.draws) * u64::from(setup.copies);
    let exact = agg.weights.iter().all(|w| *w == 1) && items <= EXACT_ITEMS && exact_score_bits(agg, items) <= EXACT_SCORE_BITS;
    let mut acc = Accumulator {
        accuracy: Enclosure::zero(),
        bins: BTreeMap::new(),
        tv: Enclosure::zero(),
        log_loss: Enclosure::zero(),
        entropy: Enclosure::zero(),
        canonical: BTreeMap::new(),
        undecided: false,
        with_log_loss: log_loss,
        min_sum_w: None,
        min_kish: None,
    };
    let ctx = if exact { None } else { Some(IntervalContext::new(setup, prec)) };
    let mut vectors = 0u64;
    for_each_count_vector(setup.draws, model.symbols(), |c| {
        vectors += 1;
        // Positive probability: some class with positive prior generates every used symbol.
        let possible =
            (0..model.classes()).any(|y| model.prior[y] > 0 && c.iter().zip(&model.likelihood[y]).all(|(n, l)| *n == 0 || *l > 0));
        if !possible {
            return Ok(());
        }
        track_effective_sizes(&mut acc, c, setup);
        match &ctx {
            None => exact_vector(&mut acc, setup, c, bins, prec),
            Some(ctx) => ctx.vector(&mut acc, setup, c, bins, prec),
        }
    })?;
    let mut ece = Enclosure::zero();
    let mut mce = Enclosure::zero();
    for (mass, correct, confmass) in acc.bins.values() {
        let gap = enclosure_abs(&correct.sub(confmass, prec), prec);
        ece = ece.add(&gap, prec);
        if let Ok(per) = gap.div(mass, prec) {
            mce = enclosure_max(&mce, &per, prec);
        }
    }
    let unit = || -> Enclosure { Interval::new(Float::with_val(prec, 0), Float::with_val(prec, 1)).expect("ordered").into() };
    if acc.undecided {
        ece = unit();
        mce = unit();
    }
    let calibration_error = exact.then(|| acc.canonical.values().map(|v| v.clone().abs()).sum());
    let bins_exact = exact.then(|| {
        acc.bins
            .iter()
            .filter_map(|(b, (m, r, c))| Some((*b, (m.as_exact()?.clone(), r.as_exact()?.clone(), c.as_exact()?.clone()))))
            .collect()
    });
    Ok(Population {
        accuracy: acc.accuracy,
        ece,
        mce,
        expected_tv: acc.tv,
        log_loss: acc.log_loss,
        conditional_entropy: acc.entropy,
        calibration_error,
        undecided_bins: acc.undecided,
        exact,
        vectors,
        min_sum_weights: acc.min_sum_w.unwrap_or_default(),
        min_kish: acc.min_kish.unwrap_or_default(),
        bins_exact,
    })
}

fn track_effective_sizes(acc: &mut Accumulator, c: &[u32], setup: &Setup) {
    let d = Rational::from(setup.copies);
    let w = &setup.aggregator.weights;
    let sum: Rational = c.iter().zip(w).map(|(n, w)| Rational::from(w * *n)).sum::<Rational>() * &d;
    let sum_sq: Rational = c.iter().zip(w).map(|(n, w)| Rational::from(w.square_ref()) * *n).sum::<Rational>() * &d;
    let kish = Rational::from(sum.square_ref()) / sum_sq;
    if acc.min_sum_w.as_ref().is_none_or(|m| sum < *m) {
        acc.min_sum_w = Some(sum);
    }
    if acc.min_kish.as_ref().is_none_or(|m| kish < *m) {
        acc.min_kish = Some(kish);
    }
}

/// The whole line: what is known about a value whose enclosure could not be formed (keeps
/// comparisons undecided instead of panicking).
fn unknown(prec: u32) -> Enclosure {
    Interval::entire(prec).into()
}

/// Adds `Σ_y P(c,y)(−ln q(y|c))` and `Σ_y P(c,y)(−ln P(y|c))` for one count vector.
fn add_log_losses(acc: &mut Accumulator, joint: &[Enclosure], mass: &Enclosure, ln_q: &[Enclosure], prec: u32) {
    for (j, lq) in joint.iter().zip(ln_q) {
        if j.as_exact().is_some_and(|v| *v == 0) {
            continue;
        }
        acc.log_loss = acc.log_loss.sub(&j.mul(lq, prec), prec);
        // ln P(y|c) = ln P(c,y) − ln P(c); the bracket keeps it ≤ 0 when the enclosures allow.
        if let (Ok(lj), Ok(lm)) = (j.ln(prec), mass.ln(prec)) {
            acc.entropy = acc.entropy.sub(&j.mul(&lj.sub(&lm, prec), prec), prec);
        }
    }
}

/// Index of the first maximum.
fn first_argmax(v: &[Rational]) -> usize {
    let mut best = 0;
    for (i, x) in v.iter().enumerate() {
        if *x > v[best] {
            best = i;
        }
    }
    best
}

/// `ln n!`, enclosed with MPFR's correctly rounded `ln Γ` in both directions.
fn ln_factorial(n: u32, prec: u32) -> Enclosure {
    if n <= 1 {
        return Enclosure::zero();
    }
    let at = |round| {
        let mut x = Float::with_val(prec, n + 1);
        x.ln_gamma_round(round);
        x
    };
    Interval::new(at(rug::float::Round::Down), at(rug::float::Round::Up)).expect("ordered by rounding").into()
}

/// `P(c, y)` exactly: `π(y) · multinomial(c) · Π_x L[y][x]^{c_x}`.
pub fn exact_joint(model: &Model, c: &[u32]) -> Vec<Rational> {
    let coefficient = Rational::from(multinomial(c));
    (0..model.classes())
        .map(|y| {
            let mut p = Rational::from(&model.prior[y] * &coefficient);
            for (x, n) in c.iter().enumerate() {
                p *= model.likelihood[y][x].clone().pow(*n);
            }
            p
        })
        .collect()
}

fn exact_vector(acc: &mut Accumulator, setup: &Setup, c: &[u32], bins: u32, prec: u32) -> Result<(), AggregationError> {
    let (model, agg) = (setup.model, setup.aggregator);
    let joint = exact_joint(model, c);
    let score: Vec<Rational> = (0..model.classes())
        .map(|y| {
            let mut s = agg.root_value(y);
            for (x, n) in c.iter().enumerate() {
                s *= agg.factors[x][y].clone().pow(*n * setup.copies);
            }
            s
        })
        .collect();
    let total_score: Rational = score.iter().sum();
    let q: Vec<Rational> = score.iter().map(|s| Rational::from(s / &total_score)).collect();
    let mass: Rational = joint.iter().sum();
    let top = first_argmax(&q);
    let conf = q[top].clone();
    let correct = joint[top].clone();
    let tv: Rational = q.iter().zip(&joint).map(|(qy, jy)| (Rational::from(qy * &mass) - jy).abs()).sum::<Rational>() / 2;
    acc.tv = acc.tv.add(&Enclosure::exact(tv), prec);
    if acc.with_log_loss {
        let ln_q: Vec<Enclosure> = q.iter().map(|v| Enclosure::exact(v.clone()).ln(prec).unwrap_or_else(|_| unknown(prec))).collect();
        add_log_losses(acc, &joint.iter().cloned().map(Enclosure::exact).collect::<Vec<_>>(), &Enclosure::exact(mass.clone()), &ln_q, prec);
    }
    *acc.canonical.entry(conf.clone()).or_default() += &correct - Rational::from(&mass * &conf);
    let bin = bin_of(&conf, bins);
    acc.add(Some(bin), &Enclosure::exact(mass), &Enclosure::exact(correct), &Enclosure::exact(conf), prec);
    Ok(())
}

/// Precomputed logarithms for the enclosure path.
struct IntervalContext {
    /// `ln π(y) `, `None` when `π(y) = 0`.
    ln_prior: Vec<Option<Enclosure>>,
    /// `ln L[y][x]`, `None` when zero.
    ln_likelihood: Vec<Vec<Option<Enclosure>>>,
    /// `w_x ln(Φ[x][y] / Φ[x][z])`, indexed `[x][y][z]`.
    log_ratio: Vec<Vec<Vec<Enclosure>>>,
    /// `ln ρ(y) − ln ρ(z)`, indexed `[y][z]`.
    root_ratio: Vec<Vec<Enclosure>>,
}

fn ln_of(r: &Rational, prec: u32) -> Enclosure {
    Enclosure::exact(r.clone()).ln(prec).expect("positive by validation")
}

impl IntervalContext {
    fn new(setup: &Setup, prec: u32) -> Self {
        let (model, agg) = (setup.model, setup.aggregator);
        let classes = model.classes();
        let ln_prior = model.prior.iter().map(|p| (*p > 0).then(|| ln_of(p, prec))).collect();
        let ln_likelihood = model.likelihood.iter().map(|row| row.iter().map(|l| (*l > 0).then(|| ln_of(l, prec))).collect()).collect();
        let log_ratio = agg
            .factors
            .iter()
            .zip(&agg.weights)
            .map(|(row, w)| {
                (0..classes)
                    .map(|y| {
                        (0..classes)
                            .map(|z| ln_of(&Rational::from(&row[y] / &row[z]), prec).mul(&Enclosure::exact(w.clone()), prec))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let root_ratio = (0..classes)
            .map(|y| {
                (0..classes)
                    .map(|z| match agg.root_log_ratio(y, z) {
                        None => Enclosure::zero(),
                        Some((r, e)) => ln_of(&r, prec).mul(&Enclosure::exact(e), prec),
                    })
                    .collect()
            })
            .collect();
        IntervalContext { ln_prior, ln_likelihood, log_ratio, root_ratio }
    }

    /// `P(c, y)` through logarithms, for large `K`.
    fn log_joint(&self, setup: &Setup, c: &[u32], prec: u32) -> Vec<Enclosure> {
        let mut ln_coefficient = ln_factorial(setup.draws, prec);
        for n in c {
            ln_coefficient = ln_coefficient.sub(&ln_factorial(*n, prec), prec);
        }
        (0..setup.model.classes())
            .map(|y| {
                let Some(mut l) = self.ln_prior[y].clone().map(|p| p.add(&ln_coefficient, prec)) else { return Enclosure::zero() };
                for (x, n) in c.iter().enumerate() {
                    if *n > 0 {
                        match &self.ln_likelihood[y][x] {
                            None => return Enclosure::zero(),
                            Some(ll) => l = l.add(&ll.mul(&Enclosure::exact(*n), prec), prec),
                        }
                    }
                }
                l.exp(prec)
            })
            .collect()
    }

    /// `ln q(y) − ln q(z)` up to the common normaliser.
    fn score_gap(&self, setup: &Setup, c: &[u32], y: usize, z: usize, prec: u32) -> Enclosure {
        let mut s = self.root_ratio[y][z].clone();
        for (x, n) in c.iter().enumerate() {
            if *n > 0 {
                let items = Enclosure::exact(u64::from(*n) * u64::from(setup.copies));
                s = s.add(&self.log_ratio[x][y][z].mul(&items, prec), prec);
            }
        }
        s
    }

    fn vector(&self, acc: &mut Accumulator, setup: &Setup, c: &[u32], bins: u32, prec: u32) -> Result<(), AggregationError> {
        let classes = setup.model.classes();
        let joint: Vec<Enclosure> = if u64::from(setup.draws) <= EXACT_ITEMS {
            // The law of the evidence is rational: keep it exact while that is cheap, so that
            // only the aggregator's irrational powers are enclosed.
            exact_joint(setup.model, c).into_iter().map(Enclosure::exact).collect()
        } else {
            self.log_joint(setup, c, prec)
        };
        // The first maximum, with near-ties settled exactly.
        let mut top = 0;
        let mut tied = vec![false; classes];
        for y in 1..classes {
            match self.compare(setup, c, y, top, prec)? {
                Ordering::Greater => top = y,
                Ordering::Equal | Ordering::Less => {}
            }
        }
        let mut denominator = Enclosure::one();
        let mut ratios = vec![Enclosure::one(); classes];
        for y in (0..classes).filter(|y| *y != top) {
            if self.compare(setup, c, y, top, prec)? == Ordering::Equal {
                tied[y] = true;
            } else {
                ratios[y] = self.score_gap(setup, c, y, top, prec).exp(prec);
            }
            denominator = denominator.add(&ratios[y], prec);
        }
        let mut conf = Enclosure::one().div(&denominator, prec).expect("denominator ≥ 1");
        let mut bin = certified_bin(&conf, bins, prec);
        if bin.is_none() {
            // Exactly on an edge only if every non-tied ratio is rational.
            if let Some(exact) = self.exact_confidence(setup, c, top, &tied)? {
                bin = Some(bin_of(&exact, bins));
                conf = Enclosure::exact(exact);
            }
        }
        let mass = joint.iter().fold(Enclosure::zero(), |s, j| s.add(j, prec));
        let mut tv = Enclosure::zero();
        for y in 0..classes {
            let qy = ratios[y].mul(&conf, prec);
            tv = tv.add(&enclosure_abs(&mass.mul(&qy, prec).sub(&joint[y], prec), prec), prec);
        }
        acc.tv = acc.tv.add(&tv.mul(&Enclosure::exact(Rational::from((1, 2))), prec), prec);
        if acc.with_log_loss {
            let ln_conf = conf.ln(prec).unwrap_or_else(|_| unknown(prec));
            let ln_q: Vec<Enclosure> = (0..classes)
                .map(|y| if y == top || tied[y] { ln_conf.clone() } else { self.score_gap(setup, c, y, top, prec).add(&ln_conf, prec) })
                .collect();
            add_log_losses(acc, &joint, &mass, &ln_q, prec);
        }
        acc.add(bin, &mass, &joint[top], &conf, prec);
        Ok(())
    }

    /// Compares the scores of `y` and `z`: by enclosure when they separate, else exactly.
    fn compare(&self, setup: &Setup, c: &[u32], y: usize, z: usize, prec: u32) -> Result<Ordering, AggregationError> {
        let gap = self.score_gap(setup, c, y, z, prec);
        let zero = Enclosure::zero();
        match gap.certified_cmp(&zero) {
            Some(o) if o != Ordering::Equal || gap.as_exact().is_some() => Ok(o),
            _ => {
                let (product, _) = exact_power_product(setup, c, y, z)?;
                Ok(product.cmp(&Rational::from(1)))
            }
        }
    }

    /// The exact confidence when every score ratio to the top class is rational.
    fn exact_confidence(&self, setup: &Setup, c: &[u32], top: usize, tied: &[bool]) -> Result<Option<Rational>, AggregationError> {
        let mut denominator = Rational::from(1);
        for y in (0..tied.len()).filter(|y| *y != top) {
            if tied[y] {
                denominator += 1;
                continue;
            }
            let (product, root) = exact_power_product(setup, c, y, top)?;
            match rational_root(&product, root) {
                Some(r) => denominator += r,
                None => return Ok(None),
            }
        }
        Ok(Some(denominator.recip()))
    }
}

/// `(q(y)/q(z))^{D/g}` exactly, with `D` the common denominator of the weights and `g` the gcd of
/// all exponents with `D`; returns the product and `D/g`, so that `q(y)/q(z) = product^{g/D}`.
fn exact_power_product(setup: &Setup, c: &[u32], y: usize, z: usize) -> Result<(Rational, u32), AggregationError> {
    let agg = setup.aggregator;
    let mut common = Integer::from(1);
    for w in &agg.weights {
        common.lcm_mut(w.denom());
    }
    // (base ratio, integer exponent in units of 1/common).
    let mut terms: Vec<(Rational, Integer)> = Vec::new();
    if let Some((r, e)) = agg.root_log_ratio(y, z) {
        terms.push((r, Integer::from(&common * e)));
    }
    for (x, n) in c.iter().enumerate() {
        if *n > 0 {
            let ratio = Rational::from(&agg.factors[x][y] / &agg.factors[x][z]);
            let e = Rational::from(&agg.weights[x] * &common) * Rational::from(u64::from(*n) * u64::from(setup.copies));
            terms.push((ratio, e.numer().clone()));
        }
    }
    terms.retain(|(r, e)| *r != 1 && *e != 0);
    let mut g = common.clone();
    for (_, e) in &terms {
        g.gcd_mut(e);
    }
    let mut product = Rational::from(1);
    for (r, e) in terms {
        let e = e / &g;
        let (base, magnitude) = if e < 0 { (r.recip(), (-e)) } else { (r, e) };
        let m = magnitude.to_u32().ok_or_else(|| AggregationError::ExponentTooLarge(magnitude.to_string()))?;
        product *= base.pow(m);
    }
    let root = Integer::from(&common / &g).to_u32().ok_or_else(|| AggregationError::ExponentTooLarge(common.to_string()))?;
    Ok((product, root))
}

/// The rational `k`-th root of a positive rational, if it is one.
fn rational_root(r: &Rational, k: u32) -> Option<Rational> {
    if k == 1 {
        return Some(r.clone());
    }
    let exact_root = |n: &Integer| {
        let root = Integer::from(n.root_ref(k));
        (root.clone().pow(k) == *n).then_some(root)
    };
    Some(Rational::from((exact_root(r.numer())?, exact_root(r.denom())?)))
}

/// The bin of a confidence enclosure when it certainly lies inside one bin.
fn certified_bin(conf: &Enclosure, bins: u32, prec: u32) -> Option<u32> {
    if let Some(r) = conf.as_exact() {
        return Some(bin_of(r, bins));
    }
    let i = conf.to_interval(prec);
    let lo = i.lo().to_rational()?;
    let hi = i.hi().to_rational()?;
    let (a, b) = (bin_of(&lo, bins), bin_of(&hi, bins));
    // Bins are intervals, so both endpoints in one bin puts the whole enclosure there (an
    // endpoint exactly on an edge j/B is assigned to the lower bin by `bin_of`, as the value is).
    if a == b {
        Some(a)
    } else {
        None
    }
}

/// Calibration of a single-item factor table `Φ[x][y]` as a predictor of `Y` from one draw:
/// the larger of the class-wise sup error `max_{y, p} |P(Y = y | Φ(y|X) = p) − p|` and the
/// canonical top-label error `E|P(Y = ŷ | conf) − conf|`. Exact.
pub fn factor_calibration(model: &Model, factors: &[Vec<Rational>]) -> Rational {
    let marginals: Vec<Rational> = (0..model.symbols()).map(|x| model.marginal(x)).collect();
    let mut sup = Rational::new();
    for (y, (prior_y, row_y)) in model.prior.iter().zip(&model.likelihood).enumerate() {
        let mut groups: BTreeMap<Rational, (Rational, Rational)> = BTreeMap::new();
        for (x, m) in marginals.iter().enumerate().filter(|(_, m)| **m > 0) {
            let e = groups.entry(factors[x][y].clone()).or_default();
            e.0 += m;
            e.1 += Rational::from(prior_y * &row_y[x]);
        }
        for (p, (m, hit)) in groups {
            let gap = (Rational::from(&hit / &m) - &p).abs();
            if gap > sup {
                sup = gap;
            }
        }
    }
    let mut top_groups: BTreeMap<Rational, Rational> = BTreeMap::new();
    for (x, m) in marginals.iter().enumerate().filter(|(_, m)| **m > 0) {
        let top = first_argmax(&factors[x]);
        let conf = factors[x][top].clone() / factors[x].iter().sum::<Rational>();
        let hit = Rational::from(&model.prior[top] * &model.likelihood[top][x]);
        *top_groups.entry(conf.clone()).or_default() += hit - Rational::from(m * &conf);
    }
    let canonical: Rational = top_groups.into_values().map(Rational::abs).sum();
    if canonical > sup {
        canonical
    } else {
        sup
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    fn binary_model() -> Model {
        Model::new(vec![q(1, 2), q(1, 2)], vec![vec![q(3, 4), q(1, 4)], vec![q(1, 4), q(3, 4)]]).unwrap()
    }

    #[test]
    fn bayes_posterior_is_calibrated_exactly() {
        let model = Model::new(vec![q(2, 3), q(1, 3)], vec![vec![q(3, 4), q(1, 4)], vec![q(1, 5), q(4, 5)]]).unwrap();
        let bayes = Aggregator::bayes(&model).unwrap();
        let p = population(&Setup { model: &model, aggregator: &bayes, draws: 7, copies: 1 }, 10, 64).unwrap();
        assert!(p.exact);
        assert_eq!(p.ece, Enclosure::zero());
        assert_eq!(p.expected_tv, Enclosure::zero());
        assert_eq!(p.calibration_error, Some(Rational::new()));
    }

    #[test]
    fn lpf_spn_with_uniform_prior_and_exact_factors_is_bayes() {
        let model = binary_model();
        let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 1); 2]).unwrap();
        let p = population(&Setup { model: &model, aggregator: &spn, draws: 9, copies: 1 }, 10, 64).unwrap();
        assert_eq!(p.expected_tv, Enclosure::zero());
        assert_eq!(p.ece, Enclosure::zero());
    }

    #[test]
    fn interval_path_agrees_with_exact_path() {
        // w = 1 with many items forces the enclosure path; compare with exact at the same K.
        let model = Model::new(
            vec![q(1, 2), q(1, 4), q(1, 4)],
            vec![vec![q(1, 2), q(1, 4), q(1, 4)], vec![q(1, 8), q(5, 8), q(1, 4)], vec![q(1, 3), q(1, 3), q(1, 3)]],
        )
        .unwrap();
        let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 1); 3]).unwrap();
        let setup = Setup { model: &model, aggregator: &spn, draws: 12, copies: 1 };
        let exact = population(&setup, 10, 64).unwrap();
        let ctx = IntervalContext::new(&setup, 128);
        let mut acc = Accumulator {
            accuracy: Enclosure::zero(),
            bins: BTreeMap::new(),
            tv: Enclosure::zero(),
            log_loss: Enclosure::zero(),
            entropy: Enclosure::zero(),
            canonical: BTreeMap::new(),
            undecided: false,
            with_log_loss: false,
            min_sum_w: None,
            min_kish: None,
        };
        for_each_count_vector(12, 3, |c| ctx.vector(&mut acc, &setup, c, 10, 128)).unwrap();
        let a = exact.accuracy.as_exact().unwrap();
        assert!(acc.accuracy.contains(a), "{} vs {}", acc.accuracy, a);
        assert!(!acc.undecided);
    }

    #[test]
    fn exact_ties_under_tempering_are_detected() {
        // Symmetric evidence, w = 1/2: at c = (2, 2) the two classes tie exactly; conf = 1/2.
        let model = binary_model();
        let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 2); 2]).unwrap();
        let p = population(&Setup { model: &model, aggregator: &spn, draws: 4, copies: 1 }, 10, 64).unwrap();
        assert!(!p.exact);
        assert!(!p.undecided_bins);
        // Accuracy: ties go to class 0; symmetric model so accuracy equals Bayes accuracy.
        let bayes = Aggregator::bayes(&model).unwrap();
        let b = population(&Setup { model: &model, aggregator: &bayes, draws: 4, copies: 1 }, 10, 64).unwrap();
        assert!(p.accuracy.contains(b.accuracy.as_exact().unwrap()));
    }

    #[test]
    fn duplicated_evidence_is_overconfident() {
        let model = binary_model();
        let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 1); 2]).unwrap();
        let once = population(&Setup { model: &model, aggregator: &spn, draws: 1, copies: 1 }, 10, 64).unwrap();
        let thrice = population(&Setup { model: &model, aggregator: &spn, draws: 1, copies: 3 }, 10, 64).unwrap();
        assert_eq!(once.ece, Enclosure::zero());
        // conf = 27/28 vs accuracy 3/4.
        assert_eq!(thrice.ece, Enclosure::exact(q(27, 28) - q(3, 4)));
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        assert_eq!(Model::new(vec![q(1, 2), q(1, 3)], vec![vec![q(1, 1)], vec![q(1, 1)]]), Err(AggregationError::PriorSum("5/6".into())));
        assert!(matches!(
            Model::new(vec![q(1, 2), q(1, 2)], vec![vec![q(1, 2), q(1, 3)], vec![q(1, 1), q(0, 1)]]),
            Err(AggregationError::RowSum { class: 0, .. })
        ));
        assert!(matches!(Aggregator::lpf_spn(vec![vec![q(1, 2), q(1, 2)]], vec![q(0, 1)]), Err(AggregationError::WeightOutOfRange { .. })));
        assert!(matches!(Aggregator::lpf_spn(vec![vec![q(1, 2), q(1, 2)]], vec![q(3, 2)]), Err(AggregationError::WeightOutOfRange { .. })));
        let model = binary_model();
        let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 1); 2]).unwrap();
        assert_eq!(
            population(&Setup { model: &model, aggregator: &spn, draws: 0, copies: 1 }, 10, 64).unwrap_err(),
            AggregationError::NoItems
        );
        assert_eq!(
            population(&Setup { model: &model, aggregator: &spn, draws: 3, copies: 1 }, 0, 64).unwrap_err(),
            AggregationError::ZeroBins
        );
    }
}
