//! LPF scenarios: an instance's parameters turned into a model and an LPF-SPN aggregator.
//!
//! Tables are drawn from the instance's `seed` by a fixed generator (SplitMix64), so that every
//! instance is replayable from its JSON. Parameters:
//! - `classes` `|Y| ∈ 2..=4`, `symbols` (alphabet size), `draws` (`K`), `copies` (each draw seen
//!   `copies` times: 1 is conditionally independent evidence, more is duplicated evidence);
//! - `prior`: `uniform`, `skewed` (class 0 has twice the mass of each other class), `random`
//!   (integer weights 1..=8);
//! - `evidence`: `informative` (likelihood entries 1..=16, normalised), `weak` (entries
//!   14..=18), `uninformative` (one row shared by all classes);
//! - `factors`: `exact` (the single-item posterior `P(y|x)`) or `perturbed` (`P(y|x)(1 ± eps)`,
//!   signs from the seed, renormalised);
//! - `w`, `weights`: `equal` (`w_x = w`) or `varied` (`w_x = w·(x+1)/symbols`).

use super::aggregation::{Aggregator, Model, Root};
use crate::engine::{EvalError, Instance, Value};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// The scenario's seeded table generator (SplitMix64, inputs only, never used to decide).
pub use crate::rng::SplitMix64 as SplitMix;

/// Integer weights normalised to a probability vector.
pub fn normalise(weights: &[u64]) -> Vec<Rational> {
    let total: u64 = weights.iter().sum();
    weights.iter().map(|w| Rational::from((*w, total))).collect()
}

/// A decoded scenario.
pub struct Scenario {
    pub model: Model,
    pub aggregator: Aggregator,
    pub draws: u32,
    pub copies: u32,
    pub w: Rational,
}

fn int(instance: &Instance, name: &str) -> Result<u32, EvalError> {
    Ok(instance.count(name)?)
}

/// The model of an instance (`classes`, `symbols`, `seed`, `prior`, `evidence`).
pub fn model_of(instance: &Instance) -> Result<(Model, SplitMix), EvalError> {
    let classes = int(instance, "classes")? as usize;
    let symbols = int(instance, "symbols")? as usize;
    let mut rng = SplitMix::new(instance.integer("seed")?);
    let prior = match instance.choice("prior")? {
        "uniform" => normalise(&vec![1; classes]),
        "skewed" => normalise(&(0..classes).map(|y| if y == 0 { 2 } else { 1 }).collect::<Vec<_>>()),
        _ => normalise(&(0..classes).map(|_| rng.range(1, 8)).collect::<Vec<_>>()),
    };
    let evidence = instance.choice("evidence")?;
    let shared: Vec<u64> = (0..symbols).map(|_| rng.range(1, 16)).collect();
    let likelihood = (0..classes)
        .map(|_| {
            let row: Vec<u64> = match evidence {
                "uninformative" => shared.clone(),
                "weak" => (0..symbols).map(|_| rng.range(14, 18)).collect(),
                _ => (0..symbols).map(|_| rng.range(1, 16)).collect(),
            };
            normalise(&row)
        })
        .collect();
    let model = Model::new(prior, likelihood).map_err(EvalError::reference)?;
    Ok((model, rng))
}

/// The full LPF-SPN scenario of an instance.
pub fn scenario_of(instance: &Instance) -> Result<Scenario, EvalError> {
    let (model, mut rng) = model_of(instance)?;
    let eps = instance.number("eps")?.clone();
    let w = instance.number("w")?.clone();
    let symbols = model.symbols();
    let mut factors = model.posterior_factors();
    if instance.choice("factors")? == "perturbed" {
        for row in &mut factors {
            for v in row.iter_mut() {
                let sign = if rng.next_u64() & 1 == 0 { 1 } else { -1 };
                *v *= 1 + Rational::from(&eps * sign);
            }
            let total: Rational = row.iter().sum();
            for v in row.iter_mut() {
                *v /= &total;
            }
        }
    }
    let weights = match instance.choice("weights")? {
        "varied" => (0..symbols).map(|x| &w * Rational::from((x as u32 + 1, symbols as u32))).collect(),
        _ => vec![w.clone(); symbols],
    };
    let aggregator = Aggregator::new(Root::Uniform, factors, weights).map_err(EvalError::reference)?;
    Ok(Scenario { model, aggregator, draws: int(instance, "draws")?, copies: int(instance, "copies")?, w })
}

/// The largest `K` drawn for an alphabet of `symbols` letters (keeps the count-vector sums small).
pub fn draws_cap(symbols: u32) -> i64 {
    match symbols {
        1 => 40_000,
        2 => 2_000,
        3 => 60,
        _ => 16,
    }
}

fn log_int(lo: i64, hi: i64) -> BoxedStrategy<i64> {
    let (l, h) = (lo as f64, hi as f64);
    prop_oneof![
        1 => Just(lo),
        1 => Just(hi),
        6 => (0u32..=1000).prop_map(move |f| ((l.ln() + (h.ln() - l.ln()) * f64::from(f) / 1000.0).exp().round() as i64).clamp(lo, hi)),
    ]
    .boxed()
}

