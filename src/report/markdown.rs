//! The Markdown report: a summary table linking one section per claim.
//!
//! Nothing here depends on the clock, the machine or the thread count: numbers are printed with
//! [`certified`](super::digits::certified) digits, so two runs give the same bytes.

use super::digits::certified;
use super::gather::value_text;
use super::{plot_path, GridReport, Status, TheoremReport};
use crate::engine::{CheckReport, Comparison, Verdict, Witness};
use crate::reference::Decision;
use crate::spec::Spec;
use std::fmt::Write;

/// The whole report.
pub fn report(reports: &[TheoremReport]) -> String {
    let rows: Vec<SummaryRow> = reports.iter().map(summary_row).collect();
    let sections: Vec<String> = reports.iter().map(section).collect();
    assemble(&rows, &sections)
}

/// The report from its pieces: the summary rows and the sections, one each per claim in id
/// order (what [`super::parts`] keeps, so that shards' reports merge into the same bytes).
pub fn assemble(rows: &[SummaryRow], sections: &[String]) -> String {
    let mut out = String::from("# theoremcheck report\n\n");
    out.push_str(&summary_from(rows));
    for s in sections {
        out.push('\n');
        out.push_str(s);
    }
    out
}

/// One claim's row of the summary table, with what the counts line needs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SummaryRow {
    pub status: Status,
    pub matches_recorded: bool,
    /// The table cells: claim, verdict, recorded, tightest, grid points, source.
    pub cells: Vec<String>,
}

/// The counts line and the summary table, one row per claim, linking its section.
pub fn summary(reports: &[TheoremReport]) -> String {
    summary_from(&reports.iter().map(summary_row).collect::<Vec<_>>())
}

/// A claim's summary row.
pub fn summary_row(r: &TheoremReport) -> SummaryRow {
    let mark = if r.check.matches_recorded() { "" } else { " (differs)" };
    let (tightest, points) = match &r.grid {
        Some(g) => {
            let t = g
                .tightest
                .and_then(|i| g.points[i].measure.as_ref())
                .map_or("—".to_string(), |m| format!("{} {}", g.definition(), certified(m)));
            (t, format!("{} of {}", g.met(), g.points.len()))
        }
        None => ("no grid".to_string(), "—".to_string()),
    };
    let cells = vec![
        format!("[{id}](#{id})", id = r.spec.id),
        format!("{}{mark}", r.status),
        r.spec.recorded.to_string(),
        tightest,
        points,
        source_cell(&r.spec),
    ];
    SummaryRow { status: r.status, matches_recorded: r.check.matches_recorded(), cells }
}

/// The counts line and the summary table from the claims' rows.
pub fn summary_from(rows: &[SummaryRow]) -> String {
    let mut out = String::new();
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let counts: Vec<String> = Status::ALL.iter().map(|&s| format!("{} {s}", count(s))).collect();
    let differ = rows.iter().filter(|r| !r.matches_recorded).count();
    let _ = writeln!(out, "{} claims checked: {}.", rows.len(), counts.join(", "));
    if differ > 0 {
        let _ = writeln!(out, "**{differ} computed verdict(s) differ from the recorded ones** (marked below).");
    } else {
        let _ = writeln!(out, "Every computed verdict equals the one recorded in the spec.");
    }
    out.push('\n');
    let mut table_rows = vec![row(["claim", "verdict", "recorded", "tightest", "grid points", "source"])];
    table_rows.extend(rows.iter().map(|r| r.cells.clone()));
    out.push_str(&table(&table_rows));
    out
}

/// One claim's section.
pub fn section(r: &TheoremReport) -> String {
    let spec = &r.spec;
    let mut out = String::new();
    let _ = writeln!(out, "<a id=\"{}\"></a>\n\n## {} — {}\n", spec.id, spec.id, escape(&spec.title));
    let _ = writeln!(out, "**Source.** {}\n", source_cell(spec));
    let _ = writeln!(out, "**Statement.**\n\n```text\n{}\n```\n", spec.statement.trim_end());
    if let Some(condition) = &spec.condition {
        let _ = writeln!(out, "**Condition.** {}\n", escape(condition));
    }
    let _ = writeln!(out, "**Verdict.** {}\n", verdict_text(r));
    match &r.check.verdict {
        Verdict::Holds { tightest, .. } => {
            let slack = r.check.slack.value_text().map(|s| format!(", relative slack {s}")).unwrap_or_default();
            match tightest {
                Some(w) => {
                    let _ = writeln!(out, "**Tightest non-degenerate instance the check found**{slack}. {}\n", witness_text(w));
                }
                None => {
                    let _ = writeln!(out, "**Tightest instance.** {}.\n", r.check.slack.describe());
                }
            }
        }
        Verdict::Refuted { counterexample, at_constants } => {
            let replay = r.check.replay_command(&counterexample.instance).map(|c| format!(" Replay: `{c}`")).unwrap_or_default();
            let found_by = r.check.found_by.map(|p| format!(", found by the {p} phase")).unwrap_or_default();
            let _ = writeln!(
                out,
                "**Counterexample.** {}, certified at {} bits{found_by}.{replay}\n",
                witness_text(counterexample),
                counterexample.precision,
            );
            for (constants, w) in at_constants {
                let _ = writeln!(out, "- also refuted at constants `{constants}`: {}", sides(&w.comparison));
            }
            if !at_constants.is_empty() {
                out.push('\n');
            }
        }
        _ => {}
    }
    match &r.grid {
        None => out.push_str("No tightness grid in the spec.\n"),
        Some(g) => {
            if let Some(i) = g.tightest {
                let p = &g.points[i];
                let _ = writeln!(
                    out,
                    "**Tightest grid point.** `{}`{}: {} {} = {}.\n",
                    p.instance,
                    p.derived.as_ref().map(|d| format!(" ({})", escape(d))).unwrap_or_default(),
                    g.measure_name(),
                    g.definition(),
                    p.measure.as_ref().map_or("—".to_string(), certified)
                );
            }
            out.push_str(&tightness_table(g));
            let _ = writeln!(out, "\n![{} across the grid]({})", g.measure_name(), plot_path(&spec.id).display());
        }
    }
    out
}

