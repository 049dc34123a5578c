//! `check`: the main job.

use super::orchestrate::{prepare, replay_prefix, run_each, validate_count, DEFAULT_TIME_BUDGET_S};
use super::table;
use super::{EXIT_MISMATCH, EXIT_OK};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rug::Rational;
use std::io::IsTerminal;
use std::path::Path;
use theoremcheck::engine::settle_readings;
use theoremcheck::engine::{
    check, check_instance, default_etas, sensitivity, CheckError, CheckOptions, CheckReport, Instance, Verdict, DEFAULT_SEED,
};
use theoremcheck::spec::Spec;

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
    /// Random draws per claim (default: each spec's `cases`).
    #[arg(long)]
    cases: Option<u32>,
    /// Evaluations of the targeted search per claim (default: each spec's `search_cases`; 0 turns
    /// the search off).
    #[arg(long, value_name = "N")]
    search_cases: Option<u32>,
    /// Skip the theorems' declared edge instances, to show a refutation does not depend on them.
    #[arg(long)]
    no_edges: bool,
    /// Also measure each claim's sensitivity: the smallest η for which `lhs ≤ (1 − η)·rhs` is
    /// refuted on the claim's own domain and budget.
    #[arg(long)]
    sensitivity: bool,
    /// The η ladder for --sensitivity, comma-separated exact numbers in (0, 1).
    #[arg(long, value_name = "LIST", value_delimiter = ',', requires = "sensitivity", allow_hyphen_values = true)]
    eta: Vec<String>,
    /// The suite seed; each claim derives its own stream from it.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Check one instance, given as the JSON object a counterexample prints (needs one ID).
    #[arg(long, value_name = "INSTANCE")]
    replay: Option<String>,
    /// One JSON object per claim per line instead of the table.
    #[arg(long)]
    json: bool,
    /// Worker threads, 1 to four times the cores (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Wall-clock budget of one claim's check, in seconds: past it no further instance is
    /// started and the claim is inconclusive ("budget exceeded") unless already refuted.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIME_BUDGET_S, value_parser = clap::value_parser!(u64).range(1..=31_536_000))]
    time_budget: u64,
    /// Run only shard K of N (a deterministic partition balanced by the specs' budgets; a claim
    /// and its readings stay together); combine the shards' --json outputs with `merge`.
    #[arg(long, value_name = "K/N", conflicts_with = "replay")]
    shard: Option<super::shard::Shard>,
}

/// The η ladder from `--eta`, or the default one.
fn eta_ladder(given: &[String]) -> Result<Vec<Rational>, String> {
    if given.is_empty() {
        return Ok(default_etas());
    }
    given
        .iter()
        .map(|text| {
            let eta = theoremcheck::reference::parse_rational(text.trim()).map_err(|e| format!("--eta '{text}': {e}"))?;
            if eta <= 0 || eta >= 1 {
                return Err(format!("--eta '{text}': η must lie strictly between 0 and 1"));
            }
            Ok(eta)
        })
        .collect()
}

