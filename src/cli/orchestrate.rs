//! The one orchestration `check` and `report` share: load the spec directory, select claims,
//! bind each to its registered implementation, run them in a thread pool with a progress bar,
//! and turn a panic in one claim's code into that claim's error while the others go on.

use super::check::progress_bar;
use super::selection::select;
use rayon::prelude::*;
use std::path::Path;
use theoremcheck::engine::{validate, CheckError, Theorem};
use theoremcheck::registry;
use theoremcheck::spec::{load_dir, Spec};

/// The claims a command runs on, each bound to its implementation.
pub struct Selection {
    /// The chosen claims and their readings, in id order.
    pub chosen: Vec<Spec>,
}

/// Loads `spec_dir`, applies the ids and filters, adds the readings of every chosen headline
/// claim, and checks that each chosen claim has an implementation.
pub fn prepare(spec_dir: &Path, ids: &[String], family: Option<&str>, source: Option<&str>) -> Result<Selection, String> {
    let all = load_dir(spec_dir).map_err(|e| e.to_string())?;
    let mut chosen: Vec<Spec> = select(&all, ids, family, source)?.into_iter().cloned().collect();
    let readings: Vec<String> = chosen.iter().flat_map(|s| s.readings.clone()).collect();
    for id in readings {
        if chosen.iter().any(|s| s.id == id) {
            continue;
        }
        let spec = all.iter().find(|s| s.id == id).ok_or_else(|| format!("reading '{id}' has no spec in {}", spec_dir.display()))?;
        chosen.push(spec.clone());
    }
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    for spec in &chosen {
        let Some(theorem) = registry::implementation(spec) else {
            return Err(format!("{}: no implementation is registered for '{}'", spec.path.display(), spec.id));
        };
        // A spec that declares other parameters than its code uses is a bad spec: say where,
        // before anything runs, like any other spec error.
        if let Err(CheckError::SpecMismatch { problem, .. }) = validate(theorem.as_ref(), spec) {
            let line = mismatch_line(spec, &problem);
            return Err(format!("{}:{line}: the spec and the implementation of '{}' disagree: {problem}", spec.path.display(), spec.id));
        }
    }
    Ok(Selection { chosen })
}

/// The line of the spec a mismatch is about: where the first name quoted in the problem is
/// declared, else the `[parameters]` table, else the first line.
fn mismatch_line(spec: &Spec, problem: &str) -> usize {
    let Ok(text) = std::fs::read_to_string(&spec.path) else { return 1 };
    let declares = |line: &str, name: &str| {
        let line = line.trim_start();
        line.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with('='))
            || [format!("[parameters.{name}]"), format!("[constants.{name}]")].iter().any(|h| line.starts_with(h.as_str()))
    };
    let quoted = problem.split('\'').skip(1).step_by(2);
    for name in quoted {
        if let Some(i) = text.lines().position(|l| declares(l, name)) {
            return i + 1;
        }
    }
    text.lines().position(|l| l.trim_start().starts_with("[parameters")).map_or(1, |i| i + 1)
}

/// Runs `work` on every chosen claim on `threads` workers (0: all cores), with a progress bar
/// unless `quiet`. A panic becomes `on_panic(spec, message)` for that claim alone.
pub fn run_each<T, E>(
    chosen: &[Spec],
    threads: Option<usize>,
    quiet: bool,
    work: impl Fn(&Spec, &dyn Theorem) -> Result<T, E> + Sync,
    on_panic: impl Fn(&Spec, String) -> E + Sync,
) -> Result<Vec<Result<T, E>>, String>
where
    T: Send,
    E: Send,
{
    let threads = validate_threads(threads)?;
    let bar = progress_bar(chosen.len() as u64, quiet);
    let run_one = |spec: &Spec| -> Result<T, E> {
        bar.set_message(spec.id.clone());
        let theorem = registry::implementation(spec).expect("prepare checked every chosen claim is registered");
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(spec, theorem.as_ref()))).unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(on_panic(spec, message))
        });
        bar.inc(1);
        result
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let results = pool.install(|| chosen.par_iter().map(run_one).collect());
    bar.finish_and_clear();
    Ok(results)
}

/// `--threads`: 1 to four times the available parallelism (default: all cores). More workers
/// than that only add memory and scheduling; `0` or a huge count used to spawn threads until
/// the machine stalled.
fn validate_threads(threads: Option<usize>) -> Result<usize, String> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let most = cores.saturating_mul(4);
    match threads {
        None => Ok(cores),
        Some(t) if (1..=most).contains(&t) => Ok(t),
        Some(t) => Err(format!("--threads {t} is outside 1..={most} (four times the {cores} available cores)")),
    }
}

/// The default `--time-budget` of one claim: thirty minutes, ten times the slowest catalogue
/// claim on two cores, so it stops a runaway check without deciding an ordinary one.
pub const DEFAULT_TIME_BUDGET_S: u64 = 1800;

/// The largest `--cases` / `--search-cases`: a claim's instances cost up to seconds each, so a
/// larger count is a run of days, never what was meant.
pub const MAX_CASES: u32 = 1_000_000;

/// Refuses a count flag outside `min..=MAX_CASES` (exit status 2).
pub fn validate_count(flag: &str, value: Option<u32>, min: u32) -> Result<(), String> {
    match value {
        Some(v) if !(min..=MAX_CASES).contains(&v) => Err(format!("{flag} {v} is outside {min}..={MAX_CASES}")),
        _ => Ok(()),
    }
}

/// The command prefix printed before `--replay`.
pub fn replay_prefix(spec_dir: &Path, explicit_dir: bool) -> String {
    if explicit_dir {
        format!("theoremcheck --spec-dir {} check", spec_dir.display())
    } else {
        "theoremcheck check".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18, defect 4: `check` and `report` both run claims through `run_each`, so a theorem
    /// that panics costs that claim alone its result, never the run.
    #[test]
    fn a_panicking_claim_is_isolated_from_the_others() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
        let specs: Vec<Spec> = load_dir(&root).expect("the catalogue loads").into_iter().take(3).collect();
        let victim = specs[1].id.clone();
        let results = run_each(
            &specs,
            Some(2),
            true,
            |spec, _| if spec.id == victim { panic!("boom in {}", spec.id) } else { Ok::<_, String>(spec.id.clone()) },
            |spec, message| format!("{}: {message}", spec.id),
        )
        .expect("the pool starts");
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().ok(), Some(&specs[0].id));
        assert_eq!(results[1].as_ref().err(), Some(&format!("{victim}: boom in {victim}")));
        assert_eq!(results[2].as_ref().ok(), Some(&specs[2].id));
    }
}
