//! The JSON report: the same data as the Markdown, for scripts.
//!
//! Every enclosure is given as outward-rounded `lo`/`hi` decimals (with the exact rational where
//! it is short), plus the `certified` digits the Markdown prints. Elapsed times are left out so
//! that two runs give the same bytes.

use super::digits::certified;
use super::{plot_path, GridReport, Status, TheoremReport};
use crate::engine::enclosure_json;
use crate::reference::Enclosure;
use serde_json::{json, Value as Json};

/// The format version of `report.json`.
pub const FORMAT_VERSION: u32 = 1;

/// The whole report as JSON.
pub fn report(reports: &[TheoremReport]) -> Json {
    let claims: Vec<(Status, Json)> = reports.iter().map(|r| (r.status, theorem(r))).collect();
    assemble(&claims)
}

/// The report from each claim's status and entry ([`theorem`]), in id order.
pub fn assemble(claims: &[(Status, Json)]) -> Json {
    let mut counts = serde_json::Map::new();
    for s in Status::ALL {
        counts.insert(s.to_string(), Json::from(claims.iter().filter(|(status, _)| *status == s).count()));
    }
    let differ: Vec<Json> =
        claims.iter().filter(|(_, t)| t["matches_recorded"] != Json::Bool(true)).map(|(_, t)| t["id"].clone()).collect();
    json!({
        "theoremcheck_report": FORMAT_VERSION,
        "summary": {
            "claims": claims.len(),
            "by_status": counts,
            "differ_from_recorded": differ,
        },
        "theorems": claims.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
    })
}

/// [`assemble`] pretty-printed, with a final newline.
pub fn assemble_text(claims: &[(Status, Json)]) -> String {
    let mut text = serde_json::to_string_pretty(&assemble(claims)).expect("JSON values always serialize");
    text.push('\n');
    text
}

/// [`report`] pretty-printed, with a final newline.
pub fn report_text(reports: &[TheoremReport]) -> String {
    let mut text = serde_json::to_string_pretty(&report(reports)).expect("JSON values always serialize");
    text.push('\n');
    text
}

/// One claim.
pub fn theorem(r: &TheoremReport) -> Json {
    let spec = &r.spec;
    let mut check = r.check.to_json();
    if let Some(map) = check.as_object_mut() {
        map.remove("elapsed_ms");
    }
    let mut out = json!({
        "id": spec.id,
        "family": spec.family(),
        "title": spec.title,
        "source": {"citation": spec.source.citation, "locator": spec.source.locator, "arxiv": spec.source.arxiv},
        "statement": spec.statement,
        "rigor": spec.rigor,
        "recorded": spec.recorded,
        "status": r.status,
        "matches_recorded": r.check.matches_recorded(),
        "check": check,
        "tightness": r.grid.as_ref().map(grid),
    });
    if let Some(c) = &spec.condition {
        out["condition"] = Json::from(c.clone());
    }
    if r.grid.is_some() {
        out["plot"] = Json::from(plot_path(&spec.id).display().to_string());
    }
    out
}

/// A tightness grid.
pub fn grid(g: &GridReport) -> Json {
    let points: Vec<Json> = g
        .points
        .iter()
        .map(|p| {
            let mut out = json!({
                "instance": p.instance.to_json(),
                "meets_hypotheses": p.comparison.is_some(),
                "decision": p.decision,
                "precision_bits": p.precision,
            });
            if let Some(d) = &p.derived {
                out["derived"] = Json::from(d.clone());
            }
            if let Some(c) = &p.comparison {
                out["lhs"] = value(&c.lhs, p.precision);
                out["rhs"] = value(&c.rhs, p.precision);
            }
            if let Some(m) = &p.measure {
                out[g.measure_name()] = value(m, p.precision);
            }
            out
        })
        .collect();
    json!({
        "measure": g.measure,
        "definition": g.definition(),
        "tight_at": g.tight_value(),
        "relation": g.relation,
        "parameters": g.axes.iter().map(|(n, v)| json!({"name": n, "values": v})).collect::<Vec<_>>(),
        "points": points,
        "tightest": g.tightest,
    })
}

fn value(e: &Enclosure, precision: u32) -> Json {
    let mut out = enclosure_json(e, precision.max(64));
    out["certified"] = Json::from(certified(e));
    out
}