/// The grid as a Markdown table: one column per parameter, both sides, the measure, the
/// decision, and the derived quantities. This is the text the snapshot tests store.
pub fn tightness_table(g: &GridReport) -> String {
    let mut out = format!(
        "Tightness grid: {} {} at {} points ({} meet the hypotheses); {} is tight. Digits are those the enclosures certify.\n\n",
        g.measure_name(),
        g.definition(),
        g.points.len(),
        g.met(),
        g.tight_value()
    );
    let mut header: Vec<String> = g.axes.iter().map(|(name, _)| name.clone()).collect();
    header.extend(["lhs".to_string(), format!("{}", g.relation), "rhs".into(), g.definition().into(), "decided".into(), "derived".into()]);
    let mut rows = vec![header];
    for (i, p) in g.points.iter().enumerate() {
        let mut cells: Vec<String> = g.axes.iter().map(|(name, _)| p.instance.0.get(name).map(value_text).unwrap_or_default()).collect();
        let (lhs, rhs) = match &p.comparison {
            Some(c) => (certified(&c.lhs), certified(&c.rhs)),
            None => ("—".into(), "—".into()),
        };
        let mut measure = p.measure.as_ref().map_or("—".to_string(), certified);
        if g.tightest == Some(i) {
            measure = format!("**{measure}**");
        }
        let decided = match (&p.comparison, p.decision) {
            (None, _) => "hypotheses not met".to_string(),
            (Some(_), Decision::True) => "holds".into(),
            (Some(_), Decision::False) => "**violated**".into(),
            (Some(_), Decision::Undecided) => format!("undecided at {} bits", p.precision),
        };
        cells.extend([lhs, g.relation.to_string(), rhs, measure, decided, p.derived.clone().unwrap_or_default()]);
        rows.push(cells);
    }
    out.push_str(&table(&rows));
    out
}

fn verdict_text(r: &TheoremReport) -> String {
    let c: &CheckReport = &r.check;
    let recorded = if c.matches_recorded() {
        format!("recorded: {}", c.recorded)
    } else {
        format!("**differs from the recorded verdict `{}`**", c.recorded)
    };
    let constants = if c.constants.0.is_empty() { String::new() } else { format!(", constants `{}`", c.constants) };
    let detail = match &c.verdict {
        Verdict::Holds { cases, .. } => format!("on {cases} cases"),
        Verdict::Refuted { .. } => "by a certified counterexample".to_string(),
        Verdict::Inconclusive(why) => format!("({})", escape(&why.to_string())),
        Verdict::Readings { .. } => format!("from its readings ({})", c.verdict.readings_text().unwrap_or_default()),
    };
    let rigor = c.rigor.to_string();
    let sensitivity = c.sensitivity.as_ref().map(|s| format!("; sensitivity η = {}", escape(&s.describe()))).unwrap_or_default();
    format!("{} {detail} ({recorded}; rigor {rigor}{sensitivity}; seed {}{constants}).", r.status, c.seed)
}

fn witness_text(w: &Witness) -> String {
    format!("`{}`{}: {}", w.instance, w.derived.as_ref().map(|d| format!(" ({})", escape(d))).unwrap_or_default(), sides(&w.comparison))
}

fn sides(c: &Comparison) -> String {
    format!("lhs {} {} rhs {}", certified(&c.lhs), c.relation, certified(&c.rhs))
}

/// The citation, its locator, and a link to arXiv when the spec gives an id.
fn source_cell(spec: &Spec) -> String {
    let s = &spec.source;
    let mut out = escape(&s.citation);
    if let Some(l) = &s.locator {
        let _ = write!(out, ", {}", escape(l));
    }
    if let Some(a) = &s.arxiv {
        let _ = write!(out, " ([arXiv:{a}](https://arxiv.org/abs/{a}))");
    }
    out
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A Markdown table; the first row is the header. Cells are escaped for `|` and newlines.
fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r.iter().map(|c| escape_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            let _ = writeln!(out, "|{}", "---|".repeat(r.len()));
        }
    }
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Text from a spec, made safe for running Markdown (no accidental tables or HTML).
fn escape(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}
