//! Writing a report directory atomically.
//!
//! Every file is written, flushed and synced inside a fresh staging directory beside the
//! target (`.NAME.tmp-PID-N`); only then is the staging directory renamed into place. A
//! previous report at the target is first renamed aside (`.NAME.old-PID-N`) and removed after
//! the swap, so a second run replaces the first whole, with no stale plots left behind. An
//! interruption before the swap leaves the previous report untouched (and a hidden staging
//! directory, never a half-written report); one between the two renames leaves the previous
//! report complete under its hidden `.old` name. A directory that is not empty and does not
//! carry the report marker file is never replaced, so `--out` cannot delete unrelated data; nor
//! is a report that also holds files a report never writes (a user's notes put inside it).
//!
//! Several runs may write the same target at once: each swap is retried when another run's
//! report lands in between, so every run succeeds and one complete report remains. Once the new
//! report is in place, failing to delete the previous one (owned by another user, say) is not a
//! failure to write: the leftover is returned for the caller to mention. Staging and `.old`
//! directories left by killed runs (their process is gone) are removed by the next run.

use super::ReportError;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file that marks a directory as a theoremcheck report, which a later run may replace.
pub const MARKER: &str = ".theoremcheck-report";

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// What was left behind by a successful write.
#[derive(Debug, Default)]
pub struct Written {
    /// A previous report moved aside that could not be removed, and why.
    pub leftover: Option<(PathBuf, String)>,
}

/// How often the swap is retried when concurrent runs keep replacing the target.
const SWAP_ATTEMPTS: usize = 16;

/// Replaces the directory `out` with one holding exactly `files` (paths relative to `out`).
pub fn write_report_dir(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<Written, ReportError> {
    let name = out.file_name().ok_or_else(|| ReportError::io("write a report to", out, "the path does not name a directory"))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if fs::symlink_metadata(out).is_ok() {
        ensure_replaceable(out)?;
    }
    fs::create_dir_all(&parent).map_err(|e| ReportError::io("create directory", &parent, e))?;
    remove_abandoned(&parent, &name.to_string_lossy());
    let tag = format!("{}-{}", std::process::id(), SEQUENCE.fetch_add(1, Ordering::Relaxed));
    let hidden = |kind: &str| parent.join(format!(".{}.{kind}-{tag}", name.to_string_lossy()));
    let staging = hidden("tmp");
    fs::create_dir(&staging).map_err(|e| ReportError::io("create directory", &staging, e))?;
    if let Err(e) = fill(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = hidden("old");
    let mut moved_aside = false;
    for attempt in 1..=SWAP_ATTEMPTS {
        if fs::symlink_metadata(out).is_ok() {
            // Checked again: another run may have put something else there meanwhile.
            if let Err(e) = ensure_replaceable(out).and_then(|()| {
                if moved_aside {
                    // A report we moved aside earlier is older than the one now at `out`.
                    let _ = fs::remove_dir_all(&old);
                }
                fs::rename(out, &old).map_err(|e| ReportError::io("move the previous report aside from", out, e))
            }) {
                // An I/O failure here is another run moving or replacing the same target
                // between our look and our move: try again. A refusal is final.
                if !(matches!(e, ReportError::Io { .. }) && attempt < SWAP_ATTEMPTS) {
                    let _ = fs::remove_dir_all(&staging);
                    return Err(e);
                }
                continue;
            }
            moved_aside = true;
        }
        match fs::rename(&staging, out) {
            Ok(()) => break,
            // Another run's report landed at `out` between our two renames: go round again.
            Err(_) if attempt < SWAP_ATTEMPTS && fs::symlink_metadata(out).is_ok() => continue,
            Err(e) => {
                if moved_aside {
                    let _ = fs::rename(&old, out);
                }
                let _ = fs::remove_dir_all(&staging);
                return Err(ReportError::io("rename the finished report to", out, e));
            }
        }
    }
    sync_dir(&parent);
    let mut written = Written::default();
    if moved_aside {
        if let Err(e) = fs::remove_dir_all(&old) {
            written.leftover = Some((old, e.to_string()));
        }
    }
    Ok(written)
}

/// Removes this target's staging and `.old` directories whose writing process no longer
/// exists (a killed run). Best effort, and only where live processes can be told (`/proc`).
fn remove_abandoned(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = [".tmp-", ".old-"].iter().find_map(|kind| file_name.strip_prefix(&format!(".{name}{kind}"))) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// An existing target may be replaced only if it is a directory that is empty or a report.
fn ensure_replaceable(out: &Path) -> Result<(), ReportError> {
    let meta = fs::symlink_metadata(out).map_err(|e| ReportError::io("inspect", out, e))?;
    if !meta.is_dir() {
        return Err(ReportError::io("write a report to", out, "it exists and is not a directory"));
    }
    if out.join(MARKER).is_file() {
        let foreign = foreign_files(out)?;
        if !foreign.is_empty() {
            return Err(ReportError::ForeignFiles { path: out.to_path_buf(), foreign });
        }
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| ReportError::io("read directory", out, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(ReportError::NotAReport { path: out.to_path_buf(), marker: MARKER })
}

/// Entries of a report directory that no report writes: anything but the marker, the Markdown
/// and JSON files, and SVG files in the plots directory.
fn foreign_files(out: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let list = |dir: &Path| -> Result<Vec<fs::DirEntry>, ReportError> {
        fs::read_dir(dir).and_then(|entries| entries.collect()).map_err(|e| ReportError::io("read directory", dir, e))
    };
    let mut foreign = Vec::new();
    for entry in list(out)? {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_file && [MARKER, super::MARKDOWN_FILE, super::JSON_FILE, super::parts::PARTS_FILE].iter().any(|n| name == *n) {
            continue;
        }
        if is_dir && name == super::PLOTS_DIR {
            for plot in list(&entry.path())? {
                let svg = plot.file_type().is_ok_and(|t| t.is_file()) && plot.path().extension().is_some_and(|e| e == "svg");
                if !svg {
                    foreign.push(Path::new(super::PLOTS_DIR).join(plot.file_name()));
                }
            }
            continue;
        }
        foreign.push(PathBuf::from(name));
    }
    foreign.sort();
    Ok(foreign)
}

/// Writes every file (and the marker) under `dir`, each flushed and synced.
fn fill(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), ReportError> {
    let marker = (PathBuf::from(MARKER), b"A theoremcheck report; `theoremcheck report --out` may replace this directory.\n".to_vec());
    for (relative, bytes) in files.iter().chain(std::iter::once(&marker)) {
        if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(ReportError::io("write", relative, "report files must have plain relative paths"));
        }
        let path = dir.join(relative);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| ReportError::io("create directory", p, e))?;
        }
        let mut file = fs::File::create(&path).map_err(|e| ReportError::io("create", &path, e))?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| ReportError::io("write", &path, e))?;
    }
    sync_dir(dir);
    Ok(())
}

/// Best effort: makes the renames durable where the platform allows syncing a directory.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
