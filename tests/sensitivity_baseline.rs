//! The sensitivity guard: every inequality claim's sensitivity (the smallest η for which
//! `lhs ≤ (1 − η)·rhs`, or the claim with its `[sensitivity]` constant scaled by `1 − η` toward
//! its strong end, is refuted on the claim's own domain, budget and seed) is committed in
//! `tests/baseline/sensitivity.json`, and a change that makes any claim *less* sensitive — a
//! larger η, or no η where there was one — fails, like a looser tightness value does. A more
//! sensitive claim is reported, never a failure. Regenerate after a deliberate change with
//! `THEOREMCHECK_UPDATE_BASELINE=1 cargo test --release --test sensitivity_baseline`.

mod common;
use common::*;
use rayon::prelude::*;
use rug::Rational;
use serde_json::{json, Map, Value as Json};
use theoremcheck::engine::{check, default_etas, sensitivity, CheckOptions, Sensitivity};
use theoremcheck::reference::decimal::format_rational;
use theoremcheck::reference::parse_rational;
use theoremcheck::registry;

fn baseline_path() -> std::path::PathBuf {
    root().join("tests/baseline/sensitivity.json")
}

fn measure() -> Vec<(String, Sensitivity)> {
    let options = CheckOptions::default();
    catalogue_specs()
        .par_iter()
        .map(|spec| {
            let theorem = registry::implementation(spec).expect("registered");
            let report = check(theorem.as_ref(), spec, &options).expect("check runs");
            let s = sensitivity(theorem.as_ref(), spec, &options, &report.verdict, &default_etas()).expect("sensitivity runs");
            (spec.id.clone(), s)
        })
        .collect()
}

fn record(measured: &[(String, Sensitivity)]) -> Json {
    let claims: Map<String, Json> =
        measured.iter().map(|(id, s)| (id.clone(), json!({"eta": s.eta.as_ref().map(format_rational), "reason": s.reason}))).collect();
    json!({
        "about": "Sensitivity baseline for tests/sensitivity_baseline.rs: per claim, the smallest η of 1/2, 1/10, 1/100, 1/1000 whose mutant lhs ≤ (1 − η)·rhs, or whose [sensitivity] constant scaled by 1 − η toward its strong end, is refuted (null with the reason where none is). Regenerate with THEOREMCHECK_UPDATE_BASELINE=1 cargo test --release --test sensitivity_baseline.",
        "claims": claims,
    })
}

/// Why `now` is less sensitive than `then`, if it is.
fn regression(then: Option<&Rational>, now: Option<&Rational>) -> Option<String> {
    match (then, now) {
        (Some(t), Some(n)) if n > t => Some(format!("η went from {} to {}", format_rational(t), format_rational(n))),
        (Some(t), None) => Some(format!("η went from {} to none", format_rational(t))),
        _ => None,
    }
}

#[test]
fn no_claim_became_less_sensitive_than_its_baseline() {
    let measured = measure();
    if std::env::var_os("THEOREMCHECK_UPDATE_BASELINE").is_some() {
        let text = serde_json::to_string_pretty(&record(&measured)).unwrap() + "\n";
        std::fs::write(baseline_path(), text).expect("baseline written");
        return;
    }
    let baseline: Json = serde_json::from_str(&std::fs::read_to_string(baseline_path()).expect("baseline exists")).expect("JSON");
    let claims = baseline["claims"].as_object().expect("claims");
    let mut failures = Vec::new();
    for (id, s) in &measured {
        let Some(entry) = claims.get(id) else {
            failures.push(format!("{id}: no baseline entry (regenerate the baseline)"));
            continue;
        };
        let then = entry["eta"].as_str().map(|t| parse_rational(t).expect("a rational"));
        if let Some(why) = regression(then.as_ref(), s.eta.as_ref()) {
            failures.push(format!("{id}: less sensitive: {why}"));
        } else if then.as_ref() != s.eta.as_ref() {
            eprintln!("{id}: more sensitive than the baseline ({} → {})", entry["eta"], s.describe());
        }
    }
    for id in claims.keys().filter(|id| !measured.iter().any(|(m, _)| m == *id)) {
        failures.push(format!("{id}: in the baseline but not in the catalogue"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_guard_fails_a_larger_eta_and_passes_a_smaller_one() {
    let (tenth, half) = (Rational::from((1, 10)), Rational::from((1, 2)));
    assert!(regression(Some(&tenth), Some(&half)).is_some());
    assert!(regression(Some(&tenth), None).is_some());
    assert!(regression(Some(&half), Some(&tenth)).is_none());
    assert!(regression(None, Some(&tenth)).is_none());
}
