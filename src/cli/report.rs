//! `report`: the tightness report (Markdown, JSON, one SVG per claim with a grid).
//!
//! Everything is computed and rendered in memory first, and only then written, atomically: bad
//! input (an unknown id, a grid without a point inside the hypotheses, an output path that
//! cannot be created or written) is reported with exit status 2 and leaves nothing behind.

use super::orchestrate::{prepare, replay_prefix, run_each, validate_count, DEFAULT_TIME_BUDGET_S};
use super::{EXIT_MISMATCH, EXIT_OK, EXIT_USAGE};
use clap::Args;
use std::path::{Path, PathBuf};
use theoremcheck::engine::{settle_readings, CheckError, CheckOptions, Theorem, DEFAULT_SEED};
use theoremcheck::report::{self, write::write_report_dir, ReportError, Status};
use theoremcheck::spec::Spec;

#[derive(Args)]
pub struct ReportArgs {
    /// Claims to report on (default: all, after the filters).
    ids: Vec<String>,
    /// Only this family.
    #[arg(long)]
    family: Option<String>,
    /// The output directory; a previous report there is replaced whole.
    #[arg(long, value_name = "DIR", default_value = "theoremcheck-report")]
    out: PathBuf,
    /// Instances per claim for the checks (default: each spec's budget).
    #[arg(long)]
    cases: Option<u32>,
    /// The suite seed, as for `check`.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Wall-clock budget of one claim's check, in seconds: past it no further instance is
    /// started and the claim is inconclusive ("budget exceeded") unless already refuted.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIME_BUDGET_S, value_parser = clap::value_parser!(u64).range(1..=31_536_000))]
    time_budget: u64,
    /// Worker threads, 1 to four times the cores (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Report only shard K of N (the same partition as `check --shard`); combine the shards'
    /// report directories with `merge --report DIR... --out DIR`.
    #[arg(long, value_name = "K/N")]
    shard: Option<super::shard::Shard>,
}

pub fn run(spec_dir: &Path, explicit_dir: bool, args: ReportArgs) -> Result<i32, String> {
    validate_count("--cases", args.cases, 1)?;
    let selection = prepare(spec_dir, &args.ids, args.family.as_deref(), None)?;
    let chosen = &match args.shard {
        Some(shard) => super::shard::select(selection.chosen, shard),
        None => selection.chosen,
    };
    let options = CheckOptions {
        cases: args.cases,
        seed: args.seed,
        replay_prefix: Some(replay_prefix(spec_dir, explicit_dir)),
        time_budget: Some(std::time::Duration::from_secs(args.time_budget)),
        ..CheckOptions::default()
    };
    let work = |spec: &Spec, theorem: &dyn Theorem| report::gather(theorem, spec, &options);
    let panicked = |spec: &Spec, message: String| ReportError::from(CheckError::Panicked { id: spec.id.clone(), message });
    let mut results = run_each(chosen, args.threads, false, work, panicked)?;
    settle_readings(&mut results, chosen, |r| &mut r.check);
    for (report, spec) in results.iter_mut().zip(chosen) {
        if let Ok(report) = report {
            report.status = Status::of(&report.check.verdict, spec.recorded);
        }
    }

    let mut reports = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(report) => reports.push(report),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("error: {e}");
        }
        eprintln!("no report written to {}", args.out.display());
        return Ok(if errors.iter().any(ReportError::is_input_error) { EXIT_USAGE } else { EXIT_MISMATCH });
    }
    let files = report::render(&reports).map_err(|e| format!("{e}; no report written"))?;
    let written = write_report_dir(&args.out, &files).map_err(|e| format!("{e}; no report written"))?;
    if let Some((old, why)) = &written.leftover {
        eprintln!("warning: the report was written, but the previous one, moved aside to {}, could not be removed: {why}", old.display());
    }

    let plots = reports.iter().filter(|r| r.grid.is_some()).count();
    println!(
        "wrote {} ({} claims), {} and {plots} plot(s) under {}",
        args.out.join(report::MARKDOWN_FILE).display(),
        reports.len(),
        args.out.join(report::JSON_FILE).display(),
        args.out.join(report::PLOTS_DIR).display()
    );
    let differ: Vec<&str> = reports.iter().filter(|r| !r.check.matches_recorded()).map(|r| r.spec.id.as_str()).collect();
    if differ.is_empty() {
        Ok(EXIT_OK)
    } else {
        eprintln!("computed verdicts differ from the recorded ones for: {}", differ.join(", "));
        Ok(EXIT_MISMATCH)
    }
}
