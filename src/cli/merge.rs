//! `merge`: the `check --json` outputs of the shards of one run, as one result; with
//! `--report`, the shards' report directories as one report.
//!
//! The lines are kept byte for byte and put back in id order, so the merged output is the
//! output the unsharded run would have printed. Reports are merged from their parts
//! (`report-parts.json`, see `theoremcheck::report::parts`) into the unsharded report's bytes. The exit status is the unsharded run's: 0 when
//! every claim's verdict is as recorded, 1 otherwise; 2 when an input is unreadable, not `check
//! --json` output, or two shards report the same claim.

use super::{EXIT_MISMATCH, EXIT_OK};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct MergeArgs {
    /// The shards' `check --json` outputs, or with --report their report directories.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Merge `report --shard K/N` directories instead of `check --json` outputs.
    #[arg(long, requires = "out")]
    report: bool,
    /// The merged report's directory (with --report); a previous report there is replaced whole.
    #[arg(long, value_name = "DIR", requires = "report")]
    out: Option<PathBuf>,
}

pub fn run(args: MergeArgs) -> Result<i32, String> {
    if args.report {
        return merge_reports(&args.files, args.out.as_deref().expect("clap requires --out with --report"));
    }
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    for file in &args.files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let at = || format!("{}:{}", file.display(), i + 1);
            let row: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{}: not a check --json line: {e}", at()))?;
            let id = row["id"].as_str().ok_or_else(|| format!("{}: the line has no \"id\"", at()))?.to_string();
            if rows.iter().any(|(other, _, _)| *other == id) {
                return Err(format!("{}: '{id}' appears in two shards", at()));
            }
            let as_recorded = row["matches_recorded"].as_bool() == Some(true);
            rows.push((id, line.to_string(), as_recorded));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, line, _) in &rows {
        println!("{line}");
    }
    Ok(if rows.iter().all(|(_, _, ok)| *ok) { EXIT_OK } else { EXIT_MISMATCH })
}

fn merge_reports(dirs: &[PathBuf], out: &std::path::Path) -> Result<i32, String> {
    let merged = theoremcheck::report::parts::merge(dirs).map_err(|e| format!("{e}; no report written"))?;
    let written = theoremcheck::report::write::write_report_dir(out, &merged.files).map_err(|e| format!("{e}; no report written"))?;
    if let Some((old, why)) = &written.leftover {
        eprintln!("warning: the report was written, but the previous one, moved aside to {}, could not be removed: {why}", old.display());
    }
    println!("merged {} report(s) ({} claims) into {}", dirs.len(), merged.claims, out.display());
    Ok(if merged.as_recorded { EXIT_OK } else { EXIT_MISMATCH })
}
