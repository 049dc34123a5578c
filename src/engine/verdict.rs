//! Verdicts and check reports.

use super::instance::Instance;
use super::theorem::Comparison;
use crate::reference::decimal::digits_for_bits;
use crate::reference::Enclosure;
use crate::spec::RecordedVerdict;
use serde_json::{json, Value as Json};
use std::fmt;
use std::time::Duration;

/// An instance together with both sides of the claim there, as certified.
#[derive(Clone, Debug, PartialEq)]
pub struct Witness {
    pub instance: Instance,
    /// Derived quantities, as the theorem describes them.
    pub derived: Option<String>,
    pub comparison: Comparison,
    /// The precision (bits) at which the comparison was decided.
    pub precision: u32,
}

/// Why a check could not reach `holds` or `refuted`.
#[derive(Clone, Debug, PartialEq)]
pub enum Inconclusive {
    /// Comparisons still undecided at the highest precision.
    Undecided { count: u64, example: Instance },
    /// Too few instances met the hypotheses for a `holds` verdict to mean anything.
    TooFewCases { met: u64, floor: u32, tried: u64 },
    /// The published statement does not pin down a checkable claim.
    Underspecified(String),
    /// A counterexample at the weakest constant did not refute at a smaller one: the declared
    /// monotonicity in the constant is wrong.
    NotMonotone { constant: Instance },
    /// A statistical test that could not reject or accept with the power it had.
    Statistical(String),
    /// A replayed instance does not meet the claim's hypotheses.
    HypothesisNotMet(String),
}

impl fmt::Display for Inconclusive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Inconclusive::Undecided { count, example } => {
                write!(f, "{count} comparison(s) undecided at the highest precision, e.g. at {example}")
            }
            Inconclusive::TooFewCases { met, floor, tried } => {
                write!(f, "only {met} of {tried} cases met the hypotheses; at least {floor} are needed")
            }
            Inconclusive::Underspecified(why) => write!(f, "underspecified: {why}"),
            Inconclusive::NotMonotone { constant } => {
                write!(f, "the counterexample does not refute the claim at constants {constant}: the spec's monotonicity is wrong")
            }
            Inconclusive::Statistical(why) => write!(f, "statistical test inconclusive: {why}"),
            Inconclusive::HypothesisNotMet(why) => write!(f, "the instance does not meet the hypotheses: {why}"),
        }
    }
}

/// The computed verdict.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Every instance tried satisfied the claim, certified; the tightest one is kept.
    Holds {
        cases: u64,
        tightest: Option<Witness>,
    },
    /// A certified counterexample, shrunk. With unspecified constants it was found at the
    /// weakest constants, and `at_constants` re-certifies it at each reported constant.
    Refuted {
        counterexample: Witness,
        at_constants: Vec<(Instance, Witness)>,
    },
    Inconclusive(Inconclusive),
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Holds { .. } => "holds",
            Verdict::Refuted { .. } => "refuted",
            Verdict::Inconclusive(_) => "inconclusive",
        }
    }

    /// Whether this computed verdict is what the spec records.
    pub fn matches(&self, recorded: RecordedVerdict) -> bool {
        matches!(
            (self, recorded),
            (Verdict::Holds { .. }, RecordedVerdict::Holds | RecordedVerdict::Conditional)
                | (Verdict::Refuted { .. }, RecordedVerdict::Refuted)
                | (Verdict::Inconclusive(Inconclusive::Underspecified(_)), RecordedVerdict::Underspecified)
        )
    }
}

/// Everything one check found.
#[derive(Clone, Debug)]
pub struct CheckReport {
    pub id: String,
    pub title: String,
    pub source: String,
    pub recorded: RecordedVerdict,
    pub verdict: Verdict,
    /// Instances evaluated (edge instances included, shrinking excluded).
    pub cases_tried: u64,
    /// Of those, the ones that met the hypotheses.
    pub cases_met: u64,
    pub seed: u64,
    /// The constants the claim was checked at (empty for claims without constants).
    pub constants: Instance,
    pub elapsed: Duration,
    /// The command prefix that replays an instance, e.g. `theoremcheck check ID`.
    pub replay_prefix: String,
}

impl CheckReport {
    pub fn matches_recorded(&self) -> bool {
        self.verdict.matches(self.recorded)
    }

    /// The command that replays `instance`.
    pub fn replay_command(&self, instance: &Instance) -> String {
        format!("{} --replay '{}'", self.replay_prefix, instance)
    }

    /// One JSON object: the `check --json` line.
    pub fn to_json(&self) -> Json {
        let mut out = json!({
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "verdict": self.verdict.label(),
            "recorded": self.recorded,
            "matches_recorded": self.matches_recorded(),
            "cases": self.cases_tried,
            "cases_met_hypotheses": self.cases_met,
            "seed": self.seed,
            "elapsed_ms": self.elapsed.as_millis() as u64,
        });
        if !self.constants.0.is_empty() {
            out["constants"] = self.constants.to_json();
        }
        match &self.verdict {
            Verdict::Holds { tightest, .. } => {
                if let Some(w) = tightest {
                    out["tightest"] = self.witness_json(w);
                }
            }
            Verdict::Refuted { counterexample, at_constants } => {
                out["counterexample"] = self.witness_json(counterexample);
                if !at_constants.is_empty() {
                    out["at_constants"] = at_constants
                        .iter()
                        .map(|(c, w)| json!({"constants": c.to_json(), "lhs": enclosure_json(&w.comparison.lhs, w.precision), "rhs": enclosure_json(&w.comparison.rhs, w.precision)}))
                        .collect();
                }
            }
            Verdict::Inconclusive(why) => out["reason"] = Json::from(why.to_string()),
        }
        out
    }

    fn witness_json(&self, w: &Witness) -> Json {
        let mut out = json!({
            "instance": w.instance.to_json(),
            "lhs": enclosure_json(&w.comparison.lhs, w.precision),
            "relation": w.comparison.relation,
            "rhs": enclosure_json(&w.comparison.rhs, w.precision),
            "margin": enclosure_json(&w.comparison.margin(w.precision.max(64)), w.precision),
            "precision_bits": w.precision,
            "replay": self.replay_command(&w.instance),
        });
        if let Some(d) = &w.derived {
            out["derived"] = Json::from(d.clone());
        }
        out
    }
}

/// `{"lo": "...", "hi": "..."}` rounded outward, with an `exact` rational where there is one.
pub fn enclosure_json(e: &Enclosure, precision: u32) -> Json {
    let digits = digits_for_bits(precision.min(64));
    let (lo, hi) = e.decimal_bounds(digits);
    let mut out = json!({"lo": lo, "hi": hi});
    if let Some(r) = e.as_exact() {
        let text = crate::reference::decimal::format_rational(r);
        if text.len() <= 80 {
            out["exact"] = Json::from(text);
        }
    }
    out
}
