//! Which recorded width claims bound w_min at a given `(d_x, d_y)`, for each activation setting
//! and function class, with the implications between classes and dimensions applied.
//!
//! For a setting `s` and class `Q` at `(d_x, d_y)`:
//! - an exact or upper claim `c` bounds w_min from above when it applies to `s`, its class `A`
//!   satisfies `A ⇒ Q` (universality in `A` implies it in `Q`), and its conditions hold at some
//!   `(d_x', d_y') ≥ (d_x, d_y)` (only `(d_x, d_y)` itself unless `A` is monotone in the
//!   dimensions; `d_x', d_y' ≤ GRID_MAX`);
//! - an exact or lower claim bounds it from below when `Q ⇒ A` and its conditions hold at some
//!   `(d_x', d_y') ≤ (d_x, d_y)` under the same rule.
//!
//! A conflict is a lower bound above an upper bound for the same setting and class.

use super::width_data::{claims, FnClass, Setting, WidthClaim, WidthError, SETTINGS};
use std::fmt;

/// The largest dimension the consistency check ranges over (and lifts bounds from).
pub const GRID_MAX: u32 = 12;

/// One bound with its provenance.
#[derive(Clone, Debug)]
pub struct Bound {
    pub value: u32,
    pub claim: WidthClaim,
    /// The point where the claim was evaluated (differs from the instance when lifted).
    pub at: (u32, u32),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} = {} ({}, {})", self.claim.key, self.claim.kind, self.value, self.claim.class.label(), self.claim.source())?;
        if self.at != (0, 0) {
            write!(f, " at (d_x, d_y) = ({}, {})", self.at.0, self.at.1)?;
        }
        Ok(())
    }
}

/// The tightest lower and upper bound for one setting and class.
#[derive(Clone, Debug)]
pub struct Pair {
    pub setting: Setting,
    pub class: FnClass,
    pub lower: Bound,
    pub upper: Bound,
}

impl Pair {
    pub fn margin(&self) -> i64 {
        i64::from(self.upper.value) - i64::from(self.lower.value)
    }
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} / {}] lower: {}; upper: {}", self.setting.name, self.class.label(), self.lower, self.upper)
    }
}

/// Which claims take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimSet {
    /// Every recorded claim, superseded versions included (Li–Duan–Ji–Cai v1).
    All,
    /// Superseded versions left out.
    Current,
}

impl ClaimSet {
    pub fn claims(self) -> Vec<WidthClaim> {
        claims().into_iter().filter(|c| self == ClaimSet::All || !c.superseded).collect()
    }
}

fn points(dx: u32, dy: u32, monotone: bool, below: bool) -> Vec<(u32, u32)> {
    if !monotone {
        return vec![(dx, dy)];
    }
    let (xs, ys) = if below { (1..=dx, 1..=dy) } else { (dx..=GRID_MAX.max(dx), dy..=GRID_MAX.max(dy)) };
    xs.flat_map(|x| ys.clone().map(move |y| (x, y))).collect()
}

/// The best bound of one direction from `claims` for `setting` and `class` at `(dx, dy)`.
fn best(claims: &[WidthClaim], setting: &Setting, class: FnClass, dx: u32, dy: u32, below: bool) -> Result<Option<Bound>, WidthError> {
    let mut best: Option<Bound> = None;
    for c in claims {
        let relevant =
            if below { c.kind.bounds_below() && class.implies(c.class) } else { c.kind.bounds_above() && c.class.implies(class) };
        if !relevant || !(c.applies)(setting) {
            continue;
        }
        for (x, y) in points(dx, dy, c.class.monotone_in_dimensions(), below) {
            if let Some(v) = c.width_at(x, y)? {
                let better = best.as_ref().is_none_or(|b| if below { v > b.value } else { v < b.value });
                if better {
                    best = Some(Bound { value: v, claim: *c, at: (x, y) });
                }
            }
        }
    }
    Ok(best)
}

/// Every setting and class at `(dx, dy)` with both a lower and an upper bound, tightest first
/// (smallest `upper − lower`; negative is a conflict).
pub fn pairs(set: ClaimSet, dx: u32, dy: u32) -> Result<Vec<Pair>, WidthError> {
    let claims = set.claims();
    let mut out = Vec::new();
    for setting in SETTINGS {
        for class in FnClass::ALL {
            let lower = best(&claims, setting, class, dx, dy, true)?;
            let upper = best(&claims, setting, class, dx, dy, false)?;
            if let (Some(lower), Some(upper)) = (lower, upper) {
                out.push(Pair { setting: *setting, class, lower, upper });
            }
        }
    }
    out.sort_by_key(Pair::margin);
    Ok(out)
}

/// "Lu et al. 2017" from "Lu, Pu, Wang, Hu, Wang: The Expressive Power …, NeurIPS 2017": the
/// authors precede the colon, the year is the first four-digit number after it.
fn short_citation(paper: &str) -> String {
    let (authors, rest) = paper.split_once(": ").unwrap_or((paper, ""));
    let year =
        rest.split(|ch: char| !ch.is_ascii_digit()).find(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))).unwrap_or("");
    let names: Vec<&str> = authors.split(", ").collect();
    let who = if names.len() > 1 { format!("{} et al.", names[0]) } else { authors.to_string() };
    format!("{who} {year}").trim_end().to_string()
}

/// The width table as text: one row per claim (what `show universality.width_claims` prints).
pub fn width_table() -> String {
    let mut rows = vec![vec![
        "key".to_string(),
        "paper".into(),
        "version".into(),
        "activation".into(),
        "class / norm".into(),
        "domain".into(),
        "kind".into(),
        "formula".into(),
        "conditions".into(),
        "verified".into(),
    ]];
    for c in claims() {
        let kind = if c.superseded { format!("{} (superseded)", c.kind) } else { c.kind.to_string() };
        rows.push(vec![
            c.key.to_string(),
            short_citation(c.paper),
            c.version.to_string(),
            c.activation.to_string(),
            c.class.label().to_string(),
            c.domain.to_string(),
            kind,
            c.formula_text.to_string(),
            c.condition_text.to_string(),
            c.verification.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (n, r) in rows.iter().enumerate() {
        let line: Vec<String> = r.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(line.join(" | ").trim_end());
        out.push('\n');
        if n == 0 {
            out.push_str(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-|-"));
            out.push('\n');
        }
    }
    out.push_str("\nStatements as the sources word them:\n");
    for c in claims() {
        out.push_str(&format!("  {}: \"{}\" — {}\n", c.key, c.statement, c.source()));
    }
    out
}
