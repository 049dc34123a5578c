//! A claim written as data: the [`Theorem`] the engine checks for a spec with a `[claim]`
//! table. No Rust file and no registry entry: the spec is the whole claim.

use super::budget::{Budget, Limits, DEFAULT_LIMITS};
use super::compile::Origin;
use super::evaluate::{Fault, Machine};
use super::value::Value as ClaimValue;
use super::{ClaimSource, Program};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Theorem, Value};
use crate::reference::{Decision, Enclosure};
use crate::spec::Spec;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// A spec's `[claim]`, ready to check.
#[derive(Clone)]
pub struct DataClaim {
    id: String,
    program: Arc<Program>,
    /// The claim as written, for compiling a variant with a scaled constant.
    source: Arc<ClaimSource>,
    parameters: Vec<ParamRequirement>,
    constants: Vec<&'static str>,
    edges: Vec<Instance>,
    limits: Limits,
    /// The constants where the claim is weakest, for `describe` (which gets no constants).
    weakest: Instance,
}

/// The engine's trait hands out parameter names as `&'static str`; a data claim's names come
/// from a file, so each distinct name is stored once for the life of the process.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(existing) = names.get(name) {
        return existing;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl DataClaim {
    /// The data claim of `spec`, or `None` when the spec has no `[claim]` table.
    pub fn from_spec(spec: &Spec) -> Option<Self> {
        let data = spec.claim.as_ref()?;
        let parameters =
            spec.parameters.iter().map(|(name, domain)| ParamRequirement { name: intern(name), kind: domain.kind() }).collect();
        let constants = spec.constants.keys().map(|c| intern(c)).collect();
        Some(DataClaim {
            id: spec.id.clone(),
            program: data.program.clone(),
            source: data.source.clone(),
            parameters,
            constants,
            edges: data.edges.clone(),
            limits: DEFAULT_LIMITS,
            weakest: crate::engine::weakest_constants(spec),
        })
    }

    /// The same claim under other limits (`eval`'s flags and tests).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    fn machine(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Machine<'_>, EvalError> {
        let mut slots = vec![None; self.program.slots.len()];
        for (i, slot) in self.program.slots.iter().enumerate() {
            let source = match slot.origin {
                Origin::Parameter => instance,
                Origin::Constant => constants,
                _ => continue,
            };
            let value = source.0.get(&slot.name).ok_or_else(|| EvalError::Reference(format!("no value for '{}'", slot.name)))?;
            slots[i] = Some(match value {
                Value::Integer(v) => ClaimValue::Int((*v).into()),
                Value::Number(r) => ClaimValue::Real(Enclosure::Exact(r.clone())),
                Value::Choice(s) => ClaimValue::Str(s.clone()),
            });
        }
        Ok(Machine::new(&self.program, slots, prec, Budget::start(self.limits)))
    }
}

fn unevaluable(fault: Fault) -> Outcome {
    Outcome::Unevaluable { retry: fault.precision_may_help(), reason: fault.to_string() }
}

impl Theorem for DataClaim {
    fn id(&self) -> &str {
        &self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &self.parameters
    }

    fn constants(&self) -> &[&'static str] {
        &self.constants
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let mut machine = self.machine(instance, constants, prec)?;
        for assumption in &self.program.assumptions {
            match machine.eval(&assumption.node) {
                Err(fault) => return Ok(unevaluable(fault)),
                Ok(v) => match v.decision() {
                    Decision::True => {}
                    Decision::False => return Ok(Outcome::HypothesisNotMet(format!("assume {} is false", assumption.expr))),
                    Decision::Undecided => {
                        let source = &self.program.sources[assumption.node.source];
                        return Ok(Outcome::Unevaluable {
                            retry: true,
                            reason: format!("{}: assume {} is undecided at {prec} bits", source.at(assumption.expr.span), assumption.expr),
                        });
                    }
                },
            }
        }
        let lhs = match machine.eval(&self.program.lhs.node) {
            Ok(v) => v.enclosure(),
            Err(fault) => return Ok(unevaluable(fault)),
        };
        let rhs = match machine.eval(&self.program.rhs.node) {
            Ok(v) => v.enclosure(),
            Err(fault) => return Ok(unevaluable(fault)),
        };
        Ok(Outcome::Compared(Comparison::new(lhs, self.program.relation, rhs)))
    }

    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        self.edges.clone()
    }

    /// Compiles the claim again with the binding multiplied by `factor`. The spec loader has
    /// checked that the binding exists and compiles scaled, so `None` here means it does not.
    fn with_scaled_constant(&self, name: &str, factor: &rug::Rational) -> Option<Box<dyn Theorem>> {
        let program = self.source.scaled(name, factor)?.ok()?;
        Some(Box::new(DataClaim { program: Arc::new(program), ..self.clone() }))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        if self.program.describe.is_empty() {
            return None;
        }
        let mut machine = self.machine(instance, &self.weakest, 64).ok()?;
        let shown: Vec<String> = self
            .program
            .describe
            .iter()
            .filter_map(|name| {
                let slot = self.program.slots.iter().position(|s| &s.name == name && matches!(s.origin, Origin::Let(_)))?;
                machine.slot(slot).ok().map(|v| format!("{name} = {}", v.show()))
            })
            .collect();
        Some(shown.join(", "))
    }
}
