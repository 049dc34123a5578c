//! Every pac_bayes claim has a tightness grid, and every grid point must be certified to hold
//! (or not meet the hypotheses): a grid point that is refuted or left undecided would mean the
//! spec's report shows a broken bound. The table of margins is printed with `--nocapture`.

mod common;
use common::*;
use theoremcheck::engine::tightness;
use theoremcheck::reference::{Decision, PRECISION_LADDER};
use theoremcheck::registry;

#[test]
fn every_pac_bayes_grid_point_holds() {
    // An underspecified claim has nothing to evaluate, hence no grid.
    let specs: Vec<_> = catalogue_specs()
        .into_iter()
        .filter(|s| s.family() == "pac_bayes" && s.recorded != theoremcheck::spec::RecordedVerdict::Underspecified)
        .collect();
    assert!(specs.len() >= 9);
    for spec in specs {
        assert!(spec.tightness.is_some(), "{} has no tightness grid", spec.id);
        let theorem = registry::implementation(&spec).expect("registered");
        let rows = tightness(theorem.as_ref(), &spec, &PRECISION_LADDER).unwrap_or_else(|e| panic!("{e}"));
        let compared: Vec<_> = rows.iter().filter(|r| r.comparison.is_some()).collect();
        assert!(!compared.is_empty(), "{}: no grid point meets the hypotheses", spec.id);
        for row in &rows {
            let Some(c) = &row.comparison else { continue };
            assert_eq!(row.decision, Decision::True, "{} at {}: {:?}", spec.id, row.instance, row.decision);
            let (lo, hi) = c.margin(row.precision.max(64)).decimal_bounds(6);
            eprintln!("{} {} margin [{lo}, {hi}]", spec.id, row.instance);
        }
    }
}
