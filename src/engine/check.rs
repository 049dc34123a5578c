//! The runner: draws instances, decides each with precision escalation, shrinks
//! counterexamples, and turns what it saw into a verdict.

use super::decide::{decide, Decided};
use super::generate::instance_strategy;
use super::instance::{Instance, Value};
use super::runner_config::explicit_config;
use super::search::{Search, SearchEnd};
use super::shrink::polish;
use super::tally::Tally;
use super::theorem::{EvalError, Theorem};
use super::verdict::{CheckReport, Inconclusive, Phase, RigorLabel, Verdict, Witness};
use crate::reference::{Decision, PRECISION_LADDER};
use crate::spec::{Monotone, Spec};
use proptest::strategy::Strategy;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::RefCell;
use std::time::Instant;
use thiserror::Error;

/// How to run a check.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Overrides the spec's random-draw budget (`cases`).
    pub cases: Option<u32>,
    /// Overrides the spec's targeted-search budget (`search_cases`).
    pub search_cases: Option<u32>,
    pub seed: u64,
    /// Precisions tried in turn until a comparison is decided.
    pub ladder: Vec<u32>,
    /// The command prefix printed in replay commands (the id is appended). Only the CLI knows
    /// a command that can replay; library callers leave it unset.
    pub replay_prefix: Option<String>,
    /// Whether the theorem's declared edge instances are checked first (`--no-edges` clears it,
    /// to show that a refutation does not depend on them).
    pub edges: bool,
    /// Wall-clock budget of one check: past it no further instance is started, and a check
    /// that has not refuted is `inconclusive` (budget exceeded) instead of running on. `None`:
    /// unbounded. Instances already started run to their end (their operands are bounded by
    /// the spec limits, see `spec::limits`).
    pub time_budget: Option<std::time::Duration>,
}

/// The default seed: fixed, so that every run of the suite is reproducible.
pub const DEFAULT_SEED: u64 = 0x7468_656f_7265_6d21;

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            cases: None,
            search_cases: None,
            seed: DEFAULT_SEED,
            ladder: PRECISION_LADDER.to_vec(),
            replay_prefix: None,
            edges: true,
            time_budget: None,
        }
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
    if let Some(scaled) = &spec.sensitivity {
        if theorem.with_scaled_constant(&scaled.constant, &rug::Rational::from((1, 2))).is_none() {
            return Err(mismatch(format!("[sensitivity] names constant '{}', which the claim does not have", scaled.constant)));
        }
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

/// One check in progress: the context every phase needs and the one place a report is built.
struct Run<'a> {
    theorem: &'a dyn Theorem,
    spec: &'a Spec,
    options: &'a CheckOptions,
    constants: Instance,
    started: Instant,
}

impl Run<'_> {
    fn report(&self, verdict: Verdict, found_by: Option<Phase>, tally: Tally) -> CheckReport {
        let rigor = if matches!(verdict, Verdict::Inconclusive(Inconclusive::Underspecified(_))) {
            RigorLabel::NotEvaluated
        } else {
            tally.rigor(self.theorem.statistical())
        };
        CheckReport {
            id: self.spec.id.clone(),
            title: self.spec.title.clone(),
            source: self.spec.source.to_string(),
            recorded: self.spec.recorded,
            verdict,
            cases_tried: tally.tried,
            cases_met: tally.met,
            seed: self.options.seed,
            constants: self.constants.clone(),
            elapsed: self.started.elapsed(),
            replay_prefix: self.options.replay_prefix.as_ref().map(|p| format!("{p} {}", self.spec.id)),
            found_by,
            rigor,
            search_cases: tally.searched,
            slack: tally.slack,
            sensitivity: None,
        }
    }

    fn eval_error(&self, instance: &Instance, error: EvalError) -> CheckError {
        CheckError::Evaluation { id: self.spec.id.clone(), instance: instance.to_string(), error }
    }

    fn decide(&self, instance: &Instance) -> Result<Decided, CheckError> {
        decide(self.theorem, instance, &self.constants, &self.options.ladder).map_err(|e| self.eval_error(instance, e))
    }

    /// A refuting instance polished to a simpler one, re-decided, and re-certified at every
    /// reported constant.
    fn refute(&self, instance: Instance, polishable: bool) -> Result<Verdict, CheckError> {
        let instance = if polishable { polish(self.theorem, self.spec, &self.constants, &self.options.ladder, instance) } else { instance };
        let Decided::Compared { comparison, decision: Decision::False, precision } = self.decide(&instance)? else {
            return Err(CheckError::Generator {
                id: self.spec.id.clone(),
                problem: format!("the shrunk instance {instance} no longer refutes"),
            });
        };
        let witness = Witness { derived: self.theorem.describe(&instance), instance, comparison, precision };
        refuted(self.theorem, self.spec, &self.constants, witness, self.options)
    }
}

