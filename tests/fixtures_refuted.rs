//! Deliberately false variants must be refuted with certified, shrunk counterexamples that
//! replay. A checker that cannot refute a sharpened twin of a claim is not searching where the
//! claim is tight.

mod common;
use common::*;
use theoremcheck::engine::{check, check_instance, CheckOptions, Instance, Verdict};
use theoremcheck::reference::Decision;
use theoremcheck::registry;

fn refute(id: &str) -> (theoremcheck::engine::CheckReport, theoremcheck::spec::Spec) {
    let spec = fixture_specs().into_iter().find(|s| s.id == id).expect("fixture spec");
    let theorem = registry::implementation(&spec).expect("fixture registered");
    (check(theorem.as_ref(), &spec, &CheckOptions::default()).expect("check runs"), spec)
}

#[test]
fn every_fixture_is_refuted_and_its_counterexample_replays() {
    for spec in fixture_specs() {
        let (report, spec) = refute(&spec.id);
        let Verdict::Refuted { counterexample, .. } = &report.verdict else {
            panic!("{} was not refuted: {}", spec.id, report.to_json());
        };
        assert_eq!(counterexample.comparison.decide(), Decision::False, "{}: not certified", spec.id);
        // The printed instance, read back through the replay path, refutes again.
        let replayed = Instance::from_json(&counterexample.instance.to_string(), &spec).expect("replayable");
        let theorem = registry::implementation(&spec).unwrap();
        let again = check_instance(theorem.as_ref(), &spec, &replayed, &CheckOptions::default()).unwrap();
        assert!(matches!(again.verdict, Verdict::Refuted { .. }), "{}: replay did not refute", spec.id);
    }
}

#[test]
fn the_sharpened_hoeffding_counterexample_is_shrunk_to_a_tiny_instance() {
    let (report, _) = refute("concentration.hoeffding_sharpened");
    let Verdict::Refuted { counterexample, .. } = report.verdict else { panic!("not refuted") };
    let n = counterexample.instance.integer("n").unwrap();
    assert!(n <= 3, "counterexample not shrunk: {}", counterexample.instance);
}

#[test]
fn a_claim_with_a_free_constant_is_refuted_at_every_reported_constant() {
    let (report, spec) = refute("concentration.hoeffding_n_squared");
    let Verdict::Refuted { at_constants, .. } = report.verdict else { panic!("not refuted") };
    let reported = &spec.constants["C"].report_at;
    assert_eq!(at_constants.len(), reported.len());
    assert!(at_constants.iter().all(|(_, w)| w.comparison.decide() == Decision::False));
    // The search ran at the weakest constant, the top of the range.
    assert_eq!(report.constants.number("C").unwrap(), &spec.constants["C"].max.0);
}
