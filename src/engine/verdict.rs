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

/// Which phase of a check produced its counterexample (or, for a replay, the given instance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// An instance the theorem declares as an edge case.
    Edge,
    /// A random draw from the spec's domains (or the theorem's strategy), shrunk.
    Random,
    /// The targeted search that minimises the claim's margin, then polished.
    Search,
    /// An instance given with `--replay`.
    Replay,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Edge => "edge",
            Phase::Random => "random",
            Phase::Search => "search",
            Phase::Replay => "replay",
        })
    }
}

/// What a check actually did to compare the two sides, whatever the spec says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RigorLabel {
    /// Every comparison had both sides as exact rationals.
    Exact,
    /// Some side was an MPFR enclosure with directed rounding.
    Certified,
    /// A sound statistical test (the spec says so and the theorem's code runs one).
    Statistical,
    /// No instance was compared: nothing was evaluated.
    NotEvaluated,
}

impl fmt::Display for RigorLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RigorLabel::Exact => "exact",
            RigorLabel::Certified => "certified",
            RigorLabel::Statistical => "statistical",
            RigorLabel::NotEvaluated => "not_evaluated",
        })
    }
}

/// How close the claim came to failing, over the instances that say something.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Slack {
    /// The relative slack ([`super::slack::relative_slack`]) of the tightest non-degenerate
    /// instance, with the instance.
    pub tightest: Option<(rug::Float, Witness)>,
    /// Compared instances left out as degenerate: both sides 0, or (with the spec's natural
    /// `range`) both sides at the same end of it (see [`super::slack`]).
    pub degenerate: u64,
}

impl Slack {
    /// The slack as text with four significant digits (ranking precision, not certified).
    pub fn value_text(&self) -> Option<String> {
        self.tightest.as_ref().map(|(s, _)| format!("{:.4e}", s.to_f64()))
    }

    /// One line for people: the slack and the instance, or why there is none.
    pub fn describe(&self) -> String {
        match &self.tightest {
            Some((_, w)) => format!("slack {} at {}", self.value_text().unwrap_or_default(), w.instance),
            None if self.degenerate > 0 => {
                format!("only degenerate instances reached ({} with both sides 0 or both at one end of the natural range)", self.degenerate)
            }
            None => "no instance was compared".into(),
        }
    }
}

/// Why a check could not reach `holds` or `refuted`.
#[derive(Clone, Debug, PartialEq)]
pub enum Inconclusive {
    /// Comparisons still undecided at the highest precision.
    Undecided { count: u64, example: Instance },
    /// Instances where the claim has no comparable value (a side undefined, a budget exceeded).
    Unevaluable { count: u64, example: Instance, reason: String },
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
    /// The check's time budget ran out before its case budget was spent.
    BudgetExceeded(String),
}

impl fmt::Display for Inconclusive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Inconclusive::Undecided { count, example } => {
                write!(f, "{count} comparison(s) undecided at the highest precision, e.g. at {example}")
            }
            Inconclusive::Unevaluable { count, example, reason } => {
                write!(f, "{count} instance(s) could not be evaluated, e.g. at {example}: {reason}")
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
            Inconclusive::BudgetExceeded(why) => write!(f, "budget exceeded: {why}"),
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
    /// A vague claim decided by its readings (each its own spec): `holds` when every reading
    /// holds, `refuted` when every reading is refuted, otherwise `conditional`.
    Readings {
        derived: Derived,
        readings: Vec<(String, &'static str)>,
    },
}

/// A headline verdict derived from its readings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    Holds,
    Refuted,
    Conditional,
}

impl Verdict {
    /// The headline verdict of a claim whose readings computed `readings` (id, verdict label;
    /// `error` for a reading that failed to run).
    pub fn from_readings(readings: Vec<(String, &'static str)>) -> Verdict {
        let all = |label: &str| !readings.is_empty() && readings.iter().all(|(_, v)| *v == label);
        let derived = if all("holds") {
            Derived::Holds
        } else if all("refuted") {
            Derived::Refuted
        } else {
            Derived::Conditional
        };
        Verdict::Readings { derived, readings }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Holds { .. } | Verdict::Readings { derived: Derived::Holds, .. } => "holds",
            Verdict::Refuted { .. } | Verdict::Readings { derived: Derived::Refuted, .. } => "refuted",
            Verdict::Readings { derived: Derived::Conditional, .. } => "conditional",
            Verdict::Inconclusive(_) => "inconclusive",
        }
    }

    /// For a verdict from readings: `id: verdict` for each, comma-separated.
    pub fn readings_text(&self) -> Option<String> {
        match self {
            Verdict::Readings { readings, .. } => Some(readings.iter().map(|(id, v)| format!("{id}: {v}")).collect::<Vec<_>>().join(", ")),
            _ => None,
        }
    }

    /// Whether this computed verdict is what the spec records.
    pub fn matches(&self, recorded: RecordedVerdict) -> bool {
        matches!(
            (self, recorded),
            (Verdict::Holds { .. }, RecordedVerdict::Holds | RecordedVerdict::Conditional)
                | (Verdict::Refuted { .. }, RecordedVerdict::Refuted)
                | (Verdict::Readings { derived: Derived::Holds, .. }, RecordedVerdict::Holds)
                | (Verdict::Readings { derived: Derived::Refuted, .. }, RecordedVerdict::Refuted)
                | (Verdict::Readings { derived: Derived::Conditional, .. }, RecordedVerdict::Conditional)
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
    /// The command prefix that replays an instance, e.g. `theoremcheck check ID`; set by the
    /// CLI only, since a library caller's spec may not be reachable by the command line.
    pub replay_prefix: Option<String>,
    /// Which phase found the counterexample (refuted verdicts only).
    pub found_by: Option<Phase>,
    /// The tightest non-degenerate instance, for claims that hold.
    pub slack: Slack,
    /// What was actually done to compare the sides.
    pub rigor: RigorLabel,
    /// Evaluations spent by the targeted search.
    pub search_cases: u64,
    /// Set when sensitivity was measured (`check --sensitivity`, `report`).
    pub sensitivity: Option<super::sensitivity::Sensitivity>,
}

impl CheckReport {
    pub fn matches_recorded(&self) -> bool {
        self.verdict.matches(self.recorded)
    }

    /// The command that replays `instance`, when the CLI set a prefix.
    pub fn replay_command(&self, instance: &Instance) -> Option<String> {
        self.replay_prefix.as_ref().map(|p| format!("{p} --replay '{instance}'"))
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
            "search_cases": self.search_cases,
            "rigor": self.rigor,
            "found_by": self.found_by,
            "elapsed_ms": self.elapsed.as_millis() as u64,
        });
        out["sensitivity"] = match &self.sensitivity {
            Some(s) => s.to_json(),
            None => json!({"eta": null, "reason": "not measured (run check with --sensitivity)"}),
        };
        out["slack"] = match (&self.verdict, &self.slack.tightest) {
            (Verdict::Holds { .. }, Some((value, w))) => {
                json!({"value": format!("{:.4e}", value.to_f64()), "instance": w.instance.to_json()})
            }
            (Verdict::Holds { .. }, None) => json!({"value": null, "reason": self.slack.describe()}),
            _ => Json::Null,
        };
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
            Verdict::Readings { readings, .. } => {
                out["readings"] = readings.iter().map(|(id, v)| json!({"id": id, "verdict": v})).collect();
            }
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
        });
        if let Some(r) = self.replay_command(&w.instance) {
            out["replay"] = Json::from(r);
        }
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
