//! Sensitivity: how wrong a published bound would have to be for the check to notice.
//!
//! For a claim `smaller ≤ larger` (any of `≤ < ≥ >`, mirrored) the mutant claims
//! `smaller ≤ larger − η·|larger|`, i.e. `lhs ≤ (1 − η)·rhs` for a positive right side. Each
//! mutant runs exactly as the claim does (its domains, budgets, seed, edge switch); the
//! sensitivity is the smallest η of the ladder whose mutant is refuted, trying the ladder from
//! the largest η down and stopping at the first mutant that survives. A claim with a declared
//! constant is checked at its weakest constant, and scaling the larger side covers scaling the
//! constant toward its strong end wherever the constant multiplies the bound.

use super::check::{check, CheckError, CheckOptions};
use super::instance::Instance;
use super::theorem::{Comparison, EvalError, Outcome, ParamRequirement, Relation, Theorem};
use super::verdict::{Phase, Verdict};
use crate::reference::decimal::format_rational;
use crate::spec::Spec;
use proptest::strategy::BoxedStrategy;
use rug::Rational;
use std::sync::atomic::{AtomicBool, Ordering};

/// The η ladder tried by default: 1/2, 1/10, 1/100, 1/1000.
pub fn default_etas() -> Vec<Rational> {
    [2, 10, 100, 1000].into_iter().map(|d| Rational::from((1, d))).collect()
}

/// One mutant's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    pub eta: Rational,
    pub verdict: &'static str,
    pub found_by: Option<Phase>,
}

/// The sensitivity of one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// The smallest η refuted; `None` with a `reason` when there is no such η.
    pub eta: Option<Rational>,
    pub reason: Option<String>,
    pub trials: Vec<Trial>,
}

impl Sensitivity {
    fn none(reason: impl Into<String>) -> Self {
        Sensitivity { eta: None, reason: Some(reason.into()), trials: Vec::new() }
    }

    /// `1/10`, or `— (reason)`.
    pub fn describe(&self) -> String {
        match (&self.eta, &self.reason) {
            (Some(eta), _) => format_rational(eta),
            (None, Some(why)) => format!("— ({why})"),
            (None, None) => "—".into(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "eta": self.eta.as_ref().map(format_rational),
            "reason": self.reason,
            "trials": self.trials.iter().map(|t| serde_json::json!({
                "eta": format_rational(&t.eta), "verdict": t.verdict, "found_by": t.found_by,
            })).collect::<Vec<_>>(),
        })
    }
}

/// A claim whose larger side is reduced by the fraction η of its magnitude.
struct Mutant<'a> {
    inner: &'a dyn Theorem,
    eta: Rational,
    /// Set when the claim compared with `=`, to which a factor does not apply.
    saw_identity: AtomicBool,
}

impl Theorem for Mutant<'_> {
    fn id(&self) -> &str {
        self.inner.id()
    }
    fn parameters(&self) -> &[ParamRequirement] {
        self.inner.parameters()
    }
    fn constants(&self) -> &[&'static str] {
        self.inner.constants()
    }
    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        Ok(match self.inner.evaluate(instance, constants, prec)? {
            Outcome::Compared(c) if c.relation == Relation::Eq => {
                self.saw_identity.store(true, Ordering::Relaxed);
                Outcome::Compared(c)
            }
            Outcome::Compared(c) => Outcome::Compared(sharpen(c, &self.eta, prec)),
            other => other,
        })
    }
    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        self.inner.strategy(spec)
    }
    fn edge_instances(&self, spec: &Spec) -> Vec<Instance> {
        self.inner.edge_instances(spec)
    }
    fn affordable(&self, instance: &Instance) -> bool {
        self.inner.affordable(instance)
    }
    fn describe(&self, instance: &Instance) -> Option<String> {
        self.inner.describe(instance)
    }
    fn underspecified(&self) -> Option<&str> {
        self.inner.underspecified()
    }
    fn statistical(&self) -> bool {
        self.inner.statistical()
    }
}

/// The comparison with its larger side `L` replaced by `L − η|L|`.
pub fn sharpen(c: Comparison, eta: &Rational, prec: u32) -> Comparison {
    let Comparison { lhs, relation, rhs } = c;
    match relation {
        Relation::Le | Relation::Lt | Relation::Eq => Comparison::new(lhs, relation, rhs.minus_fraction_of_magnitude(eta, prec)),
        Relation::Ge | Relation::Gt => Comparison::new(lhs.minus_fraction_of_magnitude(eta, prec), relation, rhs),
    }
}

/// Measures the sensitivity of `theorem` on `spec`, given the verdict its own check computed.
pub fn sensitivity(
    theorem: &dyn Theorem,
    spec: &Spec,
    options: &CheckOptions,
    verdict: &Verdict,
    etas: &[Rational],
) -> Result<Sensitivity, CheckError> {
    if theorem.underspecified().is_some() {
        return Ok(Sensitivity::none("nothing is evaluated"));
    }
    if theorem.statistical() {
        return Ok(Sensitivity::none("a statistical test: the compared sides are a p-value and α, not the claim's sides"));
    }
    match verdict {
        Verdict::Refuted { .. } => return Ok(Sensitivity::none("refuted as published")),
        Verdict::Inconclusive(_) => return Ok(Sensitivity::none("the claim's own check is inconclusive")),
        Verdict::Readings { .. } => return Ok(Sensitivity::none("decided by its readings; each reading has its own")),
        Verdict::Holds { .. } => {}
    }
    let mut ladder = etas.to_vec();
    ladder.sort_by(|a, b| b.cmp(a));
    let mut out = Sensitivity { eta: None, reason: None, trials: Vec::new() };
    for eta in ladder {
        let mutant = Mutant { inner: theorem, eta: eta.clone(), saw_identity: AtomicBool::new(false) };
        let report = check(&mutant, spec, options)?;
        if mutant.saw_identity.load(Ordering::Relaxed) {
            return Ok(Sensitivity::none("an identity (=): a factor does not apply; its twin perturbs one side"));
        }
        out.trials.push(Trial { eta: eta.clone(), verdict: report.verdict.label(), found_by: report.found_by });
        if !matches!(report.verdict, Verdict::Refuted { .. }) {
            break;
        }
        out.eta = Some(eta);
    }
    if out.eta.is_none() {
        let largest = out.trials.first().map_or_else(|| "any η".to_string(), |t| format!("η = {}", format_rational(&t.eta)));
        out.reason = Some(format!("not refuted even at {largest} within the budget"));
    }
    Ok(out)
}
