//! `diff`: run the differential harness of one or every kernel operation and print its statistics.

use super::{EXIT_MISMATCH, EXIT_OK};
use clap::{Args, ValueEnum};
use theoremcheck::kernels::diff::{self, Backend, Classification, DiffConfig, DiffReport};

#[derive(Clone, Copy, ValueEnum)]
pub enum BackendArg {
    Cpu,
    Cuda,
}

#[derive(Args)]
pub struct DiffArgs {
    /// Only this operation (default: every operation with a harness).
    #[arg(long)]
    op: Option<String>,
    /// Where the kernel runs.
    #[arg(long, value_enum, default_value = "cpu")]
    backend: BackendArg,
    /// The largest batch / sample size a case may use.
    #[arg(long, default_value_t = 2_000)]
    n: usize,
    /// Number of generated cases per operation.
    #[arg(long, default_value_t = 32)]
    cases: usize,
    /// The seed (printed, so a run can be repeated).
    #[arg(long, default_value_t = DiffConfig::default().seed)]
    seed: u64,
    /// Print the reports as JSON (one object per operation, one per line).
    #[arg(long)]
    json: bool,
}

pub fn run(args: DiffArgs) -> Result<i32, String> {
    if args.n == 0 || args.cases == 0 {
        return Err("--n and --cases must be at least 1".into());
    }
    let backend = match args.backend {
        BackendArg::Cpu => Backend::Cpu,
        BackendArg::Cuda => Backend::Cuda,
    };
    diff::require_backend(backend).map_err(|e| e.to_string())?;
    let ops = match &args.op {
        Some(name) => vec![diff::op(name).map_err(|e| e.to_string())?],
        None => diff::ops(),
    };
    let config = DiffConfig { cases: args.cases, max_n: args.n, seed: args.seed, backend };
    if !args.json {
        println!("seed {}  backend {}  cases {}  max n {}", config.seed, backend, config.cases, config.max_n);
    }
    let mut bug = false;
    for op in ops {
        let report = op.run(&config).map_err(|e| format!("{}: {e}", op.name()))?;
        bug |= report.has_kernel_bug();
        if args.json {
            println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
        } else {
            print_report(&report, op.describe());
        }
    }
    Ok(if bug { EXIT_MISMATCH } else { EXIT_OK })
}

fn print_report(report: &DiffReport, describe: &str) {
    let count = |c: Classification| report.disagreements.iter().filter(|d| d.classification == c).count();
    println!(
        "{:<26} {:>6} cases {:>9} outputs  worst error {:.3e} ({:.3} of budget)  bugs {}  bound violations {}  reference too loose {}",
        report.op,
        report.cases,
        report.outputs,
        report.worst_abs_error,
        report.worst_budget_fraction,
        count(Classification::KernelBug),
        count(Classification::BoundViolated),
        count(Classification::ReferenceTooLoose),
    );
    println!("  {describe}");
    for d in report.disagreements.iter().take(10) {
        println!(
            "  {:?}: {} / {}: kernel {:e}, reference [{:e}, {:e}], budget {:e}",
            d.classification, d.case, d.output, d.kernel, d.reference_lo, d.reference_hi, d.budget
        );
    }
    if report.disagreements.len() > 10 {
        println!("  ... {} more", report.disagreements.len() - 10);
    }
}
