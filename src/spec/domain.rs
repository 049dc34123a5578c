//! Parameter domains as declared in a spec: integer, rational and real ranges with open or
//! closed ends, and finite sets.

use crate::reference::decimal::format_rational;
use rug::Rational;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A rational number as written in a spec: an integer, or a string `"a/b"` / `"0.25"`.
/// TOML floats are refused, since they would pass through binary rounding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RationalLit(pub Rational);

impl<'de> Deserialize<'de> for RationalLit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LitVisitor;
        impl Visitor<'_> for LitVisitor {
            type Value = RationalLit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer or a string holding an exact number such as \"1/3\" or \"0.25\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RationalLit, E> {
                Ok(RationalLit(Rational::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RationalLit, E> {
                Ok(RationalLit(Rational::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RationalLit, E> {
                Err(E::custom(format!(
                    "{v} is a TOML float; write exact numbers as strings (\"{v}\" or \"a/b\") so they are read without rounding"
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RationalLit, E> {
                crate::reference::parse_rational(v).map(RationalLit).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(LitVisitor)
    }
}

impl fmt::Display for RationalLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_rational(&self.0))
    }
}

/// Which ends of a range are excluded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenEnds {
    #[default]
    None,
    Min,
    Max,
    Both,
}

impl OpenEnds {
    pub fn min_open(self) -> bool {
        matches!(self, OpenEnds::Min | OpenEnds::Both)
    }
    pub fn max_open(self) -> bool {
        matches!(self, OpenEnds::Max | OpenEnds::Both)
    }
}

/// How integer draws spread over their range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Every value equally likely.
    #[default]
    Linear,
    /// Log-uniform, so that small and large magnitudes are both explored.
    Log,
}

/// The domain of one parameter.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Domain {
    /// Integers in `[min, max]`.
    Integer {
        min: i64,
        max: i64,
        #[serde(default)]
        scale: Scale,
    },
    /// Rationals in a range; draws have denominators up to `max_denominator`.
    Rational {
        min: RationalLit,
        max: RationalLit,
        #[serde(default)]
        open: OpenEnds,
        #[serde(default = "default_max_denominator")]
        max_denominator: u32,
    },
    /// Reals in a range. Drawn as rationals (every real claim must hold at rational points),
    /// evaluated with enclosures.
    Real {
        min: RationalLit,
        max: RationalLit,
        #[serde(default)]
        open: OpenEnds,
        #[serde(default = "default_max_denominator")]
        max_denominator: u32,
    },
    /// One of finitely many named values.
    Set { values: Vec<String> },
}

fn default_max_denominator() -> u32 {
    64
}

/// The kind of a parameter, as a theorem declares what it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Integer,
    /// Rational or real: both are drawn and passed as exact rationals.
    Number,
    Set,
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamKind::Integer => "integer",
            ParamKind::Number => "rational or real",
            ParamKind::Set => "set",
        })
    }
}

impl Domain {
    pub fn kind(&self) -> ParamKind {
        match self {
            Domain::Integer { .. } => ParamKind::Integer,
            Domain::Rational { .. } | Domain::Real { .. } => ParamKind::Number,
            Domain::Set { .. } => ParamKind::Set,
        }
    }

    /// Why the domain is empty or malformed, if it is.
    pub fn problem(&self) -> Option<String> {
        match self {
            Domain::Integer { min, max, scale } => {
                if min > max {
                    return Some(format!("min = {min} is greater than max = {max}"));
                }
                if *scale == Scale::Log && *min < 1 {
                    return Some(format!("scale = \"log\" needs min ≥ 1, got min = {min}"));
                }
                None
            }
            Domain::Rational { min, max, open, max_denominator } | Domain::Real { min, max, open, max_denominator } => {
                if min.0 > max.0 {
                    return Some(format!("min = {min} is greater than max = {max}"));
                }
                if min.0 == max.0 && *open != OpenEnds::None {
                    return Some(format!("the range ({min}, {max}) with an open end is empty"));
                }
                if *max_denominator == 0 {
                    return Some("max_denominator must be at least 1".into());
                }
                if *open == OpenEnds::Both && *max_denominator < 2 {
                    return Some("an open range needs max_denominator ≥ 2 to have interior points".into());
                }
                None
            }
            Domain::Set { values } => {
                if values.is_empty() {
                    return Some("a set domain needs at least one value".into());
                }
                let mut sorted = values.clone();
                sorted.sort();
                sorted.dedup();
                if sorted.len() != values.len() {
                    return Some("a set domain lists a value twice".into());
                }
                None
            }
        }
    }

    /// Whether an integer lies in the domain.
    pub fn contains_integer(&self, v: i64) -> bool {
        matches!(self, Domain::Integer { min, max, .. } if *min <= v && v <= *max)
    }

    /// Whether a rational lies in the domain (respecting open ends).
    pub fn contains_rational(&self, v: &Rational) -> bool {
        match self {
            Domain::Rational { min, max, open, .. } | Domain::Real { min, max, open, .. } => {
                let above = if open.min_open() { *v > min.0 } else { *v >= min.0 };
                let below = if open.max_open() { *v < max.0 } else { *v <= max.0 };
                above && below
            }
            _ => false,
        }
    }

    /// Whether a set member is in the domain.
    pub fn contains_choice(&self, v: &str) -> bool {
        matches!(self, Domain::Set { values } if values.iter().any(|x| x == v))
    }

    /// A human-readable description, e.g. `(0, 1]` or `{a, b}`.
    pub fn describe(&self) -> String {
        match self {
            Domain::Integer { min, max, scale } => {
                let log = if *scale == Scale::Log { ", log-scale" } else { "" };
                format!("integer in [{min}, {max}]{log}")
            }
            Domain::Rational { min, max, open, .. } | Domain::Real { min, max, open, .. } => {
                let kind = if matches!(self, Domain::Real { .. }) { "real" } else { "rational" };
                let l = if open.min_open() { '(' } else { '[' };
                let r = if open.max_open() { ')' } else { ']' };
                format!("{kind} in {l}{min}, {max}{r}")
            }
            Domain::Set { values } => format!("one of {{{}}}", values.join(", ")),
        }
    }
}
