//! The catalogue as a `cargo test` gate: every claim is checked at its spec's budget with the
//! default seed, and the computed verdict must equal the recorded one (a headline claim's
//! verdict is derived from its readings, as the CLI does). A claim that holds must report its case
//! count at or above the spec's floor, so it cannot pass vacuously; and no spec may claim more
//! rigor than its check delivered (`exact` only where every compared pair was two exact
//! rationals, `statistical` and `not_evaluated` exactly where the check says so).

mod common;
use common::*;
use rayon::prelude::*;
use theoremcheck::engine::{check, settle_readings, CheckError, CheckOptions, CheckReport, RigorLabel, Verdict};
use theoremcheck::registry;
use theoremcheck::spec::{Rigor, Spec};

fn reports(specs: &[Spec]) -> Vec<Result<CheckReport, CheckError>> {
    let options = CheckOptions { cases: case_override(), ..CheckOptions::default() };
    let mut results: Vec<Result<CheckReport, CheckError>> = specs
        .par_iter()
        .map(|spec| {
            let theorem = registry::implementation(spec).expect("registered");
            check(theorem.as_ref(), spec, &options)
        })
        .collect();
    settle_readings(&mut results, specs, |r| r);
    results
}

/// Whether the spec's declared rigor claims no more than the check did.
fn rigor_is_honest(declared: Rigor, computed: RigorLabel) -> bool {
    match declared {
        Rigor::Exact => computed == RigorLabel::Exact,
        Rigor::Certified => matches!(computed, RigorLabel::Exact | RigorLabel::Certified),
        Rigor::Statistical => computed == RigorLabel::Statistical,
        Rigor::NotEvaluated => computed == RigorLabel::NotEvaluated,
    }
}

#[test]
fn every_catalogue_verdict_is_reproduced_with_an_honest_rigor_label() {
    let specs = catalogue_specs();
    let results = reports(&specs);
    let mut failures = Vec::new();
    for (spec, result) in specs.iter().zip(&results) {
        match result {
            Err(e) => failures.push(format!("{}: {e}", spec.id)),
            Ok(report) if !report.matches_recorded() => failures.push(format!(
                "{}: computed {} but recorded {}: {}",
                spec.id,
                report.verdict.label(),
                report.recorded,
                report.to_json()
            )),
            Ok(report) => {
                if let Verdict::Holds { cases, .. } = report.verdict {
                    if cases < u64::from(spec.min_cases) {
                        failures.push(format!("{}: holds on only {cases} cases", spec.id));
                    }
                }
                if !rigor_is_honest(spec.rigor, report.rigor) {
                    failures.push(format!("{}: the spec says rigor {:?}, the check did {}", spec.id, spec.rigor, report.rigor));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_headline_with_readings_follows_them() {
    let specs: Vec<Spec> = catalogue_specs().into_iter().filter(|s| s.id.starts_with("calibration.lpf_theorem5")).collect();
    let headline = specs.iter().position(|s| s.id == "calibration.lpf_theorem5").expect("headline");
    assert!(!specs[headline].readings.is_empty());
    let results = reports(&specs);
    let Ok(report) = &results[headline] else { panic!("the headline failed to run") };
    let Verdict::Readings { readings, .. } = &report.verdict else { panic!("not derived from readings: {}", report.to_json()) };
    assert_eq!(readings.len(), specs[headline].readings.len());
    for (id, verdict) in readings {
        let reading = specs.iter().zip(&results).find(|(s, _)| &s.id == id).and_then(|(_, r)| r.as_ref().ok()).expect("reading ran");
        assert_eq!(reading.verdict.label(), *verdict, "{id}");
    }
}
