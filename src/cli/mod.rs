//! Command-line parsing and dispatch. Exit status: 0 when every computed verdict equals the
//! recorded one, 1 when one differs or a check fails, 2 on usage or spec errors.

mod catalogue;
mod check;
mod diff;
mod eval;
mod merge;
mod orchestrate;
mod output_watch;
mod report;
mod selection;
mod shard;
mod table;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "theoremcheck", version, about = "Published ML theory as executable theorems, checked with certified arithmetic")]
struct Cli {
    /// The spec directory (default: $THEOREMCHECK_SPEC_DIR, else the crate's spec/).
    #[arg(long, global = true, value_name = "DIR")]
    spec_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the catalogue with recorded verdicts.
    List {
        /// Only this family (e.g. concentration).
        #[arg(long)]
        family: Option<String>,
        /// Only claims whose source citation contains this text.
        #[arg(long)]
        source: Option<String>,
    },
    /// Show one claim: statement, source, parameters, proof file.
    Show { id: String },
    /// Check claims and compare the computed verdicts with the recorded ones.
    Check(check::CheckArgs),
    /// Evaluate reference primitives: JSON lines on stdin, JSON lines on stdout, one answer per
    /// line. Each request runs under a budget (digits of a number, estimated work, line length);
    /// one beyond it is answered {"error":"budget exceeded: ..."}. Answers whose relative width
    /// could not reach 2^-prec carry "width_met": false.
    Eval(eval::EvalArgs),
    /// List the functions a data claim (or an `eval` expression) may call.
    Functions,
    /// Write the tightness report: Markdown, JSON and one SVG plot per claim with a grid.
    Report(report::ReportArgs),
    /// Differential kernel run: reference vs kernel on generated inputs, with error statistics.
    Diff(diff::DiffArgs),
    /// Merge the `check --json` outputs of `check --shard K/N` runs into the unsharded output,
    /// or (--report) the directories of `report --shard K/N` runs into the unsharded report.
    Merge(merge::MergeArgs),
}

/// Exit statuses.
pub const EXIT_OK: i32 = 0;
pub const EXIT_MISMATCH: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let spec_dir = cli.spec_dir.clone().unwrap_or_else(default_spec_dir);
    let result = match cli.command {
        Command::List { family, source } => catalogue::list(&spec_dir, family.as_deref(), source.as_deref()),
        Command::Show { id } => catalogue::show(&spec_dir, &id),
        Command::Check(args) => check::run(&spec_dir, cli.spec_dir.is_some(), args),
        Command::Eval(args) => eval::run(args),
        Command::Functions => catalogue::functions(),
        Command::Report(args) => report::run(&spec_dir, cli.spec_dir.is_some(), args),
        Command::Diff(args) => diff::run(args),
        Command::Merge(args) => merge::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
    }
}

fn default_spec_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("THEOREMCHECK_SPEC_DIR") {
        return dir.into();
    }
    let built_in = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/spec"));
    if built_in.is_dir() {
        built_in
    } else {
        PathBuf::from("spec")
    }
}

/// The proofs directory that sits beside a spec directory.
fn proofs_dir(spec_dir: &std::path::Path) -> PathBuf {
    spec_dir.parent().map_or_else(|| PathBuf::from("proofs"), |p| p.join("proofs"))
}
