//! The runner: draws instances, decides each with precision escalation, shrinks
//! counterexamples, and turns what it saw into a verdict.

use super::generate::instance_strategy;
use super::instance::{Instance, Value};
use super::shrink::polish;
use super::theorem::{Comparison, EvalError, Outcome, Theorem};
use super::verdict::{CheckReport, Inconclusive, Verdict, Witness};
use crate::reference::{Decision, PRECISION_LADDER};
use crate::spec::{Monotone, Spec};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::RefCell;
use std::time::Instant;
use thiserror::Error;

/// How to run a check.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Overrides the spec's case budget.
    pub cases: Option<u32>,
    pub seed: u64,
    /// Precisions tried in turn until a comparison is decided.
    pub ladder: Vec<u32>,
    /// The command prefix printed in replay commands (the id is appended).
    pub replay_prefix: String,
}

/// The default seed: fixed, so that every run of the suite is reproducible.
pub const DEFAULT_SEED: u64 = 0x7468_656f_7265_6d21;

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { cases: None, seed: DEFAULT_SEED, ladder: PRECISION_LADDER.to_vec(), replay_prefix: "theoremcheck check".into() }
    }
}

/// A check that could not run: the spec and the code disagree, or the code failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error("{id}: the spec and the implementation disagree: {problem}")]
    SpecMismatch { id: String, problem: String },
    #[error("{id}: evaluation failed at {instance}: {error}")]
    Evaluation { id: String, instance: String, error: EvalError },
    #[error("{id}: the generator failed: {problem}")]
    Generator { id: String, problem: String },
    #[error("{id}: the check panicked (a bug in the theorem's code): {message}")]
    Panicked { id: String, message: String },
}

/// What deciding one instance gave.
#[derive(Clone, Debug)]
pub enum Decided {
    /// The instance does not meet the hypotheses.
    Vacuous(String),
    /// The comparison and its decision at the precision where it was decided (or the last one).
    Compared { comparison: Comparison, decision: Decision, precision: u32 },
}

/// Evaluates `instance` at each precision of `ladder` until the comparison is decided.
pub fn decide(theorem: &dyn Theorem, instance: &Instance, constants: &Instance, ladder: &[u32]) -> Result<Decided, EvalError> {
    let mut last = None;
    for &prec in ladder {
        match theorem.evaluate(instance, constants, prec)? {
            Outcome::HypothesisNotMet(why) => return Ok(Decided::Vacuous(why)),
            Outcome::Compared(comparison) => {
                let decision = comparison.decide();
                if decision != Decision::Undecided {
                    return Ok(Decided::Compared { comparison, decision, precision: prec });
                }
                last = Some((comparison, prec));
            }
        }
    }
    let (comparison, precision) = last.expect("the precision ladder is not empty");
    Ok(Decided::Compared { comparison, decision: Decision::Undecided, precision })
}

/// Checks that the spec declares exactly the parameters and constants the theorem uses.
pub fn validate(theorem: &dyn Theorem, spec: &Spec) -> Result<(), CheckError> {
    let mismatch = |problem: String| CheckError::SpecMismatch { id: spec.id.clone(), problem };
    if theorem.id() != spec.id {
        return Err(mismatch(format!("the implementation answers to '{}'", theorem.id())));
    }
    for requirement in theorem.parameters() {
        match spec.parameters.get(requirement.name) {
            None => return Err(mismatch(format!("the spec does not declare parameter '{}'", requirement.name))),
            Some(d) if d.kind() != requirement.kind => {
                return Err(mismatch(format!(
                    "parameter '{}' must be {}, the spec declares {}",
                    requirement.name,
                    requirement.kind,
                    d.describe()
                )));
            }
            Some(_) => {}
        }
    }
    if let Some(extra) = spec.parameters.keys().find(|k| !theorem.parameters().iter().any(|r| r.name == *k)) {
        return Err(mismatch(format!("the spec declares parameter '{extra}', which the implementation does not use")));
    }
    let declared: Vec<&str> = spec.constants.keys().map(String::as_str).collect();
    let mut used: Vec<&str> = theorem.constants().to_vec();
    used.sort_unstable();
    if declared != used {
        return Err(mismatch(format!("the spec declares constants {declared:?}, the implementation uses {used:?}")));
    }
    Ok(())
}

/// Each constant at the end of its range where the claim is weakest.
pub fn weakest_constants(spec: &Spec) -> Instance {
    let values = spec.constants.iter().map(|(name, c)| {
        let v = match c.monotone {
            Monotone::Increasing => c.max.0.clone(),
            Monotone::Decreasing => c.min.0.clone(),
        };
        (name.clone(), Value::Number(v))
    });
    Instance(values.collect())
}

