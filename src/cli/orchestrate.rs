//! The one orchestration `check` and `report` share: load the spec directory, select claims,
//! bind each to its registered implementation, run them in a thread pool with a progress bar,
//! and turn a panic in one claim's code into that claim's error while the others go on.

use super::check::progress_bar;
use super::selection::select;
use rayon::prelude::*;
use std::path::Path;
use theoremcheck::engine::Theorem;
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
        if registry::implementation(spec).is_none() {
            return Err(format!("{}: no implementation is registered for '{}'", spec.path.display(), spec.id));
        }
    }
    Ok(Selection { chosen })
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
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build().map_err(|e| e.to_string())?;
    let results = pool.install(|| chosen.par_iter().map(run_one).collect());
    bar.finish_and_clear();
    Ok(results)
}

/// The command prefix printed before `--replay`.
pub fn replay_prefix(spec_dir: &Path, explicit_dir: bool) -> String {
    if explicit_dir {
        format!("theoremcheck --spec-dir {} check", spec_dir.display())
    } else {
        "theoremcheck check".to_string()
    }
}
