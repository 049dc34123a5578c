//! Every refutation fixture is searched on exactly its catalogue claim's domain and budget.
//!
//! A twin (a deliberately false variant of a catalogue claim) shows that the checker would catch
//! a wrong constant in that claim. That only holds if the twin is searched the way the claim is:
//! a twin refuted on a hand-narrowed domain, with a larger case budget, or only through a region
//! someone already knew to look at, says nothing about the claim's own check. So each fixture's
//! parameter domains, constants, `cases` and `min_cases` must equal those of the catalogue claim
//! it mutates; only id, title, statement, verdict and source may differ.
//!
//! A fixture's claim is the catalogue claim of the same family whose name is the longest prefix
//! of the fixture's name (`hoeffding_sharpened`, `hoeffding_n_squared` → `hoeffding`), except for
//! the few in `CLAIM_OF`, whose names do not say it (read off their Rust constructors).

mod common;
use common::*;
use theoremcheck::spec::Spec;

/// Fixtures whose claim is not the longest-prefix match, with the claim their constructor mutates.
const CLAIM_OF: &[(&str, &str)] = &[
    // LpfSpnUniformRootBayes, beside LpfTheorem1BayesExact in lpf_theorem1_bayes_exact.rs.
    ("calibration.lpf_spn_uniform_root_bayes", "calibration.lpf_theorem1_bayes_exact"),
    // The noisy-label metrics claim with precision ignoring false flips (both data claims).
    ("calibration.noisy_precision_ignores_false_flips", "calibration.noisy_label_metrics"),
    // LpfTheorem2PosteriorLipschitz::additive(), not a reading of lpf_theorem2_posterior.
    ("monte_carlo.lpf_theorem2_posterior_additive", "monte_carlo.lpf_theorem2_posterior_lipschitz"),
];

/// Fixtures whose mutation *is* their constants, so those may differ from the claim's.
const OWN_CONSTANTS: &[(&str, &str)] = &[
    ("concentration.hoeffding_n_squared", "the mutation adds the free constant C (false for every C up to 100)"),
    ("monte_carlo.lpf_theorem2_sharpened", "the mutation is the range of C: at most 1/3 instead of 100"),
    ("universality.subset_sum_lueker_constant_sharpened", "the mutation is the range of C: at most 1 instead of 100"),
    ("universality.subset_sum_lueker_sufficiency_sharpened", "the mutation is the range of C: at most 2 instead of 5/2"),
];

fn claim_of<'a>(fixture: &Spec, catalogue: &'a [Spec]) -> Option<&'a Spec> {
    if let Some((_, claim)) = CLAIM_OF.iter().find(|(f, _)| *f == fixture.id) {
        return catalogue.iter().find(|s| s.id == *claim);
    }
    let name = fixture.name();
    catalogue
        .iter()
        .filter(|s| s.family() == fixture.family())
        .filter(|s| name == s.name() || name.strip_prefix(s.name()).is_some_and(|rest| rest.starts_with('_')))
        .max_by_key(|s| s.name().len())
}

/// The ways `fixture` differs from `claim` in domains, constants or budget.
fn differences(fixture: &Spec, claim: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    if fixture.cases != claim.cases {
        out.push(format!("cases = {}, the claim's is {}", fixture.cases, claim.cases));
    }
    if fixture.min_cases != claim.min_cases {
        out.push(format!("min_cases = {}, the claim's is {}", fixture.min_cases, claim.min_cases));
    }
    if fixture.search_cases != claim.search_cases {
        out.push(format!("search_cases = {}, the claim's is {}", fixture.search_cases, claim.search_cases));
    }
    if fixture.range != claim.range {
        out.push(format!("range = {:?}, the claim's is {:?}", fixture.range, claim.range));
    }
    let names = fixture.parameters.keys().chain(claim.parameters.keys()).collect::<std::collections::BTreeSet<_>>();
    for name in names {
        let (mine, theirs) = (fixture.parameters.get(name), claim.parameters.get(name));
        if mine != theirs {
            let show = |d: Option<&theoremcheck::spec::Domain>| d.map_or("absent".to_string(), |d| format!("{d:?}"));
            out.push(format!("parameter {name}: {} here, {} in the claim", show(mine), show(theirs)));
        }
    }
    let own_constants = OWN_CONSTANTS.iter().any(|(f, _)| *f == fixture.id);
    if !own_constants && fixture.constants != claim.constants {
        out.push(format!("constants {:?} here, {:?} in the claim", fixture.constants, claim.constants));
    }
    out
}

#[test]
fn every_fixture_names_a_catalogue_claim() {
    let catalogue = catalogue_specs();
    let missing: Vec<_> = fixture_specs().into_iter().filter(|f| claim_of(f, &catalogue).is_none()).map(|f| f.id).collect();
    assert!(missing.is_empty(), "fixtures with no catalogue claim (add them to CLAIM_OF): {missing:?}");
}

#[test]
fn the_exception_tables_name_existing_fixtures_and_claims() {
    let (catalogue, fixtures) = (catalogue_specs(), fixture_specs());
    let is_fixture = |id: &str| fixtures.iter().any(|f| f.id == id);
    for (fixture, claim) in CLAIM_OF {
        assert!(is_fixture(fixture), "CLAIM_OF names {fixture}, which is not a fixture");
        assert!(catalogue.iter().any(|s| s.id == *claim), "CLAIM_OF names {claim}, which is not a catalogue claim");
    }
    for (fixture, reason) in OWN_CONSTANTS {
        assert!(is_fixture(fixture), "OWN_CONSTANTS names {fixture}, which is not a fixture");
        let spec = fixtures.iter().find(|f| f.id == *fixture).unwrap();
        assert!(!spec.constants.is_empty(), "{fixture} is listed as mutating its constants ({reason}) but declares none");
    }
}

#[test]
fn every_fixture_uses_its_claims_domains_constants_and_budget() {
    let catalogue = catalogue_specs();
    let mut problems = Vec::new();
    for fixture in fixture_specs() {
        let Some(claim) = claim_of(&fixture, &catalogue) else { continue };
        for d in differences(&fixture, claim) {
            problems.push(format!("{} (twin of {}): {d}", fixture.id, claim.id));
        }
    }
    assert!(problems.is_empty(), "fixtures not on their claim's domain and budget:\n{}", problems.join("\n"));
}