/// Runs the check of `theorem` against `spec`: the edge instances, the random draws (shrunk by
/// proptest on failure), then the targeted search (polished on failure).
pub fn check(theorem: &dyn Theorem, spec: &Spec, options: &CheckOptions) -> Result<CheckReport, CheckError> {
    validate(theorem, spec)?;
    let run = Run { theorem, spec, options, constants: weakest_constants(spec), started: Instant::now() };
    if let Some(why) = theorem.underspecified() {
        return Ok(run.report(Verdict::Inconclusive(Inconclusive::Underspecified(why.to_string())), None, Tally::default()));
    }

    let deadline = options.time_budget.map(|b| run.started + b);
    let out_of_time = || deadline.is_some_and(|d| Instant::now() >= d);
    let budget_exceeded = |phase: &str| {
        let budget = options.time_budget.unwrap_or_default();
        Verdict::Inconclusive(Inconclusive::BudgetExceeded(format!(
            "the time budget of {:.0} s ran out during the {phase} (raise it with --time-budget)",
            budget.as_secs_f64()
        )))
    };

    // Edge instances first: known tight or exceptional points.
    let mut tally = Tally::default();
    if options.edges {
        for instance in theorem.edge_instances(spec).into_iter().filter(|i| spec.contains(i)) {
            if out_of_time() {
                return Ok(run.report(budget_exceeded("edge instances"), None, tally));
            }
            let decided = run.decide(&instance)?;
            tally.record(theorem, spec, &instance, &decided);
            if decided.refutes() {
                let verdict = run.refute(instance, false)?;
                return Ok(run.report(verdict, Some(Phase::Edge), tally));
            }
        }
    }

    // Random draws. A hand-written family has its own notion of "simpler"; the greedy pass
    // only knows domains.
    let custom_strategy = theorem.strategy(spec);
    let polishable = custom_strategy.is_none();
    // A hand-written family may draw outside the spec's domains (a spec narrowed by a user, or a
    // family wider than its spec); those draws are rejected, never evaluated.
    let strategy = match custom_strategy {
        Some(s) => {
            let inside = spec.clone();
            s.prop_filter("inside the spec's domains", move |i| inside.contains(i)).boxed()
        }
        None => instance_strategy(spec),
    };
    let cases = options.cases.unwrap_or(spec.cases);
    let config = explicit_config(cases, cases.saturating_mul(4).max(1024));
    let stream = fnv1a(spec.id.as_bytes());
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&options.seed.to_le_bytes());
    seed[8..16].copy_from_slice(&stream.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let state = RefCell::new((tally, None::<FailureKind>, None::<(Instance, EvalError)>));
    let skipped = std::cell::Cell::new(false);
    let outcome = runner.run(&strategy, |instance| {
        if out_of_time() {
            // Not evaluated; while shrinking, the last failing instance stands.
            skipped.set(true);
            return Ok(());
        }
        let decided = decide(theorem, &instance, &run.constants, &options.ladder);
        let mut guard = state.borrow_mut();
        let (tally, failure, error) = &mut *guard;
        // Counting stops at the first failure; what follows is shrinking.
        let counting = failure.is_none();
        let kind = match &decided {
            Err(e) => {
                if counting {
                    *error = Some((instance.clone(), e.clone()));
                }
                Some(FailureKind::Error)
            }
            Ok(d) => {
                if counting {
                    tally.record(theorem, spec, &instance, d);
                }
                d.refutes().then_some(FailureKind::Refuted)
            }
        };
        match kind {
            None => Ok(()),
            Some(k) => {
                // While shrinking, only failures of the first kind count as failures.
                let first = *failure.get_or_insert(k);
                if first != k {
                    return Ok(());
                }
                if let (FailureKind::Error, Err(e)) = (k, decided) {
                    *error = Some((instance.clone(), e));
                }
                Err(TestCaseError::fail("refuted"))
            }
        }
    });
    let (mut tally, _, error) = state.into_inner();
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(_, minimal)) => {
            if let Some((instance, error)) = error {
                return Err(run.eval_error(&instance, error));
            }
            let verdict = run.refute(minimal, polishable)?;
            return Ok(run.report(verdict, Some(Phase::Random), tally));
        }
        Err(TestError::Abort(why)) => return Err(CheckError::Generator { id: spec.id.clone(), problem: why.to_string() }),
    }
    if skipped.get() {
        return Ok(run.report(budget_exceeded("random draws"), None, tally));
    }

    // Targeted search from the instances closest to violating the claim.
    let budget = options.search_cases.unwrap_or(spec.search_cases);
    let search = Search { theorem, spec, constants: &run.constants, ladder: &options.ladder, deadline };
    let starts = std::mem::take(&mut tally.starts);
    let mut searched = 0u64;
    let end = search.run(starts, budget, options.seed ^ stream, &mut |instance, decided| {
        searched += 1;
        tally.record(theorem, spec, instance, decided);
    });
    tally.searched = searched;
    let verdict = match end {
        SearchEnd::Exhausted if out_of_time() => budget_exceeded("targeted search"),
        SearchEnd::Exhausted => held(&tally, spec),
        SearchEnd::Failed(instance, error) => return Err(run.eval_error(&instance, error)),
        SearchEnd::Refuted(instance) => {
            let verdict = run.refute(instance, true)?;
            return Ok(run.report(verdict, Some(Phase::Search), tally));
        }
    };
    Ok(run.report(verdict, None, tally))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FailureKind {
    Refuted,
    Error,
}