fn set(values: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest::sample::select(values).prop_map(|s| Value::Choice(s.to_string())).boxed()
}

fn grid(den: u32, open_zero: bool) -> BoxedStrategy<Rational> {
    let first = u32::from(open_zero);
    (first..=den).prop_map(move |k| Rational::from((k, den))).boxed()
}

/// The LPF scenario strategy: every parameter inside the spec's domains, with `draws` scaled to
/// the alphabet so that a case costs at most a few thousand count vectors.
/// Whether `draws` is within [`draws_cap`] of the alphabet size: the exact sums over count
/// vectors grow like `draws^(symbols−1)`, so the targeted search stays where the draws do.
pub fn affordable(instance: &Instance) -> bool {
    match (instance.integer("symbols"), instance.integer("draws")) {
        (Ok(symbols), Ok(draws)) => u32::try_from(symbols).is_ok_and(|s| draws <= draws_cap(s)),
        _ => true,
    }
}

/// The alphabet size, weighted by the log-length of its range of `K` (`log2` of [`draws_cap`],
/// rounded up), so that `(symbols, log K)` is drawn about uniformly over the affordable region:
/// with `symbols` uniform, the one-letter alphabet's `K` from 2000 to 40000 (where a product of
/// `K` factors compounds a per-item bias the longest) was as rare as the four-letter alphabet's
/// `K ≤ 16`.
fn symbols_by_log_draws() -> BoxedStrategy<i64> {
    let weighted: Vec<(u32, BoxedStrategy<i64>)> =
        (1i64..=4).map(|s| ((draws_cap(s as u32) as f64).log2().ceil() as u32, Just(s).boxed())).collect();
    proptest::strategy::Union::new_weighted(weighted).boxed()
}

pub fn scenario_strategy() -> BoxedStrategy<Instance> {
    (2i64..=4, symbols_by_log_draws())
        .prop_flat_map(|(classes, symbols)| {
            let cap = draws_cap(symbols as u32);
            (
                Just(classes),
                Just(symbols),
                log_int(1, cap),
                0i64..=1_000_000,
                set(&["uniform", "skewed", "random"]),
                set(&["informative", "weak", "uninformative"]),
                set(&["exact", "perturbed"]),
                grid(8, false).prop_map(|e| e / 2u32),
                grid(8, true),
                set(&["equal", "varied"]),
                prop_oneof![3 => Just(1i64), 1 => 2i64..=4],
            )
        })
        .prop_map(|(classes, symbols, draws, seed, prior, evidence, factors, eps, w, weights, copies)| {
            Instance::default()
                .with("classes", Value::Integer(classes))
                .with("symbols", Value::Integer(symbols))
                .with("draws", Value::Integer(draws))
                .with("seed", Value::Integer(seed))
                .with("prior", prior)
                .with("evidence", evidence)
                .with("factors", factors)
                .with("eps", Value::Number(eps))
                .with("w", Value::Number(w))
                .with("weights", weights)
                .with("copies", Value::Integer(copies))
        })
        .boxed()
}

/// An instance with the given values (for edge instances and tests).
#[allow(clippy::too_many_arguments)]
pub fn scenario_instance(
    classes: i64,
    symbols: i64,
    draws: i64,
    seed: i64,
    prior: &str,
    evidence: &str,
    factors: &str,
    eps: Rational,
    w: Rational,
    weights: &str,
    copies: i64,
) -> Instance {
    Instance::default()
        .with("classes", Value::Integer(classes))
        .with("symbols", Value::Integer(symbols))
        .with("draws", Value::Integer(draws))
        .with("seed", Value::Integer(seed))
        .with("prior", Value::Choice(prior.into()))
        .with("evidence", Value::Choice(evidence.into()))
        .with("factors", Value::Choice(factors.into()))
        .with("eps", Value::Number(eps))
        .with("w", Value::Number(w))
        .with("weights", Value::Choice(weights.into()))
        .with("copies", Value::Integer(copies))
}

/// The parameters every scenario claim declares.
pub const SCENARIO_PARAMETERS: [crate::engine::ParamRequirement; 11] = [
    crate::engine::ParamRequirement::integer("classes"),
    crate::engine::ParamRequirement::integer("symbols"),
    crate::engine::ParamRequirement::integer("draws"),
    crate::engine::ParamRequirement::integer("seed"),
    crate::engine::ParamRequirement::set("prior"),
    crate::engine::ParamRequirement::set("evidence"),
    crate::engine::ParamRequirement::set("factors"),
    crate::engine::ParamRequirement::number("eps"),
    crate::engine::ParamRequirement::number("w"),
    crate::engine::ParamRequirement::set("weights"),
    crate::engine::ParamRequirement::integer("copies"),
];
