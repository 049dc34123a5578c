//! The checker's power without being pointed: the targeted search refutes what the random draws
//! miss, refutations do not depend on hand-written edge instances, and the search is a function
//! of the seed.

mod common;
use common::*;
use rayon::prelude::*;
use theoremcheck::engine::{check, CheckOptions, Phase, Verdict};
use theoremcheck::registry;
use theoremcheck::spec::Spec;

/// Refuted catalogue claims that `--no-edges` cannot refute, each with the proof file that says
/// why.
const NEEDS_EDGES: [(&str, &str); 1] = [(
    "monte_carlo.lpf_theorem2_posterior",
    "without its edge instance the random draws leave comparisons undecided at 4096 bits (proofs/monte_carlo/lpf_theorem2_posterior.md)",
)];

/// Refuted claims whose `--no-edges` check takes over a minute on 2 cores (the draws are exact
/// sums over large count vectors); run with THEOREMCHECK_HEAVY=1.
const HEAVY_WITHOUT_EDGES: [&str; 2] = ["calibration.lpf_theorem4_bayes_error", "calibration.lpf_theorem4_fano"];

fn catalogue_spec(id: &str) -> Spec {
    catalogue_specs().into_iter().find(|s| s.id == id).expect("catalogue claim")
}

#[test]
fn every_refuted_claim_is_refuted_without_its_edge_instances() {
    let heavy = std::env::var_os("THEOREMCHECK_HEAVY").is_some();
    let options = CheckOptions { edges: false, ..CheckOptions::default() };
    let specs: Vec<Spec> = catalogue_specs()
        .into_iter()
        .filter(|s| s.recorded == theoremcheck::spec::RecordedVerdict::Refuted && s.readings.is_empty())
        .filter(|s| !NEEDS_EDGES.iter().any(|(id, _)| *id == s.id))
        .filter(|s| heavy || !HEAVY_WITHOUT_EDGES.contains(&s.id.as_str()))
        .collect();
    assert!(specs.len() >= 10, "only {} refuted claims checked", specs.len());
    let failures: Vec<String> = specs
        .par_iter()
        .filter_map(|spec| {
            let theorem = registry::implementation(spec).expect("registered");
            let report = check(theorem.as_ref(), spec, &options).expect("check runs");
            match (&report.verdict, report.found_by) {
                (Verdict::Refuted { .. }, Some(Phase::Random | Phase::Search)) => None,
                _ => Some(format!("{}: {} without edges: {}", spec.id, report.verdict.label(), report.to_json())),
            }
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_exceptions_name_refuted_claims_with_a_proof_file() {
    for (id, _) in NEEDS_EDGES {
        let spec = catalogue_spec(id);
        assert_eq!(spec.recorded, theoremcheck::spec::RecordedVerdict::Refuted);
        let (family, name) = id.split_once('.').unwrap();
        let proof = std::fs::read_to_string(root().join(format!("proofs/{family}/{name}.md"))).expect("proof file");
        assert!(proof.contains("--no-edges"), "{id}: the proof file does not say why --no-edges cannot refute it");
    }
}

#[test]
fn the_search_refutes_the_mcdiarmid_twin_that_the_random_draws_miss() {
    let spec = fixture_specs().into_iter().find(|s| s.id == "concentration.mcdiarmid_sharpened").unwrap();
    let theorem = registry::implementation(&spec).unwrap();
    let random_only = check(theorem.as_ref(), &spec, &CheckOptions { search_cases: Some(0), ..CheckOptions::default() }).unwrap();
    assert!(matches!(random_only.verdict, Verdict::Holds { .. }), "the random draws alone now refute it: {}", random_only.to_json());
    let report = check(theorem.as_ref(), &spec, &CheckOptions::default()).unwrap();
    assert!(matches!(report.verdict, Verdict::Refuted { .. }), "{}", report.to_json());
    assert_eq!(report.found_by, Some(Phase::Search));
    assert!(report.search_cases > 0);
}

#[test]
fn the_search_is_a_function_of_the_seed() {
    let spec = catalogue_spec("concentration.hoeffding");
    let theorem = registry::implementation(&spec).unwrap();
    let run = |seed| {
        let r = check(theorem.as_ref(), &spec, &CheckOptions { seed, ..CheckOptions::default() }).unwrap();
        (r.cases_tried, r.search_cases, r.slack.tightest.map(|(_, w)| w.instance))
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

/// A check inside a pool of one or of two worker threads visits, records and scores the same
/// instances: nothing in a claim's check may depend on the thread count.
#[test]
fn the_search_is_the_same_on_one_and_on_two_threads() {
    let on = |threads: usize, spec: &Spec| {
        let theorem = registry::implementation(spec).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let r = pool.install(|| check(theorem.as_ref(), spec, &CheckOptions::default()).unwrap());
        (r.verdict.label(), r.found_by, r.cases_tried, r.search_cases, r.slack.tightest.map(|(_, w)| w.instance))
    };
    // One that holds (the whole search budget is spent) and one the search refutes.
    let holds = catalogue_spec("concentration.hoeffding");
    let refuted = fixture_specs().into_iter().find(|s| s.id == "concentration.mcdiarmid_sharpened").unwrap();
    for spec in [holds, refuted] {
        let (one, two) = (on(1, &spec), on(2, &spec));
        assert!(one.3 > 0, "{}: the search did not run", spec.id);
        assert_eq!(one, two, "{}", spec.id);
    }
}

#[test]
fn a_holding_claim_reports_a_non_degenerate_tightest_instance() {
    let spec = catalogue_spec("concentration.mcdiarmid");
    let theorem = registry::implementation(&spec).unwrap();
    let report = check(theorem.as_ref(), &spec, &CheckOptions::default()).unwrap();
    let (slack, witness) = report.slack.tightest.expect("a non-degenerate instance");
    assert!(slack > 0 && slack < 1, "slack {slack}");
    assert!(!theoremcheck::engine::degenerate(&witness.comparison, &spec.range));
}
