//! Sensitivity: how wrong a published bound would have to be for the check to notice.
//!
//! For a claim `smaller ≤ larger` (any of `≤ < ≥ >`, mirrored) the mutant claims
//! `smaller ≤ larger − η·|larger|`, i.e. `lhs ≤ (1 − η)·rhs` for a positive right side. Each
//! mutant runs exactly as the claim does (its domains, budgets, seed, edge switch); the
//! sensitivity is the smallest η of the ladder whose mutant is refuted, trying the ladder from
//! the largest η down and stopping at the first η whose mutants all survive. A claim with an
//! unspecified constant is checked at its weakest constant.
//!
//! A spec may also name a published constant (`[sensitivity] constant = "c"`, with the direction
//! that strengthens the claim). Where the factor mutant at η survives, the constant mutant — the
//! claim with `c` scaled by `1 − η` toward its strong end (or by `1/(1 − η)` when larger is
//! stronger) — is tried too, and either refutation counts. A constant in an exponent probes a
//! claim far more sharply than a factor on the bound: `exp(−t²/(2·(9/10)))` is refuted in the
//! Gaussian tail where `(9/10)·exp(−t²/2)` never is.

use super::check::{check, CheckError, CheckOptions};
use super::instance::Instance;
use super::theorem::{Comparison, EvalError, Outcome, ParamRequirement, Relation, Theorem};
use super::verdict::{Phase, Verdict};
use crate::reference::decimal::format_rational;
use crate::spec::{Spec, Strong};
use proptest::strategy::BoxedStrategy;
use rug::Rational;
use std::sync::atomic::{AtomicBool, Ordering};

/// The η ladder tried by default: 1/2, 1/10, 1/100, 1/1000.
pub fn default_etas() -> Vec<Rational> {
    [2, 10, 100, 1000].into_iter().map(|d| Rational::from((1, d))).collect()
}

/// Which mutant a trial ran.
#[derive(Clone, Debug, PartialEq)]
pub enum Mutation {
    /// The larger side reduced by η of its magnitude.
    Factor,
    /// The published constant multiplied by `factor`.
    Constant { name: String, factor: Rational },
}

impl Mutation {
    pub fn describe(&self) -> String {
        match self {
            Mutation::Factor => "factor".into(),
            Mutation::Constant { name, factor } => format!("{name} ×{}", format_rational(factor)),
        }
    }
}

/// One mutant's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    pub eta: Rational,
    pub mutation: Mutation,
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

    /// `1/10`, `1/10 (c ×9/10)` when only the scaled constant was refuted there, or
    /// `— (reason)`.
    pub fn describe(&self) -> String {
        match (&self.eta, &self.reason) {
            (Some(eta), _) => {
                let by_constant = self.trials.iter().find(|t| &t.eta == eta && t.verdict == "refuted" && t.mutation != Mutation::Factor);
                match by_constant {
                    Some(t) => format!("{} ({})", format_rational(eta), t.mutation.describe()),
                    None => format_rational(eta),
                }
            }
            (None, Some(why)) => format!("— ({why})"),
            (None, None) => "—".into(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "eta": self.eta.as_ref().map(format_rational),
            "reason": self.reason,
            "trials": self.trials.iter().map(|t| serde_json::json!({
                "eta": format_rational(&t.eta), "mutant": t.mutation.describe(), "verdict": t.verdict, "found_by": t.found_by,
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
    /// Set when some compared instance could refute a factor mutant at all (see
    /// [`factor_cannot_refute`]).
    saw_refutable: AtomicBool,
    /// Set when some instance was compared at all.
    compared: AtomicBool,
}

impl<'a> Mutant<'a> {
    fn new(inner: &'a dyn Theorem, eta: Rational) -> Self {
        Mutant { inner, eta, saw_identity: AtomicBool::new(false), saw_refutable: AtomicBool::new(false), compared: AtomicBool::new(false) }
    }
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
            Outcome::Compared(c) => {
                self.compared.store(true, Ordering::Relaxed);
                if !factor_cannot_refute(&c) {
                    self.saw_refutable.store(true, Ordering::Relaxed);
                }
                Outcome::Compared(sharpen(c, &self.eta, prec))
            }
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
    fn with_scaled_constant(&self, name: &str, factor: &Rational) -> Option<Box<dyn Theorem>> {
        self.inner.with_scaled_constant(name, factor)
    }
}

/// Whether no factor mutant can be refuted at this comparison: the smaller side may be 0 or
/// less while the larger is at least 0, so `smaller ≤ (1 − η)·larger` cannot be certified
/// false for any η < 1. Claims whose every instance is like this (a side that is exactly 0, an
/// identity written as `|a − b| ≤ tolerance`) are scale-free, and say so instead of reporting a
/// failed search.
fn factor_cannot_refute(c: &Comparison) -> bool {
    let (small, large) = c.sides();
    *small.to_interval(64).lo() <= 0 && *large.to_interval(64).lo() >= 0
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
    // `check` has validated that the claim has this constant (see `check::validate`).
    let constant = spec.sensitivity.as_ref();
    let mut out = Sensitivity { eta: None, reason: None, trials: Vec::new() };
    let mut scale_free = true;
    for eta in ladder {
        let mutant = Mutant::new(theorem, eta.clone());
        let report = check(&mutant, spec, options)?;
        if mutant.saw_identity.load(Ordering::Relaxed) {
            return Ok(Sensitivity::none("an identity (=): a factor does not apply; its twin perturbs one side"));
        }
        scale_free &= mutant.compared.load(Ordering::Relaxed) && !mutant.saw_refutable.load(Ordering::Relaxed);
        let mut refuted = matches!(report.verdict, Verdict::Refuted { .. });
        out.trials.push(Trial { eta: eta.clone(), mutation: Mutation::Factor, verdict: report.verdict.label(), found_by: report.found_by });
        if let (false, Some(scaled)) = (refuted, constant) {
            let one_minus = Rational::from(1) - &eta;
            let factor = match scaled.strong {
                Strong::Smaller => one_minus,
                Strong::Larger => one_minus.recip(),
            };
            let variant = theorem.with_scaled_constant(&scaled.constant, &factor).ok_or_else(|| CheckError::SpecMismatch {
                id: spec.id.clone(),
                problem: format!("the claim's constant '{}' cannot be scaled by {}", scaled.constant, format_rational(&factor)),
            })?;
            let report = check(variant.as_ref(), spec, options)?;
            refuted = matches!(report.verdict, Verdict::Refuted { .. });
            let mutation = Mutation::Constant { name: scaled.constant.clone(), factor };
            out.trials.push(Trial { eta: eta.clone(), mutation, verdict: report.verdict.label(), found_by: report.found_by });
        }
        if !refuted {
            break;
        }
        out.eta = Some(eta);
    }
    if out.eta.is_none() {
        out.reason = Some(if scale_free {
            let also = if constant.is_some() { "; its scaled constant was not refuted either" } else { "" };
            format!(
                "at every instance compared the smaller side's enclosure reached 0 and the larger side was ≥ 0 (an exact 0 side, \
                 or an identity checked to a tolerance): no factor on the larger side can be refuted there{also}"
            )
        } else {
            let largest = out.trials.first().map_or_else(|| "any η".to_string(), |t| format!("η = {}", format_rational(&t.eta)));
            format!("not refuted even at {largest} within the budget")
        });
    }
    Ok(out)
}