#[derive(Default)]
struct Tally {
    tried: u64,
    met: u64,
    undecided: u64,
    first_undecided: Option<Instance>,
    tightest: Option<(rug::Float, Witness)>,
    /// Set by the first failure; counting stops there (what follows is shrinking).
    failure: Option<FailureKind>,
    error: Option<(Instance, EvalError)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FailureKind {
    Refuted,
    Error,
}

impl Tally {
    fn record(&mut self, theorem: &dyn Theorem, instance: &Instance, decided: &Decided) {
        self.tried += 1;
        let Decided::Compared { comparison, decision, precision } = decided else { return };
        self.met += 1;
        match decision {
            Decision::Undecided => {
                self.undecided += 1;
                self.first_undecided.get_or_insert_with(|| instance.clone());
            }
            Decision::True => {
                let score = comparison.tightness_score();
                if self.tightest.as_ref().is_none_or(|(best, _)| score > *best) {
                    let witness = Witness {
                        instance: instance.clone(),
                        derived: theorem.describe(instance),
                        comparison: comparison.clone(),
                        precision: *precision,
                    };
                    self.tightest = Some((score, witness));
                }
            }
            Decision::False => {}
        }
    }
}

/// Runs the check of `theorem` against `spec`.
pub fn check(theorem: &dyn Theorem, spec: &Spec, options: &CheckOptions) -> Result<CheckReport, CheckError> {
    validate(theorem, spec)?;
    let started = Instant::now();
    let constants = weakest_constants(spec);
    let report = |verdict: Verdict, tally: &Tally| CheckReport {
        id: spec.id.clone(),
        title: spec.title.clone(),
        source: spec.source.to_string(),
        recorded: spec.recorded,
        verdict,
        cases_tried: tally.tried,
        cases_met: tally.met,
        seed: options.seed,
        constants: constants.clone(),
        elapsed: started.elapsed(),
        replay_prefix: format!("{} {}", options.replay_prefix, spec.id),
    };
    if let Some(why) = theorem.underspecified() {
        return Ok(report(Verdict::Inconclusive(Inconclusive::Underspecified(why.to_string())), &Tally::default()));
    }
    let eval_error =
        |instance: &Instance, error: EvalError| CheckError::Evaluation { id: spec.id.clone(), instance: instance.to_string(), error };

    // Edge instances first: known tight or exceptional points.
    let mut tally = Tally::default();
    for instance in theorem.edge_instances(spec) {
        let decided = decide(theorem, &instance, &constants, &options.ladder).map_err(|e| eval_error(&instance, e))?;
        tally.record(theorem, &instance, &decided);
        if let Decided::Compared { comparison, decision: Decision::False, precision } = decided {
            let witness = Witness { derived: theorem.describe(&instance), instance, comparison, precision };
            let verdict = refuted(theorem, spec, &constants, witness, options)?;
            return Ok(report(verdict, &tally));
        }
    }

    // A hand-written family has its own notion of "simpler"; the greedy pass only knows domains.
    let custom_strategy = theorem.strategy(spec);
    let polishable = custom_strategy.is_none();
    let strategy = custom_strategy.unwrap_or_else(|| instance_strategy(spec));
    let cases = options.cases.unwrap_or(spec.cases);
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 4096,
        max_global_rejects: cases.saturating_mul(4).max(1024),
        ..Config::default()
    };
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&options.seed.to_le_bytes());
    seed[8..16].copy_from_slice(&fnv1a(spec.id.as_bytes()).to_le_bytes());
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let tally = RefCell::new(tally);
    let outcome = runner.run(&strategy, |instance| {
        let decided = decide(theorem, &instance, &constants, &options.ladder);
        let mut t = tally.borrow_mut();
        let counting = t.failure.is_none();
        let kind = match &decided {
            Err(e) => {
                if counting {
                    t.error = Some((instance.clone(), e.clone()));
                }
                Some(FailureKind::Error)
            }
            Ok(d) => {
                if counting {
                    t.record(theorem, &instance, d);
                }
                matches!(d, Decided::Compared { decision: Decision::False, .. }).then_some(FailureKind::Refuted)
            }
        };
        match kind {
            None => Ok(()),
            Some(k) => {
                // While shrinking, only failures of the first kind count as failures.
                let first = *t.failure.get_or_insert(k);
                if first == k {
                    if k == FailureKind::Error {
                        if let Err(e) = decided {
                            t.error = Some((instance.clone(), e));
                        }
                    }
                    Err(TestCaseError::fail("refuted"))
                } else {
                    Ok(())
                }
            }
        }
    });
    let tally = tally.into_inner();
    let verdict = match outcome {
        Ok(()) => held(&tally, spec),
        Err(TestError::Fail(_, minimal)) => {
            if let Some((instance, error)) = tally.error.clone() {
                return Err(eval_error(&instance, error));
            }
            let minimal = if polishable { polish(theorem, spec, &constants, &options.ladder, minimal) } else { minimal };
            let decided = decide(theorem, &minimal, &constants, &options.ladder).map_err(|e| eval_error(&minimal, e))?;
            let Decided::Compared { comparison, decision: Decision::False, precision } = decided else {
                return Err(CheckError::Generator {
                    id: spec.id.clone(),
                    problem: format!("the shrunk instance {minimal} no longer refutes"),
                });
            };
            let witness = Witness { derived: theorem.describe(&minimal), instance: minimal, comparison, precision };
            refuted(theorem, spec, &constants, witness, options)?
        }
        Err(TestError::Abort(why)) => return Err(CheckError::Generator { id: spec.id.clone(), problem: why.to_string() }),
    };
    Ok(report(verdict, &tally))
}