pub fn run(spec_dir: &Path, explicit_dir: bool, args: CheckArgs) -> Result<i32, String> {
    let selection = prepare(spec_dir, &args.ids, args.family.as_deref(), args.source.as_deref())?;
    let chosen = &match args.shard {
        Some(shard) => super::shard::select(selection.chosen, shard),
        _ => selection.chosen,
    };
    validate_count("--cases", args.cases, 1)?;
    validate_count("--search-cases", args.search_cases, 0)?;
    let etas = eta_ladder(&args.eta)?;
    let options = CheckOptions {
        cases: args.cases,
        search_cases: args.search_cases,
        seed: args.seed,
        replay_prefix: Some(replay_prefix(spec_dir, explicit_dir)),
        time_budget: Some(std::time::Duration::from_secs(args.time_budget)),
        edges: !args.no_edges,
        ..CheckOptions::default()
    };
    if args.no_edges {
        let with_edges = chosen.iter().any(|s| theoremcheck::registry::implementation(s).is_some_and(|t| !t.edge_instances(s).is_empty()));
        if !with_edges {
            return Err("--no-edges: none of the selected claims declares edge instances, so there is nothing to skip".into());
        }
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

    let work = |spec: &Spec, theorem: &dyn theoremcheck::engine::Theorem| -> Result<CheckReport, CheckError> {
        let mut report = match &replay {
            Some(instance) => check_instance(theorem, spec, instance, &options)?,
            None => check(theorem, spec, &options)?,
        };
        if args.sensitivity && replay.is_none() {
            report.sensitivity = Some(sensitivity(theorem, spec, &options, &report.verdict, &etas)?);
        }
        Ok(report)
    };
    let panicked = |spec: &Spec, message: String| CheckError::Panicked { id: spec.id.clone(), message };
    let mut results = run_each(chosen, args.threads, args.json, work, panicked)?;
    settle_readings(&mut results, chosen, |r| r);

    if args.json {
        for (r, spec) in results.iter().zip(chosen) {
            match r {
                Ok(report) => println!("{}", report.to_json()),
                Err(e) => println!("{}", serde_json::json!({"id": spec.id, "error": e.to_string()})),
            }
        }
    } else {
        print_table(&results, args.sensitivity);
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

fn print_table(results: &[Result<CheckReport, CheckError>], with_sensitivity: bool) {
    let mut header =
        vec!["id".to_string(), "recorded".into(), "computed".into(), "rigor".into(), "cases".into(), "found by".into(), "slack".into()];
    if with_sensitivity {
        header.push("η".into());
    }
    header.extend(["time".to_string(), String::new()]);
    let mut rows = vec![header];
    let mut details = Vec::new();
    for r in results {
        match r {
            Ok(report) => {
                let mark = if report.matches_recorded() { "" } else { "DIFFERS" };
                let slack = match report.verdict {
                    Verdict::Holds { .. } => report.slack.value_text().unwrap_or_else(|| "degenerate".into()),
                    _ => "—".into(),
                };
                let mut row = vec![
                    report.id.clone(),
                    report.recorded.to_string(),
                    report.verdict.label().to_string(),
                    report.rigor.to_string(),
                    report.cases_met.to_string(),
                    report.found_by.map_or_else(|| "—".into(), |p| p.to_string()),
                    slack,
                ];
                if with_sensitivity {
                    row.push(report.sensitivity.as_ref().map_or_else(
                        || "—".into(),
                        |s| s.eta.as_ref().map_or_else(|| "—".into(), theoremcheck::reference::decimal::format_rational),
                    ));
                }
                row.extend([format!("{:.1}s", report.elapsed.as_secs_f64()), mark.to_string()]);
                rows.push(row);
                details.push(detail(report));
            }
            Err(e) => {
                let mut row = vec!["(error)".to_string(), String::new(), "error".into()];
                row.resize(rows[0].len() - 1, String::new());
                row.push("FAILED".into());
                rows.push(row);
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
    let mut out = match &report.verdict {
        Verdict::Holds { cases, tightest } => match tightest {
            Some(w) => format!(
                "{}: holds on {cases} cases{constants}; tightest non-degenerate instance (relative slack {}) at {}{}\n  lhs {:.8} {} rhs {:.8}",
                report.id,
                report.slack.value_text().unwrap_or_default(),
                w.instance,
                w.derived.as_ref().map(|d| format!(" ({d})")).unwrap_or_default(),
                w.comparison.lhs,
                w.comparison.relation,
                w.comparison.rhs
            ),
            None => format!("{}: holds on {cases} cases{constants}; {}", report.id, report.slack.describe()),
        },
        Verdict::Refuted { counterexample: w, at_constants } => {
            let mut s = format!(
                "{}: REFUTED{constants} at {}{}, found by the {} phase\n  lhs {:.8}, rhs {:.8}: the claim 'lhs {} rhs' fails, certified at {} bits",
                report.id,
                w.instance,
                w.derived.as_ref().map(|d| format!(" ({d})")).unwrap_or_default(),
                report.found_by.map_or_else(|| "?".into(), |p| p.to_string()),
                w.comparison.lhs,
                w.comparison.rhs,
                w.comparison.relation,
                w.precision,
            );
            if let Some(replay) = report.replay_command(&w.instance) {
                s.push_str(&format!("\n  replay: {replay}"));
            }
            for (c, cw) in at_constants {
                s.push_str(&format!("\n  also refuted at {c}: lhs {:.8}, rhs {:.8}", cw.comparison.lhs, cw.comparison.rhs));
            }
            s
        }
        Verdict::Inconclusive(why) => format!("{}: inconclusive: {why}", report.id),
        Verdict::Readings { .. } => {
            format!("{}: {} from its readings: {}", report.id, report.verdict.label(), report.verdict.readings_text().unwrap_or_default())
        }
    };
    if let Some(s) = &report.sensitivity {
        out.push_str(&format!("\n  sensitivity η = {}", s.describe()));
    }
    out
}
