//! `report`: the tightness report (Markdown, JSON, one SVG per claim with a grid).
//!
//! Everything is computed and rendered in memory first, and only then written, atomically: bad
//! input (an unknown id, a grid without a point inside the hypotheses, an output path that
//! cannot be created or written) is reported with exit status 2 and leaves nothing behind.

use super::check::progress_bar;
use super::selection::select;
use super::{EXIT_MISMATCH, EXIT_OK, EXIT_USAGE};
use clap::Args;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use theoremcheck::engine::{CheckOptions, DEFAULT_SEED};
use theoremcheck::registry;
use theoremcheck::report::{self, write::write_report_dir, ReportError, TheoremReport};
use theoremcheck::spec::{load_dir, Spec};

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
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(spec_dir: &Path, explicit_dir: bool, args: ReportArgs) -> Result<i32, String> {
    let specs = load_dir(spec_dir).map_err(|e| e.to_string())?;
    let chosen = select(&specs, &args.ids, args.family.as_deref(), None)?;
    if args.cases == Some(0) {
        return Err("--cases must be at least 1".into());
    }
    for spec in &chosen {
        if registry::find(&spec.id).is_none() {
            return Err(format!("{}: no implementation is registered for '{}'", spec.path.display(), spec.id));
        }
    }
    let prefix =
        if explicit_dir { format!("theoremcheck --spec-dir {} check", spec_dir.display()) } else { "theoremcheck check".to_string() };
    let options = CheckOptions { cases: args.cases, seed: args.seed, replay_prefix: prefix, ..CheckOptions::default() };

    let bar = progress_bar(chosen.len() as u64, false);
    let gather_one = |spec: &&Spec| -> Result<TheoremReport, ReportError> {
        let theorem = registry::find(&spec.id).expect("checked above");
        bar.set_message(spec.id.clone());
        let result = report::gather(theorem.as_ref(), spec, &options);
        bar.inc(1);
        result
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().map_err(|e| e.to_string())?;
    let results: Vec<Result<TheoremReport, ReportError>> = pool.install(|| chosen.par_iter().map(gather_one).collect());
    bar.finish_and_clear();

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
    write_report_dir(&args.out, &files).map_err(|e| format!("{e}; no report written"))?;

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
