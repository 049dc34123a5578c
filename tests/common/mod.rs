//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use theoremcheck::spec::{load_dir, Spec};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn catalogue_specs() -> Vec<Spec> {
    load_dir(&root().join("spec")).expect("the catalogue's specs load")
}

pub fn fixture_specs() -> Vec<Spec> {
    load_dir(&root().join("tests/fixtures/spec")).expect("the fixture specs load")
}

/// Ids of the files with extension `ext` under `dir/<family>/`.
pub fn ids_under(dir: &std::path::Path, ext: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let Ok(families) = std::fs::read_dir(dir) else { return ids };
    for family in families.flatten().filter(|f| f.path().is_dir()) {
        for file in std::fs::read_dir(family.path()).expect("readable").flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == ext) {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                ids.push(format!("{}.{stem}", family.file_name().to_string_lossy()));
            }
        }
    }
    ids.sort();
    ids
}

/// The case budget for suite runs: the spec's own, unless THEOREMCHECK_CASES overrides it (the
/// one place case counts are routed through, since proptest's Config ignores PROPTEST_CASES).
pub fn case_override() -> Option<u32> {
    std::env::var("THEOREMCHECK_CASES").ok().and_then(|v| v.parse().ok())
}
