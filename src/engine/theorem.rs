//! The `Theorem` trait: what a claim's code provides to the engine.

use super::instance::{Instance, InstanceError};
use crate::reference::{Decision, DomainError, Enclosure};
use crate::spec::{ParamKind, Spec};
use proptest::strategy::BoxedStrategy;
use std::fmt;
use thiserror::Error;

/// The relation a claim asserts between its two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Relation {
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "=")]
    Eq,
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Le => "≤",
            Relation::Lt => "<",
            Relation::Ge => "≥",
            Relation::Gt => ">",
            Relation::Eq => "=",
        })
    }
}

/// Both sides of a claim at one instance, as enclosures.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub lhs: Enclosure,
    pub relation: Relation,
    pub rhs: Enclosure,
}

impl Comparison {
    pub fn new(lhs: Enclosure, relation: Relation, rhs: Enclosure) -> Self {
        Comparison { lhs, relation, rhs }
    }

    /// Whether the claim holds at this instance, certified, or undecided.
    pub fn decide(&self) -> Decision {
        match self.relation {
            Relation::Le => self.lhs.le(&self.rhs),
            Relation::Lt => self.lhs.lt(&self.rhs),
            Relation::Ge => self.rhs.le(&self.lhs),
            Relation::Gt => self.rhs.lt(&self.lhs),
            Relation::Eq => self.lhs.eq_value(&self.rhs),
        }
    }

    /// The claimed-smaller and the claimed-larger side: `(lhs, rhs)` for `≤ < =`, `(rhs, lhs)`
    /// for `≥ >`. The one place that knows which side a relation puts on top.
    pub fn sides(&self) -> (&Enclosure, &Enclosure) {
        match self.relation {
            Relation::Le | Relation::Lt | Relation::Eq => (&self.lhs, &self.rhs),
            Relation::Ge | Relation::Gt => (&self.rhs, &self.lhs),
        }
    }

    /// `larger − smaller` as an enclosure (the certified slack of the claim).
    pub fn margin(&self, prec: u32) -> Enclosure {
        let (small, large) = self.sides();
        large.sub(small, prec)
    }
}

/// The midpoint of an enclosure as a 64-bit float with MPFR's exponent range. For ranking and
/// plotting only.
pub fn midpoint(e: &Enclosure) -> rug::Float {
    let i = e.to_interval(64);
    rug::Float::with_val(64, i.lo() + i.hi()) / 2u32
}

/// What evaluating a claim at one instance gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The hypotheses hold and both sides were computed.
    Compared(Comparison),
    /// The instance does not meet the claim's hypotheses; it says nothing about the claim.
    HypothesisNotMet(String),
    /// The claim has no value at this instance that could be compared: a side is undefined
    /// there (division by zero, `ln` of a non-positive number), its evaluation ran out of budget,
    /// or a hypothesis is undecided. `retry`: a higher precision may give an answer.
    Unevaluable { reason: String, retry: bool },
}

/// A failure to evaluate: a bug in the theorem's code or an instance it cannot handle.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error(transparent)]
    Instance(#[from] InstanceError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("{0}")]
    Reference(String),
}

impl EvalError {
    pub fn reference(e: impl fmt::Display) -> Self {
        EvalError::Reference(e.to_string())
    }
}

/// A parameter a theorem needs the spec to declare.
#[derive(Clone, Copy, Debug)]
pub struct ParamRequirement {
    pub name: &'static str,
    pub kind: ParamKind,
}

impl ParamRequirement {
    pub const fn integer(name: &'static str) -> Self {
        ParamRequirement { name, kind: ParamKind::Integer }
    }
    pub const fn number(name: &'static str) -> Self {
        ParamRequirement { name, kind: ParamKind::Number }
    }
    pub const fn set(name: &'static str) -> Self {
        ParamRequirement { name, kind: ParamKind::Set }
    }
}

/// A claim's code: evaluates both sides of the claim at an instance with reference arithmetic.
///
/// The spec supplies the domains the instances are drawn from; the theorem supplies the
/// mathematics. `evaluate` is called at increasing precisions until the comparison is decided.
pub trait Theorem: Send + Sync {
    /// The id this implementation answers to (`family.name`).
    fn id(&self) -> &str;

    /// The parameters the spec must declare, with their kinds.
    fn parameters(&self) -> &[ParamRequirement];

    /// The unspecified constants the spec must declare (none for most claims).
    fn constants(&self) -> &[&'static str] {
        &[]
    }

    /// Evaluates both sides at `instance`, with `constants` bound, at `prec` bits.
    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError>;

    /// A hand-written instance family, replacing the one derived from the spec's domains.
    fn strategy(&self, _spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        None
    }

    /// Instances always checked before the random ones (known tight or exceptional points).
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        Vec::new()
    }

    /// Whether evaluating `instance` stays within the check's cost bound. The random draws of a
    /// hand-written [`Self::strategy`] may avoid expensive corners of the spec's domains; the
    /// targeted search moves freely inside the domains and asks this before it evaluates.
    fn affordable(&self, _instance: &Instance) -> bool {
        true
    }

    /// Quantities derived from the instance, shown next to it in reports (e.g. `t = u(1−p)`).
    fn describe(&self, _instance: &Instance) -> Option<String> {
        None
    }

    /// Whether `evaluate` runs a statistical test (its comparison is a p-value against α, sound
    /// with the false-alarm probability its docs state) rather than comparing the claim's sides.
    fn statistical(&self) -> bool {
        false
    }

    /// This claim with its published constant `name` multiplied by `factor` (the constant a
    /// spec's `[sensitivity]` table names, moved toward its strong end by the sensitivity
    /// check); `None` when the claim has no constant of that name.
    fn with_scaled_constant(&self, _name: &str, _factor: &rug::Rational) -> Option<Box<dyn Theorem>> {
        None
    }

    /// Set when the published statement does not pin down a checkable claim: the check then
    /// reports this reason as an `underspecified` inconclusive verdict.
    fn underspecified(&self) -> Option<&str> {
        None
    }
}
