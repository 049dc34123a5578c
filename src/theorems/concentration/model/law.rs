//! Finite laws as instance parameters, shared by the claims about sums of i.i.d. variables.
//!
//! A law is encoded by four atoms `x0..x3` (rationals on a grid in `[0, 1]`) and integer
//! weights `w0..w3` (`w0 ≥ 1`, the others may be 0): the probability of `x_i` is `w_i / Σw`.
//! Coinciding atoms merge and zero weights give atoms of probability zero, so the family spans
//! point masses, Bernoulli laws and laws with two to four atoms, and every instance prints and
//! replays as plain JSON.

use crate::engine::{instance_strategy, EvalError, Instance, ParamRequirement, Value};
use crate::reference::decimal::format_rational;
use crate::reference::FiniteLaw;
use crate::spec::Spec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

const ATOMS: [&str; 4] = ["x0", "x1", "x2", "x3"];
const WEIGHTS: [&str; 4] = ["w0", "w1", "w2", "w3"];

/// The eight law parameters.
pub const LAW_PARAMETERS: [ParamRequirement; 8] = [
    ParamRequirement::number("x0"),
    ParamRequirement::number("x1"),
    ParamRequirement::number("x2"),
    ParamRequirement::number("x3"),
    ParamRequirement::integer("w0"),
    ParamRequirement::integer("w1"),
    ParamRequirement::integer("w2"),
    ParamRequirement::integer("w3"),
];

/// The law an instance encodes.
pub fn read_law(instance: &Instance) -> Result<FiniteLaw, EvalError> {
    let atoms = ATOMS.iter().map(|a| instance.number(a).cloned()).collect::<Result<Vec<_>, _>>()?;
    let weights = WEIGHTS.iter().map(|w| instance.count(w).map(u64::from)).collect::<Result<Vec<_>, _>>()?;
    FiniteLaw::from_weights(atoms, &weights).map_err(EvalError::reference)
}

/// The law as `{x: p, ...}` for reports.
pub fn describe_law(law: &FiniteLaw) -> String {
    let atoms: Vec<String> = law.support().iter().map(|(x, p)| format!("{}: {}", format_rational(x), format_rational(p))).collect();
    format!("law {{{}}}", atoms.join(", "))
}

/// The spec's instance strategy with `n` pulled (log-proportionally) below `cap(atoms)`, where
/// `atoms` is the number of distinct atoms of positive probability: exact enumerations whose
/// cost grows like `n^(atoms−1)` stay affordable, while two-point laws keep the whole range.
pub fn capped_strategy(spec: &Spec, cap: fn(usize) -> i64) -> BoxedStrategy<Instance> {
    let (min_n, max_n) = match spec.parameters.get("n") {
        Some(crate::spec::Domain::Integer { min, max, .. }) => (*min, *max),
        _ => (1, 1),
    };
    instance_strategy(spec)
        .prop_map(move |instance| {
            let Ok(law) = read_law(&instance) else {
                return instance;
            };
            let Ok(n) = instance.integer("n") else {
                return instance;
            };
            let limit = cap(law.support().len()).max(min_n);
            if n <= limit || max_n <= 1 {
                return instance;
            }
            // Map [1, max_n] onto [1, limit] on a log scale, so large draws stay large-ish.
            let scaled = ((n as f64).ln() * (limit as f64).ln() / (max_n as f64).ln()).exp().round() as i64;
            instance.with("n", Value::Integer(scaled.clamp(min_n, limit)))
        })
        .boxed()
}

/// Whether `n` is at most `cap(atoms)`: the targeted search's cost bound for the same
/// enumerations [`capped_strategy`] keeps random draws inside.
pub fn within_cap(instance: &Instance, cap: fn(usize) -> i64) -> bool {
    match (read_law(instance), instance.integer("n")) {
        (Ok(law), Ok(n)) => n <= cap(law.support().len()),
        _ => true,
    }
}

/// The deviation of a sum drawn as `t = u·n·(max − mean)`, `u ∈ (0, 1]`: every draw lies in the
/// range where the tail can be positive (for a point mass, `t = u`).
pub struct SumDeviation {
    pub law: FiniteLaw,
    pub n: u32,
    pub mean: Rational,
    pub t: Rational,
}

impl SumDeviation {
    pub fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let law = read_law(instance)?;
        let n = instance.count("n")?;
        let u = instance.number("u")?;
        let mean = law.mean();
        let room = Rational::from(law.max() - &mean);
        let t = if room == 0 { u.clone() } else { u * room * n };
        Ok(SumDeviation { law, n, mean, t })
    }

    /// `P(S − ES ≥ t)`, exactly.
    pub fn upper_tail(&self) -> Rational {
        let threshold = Rational::from(&self.mean * self.n) + &self.t;
        self.law.sum_upper_tail(self.n, &threshold)
    }

    pub fn describe(&self) -> String {
        format!("{}, mean {}, t = {}", describe_law(&self.law), format_rational(&self.mean), format_rational(&self.t))
    }
}