fn held(tally: &Tally, spec: &Spec) -> Verdict {
    if let Some(example) = &tally.first_undecided {
        return Verdict::Inconclusive(Inconclusive::Undecided { count: tally.undecided, example: example.clone() });
    }
    if tally.met < u64::from(spec.min_cases) {
        return Verdict::Inconclusive(Inconclusive::TooFewCases { met: tally.met, floor: spec.min_cases, tried: tally.tried });
    }
    Verdict::Holds { cases: tally.met, tightest: tally.tightest.as_ref().map(|(_, w)| w.clone()) }
}

/// A refutation at the weakest constants, re-certified at each reported constant.
fn refuted(
    theorem: &dyn Theorem,
    spec: &Spec,
    weakest: &Instance,
    counterexample: Witness,
    options: &CheckOptions,
) -> Result<Verdict, CheckError> {
    let mut at_constants = Vec::new();
    for (name, c) in &spec.constants {
        for value in &c.report_at {
            let constants = weakest.clone().with(name, Value::Number(value.0.clone()));
            let instance = &counterexample.instance;
            let decided = decide(theorem, instance, &constants, &options.ladder).map_err(|error| CheckError::Evaluation {
                id: spec.id.clone(),
                instance: instance.to_string(),
                error,
            })?;
            match decided {
                Decided::Compared { comparison, decision: Decision::False, precision } => {
                    let witness = Witness { instance: instance.clone(), derived: counterexample.derived.clone(), comparison, precision };
                    at_constants.push((constants, witness));
                }
                _ => return Ok(Verdict::Inconclusive(Inconclusive::NotMonotone { constant: constants })),
            }
        }
    }
    Ok(Verdict::Refuted { counterexample, at_constants })
}

/// Checks one given instance (the `--replay` path).
pub fn check_instance(theorem: &dyn Theorem, spec: &Spec, instance: &Instance, options: &CheckOptions) -> Result<CheckReport, CheckError> {
    validate(theorem, spec)?;
    let started = Instant::now();
    let constants = weakest_constants(spec);
    let decided = decide(theorem, instance, &constants, &options.ladder).map_err(|error| CheckError::Evaluation {
        id: spec.id.clone(),
        instance: instance.to_string(),
        error,
    })?;
    let mut tally = Tally::default();
    tally.record(theorem, instance, &decided);
    let verdict = match decided {
        Decided::Vacuous(why) => Verdict::Inconclusive(Inconclusive::HypothesisNotMet(why)),
        Decided::Compared { decision: Decision::Undecided, .. } => {
            Verdict::Inconclusive(Inconclusive::Undecided { count: 1, example: instance.clone() })
        }
        Decided::Compared { comparison, decision: Decision::True, precision } => Verdict::Holds {
            cases: 1,
            tightest: Some(Witness { instance: instance.clone(), derived: theorem.describe(instance), comparison, precision }),
        },
        Decided::Compared { comparison, decision: Decision::False, precision } => {
            let witness = Witness { instance: instance.clone(), derived: theorem.describe(instance), comparison, precision };
            refuted(theorem, spec, &constants, witness, options)?
        }
    };
    Ok(CheckReport {
        id: spec.id.clone(),
        title: spec.title.clone(),
        source: spec.source.to_string(),
        recorded: spec.recorded,
        verdict,
        cases_tried: tally.tried,
        cases_met: tally.met,
        seed: options.seed,
        constants,
        elapsed: started.elapsed(),
        replay_prefix: format!("{} {}", options.replay_prefix, spec.id),
    })
}

/// A stable 64-bit hash, so that each theorem draws its own stream from the one suite seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}
