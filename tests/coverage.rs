//! One id, one stem: the ids under spec/ and proofs/ must agree; every spec must have an
//! implementation (its own `[claim]` table, or Rust registered under its id); every Rust
//! implementation must have a spec and live in `src/theorems/<family>/<name>.rs`; and the same
//! for the fixtures. A claim without a proof file, a spec without an implementation, or code
//! without a spec fails here.

mod common;
use common::*;
use theoremcheck::registry;
use theoremcheck::spec::Spec;

fn ids_of(specs: &[Spec]) -> Vec<String> {
    specs.iter().map(|s| s.id.clone()).collect()
}

fn rust_ids(theorems: Vec<Box<dyn theoremcheck::Theorem>>) -> Vec<String> {
    let mut ids: Vec<String> = theorems.iter().map(|t| t.id().to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn spec_and_proof_ids_agree_and_every_spec_has_an_implementation() {
    let specs = ids_under(&root().join("spec"), "toml");
    let proofs = ids_under(&root().join("proofs"), "md");
    assert!(specs.len() >= 2, "the catalogue has at least the two foundation claims");
    assert_eq!(specs, proofs, "spec/ and proofs/ list different ids");
    for spec in catalogue_specs() {
        assert!(registry::implementation(&spec).is_some(), "{}: neither a [claim] table nor a Rust implementation", spec.id);
    }
}

#[test]
fn every_rust_claim_has_a_spec_without_a_claim_table_and_its_own_file() {
    let specs = catalogue_specs();
    for id in rust_ids(registry::catalogue()) {
        let spec = specs.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("Rust implementation '{id}' has no spec"));
        assert!(spec.claim.is_none(), "{id} has both a [claim] table and Rust code; the data claim would shadow the code");
        let (family, name) = id.split_once('.').expect("family.name");
        let file = root().join("src/theorems").join(family).join(format!("{name}.rs"));
        assert!(file.is_file(), "{id}: no source file at {}", file.display());
    }
}

#[test]
fn fixture_specs_and_implementations_agree() {
    let fixtures = fixture_specs();
    let catalogue = ids_of(&catalogue_specs());
    for spec in &fixtures {
        assert!(registry::implementation(spec).is_some(), "fixture {} has no implementation", spec.id);
        assert!(!catalogue.contains(&spec.id), "fixture id {} is also a catalogue id", spec.id);
    }
    for id in rust_ids(registry::fixtures()) {
        let spec = fixtures.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("Rust fixture '{id}' has no spec"));
        assert!(spec.claim.is_none(), "fixture {id} has both a [claim] table and Rust code");
    }
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

#[test]
fn a_good_share_of_the_catalogue_is_data() {
    // Claims as data (issue 15): the closed-form catalogue is written as [claim] tables.
    let data = catalogue_specs().iter().filter(|s| s.claim.is_some()).count();
    assert!(data >= 20, "only {data} catalogue claims are data claims");
}

#[test]
fn every_registry_row_builds_the_claim_it_names_and_rows_are_sorted() {
    let rows = registry::RUST_CLAIMS;
    for pair in rows.windows(2) {
        assert!(pair[0].0 < pair[1].0, "rows out of order or repeated: {} then {}", pair[0].0, pair[1].0);
    }
    for (id, _, make) in rows {
        assert_eq!(make().id(), *id, "the row '{id}' builds a claim that answers to another id");
        assert!(registry::find(id).is_some(), "find('{id}')");
    }
    assert!(registry::find("concentration.no_such_claim").is_none());
}

#[test]
fn family_folders_hold_only_claim_files() {
    // Support code lives in each family's model/ folder (or src/reference/), so a file directly
    // in a family folder is a claim: its id must be a catalogue row of the registry.
    let catalogue: Vec<&str> =
        registry::RUST_CLAIMS.iter().filter(|(_, role, _)| *role == registry::Role::Catalogue).map(|(id, _, _)| *id).collect();
    for family in std::fs::read_dir(root().join("src/theorems")).unwrap().flatten().filter(|e| e.path().is_dir()) {
        for file in std::fs::read_dir(family.path()).unwrap().flatten() {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "mod.rs") {
                continue;
            }
            let id = format!("{}.{}", family.file_name().to_string_lossy(), path.file_stem().unwrap().to_string_lossy());
            assert!(catalogue.contains(&id.as_str()), "{} is not a claim ({id} has no catalogue row): move it to model/", path.display());
        }
    }
}
