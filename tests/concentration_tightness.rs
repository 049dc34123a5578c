//! Every concentration claim's tightness grid (n up to 10⁴ where the claim allows it) is
//! evaluated, and at every grid point the claim must hold with a certified comparison: a grid
//! point that errs or stays undecided means the report would show a hole (the report's own
//! tests snapshot the tables; this one says which point failed and why). All grids together
//! take a few seconds, n = 10⁴ included.

mod common;
use common::*;
use theoremcheck::engine::tightness;
use theoremcheck::reference::{Decision, PRECISION_LADDER};
use theoremcheck::registry;

#[test]
fn every_concentration_grid_point_is_certified() {
    for spec in catalogue_specs().iter().filter(|s| s.family() == "concentration" && s.tightness.is_some()) {
        let theorem = registry::implementation(spec).expect("registered");
        let started = std::time::Instant::now();
        let rows = tightness(theorem.as_ref(), spec, &PRECISION_LADDER).unwrap_or_else(|e| panic!("{e}"));
        assert!(!rows.is_empty(), "{}: empty grid", spec.id);
        for row in &rows {
            assert_eq!(row.decision, Decision::True, "{} at {}: {:?}", spec.id, row.instance, row.comparison);
            if let Some(c) = &row.comparison {
                println!("{} {} lhs {:.4} rhs {:.4}", spec.id, row.instance, c.lhs, c.rhs);
            }
        }
        println!("{}: {} points in {:.1?}", spec.id, rows.len(), started.elapsed());
    }
}
