//! The posterior reading of LPF Theorem 2 is refuted by the random search itself, not only by
//! the collapse witness the theorem checks first: a wrapper without edge instances must still
//! find a certified counterexample at C = 100 with the theorem's own generator.

mod common;
use common::*;
use proptest::strategy::BoxedStrategy;
use theoremcheck::engine::{check, CheckOptions, EvalError, Instance, Outcome, ParamRequirement, Theorem, Verdict};
use theoremcheck::reference::Decision;
use theoremcheck::spec::Spec;
use theoremcheck::theorems::monte_carlo::LpfTheorem2Posterior;

/// The catalogue theorem without its edge instances.
struct SearchOnly;

impl Theorem for SearchOnly {
    fn id(&self) -> &str {
        LpfTheorem2Posterior.id()
    }
    fn parameters(&self) -> &[ParamRequirement] {
        LpfTheorem2Posterior.parameters()
    }
    fn constants(&self) -> &[&'static str] {
        LpfTheorem2Posterior.constants()
    }
    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        LpfTheorem2Posterior.evaluate(instance, constants, prec)
    }
    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        LpfTheorem2Posterior.strategy(spec)
    }
}

#[test]
fn the_random_search_finds_a_posterior_collapse() {
    let spec = catalogue_specs().into_iter().find(|s| s.id == "monte_carlo.lpf_theorem2_posterior").expect("spec");
    let options = CheckOptions { cases: Some(1000), ..CheckOptions::default() };
    let report = check(&SearchOnly, &spec, &options).expect("check runs");
    let Verdict::Refuted { counterexample, .. } = &report.verdict else { panic!("not refuted by search: {}", report.to_json()) };
    assert_eq!(counterexample.comparison.decide(), Decision::False);
    println!("found after {} cases: {}", report.cases_tried, counterexample.instance);
}
