//! One id, one stem: the ids under spec/ and proofs/ must agree; every spec has an
//! implementation (its own `[claim]` as data, or Rust code registered under its id); every id
//! registered in Rust has a spec and its source file `src/theorems/<family>/<name>.rs` (a reading
//! `<name>_<suffix>` may live in its claim's file, which names it). Likewise
//! for the fixture specs and the registry's fixtures, whose Rust code lives in the file of the
//! claim they are a twin of (a file of their family that names them). A claim without a proof
//! file, a spec without code, or code without a spec fails here.

mod common;
use common::*;
use std::path::PathBuf;
use theoremcheck::registry;
use theoremcheck::spec::Spec;

fn ids(theorems: Vec<Box<dyn theoremcheck::Theorem>>) -> Vec<String> {
    let mut ids: Vec<String> = theorems.iter().map(|t| t.id().to_string()).collect();
    ids.sort();
    ids
}

/// The file of `src/theorems/<family>/` that names the Rust-registered `id` (a twin lives in
/// the file of the claim it is a twin of, which need not share its stem).
fn file_naming(id: &str) -> Option<PathBuf> {
    let (family, _) = id.split_once('.')?;
    let literal = format!("\"{id}\"");
    std::fs::read_dir(root().join("src/theorems").join(family))
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "rs") && std::fs::read_to_string(path).is_ok_and(|text| text.contains(&literal)))
}

/// Rust-registered ids have a spec.
fn registered_ids_have_specs(registered: &[String], specs: &[Spec]) {
    for id in registered {
        assert!(specs.iter().any(|s| &s.id == id), "{id} is registered in Rust but has no spec");
    }
}

#[test]
fn spec_and_proof_ids_agree_and_rust_claims_have_specs_and_files() {
    let specs = ids_under(&root().join("spec"), "toml");
    let proofs = ids_under(&root().join("proofs"), "md");
    assert!(specs.len() >= 2, "the catalogue has at least the two foundation claims");
    assert_eq!(specs, proofs, "spec/ and proofs/ list different ids");
    let code = ids(registry::catalogue());
    registered_ids_have_specs(&code, &catalogue_specs());
    for id in &code {
        let (family, name) = id.split_once('.').expect("family.name");
        if root().join("src/theorems").join(family).join(format!("{name}.rs")).is_file() {
            continue;
        }
        // A reading `<name>_<suffix>` may live in the file of the claim it reads, which names it.
        let file =
            file_naming(id).unwrap_or_else(|| panic!("{id} is registered in Rust but src/theorems/{family}/{name}.rs does not exist"));
        let stem = file.file_stem().expect("a file").to_string_lossy().into_owned();
        assert!(
            name.starts_with(&format!("{stem}_")),
            "{id} is registered in Rust in {}, not in src/theorems/{family}/{name}.rs",
            file.display()
        );
    }
}

#[test]
fn fixture_specs_and_registry_fixtures_agree() {
    let code = ids(registry::fixtures());
    registered_ids_have_specs(&code, &fixture_specs());
    for id in &code {
        assert!(file_naming(id).is_some(), "fixture {id} is registered in Rust but no file of its family in src/theorems names it");
    }
    let catalogue = ids(registry::catalogue());
    assert!(code.iter().all(|id| !catalogue.contains(id)), "a fixture id is also a catalogue id");
    let specs = ids_under(&root().join("spec"), "toml");
    let fixtures = ids_under(&root().join("tests/fixtures/spec"), "toml");
    assert!(fixtures.iter().all(|id| !specs.contains(id)), "a fixture spec id is also a catalogue spec id");
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