fn held(tally: &Tally, spec: &Spec) -> Verdict {
    if let Some((example, reason)) = &tally.first_unevaluable {
        return Verdict::Inconclusive(Inconclusive::Unevaluable {
            count: tally.unevaluable,
            example: example.clone(),
            reason: reason.clone(),
        });
    }
    if let Some(example) = &tally.first_undecided {
        return Verdict::Inconclusive(Inconclusive::Undecided { count: tally.undecided, example: example.clone() });
    }
    if tally.met < u64::from(spec.min_cases) {
        return Verdict::Inconclusive(Inconclusive::TooFewCases { met: tally.met, floor: spec.min_cases, tried: tally.tried });
    }
    Verdict::Holds { cases: tally.met, tightest: tally.slack.tightest.as_ref().map(|(_, w)| w.clone()) }
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
    let run = Run { theorem, spec, options, constants: weakest_constants(spec), started: Instant::now() };
    let decided = run.decide(instance)?;
    let mut tally = Tally::default();
    tally.record(theorem, spec, instance, &decided);
    let (verdict, found_by) = match decided {
        Decided::Vacuous(why) => (Verdict::Inconclusive(Inconclusive::HypothesisNotMet(why)), None),
        Decided::Unevaluable(reason) => {
            (Verdict::Inconclusive(Inconclusive::Unevaluable { count: 1, example: instance.clone(), reason }), None)
        }
        Decided::Compared { decision: Decision::Undecided, .. } => {
            (Verdict::Inconclusive(Inconclusive::Undecided { count: 1, example: instance.clone() }), None)
        }
        Decided::Compared { comparison, decision: Decision::True, precision } => (
            Verdict::Holds {
                cases: 1,
                tightest: Some(Witness { instance: instance.clone(), derived: theorem.describe(instance), comparison, precision }),
            },
            None,
        ),
        Decided::Compared { comparison, decision: Decision::False, precision } => {
            let witness = Witness { instance: instance.clone(), derived: theorem.describe(instance), comparison, precision };
            (refuted(theorem, spec, &run.constants, witness, options)?, Some(Phase::Replay))
        }
    };
    Ok(run.report(verdict, found_by, tally))
}

/// A stable 64-bit hash, so that each theorem draws its own stream from the one suite seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}
