//! Report parts: each claim's share of a report, already rendered, written next to the report
//! as `report-parts.json`. The reports of `report --shard K/N` runs are merged from their parts
//! into exactly the bytes the unsharded report has: the summary counts are recomputed from the
//! parts, everything else is each claim's own text, put back in id order.

use super::markdown::{self, SummaryRow};
use super::{json, plot_path, TheoremReport, JSON_FILE, MARKDOWN_FILE};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The parts file's name inside a report directory.
pub const PARTS_FILE: &str = "report-parts.json";

/// One claim's share of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub id: String,
    /// Its row of the Markdown summary table.
    pub row: SummaryRow,
    /// Its Markdown section.
    pub section: String,
    /// Its entry in `report.json`.
    pub json: serde_json::Value,
    /// Whether it has a plot (`plots/<id>.svg`).
    pub plot: bool,
}

/// The parts of a report, in the reports' (id) order.
pub fn of(reports: &[TheoremReport]) -> Vec<Part> {
    reports
        .iter()
        .map(|r| Part {
            id: r.spec.id.clone(),
            row: markdown::summary_row(r),
            section: markdown::section(r),
            json: json::theorem(r),
            plot: r.grid.is_some(),
        })
        .collect()
}

/// `report.md`, `report.json` and the parts file from the parts (sorted by id).
pub fn text_files(parts: &[Part]) -> Vec<(PathBuf, Vec<u8>)> {
    let rows: Vec<SummaryRow> = parts.iter().map(|p| p.row.clone()).collect();
    let sections: Vec<String> = parts.iter().map(|p| p.section.clone()).collect();
    let claims: Vec<_> = parts.iter().map(|p| (p.row.status, p.json.clone())).collect();
    let mut parts_text = serde_json::to_string_pretty(parts).expect("parts always serialize");
    parts_text.push('\n');
    vec![
        (PathBuf::from(MARKDOWN_FILE), markdown::assemble(&rows, &sections).into_bytes()),
        (PathBuf::from(JSON_FILE), json::assemble_text(&claims).into_bytes()),
        (PathBuf::from(PARTS_FILE), parts_text.into_bytes()),
    ]
}

/// A report merged from its shards' reports.
pub struct Merged {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub claims: usize,
    /// Whether every claim's computed verdict is the recorded one.
    pub as_recorded: bool,
}

/// One report merged from the report directories of its shards: every claim must appear in
/// exactly one of them, with its plot where it has one.
pub fn merge(dirs: &[PathBuf]) -> Result<Merged, String> {
    let mut parts: Vec<(Part, PathBuf)> = Vec::new();
    for dir in dirs {
        let path = dir.join(PARTS_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read ({e}); is {} a report directory?", path.display(), dir.display()))?;
        let read: Vec<Part> = serde_json::from_str(&text).map_err(|e| format!("{}: not a report's parts file: {e}", path.display()))?;
        for part in read {
            if let Some((_, other)) = parts.iter().find(|(p, _)| p.id == part.id) {
                return Err(format!("'{}' appears in two reports: {} and {}", part.id, other.display(), dir.display()));
            }
            parts.push((part, dir.clone()));
        }
    }
    parts.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut files = text_files(&parts.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>());
    for (part, dir) in parts.iter().filter(|(p, _)| p.plot) {
        let relative = plot_path(&part.id);
        let svg = read_plot(dir, &relative)?;
        files.push((relative, svg));
    }
    Ok(Merged { files, claims: parts.len(), as_recorded: parts.iter().all(|(p, _)| p.row.matches_recorded) })
}

fn read_plot(dir: &Path, relative: &Path) -> Result<Vec<u8>, String> {
    let path = dir.join(relative);
    std::fs::read(&path).map_err(|e| format!("{}: cannot read the plot ({e})", path.display()))
}
