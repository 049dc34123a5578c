//! Helpers shared by the report tests: the grids of every spec, and scratch directories.
#![allow(dead_code)]

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use theoremcheck::registry;
use theoremcheck::report::{grid_report, GridReport};
use theoremcheck::spec::{parse_spec, Spec};

/// The sharpened Hoeffding fixture with a tightness grid added, so that the report of a
/// refuted claim (violated rows, a counterexample) is exercised while no fixture has a grid.
pub fn refuted_spec_with_grid() -> Spec {
    let path = root().join("tests/fixtures/spec/concentration/hoeffding_sharpened.toml");
    let text = std::fs::read_to_string(&path).expect("the fixture spec is readable");
    let text = format!("{text}\n[tightness]\nmeasure = \"ratio\"\ngrid = {{ n = [1, 10, 100], p = [\"1/2\"], u = [\"1/2\", \"1\"] }}\n");
    parse_spec(&text, &path, Some("concentration.hoeffding_sharpened")).expect("the fixture spec with a grid parses")
}

/// Every catalogue and fixture spec that has a tightness grid.
pub fn specs_with_grids() -> Vec<Spec> {
    catalogue_specs().into_iter().chain(fixture_specs()).filter(|s| s.tightness.is_some()).collect()
}

/// The evaluated grid of every catalogue and fixture spec that has one, by id.
pub fn all_grids() -> BTreeMap<String, GridReport> {
    specs_with_grids()
        .into_iter()
        .map(|spec| {
            let theorem = registry::implementation(&spec).unwrap_or_else(|| panic!("no implementation for {}", spec.id));
            let grid = grid_report(theorem.as_ref(), &spec).unwrap_or_else(|e| panic!("{e}")).expect("the spec has a grid");
            (spec.id.clone(), grid)
        })
        .collect()
}

/// A fresh, empty scratch directory for one test (removed first if a previous run left it).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("theoremcheck-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temp dir is writable");
    dir
}

/// Every entry under `dir`, as sorted relative paths.
pub fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(base).unwrap().display().to_string());
            if p.is_dir() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
