//! Gating a user crate's `cargo test` on a claim defined outside the catalogue: a spec with its
//! own `[claim]` table (no Rust at all), or a spec and a `Theorem` impl.

use crate::engine::{check, CheckOptions, CheckReport, Theorem};
use crate::spec::{parse_spec, Spec};
use std::path::Path;

/// Reads the spec at `spec_file`; its id is taken from the file, not from its path.
fn load(spec_file: &Path) -> Result<Spec, String> {
    let text = std::fs::read_to_string(spec_file).map_err(|e| format!("{}: cannot read: {e}", spec_file.display()))?;
    parse_spec(&text, spec_file, None).map_err(|e| e.to_string())
}

/// Panics, with the full report, unless the computed verdict is the recorded one.
fn assert_as_recorded(report: CheckReport) -> CheckReport {
    assert!(
        report.matches_recorded(),
        "{}: computed verdict '{}' differs from the recorded '{}'\n{}",
        report.id,
        report.verdict.label(),
        report.recorded,
        serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
    );
    report
}

/// Loads the spec at `spec_file` and checks `theorem` against it with the default options.
pub fn check_spec_file(theorem: &dyn Theorem, spec_file: &Path) -> Result<CheckReport, String> {
    let spec = load(spec_file)?;
    check(theorem, &spec, &CheckOptions::default()).map_err(|e| e.to_string())
}

/// Panics, with the full report, unless the computed verdict equals the spec's recorded one.
/// This is the one call a user's test needs.
///
/// # Panics
/// When the spec cannot be read, the check cannot run, or the verdict differs.
pub fn assert_recorded_verdict(theorem: &dyn Theorem, spec_file: impl AsRef<Path>) -> CheckReport {
    assert_as_recorded(check_spec_file(theorem, spec_file.as_ref()).unwrap_or_else(|e| panic!("{e}")))
}

/// Loads a spec that carries its claim as data (`[claim]`) and checks it with the default
/// options: the whole claim is in the file, no `Theorem` impl is needed.
pub fn check_data_claim(spec_file: &Path) -> Result<CheckReport, String> {
    let spec = load(spec_file)?;
    let claim = crate::claim::DataClaim::from_spec(&spec)
        .ok_or_else(|| format!("{}: the spec has no [claim] table; pass its Theorem to check_spec_file", spec_file.display()))?;
    check(&claim, &spec, &CheckOptions::default()).map_err(|e| e.to_string())
}

/// Panics, with the full report, unless the data claim in `spec_file` gets its recorded verdict.
///
/// # Panics
/// When the spec cannot be read, has no `[claim]`, or the verdict differs.
pub fn assert_data_claim(spec_file: impl AsRef<Path>) -> CheckReport {
    assert_as_recorded(check_data_claim(spec_file.as_ref()).unwrap_or_else(|e| panic!("{e}")))
}
