//! The pac_bayes fixtures must be refuted by the search itself, not only by the hand-picked
//! edge instances: each sharpened claim is re-run with its edge instances removed and must
//! still be refuted by a certified counterexample found by the generator. Two fixtures fail
//! only on a thin region of worlds (listed in `HEAVY_SEARCH` with the reason); the search finds
//! them with 1500 cases (about 30 s), which runs only under THEOREMCHECK_HEAVY=1.

mod common;
use common::*;
use proptest::strategy::BoxedStrategy;
use theoremcheck::engine::{check, CheckOptions, EvalError, Instance, Outcome, ParamRequirement, Theorem, Verdict};
use theoremcheck::registry;
use theoremcheck::spec::Spec;

/// A theorem with its edge instances removed.
struct SearchOnly(Box<dyn Theorem>);

impl Theorem for SearchOnly {
    fn id(&self) -> &str {
        self.0.id()
    }
    fn parameters(&self) -> &[ParamRequirement] {
        self.0.parameters()
    }
    fn constants(&self) -> &[&'static str] {
        self.0.constants()
    }
    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        self.0.evaluate(instance, constants, prec)
    }
    fn strategy(&self, spec: &Spec) -> Option<BoxedStrategy<Instance>> {
        self.0.strategy(spec)
    }
    fn describe(&self, instance: &Instance) -> Option<String> {
        self.0.describe(instance)
    }
}

/// Fixtures whose failing region is too thin for the random search at the spec's budget, the
/// budget at which the search finds them, and why.
const HEAVY_SEARCH: &[(&str, u32, &str)] = &[
    (
        "pac_bayes.mcallester_sharpened",
        1500,
        "Hoeffding is tight only at n ≤ 5 with a large risk and a small δ: 18 of about 10 400 one-hypothesis grid points (n ≤ 11, risk j/16, δ j/64) fail",
    ),
    ("pac_bayes.pac_bayes_lambda_sharpened", 1500, "fails only for one hypothesis at moderate n (≈ 20) with a small risk and δ"),
];

fn heavy() -> bool {
    std::env::var("THEOREMCHECK_HEAVY").is_ok_and(|v| v == "1")
}

#[test]
fn sharpened_pac_bayes_claims_are_refuted_by_search_alone() {
    let mut found = Vec::new();
    let mut missed = Vec::new();
    for spec in fixture_specs().into_iter().filter(|s| s.family() == "pac_bayes") {
        let theorem = SearchOnly(registry::implementation(&spec).expect("registered"));
        let cases = match HEAVY_SEARCH.iter().find(|(id, _, _)| *id == spec.id) {
            Some((_, budget, why)) if heavy() => {
                eprintln!("{}: heavy search with {budget} cases ({why})", spec.id);
                Some(*budget)
            }
            Some((_, _, why)) => {
                eprintln!("{}: search-only refutation skipped without THEOREMCHECK_HEAVY=1 ({why})", spec.id);
                continue;
            }
            None => None,
        };
        let report = check(&theorem, &spec, &CheckOptions { cases, ..CheckOptions::default() }).expect("check runs");
        match report.verdict {
            Verdict::Refuted { .. } => found.push(spec.id.clone()),
            _ => missed.push(spec.id.clone()),
        }
    }
    eprintln!("found by search: {found:?}\nmissed: {missed:?}");
    assert!(missed.is_empty(), "not refuted by search alone: {missed:?}");
    assert!(found.len() >= 6, "too few fixtures searched: {found:?}");
}
