//! LPF Theorem 2 at the level of the aggregated LPF-SPN posterior, as published: the posterior
//! built from Monte Carlo factors has error `O(1/√M)`, read as `E|P̂(y|E) − P(y|E)| ≤ C/√M` for
//! every `M` and every model with `K ≤ 3` factors, with one unspecified constant `C`.
//!
//! # Statement
//! arXiv:2603.15674, Theorem 2 ("factor approximation error decays as O(1/√M)"), carried to
//! the posterior the factors feed into. The abstract names no dependence of the constant on `K`
//! or on the decoders; a constant may depend on `K` (the check lets `K` range over 1..3 and
//! reports which `K` a counterexample has) but not on the model's decoders.
//!
//! # Formula
//! See [`PosteriorModel`](super::posterior::PosteriorModel): `E|P̂ − P|` is exact by
//! enumeration when there are at most 20 000 joint outcomes and `M ≤ 400`; otherwise it is enclosed by a
//! certified lower bound (the events `{B_i = 0}`, `{B_i = M}`) and a certified upper bound (a
//! Lipschitz bound), so every decision is certified and any other instance stays undecided.
//! The right side is `C/√M`.
//!
//! # Examples
//! ```
//! use theoremcheck::theorems::monte_carlo::LpfTheorem2Posterior;
//! use theoremcheck::engine::Theorem;
//! assert_eq!(LpfTheorem2Posterior.constants(), &["C"]);
//! ```

use super::posterior::PosteriorModel;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::decimal::format_rational;
use crate::reference::Enclosure;
use crate::spec::Spec;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// `√(c²/M)` for a rational `c`: exact when it is a rational square.
fn over_sqrt_m(c: &Rational, m: u32, prec: u32) -> Result<Enclosure, EvalError> {
    Ok(Enclosure::exact(Rational::from(c.square_ref()) / m).sqrt(prec)?)
}

/// `E|P̂ − P| ≤ C/√M` for the LPF-SPN posterior, `C` from the spec.
pub struct LpfTheorem2Posterior;

pub(crate) const POSTERIOR_PARAMETERS: [ParamRequirement; 11] = [
    ParamRequirement::integer("K"),
    ParamRequirement::integer("M"),
    ParamRequirement::number("b1"),
    ParamRequirement::number("w1"),
    ParamRequirement::number("q1"),
    ParamRequirement::number("b2"),
    ParamRequirement::number("w2"),
    ParamRequirement::number("q2"),
    ParamRequirement::number("b3"),
    ParamRequirement::number("w3"),
    ParamRequirement::number("q3"),
];

pub(crate) fn describe_posterior(instance: &Instance) -> Option<String> {
    let model = PosteriorModel::from_instance(instance).ok()?;
    let phis: Vec<String> = model.factors.iter().map(|f| format_rational(&f.factor())).collect();
    Some(format!("Φ = ({}), P = {}", phis.join(", "), format_rational(&model.exact())))
}

/// One instance from its values (`K`, `M`, then `(b, w, q)` per factor, padded).
fn instance(k: i64, m: i64, factors: &[(Rational, Rational, Rational)]) -> Instance {
    let mut out = Instance::default().with("K", Value::Integer(k)).with("M", Value::Integer(m));
    for i in 0..3 {
        let (b, w, q) = factors.get(i).cloned().unwrap_or((Rational::from((1, 2)), Rational::new(), Rational::from((1, 2))));
        let n = i + 1;
        out =
            out.with(&format!("b{n}"), Value::Number(b)).with(&format!("w{n}"), Value::Number(w)).with(&format!("q{n}"), Value::Number(q));
    }
    out
}

impl Theorem for LpfTheorem2Posterior {
    fn id(&self) -> &str {
        "monte_carlo.lpf_theorem2_posterior"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &POSTERIOR_PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let model = PosteriorModel::from_instance(instance)?;
        let c = constants.number("C")?;
        let lhs = model.mean_abs_error_enclosure(prec);
        let rhs = over_sqrt_m(c, model.m, prec)?;
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    /// Draws that reach the regime where the posterior is most sensitive: decoder outputs from
    /// `10^-9` to `1 − 10^-9` (log-scale), `q` of order `1/M` as well as moderate, and `M` up to
    /// `10^7` (log-scale).
    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        let factor = |m: i64| {
            (0u32..=900, any::<bool>(), 0u32..=4, 1i64..=4, 1u32..=63, any::<bool>()).prop_map(move |(x, high, ws, kq, jq, small_q)| {
                let den = 1 + 10f64.powf(f64::from(x) / 100.0).ceil() as i64;
                let tail = Rational::from((1, den));
                let b = if high { 1 - tail } else { tail };
                let w = Rational::from((ws, 4)).min(Rational::from((3, 4)));
                let q = if small_q && m > kq { Rational::from((kq, m)) } else { Rational::from((jq, 64)) };
                (b, w, q)
            })
        };
        let s = (1i64..=3, 0u32..=1000)
            .prop_flat_map(move |(k, f)| {
                let m = (7.0 * f64::from(f) / 1000.0 * std::f64::consts::LN_10).exp().round().clamp(1.0, 1e7) as i64;
                (Just(k), Just(m), factor(m), factor(m), factor(m))
            })
            .prop_map(|(k, m, f1, f2, f3)| instance(k, m, &[f1, f2, f3]))
            .boxed();
        Some(s)
    }

    /// The collapse witness: a factor with `q = 1/M` whose estimate is its floor `10^-9` with
    /// probability `(1 − 1/M)^M ≈ 1/e`, against a second factor that balances the posterior
    /// at about 1/2; the posterior then collapses towards 0 on that event at every `M`.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let m = 1_000_000i64;
        vec![instance(
            2,
            m,
            &[
                (Rational::from((1, 1_000_000_000)), Rational::from((1, 2)), Rational::from((1, m))),
                (Rational::from((1_999_999, 2_000_000)), Rational::new(), Rational::from((1, 2))),
            ],
        )]
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        describe_posterior(instance)
    }
}
