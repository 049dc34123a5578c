//! The directional tightness guard. `tests/baseline/tightness.json` records every grid point's
//! ratio or margin; this test fails when a bound got looser than its baseline beyond the
//! tolerance (a ratio fell or a margin grew by more than a relative 10⁻⁴), and passes with a
//! notice on stderr when it got tighter, so an improvement never blocks but a regression does.
//! A claim or grid point without a baseline entry fails too.
//!
//! Recording: `THEOREMCHECK_UPDATE_BASELINE=1 cargo test --release --test report_baseline`
//! rewrites the baseline from the current code (never under `CI`); review the diff and commit.

mod common;
mod report_support;
use common::root;
use report_support::*;
use theoremcheck::report::baseline::{compare, record, TOLERANCE};

fn baseline_path() -> std::path::PathBuf {
    root().join("tests/baseline/tightness.json")
}

#[test]
fn no_bound_got_looser_than_its_baseline() {
    let grids = all_grids();
    let path = baseline_path();
    if std::env::var_os("THEOREMCHECK_UPDATE_BASELINE").is_some() && std::env::var_os("CI").is_none() {
        let text = serde_json::to_string_pretty(&record(&grids)).unwrap() + "\n";
        std::fs::write(&path, text).expect("the baseline is writable");
        eprintln!("notice: rewrote {}", path.display());
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let baseline: serde_json::Value = serde_json::from_str(&text).expect("the baseline is JSON");
    assert_eq!(baseline["tolerance"], TOLERANCE, "the baseline was recorded with another tolerance");
    let found = compare(&baseline, &grids);
    for t in &found.tighter {
        eprintln!("notice: tighter than the baseline (update it to lock the gain in): {t}");
    }
    assert!(
        found.passes(),
        "tightness guard (tolerance {TOLERANCE}):\n{}\n{}\nif intended, rerun with THEOREMCHECK_UPDATE_BASELINE=1 and commit the baseline",
        found.looser.join("\n"),
        found.missing.join("\n")
    );
}

#[test]
fn the_guard_fails_looser_and_passes_tighter() {
    // The refuted fixture's grid against a baseline made from it, then nudged both ways.
    let spec = refuted_spec_with_grid();
    let theorem = theoremcheck::registry::implementation(&spec).unwrap();
    let grid = theoremcheck::report::grid_report(theorem.as_ref(), &spec).unwrap().unwrap();
    let grids = std::collections::BTreeMap::from([(spec.id.clone(), grid)]);
    let mut baseline = record(&grids);
    assert!(compare(&baseline, &grids).passes());
    assert!(compare(&baseline, &grids).tighter.is_empty());
    let points = baseline["claims"][&spec.id]["points"].as_object_mut().unwrap();
    let key = points.keys().next().unwrap().clone();
    let now: f64 = points[&key].as_str().unwrap().parse().unwrap();
    // A baseline ratio 1% above today's: today's bound is looser than recorded → fails.
    points.insert(key.clone(), serde_json::Value::from(format!("{:.6e}", now * 1.01)));
    let found = compare(&baseline, &grids);
    assert_eq!(found.looser.len(), 1, "{found:?}");
    assert!(!found.passes());
    // A baseline ratio 1% below today's: tighter → passes, with a notice.
    let points = baseline["claims"][&spec.id]["points"].as_object_mut().unwrap();
    points.insert(key, serde_json::Value::from(format!("{:.6e}", now * 0.99)));
    let found = compare(&baseline, &grids);
    assert!(found.passes(), "{found:?}");
    assert_eq!(found.tighter.len(), 1);
    // A claim missing from the baseline fails.
    baseline["claims"].as_object_mut().unwrap().clear();
    assert!(!compare(&baseline, &grids).passes());
}
