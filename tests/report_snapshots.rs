//! Every tightness table, snapshotted: one insta snapshot per spec with a `[tightness]` grid
//! (catalogue and fixtures), plus one for a refuted claim. The tables print only the digits
//! the enclosures certify, so the snapshots are identical on every machine; a bound whose
//! constant changes, or a reference that drifts, shows up as a snapshot diff.
//!
//! A spec that gains a grid (or a new claim with one) has no committed snapshot and fails here
//! until the new snapshot is reviewed and accepted: `cargo insta review` (or `cargo insta
//! accept`), or without cargo-insta `INSTA_UPDATE=always cargo test --release --test
//! report_snapshots`, then commit `tests/snapshots/`. CI runs with `CI=true`, where insta never
//! writes snapshots, so drift and missing snapshots fail.

mod common;
mod report_support;
use report_support::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use theoremcheck::registry;
use theoremcheck::report::{grid_report, markdown::tightness_table};

/// Asserts one snapshot, turning a failure into a message so that every spec is compared.
fn snapshot(name: &str, description: String, table: String) -> Option<String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        insta::with_settings!({description => description, omit_expression => true, prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, table);
        });
    }));
    outcome.err().map(|_| format!("snapshot '{name}' differs or is missing"))
}

#[test]
fn every_tightness_table_matches_its_snapshot() {
    let specs = specs_with_grids();
    assert!(specs.len() >= 2, "the catalogue has at least the two foundation grids");
    let mut failures = Vec::new();
    for spec in &specs {
        let theorem = registry::implementation(spec).expect("registered");
        let grid = grid_report(theorem.as_ref(), spec).unwrap_or_else(|e| panic!("{e}")).expect("has a grid");
        let name = format!("tightness__{}", spec.id);
        failures.extend(snapshot(
            &name,
            format!("{} ({})", spec.id, spec.path.strip_prefix(common::root()).unwrap_or(&spec.path).display()),
            tightness_table(&grid),
        ));
    }
    assert!(failures.is_empty(), "{}\nreview with `cargo insta review` (see this file's header)", failures.join("\n"));
}

#[test]
fn a_refuted_claim_shows_violated_rows() {
    let spec = refuted_spec_with_grid();
    let theorem = registry::implementation(&spec).expect("registered");
    let grid = grid_report(theorem.as_ref(), &spec).unwrap().unwrap();
    let table = tightness_table(&grid);
    assert!(table.contains("**violated**"), "{table}");
    if let Some(failure) =
        snapshot("tightness__refuted_fixture_with_grid", "concentration.hoeffding_sharpened with a grid added in the test".into(), table)
    {
        panic!("{failure}");
    }
}
