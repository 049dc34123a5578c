//! Specs: the published claim as data, one TOML file per claim at `spec/<family>/<name>.toml`.
//!
//! A spec is read with serde (unknown keys rejected) and then validated: the id must match the
//! path, every domain must be non-empty, grid points must lie in their domains. Every error names
//! the file, the line where known, and the problem.

mod claim_table;
mod domain;
pub mod limits;
mod load;

pub use domain::{Domain, OpenEnds, ParamKind, RationalLit, Scale};
pub use load::{load_dir, load_file, parse_spec, SpecError};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// The recorded verdict: a regression guard, never an input to the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordedVerdict {
    /// Holds on everything tried.
    Holds,
    /// Refuted by a certified counterexample.
    Refuted,
    /// The claim as encoded holds only under the extra condition the spec states.
    Conditional,
    /// The published statement does not pin down a checkable claim; the check says why.
    Underspecified,
}

impl fmt::Display for RecordedVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecordedVerdict::Holds => "holds",
            RecordedVerdict::Refuted => "refuted",
            RecordedVerdict::Conditional => "conditional",
            RecordedVerdict::Underspecified => "underspecified",
        })
    }
}

/// How the claim is evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rigor {
    /// Rational and integer arithmetic: each instance's verdict is a proof for that instance.
    Exact,
    /// MPFR enclosures with directed rounding.
    Certified,
    /// A sound statistical test with a stated false-alarm probability.
    Statistical,
    /// Nothing is evaluated (an underspecified claim, or a headline decided by its readings).
    NotEvaluated,
}

/// Where the claim comes from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Authors, title, venue and year, or "textbook" with a reference.
    pub citation: String,
    /// The theorem, lemma or equation number in the source.
    #[serde(default)]
    pub locator: Option<String>,
    /// arXiv id with version, e.g. `2603.15674v1`.
    #[serde(default)]
    pub arxiv: Option<String>,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.citation)?;
        if let Some(l) = &self.locator {
            write!(f, ", {l}")?;
        }
        if let Some(a) = &self.arxiv {
            write!(f, " (arXiv:{a})")?;
        }
        Ok(())
    }
}

/// How the constant enters the claim, which decides what "refuted for every constant" needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Monotone {
    /// The claim only gets weaker as the constant grows: refuting it at `max` refutes it for
    /// every constant in range.
    Increasing,
    /// The claim only gets weaker as the constant shrinks: refuting it at `min` refutes all.
    Decreasing,
}

/// A constant the source leaves unspecified ("≤ ε + C/√K for some C").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstantSpec {
    pub min: RationalLit,
    pub max: RationalLit,
    pub monotone: Monotone,
    /// Constants at which a counterexample is re-evaluated and reported.
    #[serde(default)]
    pub report_at: Vec<RationalLit>,
}

/// What the tightness report measures at each grid point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// `lhs / rhs` for `≤` claims (1 is tight).
    #[default]
    Ratio,
    /// `rhs − lhs` for `≤` claims (0 is tight).
    Margin,
}

/// The grid a tightness report evaluates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tightness {
    #[serde(default)]
    pub measure: Measure,
    /// Values per parameter; the grid is their Cartesian product.
    pub grid: BTreeMap<String, Vec<GridValue>>,
}

/// One grid value: an integer, an exact number, or a set member.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum GridValue {
    Integer(i64),
    Text(String),
}

/// A spec's `[claim]` table, parsed and checked when the spec is loaded.
#[derive(Clone, Debug)]
pub struct ClaimData {
    pub program: std::sync::Arc<crate::claim::Program>,
    /// The claim as written with the names it may use, kept so that a variant (a published
    /// constant scaled for the sensitivity check) can be compiled from it.
    pub source: std::sync::Arc<crate::claim::ClaimSource>,
    /// Instances always checked first (`edges = [{...}]`), validated against the domains.
    pub edges: Vec<crate::engine::Instance>,
}

/// Which way moving a published constant makes the claim stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strong {
    /// A smaller constant gives a stronger claim (the 2 in `exp(−t²/(2L²))`).
    Smaller,
    /// A larger constant gives a stronger claim (the 2 in `exp(−2nt²)`).
    Larger,
}

/// `[sensitivity]`: the published constant the sensitivity check scales toward its strong end,
/// besides scaling the claim's larger side. Where a constant sits in an exponent or under a
/// logarithm, scaling it probes the claim far more sharply than a factor on the whole bound.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaledConstant {
    /// A `let` binding of the spec's `[claim]`, or a constant the claim's Rust code exposes.
    pub constant: String,
    pub strong: Strong,
}

/// A validated spec.
#[derive(Clone, Debug)]
pub struct Spec {
    pub id: String,
    pub title: String,
    pub source: Source,
    pub statement: String,
    /// An extra condition under which the encoded claim is stated (for `conditional`).
    pub condition: Option<String>,
    pub rigor: Rigor,
    pub recorded: RecordedVerdict,
    /// Instances drawn by the generator.
    pub cases: u32,
    /// The least number of cases that must meet the hypotheses for a `holds` verdict.
    pub min_cases: u32,
    /// Evaluations of the targeted search, after the `cases` random draws (default: `cases`).
    pub search_cases: u32,
    /// The natural range of both sides (e.g. `[0, 1]` for a probability bound): an instance with
    /// a side not strictly inside it is degenerate and never reported as the tightest.
    pub range: Option<(RationalLit, RationalLit)>,
    /// The claim itself, when the spec carries it as data (`[claim]`) instead of naming a Rust
    /// implementation.
    pub claim: Option<ClaimData>,
    /// For a vague claim: the ids of its readings (`<id>_<reading>`), each its own spec; the
    /// headline verdict is derived from theirs.
    pub readings: Vec<String>,
    pub parameters: BTreeMap<String, Domain>,
    pub constants: BTreeMap<String, ConstantSpec>,
    pub tightness: Option<Tightness>,
    /// The published constant the sensitivity check scales, if the spec names one.
    pub sensitivity: Option<ScaledConstant>,
    /// The file it was read from.
    pub path: PathBuf,
}

impl Spec {
    /// The family, the part of the id before the dot.
    pub fn family(&self) -> &str {
        self.id.split_once('.').map_or("", |(f, _)| f)
    }

    /// Whether `instance` gives every declared parameter a value inside its domain (a theorem's
    /// hand-written strategy or edge instances must not reach outside the spec).
    pub fn contains(&self, instance: &crate::engine::Instance) -> bool {
        use crate::engine::Value;
        self.parameters.iter().all(|(name, domain)| match instance.0.get(name) {
            Some(Value::Integer(i)) => domain.contains_integer(*i),
            Some(Value::Number(r)) => domain.contains_rational(r),
            Some(Value::Choice(c)) => domain.contains_choice(c),
            None => false,
        })
    }

    /// The name, the part of the id after the dot.
    pub fn name(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(_, n)| n)
    }
}
