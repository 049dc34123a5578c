//! The report directory is replaced atomically: a failure part-way through writing leaves the
//! previous report exactly as it was (and no staging directory), a second report replaces the
//! first whole (stale files gone), and a directory that is not a report is never replaced.

mod common;
mod report_support;
use report_support::*;
use std::path::PathBuf;
use theoremcheck::report::write::{write_report_dir, MARKER};
use theoremcheck::report::ReportError;

fn files(list: &[(&str, &str)]) -> Vec<(PathBuf, Vec<u8>)> {
    list.iter().map(|(p, c)| (PathBuf::from(p), c.as_bytes().to_vec())).collect()
}

#[test]
fn a_second_report_replaces_the_first_whole() {
    let base = scratch("write-replace");
    let out = base.join("report");
    write_report_dir(&out, &files(&[("report.md", "first"), ("plots/a.svg", "<svg/>")])).unwrap();
    assert_eq!(listing(&out), [MARKER, "plots", "plots/a.svg", "report.md"]);
    write_report_dir(&out, &files(&[("report.md", "second"), ("plots/b.svg", "<svg/>")])).unwrap();
    assert_eq!(listing(&out), [MARKER, "plots", "plots/b.svg", "report.md"], "the stale plot is gone");
    assert_eq!(std::fs::read_to_string(out.join("report.md")).unwrap(), "second");
    assert_eq!(listing(&base), listing(&base).into_iter().filter(|p| !p.starts_with('.')).collect::<Vec<_>>(), "no hidden leftovers");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn a_failure_while_writing_leaves_the_previous_report_untouched() {
    let base = scratch("write-interrupted");
    let out = base.join("report");
    write_report_dir(&out, &files(&[("report.md", "first")])).unwrap();
    let before = listing(&out);
    // The second file cannot be created: its parent is the first file. This stands for a run
    // interrupted after some files were written.
    let err = write_report_dir(&out, &files(&[("report.md", "second"), ("report.md/x.svg", "<svg/>")])).unwrap_err();
    assert!(matches!(err, ReportError::Io { .. }), "{err}");
    assert_eq!(listing(&out), before);
    assert_eq!(std::fs::read_to_string(out.join("report.md")).unwrap(), "first");
    assert_eq!(listing(&base), ["report", "report/.theoremcheck-report", "report/report.md"], "the staging directory is removed");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn a_directory_that_is_not_a_report_is_never_replaced() {
    let base = scratch("write-foreign");
    let out = base.join("mine");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    let err = write_report_dir(&out, &files(&[("report.md", "x")])).unwrap_err();
    assert!(matches!(err, ReportError::NotAReport { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "keep me");
    assert_eq!(listing(&base), ["mine", "mine/notes.txt"]);
    // An existing empty directory is fine.
    let empty = base.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    write_report_dir(&empty, &files(&[("report.md", "x")])).unwrap();
    // A path below a regular file cannot be created.
    let err = write_report_dir(&out.join("notes.txt").join("r"), &files(&[("report.md", "x")])).unwrap_err();
    assert!(matches!(err, ReportError::Io { .. }), "{err}");
    std::fs::remove_dir_all(&base).unwrap();
}
