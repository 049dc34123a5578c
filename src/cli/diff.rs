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
    /// The largest batch / sample size a case may use (1 to 100000).
    #[arg(long, default_value_t = 2_000)]
    n: usize,
    /// Number of generated cases per operation (1 to 10000; with --n, at most 10^7 in product).
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
    validate_size(args.n, args.cases)?;
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

/// The largest `--n`: the reference sums of one case grow with n (binomial tails quadratically),
/// and the kernels allocate n-sized buffers; 10^5 keeps a case under a second.
const MAX_N: usize = 100_000;
/// The largest `--cases`.
const MAX_CASES: usize = 10_000;
/// The largest `--n × --cases`: about ten seconds for the slowest operation.
const MAX_WORK: usize = 10_000_000;

/// Refuses sizes that would allocate without bound or run for minutes (exit status 2).
fn validate_size(n: usize, cases: usize) -> Result<(), String> {
    if !(1..=MAX_N).contains(&n) {
        return Err(format!("--n {n} is outside 1..={MAX_N}"));
    }
    if !(1..=MAX_CASES).contains(&cases) {
        return Err(format!("--cases {cases} is outside 1..={MAX_CASES}"));
    }
    if n.saturating_mul(cases) > MAX_WORK {
        return Err(format!("--n {n} × --cases {cases} exceeds {MAX_WORK}; lower one of them"));
    }
    Ok(())
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
