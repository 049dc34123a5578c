//! Tightness reports: for every claim, its verdict and both sides of the claim across the
//! spec's `[tightness]` grid, as Markdown, JSON and one SVG plot per claim.
//!
//! The pieces, one per file: [`gather`] runs the check and evaluates the grid; [`digits`] prints
//! an enclosure with only the significant digits it certifies (so that reports and snapshots are
//! identical on every machine); [`markdown`], [`json`] and [`plot`] render; [`write`] replaces an
//! output directory atomically; [`baseline`] compares tightness with a committed baseline in one
//! direction (looser fails, tighter is reported).
//!
//! # Examples
//! ```
//! use theoremcheck::report::{digits::certified, grid_report, markdown::tightness_table};
//! use theoremcheck::{registry, spec::load_dir, Enclosure};
//! use rug::Rational;
//! assert_eq!(certified(&Enclosure::exact(Rational::from((1, 3)))), "0.333333");
//! let specs = load_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/spec"))).unwrap();
//! let spec = specs.iter().find(|s| s.id == "concentration.hoeffding").unwrap();
//! let theorem = registry::implementation(spec).unwrap();
//! let grid = grid_report(theorem.as_ref(), spec).unwrap().expect("hoeffding has a grid");
//! assert!(tightness_table(&grid).contains("| n | p | u |"));
//! ```

pub mod baseline;
pub mod digits;
mod error;
mod gather;
pub mod json;
pub mod markdown;
pub mod parts;
pub mod plot;
pub mod write;

pub use error::ReportError;
pub use gather::{gather, grid_report, GridPoint, GridReport, Status, TheoremReport};

use std::path::PathBuf;

/// The Markdown report's file name inside the output directory.
pub const MARKDOWN_FILE: &str = "report.md";
/// The JSON report's file name inside the output directory.
pub const JSON_FILE: &str = "report.json";
/// The directory, inside the output directory, that holds one SVG per claim with a grid.
pub const PLOTS_DIR: &str = "plots";

/// The plot's path relative to the output directory.
pub fn plot_path(id: &str) -> PathBuf {
    PathBuf::from(PLOTS_DIR).join(format!("{id}.svg"))
}

/// Every file of a report, as paths relative to the output directory and their contents.
pub fn render(reports: &[TheoremReport]) -> Result<Vec<(PathBuf, Vec<u8>)>, ReportError> {
    // Rendered from the claims' parts, as `merge --report` does, so both give the same bytes.
    let mut files = parts::text_files(&parts::of(reports));
    for r in reports {
        if let Some(grid) = &r.grid {
            files.push((plot_path(&r.spec.id), plot::svg(&r.spec.id, grid)?.into_bytes()));
        }
    }
    Ok(files)
}
