//! The catalogue as a `cargo test` gate: every claim is checked at its spec's budget with the
//! default seed, and the computed verdict must equal the recorded one. A claim that holds must
//! report its case count at or above the spec's floor, so it cannot pass vacuously.

mod common;
use common::*;
use rayon::prelude::*;
use theoremcheck::engine::{check, CheckOptions, Verdict};
use theoremcheck::registry;

#[test]
fn every_catalogue_verdict_is_reproduced() {
    let specs = catalogue_specs();
    let options = CheckOptions { cases: case_override(), ..CheckOptions::default() };
    let failures: Vec<String> = specs
        .par_iter()
        .filter_map(|spec| {
            let theorem = registry::find(&spec.id).expect("registered");
            match check(theorem.as_ref(), spec, &options) {
                Err(e) => Some(format!("{}: {e}", spec.id)),
                Ok(report) if !report.matches_recorded() => {
                    Some(format!("{}: computed {} but recorded {}: {}", spec.id, report.verdict.label(), report.recorded, report.to_json()))
                }
                Ok(report) => {
                    if let Verdict::Holds { cases, .. } = report.verdict {
                        if cases < u64::from(spec.min_cases) {
                            return Some(format!("{}: holds on only {cases} cases", spec.id));
                        }
                    }
                    None
                }
            }
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
