//! Writing a report directory atomically.
//!
//! Every file is written, flushed and synced inside a fresh staging directory beside the
//! target (`.NAME.tmp-PID-N`); only then is the staging directory renamed into place. A
//! previous report at the target is first renamed aside (`.NAME.old-PID-N`) and removed after
//! the swap, so a second run replaces the first whole, with no stale plots left behind. An
//! interruption before the swap leaves the previous report untouched (and a hidden staging
//! directory, never a half-written report); one between the two renames leaves the previous
//! report complete under its hidden `.old` name. A directory that is not empty and does not
//! carry the report marker file is never replaced, so `--out` cannot delete unrelated data.

use super::ReportError;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file that marks a directory as a theoremcheck report, which a later run may replace.
pub const MARKER: &str = ".theoremcheck-report";

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// Replaces the directory `out` with one holding exactly `files` (paths relative to `out`).
pub fn write_report_dir(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), ReportError> {
    let name = out.file_name().ok_or_else(|| ReportError::io("write a report to", out, "the path does not name a directory"))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if fs::symlink_metadata(out).is_ok() {
        ensure_replaceable(out)?;
    }
    fs::create_dir_all(&parent).map_err(|e| ReportError::io("create directory", &parent, e))?;
    let tag = format!("{}-{}", std::process::id(), SEQUENCE.fetch_add(1, Ordering::Relaxed));
    let hidden = |kind: &str| parent.join(format!(".{}.{kind}-{tag}", name.to_string_lossy()));
    let staging = hidden("tmp");
    fs::create_dir(&staging).map_err(|e| ReportError::io("create directory", &staging, e))?;
    if let Err(e) = fill(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let old = hidden("old");
    let had_old = fs::symlink_metadata(out).is_ok();
    if had_old {
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&staging);
            return Err(ReportError::io("move the previous report aside from", out, e));
        }
    }
    if let Err(e) = fs::rename(&staging, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(ReportError::io("rename the finished report to", out, e));
    }
    sync_dir(&parent);
    if had_old {
        fs::remove_dir_all(&old).map_err(|e| ReportError::io("remove the previous report at", &old, e))?;
    }
    Ok(())
}

/// An existing target may be replaced only if it is a directory that is empty or a report.
fn ensure_replaceable(out: &Path) -> Result<(), ReportError> {
    let meta = fs::symlink_metadata(out).map_err(|e| ReportError::io("inspect", out, e))?;
    if !meta.is_dir() {
        return Err(ReportError::io("write a report to", out, "it exists and is not a directory"));
    }
    if out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| ReportError::io("read directory", out, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(ReportError::NotAReport { path: out.to_path_buf(), marker: MARKER })
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
