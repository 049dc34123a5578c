//! `check`: the main job.

use super::selection::select;
use super::table;
use super::{EXIT_MISMATCH, EXIT_OK};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use theoremcheck::engine::{check, check_instance, CheckError, CheckOptions, CheckReport, Instance, Verdict, DEFAULT_SEED};
use theoremcheck::registry;
use theoremcheck::spec::{load_dir, Spec};

#[derive(Args)]
pub struct CheckArgs {
    /// Claims to check (default: all, after the filters).
    ids: Vec<String>,
    /// Only this family.
    #[arg(long)]
    family: Option<String>,
    /// Only claims whose source citation contains this text.
    #[arg(long)]
    source: Option<String>,
    /// Instances per claim (default: each spec's budget).
    #[arg(long)]
    cases: Option<u32>,
    /// The suite seed; each claim derives its own stream from it.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Check one instance, given as the JSON object a counterexample prints (needs one ID).
    #[arg(long, value_name = "INSTANCE")]
    replay: Option<String>,
    /// One JSON object per claim per line instead of the table.
    #[arg(long)]
    json: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(spec_dir: &Path, explicit_dir: bool, args: CheckArgs) -> Result<i32, String> {
    let specs = load_dir(spec_dir).map_err(|e| e.to_string())?;
    let chosen = select(&specs, &args.ids, args.family.as_deref(), args.source.as_deref())?;
    let prefix =
        if explicit_dir { format!("theoremcheck --spec-dir {} check", spec_dir.display()) } else { "theoremcheck check".to_string() };
    let options = CheckOptions { cases: args.cases, seed: args.seed, replay_prefix: prefix, ..CheckOptions::default() };
    if args.cases == Some(0) {
        return Err("--cases must be at least 1".into());
    }
    let replay = match &args.replay {
        None => None,
        Some(text) => {
            let [spec] = chosen.as_slice() else {
                return Err("--replay needs exactly one claim id".into());
            };
            Some(Instance::from_json(text, spec).map_err(|e| format!("--replay: {e}"))?)
        }
    };
    for spec in &chosen {
        if registry::find(&spec.id).is_none() {
            return Err(format!("{}: no implementation is registered for '{}'", spec.path.display(), spec.id));
        }
    }

    let bar = progress_bar(chosen.len() as u64, args.json);
    let run_one = |spec: &&Spec| -> Result<CheckReport, CheckError> {
        let theorem = registry::find(&spec.id).expect("checked above");
        bar.set_message(spec.id.clone());
        // A panic in one theorem's code is reported as that check's failure; the others go on.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &replay {
            Some(instance) => check_instance(theorem.as_ref(), spec, instance, &options),
            None => check(theorem.as_ref(), spec, &options),
        }))
        .unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(CheckError::Panicked { id: spec.id.clone(), message })
        });
        bar.inc(1);
        result
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().map_err(|e| e.to_string())?;
    let results: Vec<Result<CheckReport, CheckError>> = pool.install(|| chosen.par_iter().map(run_one).collect());
    bar.finish_and_clear();

    if args.json {
        for r in &results {
            match r {
                Ok(report) => println!("{}", report.to_json()),
                Err(e) => println!("{}", serde_json::json!({"error": e.to_string()})),
            }
        }
    } else {
        print_table(&results);
        println!("seed {} (each claim draws its own stream from it; change it with --seed)", args.seed);
    }
    let all_match = results.iter().all(|r| r.as_ref().is_ok_and(CheckReport::matches_recorded));
    Ok(if all_match { EXIT_OK } else { EXIT_MISMATCH })
}

/// A bar on a terminal, nothing in CI logs or pipes.
pub(super) fn progress_bar(total: u64, json: bool) -> ProgressBar {
    let quiet = json || std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal();
    if quiet {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total);
    bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}").expect("valid template"));
    bar
}

fn print_table(results: &[Result<CheckReport, CheckError>]) {
    let mut rows = vec![vec!["id".to_string(), "recorded".into(), "computed".into(), "cases".into(), "time".into(), "".into()]];
    let mut details = Vec::new();
    for r in results {
        match r {
            Ok(report) => {
                let mark = if report.matches_recorded() { "" } else { "DIFFERS" };
                rows.push(vec![
                    report.id.clone(),
                    report.recorded.to_string(),
                    report.verdict.label().to_string(),
                    report.cases_met.to_string(),
                    format!("{:.1}s", report.elapsed.as_secs_f64()),
                    mark.to_string(),
                ]);
                details.push(detail(report));
            }
            Err(e) => {
                rows.push(vec!["(error)".into(), String::new(), "error".into(), String::new(), String::new(), "FAILED".into()]);
                details.push(format!("error: {e}"));
            }
        }
    }
    print!("{}", table::render(&rows));
    println!();
    for d in details.into_iter().filter(|d| !d.is_empty()) {
        println!("{d}\n");
    }
    let matched = results.iter().filter(|r| r.as_ref().is_ok_and(CheckReport::matches_recorded)).count();
    let errors = results.iter().filter(|r| r.is_err()).count();
    println!("{} checked: {matched} as recorded, {} differ, {errors} failed to run", results.len(), results.len() - matched - errors);
}

fn detail(report: &CheckReport) -> String {
    let constants = if report.constants.0.is_empty() { String::new() } else { format!(" (constants {})", report.constants) };
    match &report.verdict {
        Verdict::Holds { cases, tightest } => match tightest {
            Some(w) => format!(
                "{}: holds on {cases} cases{constants}; tightest at {}{}\n  lhs {:.8} {} rhs {:.8}",
                report.id,
                w.instance,
                w.derived.as_ref().map(|d| format!(" ({d})")).unwrap_or_default(),
                w.comparison.lhs,
                w.comparison.relation,
                w.comparison.rhs
            ),
            None => String::new(),
        },
        Verdict::Refuted { counterexample: w, at_constants } => {
            let mut s = format!(
                "{}: REFUTED{constants} at {}{}\n  lhs {:.8}, rhs {:.8}: the claim 'lhs {} rhs' fails, certified at {} bits\n  replay: {}",
                report.id,
                w.instance,
                w.derived.as_ref().map(|d| format!(" ({d})")).unwrap_or_default(),
                w.comparison.lhs,
                w.comparison.rhs,
                w.comparison.relation,
                w.precision,
                report.replay_command(&w.instance)
            );
            for (c, cw) in at_constants {
                s.push_str(&format!("\n  also refuted at {c}: lhs {:.8}, rhs {:.8}", cw.comparison.lhs, cw.comparison.rhs));
            }
            s
        }
        Verdict::Inconclusive(why) => format!("{}: inconclusive: {why}", report.id),
    }
}
