//! One id, one stem: the ids under spec/, proofs/ and the registry's catalogue must agree, and
//! so must the fixture specs and the registry's fixtures. A claim without a proof file, a spec
//! without code, or code without a spec fails here.

mod common;
use common::*;
use theoremcheck::registry;

#[test]
fn spec_proof_and_registry_ids_agree() {
    let specs = ids_under(&root().join("spec"), "toml");
    let proofs = ids_under(&root().join("proofs"), "md");
    let mut code: Vec<String> = registry::catalogue().iter().map(|t| t.id().to_string()).collect();
    code.sort();
    assert!(specs.len() >= 2, "the catalogue has at least the two foundation claims");
    assert_eq!(specs, proofs, "spec/ and proofs/ list different ids");
    assert_eq!(specs, code, "spec/ and the registry's catalogue list different ids");
}

#[test]
fn fixture_specs_and_registry_fixtures_agree() {
    let specs = ids_under(&root().join("tests/fixtures/spec"), "toml");
    let mut code: Vec<String> = registry::fixtures().iter().map(|t| t.id().to_string()).collect();
    code.sort();
    assert_eq!(specs, code);
    let catalogue: Vec<String> = registry::catalogue().iter().map(|t| t.id().to_string()).collect();
    assert!(code.iter().all(|id| !catalogue.contains(id)), "a fixture id is also a catalogue id");
}

#[test]
fn every_spec_matches_its_implementation() {
    for spec in catalogue_specs().iter().chain(fixture_specs().iter()) {
        let theorem = registry::implementation(spec).unwrap_or_else(|| panic!("no implementation for {}", spec.id));
        theoremcheck::engine::validate(theorem.as_ref(), spec).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn every_fixture_is_recorded_as_refuted() {
    for spec in fixture_specs() {
        assert_eq!(spec.recorded, theoremcheck::spec::RecordedVerdict::Refuted, "{}", spec.id);
    }
}
