//! Instances: one assignment of a claim's parameters, replayable as JSON.

use crate::reference::decimal::format_rational;
use crate::spec::{Domain, Spec};
use rug::Rational;
use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

/// The value of one parameter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Integer(i64),
    Number(Rational),
    Choice(String),
}

/// One assignment of parameters (or of constants), keyed by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instance(pub BTreeMap<String, Value>);

/// A parameter a theorem asked for is missing or of the wrong kind.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InstanceError {
    #[error("instance has no parameter '{0}'")]
    Missing(String),
    #[error("parameter '{name}' should be {expected}")]
    WrongKind { name: String, expected: &'static str },
    #[error("integer parameter '{name}' = {value} does not fit {target}")]
    OutOfRange { name: String, value: i64, target: &'static str },
}

impl Instance {
    pub fn with(mut self, name: &str, value: Value) -> Self {
        self.0.insert(name.to_string(), value);
        self
    }

    pub fn integer(&self, name: &str) -> Result<i64, InstanceError> {
        match self.0.get(name) {
            Some(Value::Integer(v)) => Ok(*v),
            Some(_) => Err(InstanceError::WrongKind { name: name.into(), expected: "an integer" }),
            None => Err(InstanceError::Missing(name.into())),
        }
    }

    /// An integer parameter that must fit `u32` (counts, sample sizes).
    pub fn count(&self, name: &str) -> Result<u32, InstanceError> {
        let v = self.integer(name)?;
        u32::try_from(v).map_err(|_| InstanceError::OutOfRange { name: name.into(), value: v, target: "a count in 0..=4294967295" })
    }

    pub fn number(&self, name: &str) -> Result<&Rational, InstanceError> {
        match self.0.get(name) {
            Some(Value::Number(v)) => Ok(v),
            Some(_) => Err(InstanceError::WrongKind { name: name.into(), expected: "a number" }),
            None => Err(InstanceError::Missing(name.into())),
        }
    }

    pub fn choice(&self, name: &str) -> Result<&str, InstanceError> {
        match self.0.get(name) {
            Some(Value::Choice(v)) => Ok(v),
            Some(_) => Err(InstanceError::WrongKind { name: name.into(), expected: "a set member" }),
            None => Err(InstanceError::Missing(name.into())),
        }
    }

    /// The instance as a JSON object: integers as numbers, exact numbers and set members as
    /// strings. This is the `--replay` format.
    pub fn to_json(&self) -> serde_json::Value {
        let map = self
            .0
            .iter()
            .map(|(k, v)| {
                let json = match v {
                    Value::Integer(i) => serde_json::Value::from(*i),
                    Value::Number(r) => serde_json::Value::from(format_rational(r)),
                    Value::Choice(s) => serde_json::Value::from(s.clone()),
                };
                (k.clone(), json)
            })
            .collect();
        serde_json::Value::Object(map)
    }

    /// Reads a `--replay` instance, checking every parameter against the spec's domains.
    pub fn from_json(text: &str, spec: &Spec) -> Result<Instance, String> {
        let json = crate::eval::strict_json::from_str(text).map_err(|e| format!("the instance is not valid JSON: {e}"))?;
        let object = json.as_object().ok_or("the instance must be a JSON object mapping parameter names to values")?;
        if let Some(extra) = object.keys().find(|k| !spec.parameters.contains_key(*k)) {
            return Err(format!("'{extra}' is not a parameter of {}", spec.id));
        }
        let mut instance = Instance::default();
        for (name, domain) in &spec.parameters {
            let v = object.get(name).ok_or_else(|| format!("the instance has no value for parameter '{name}'"))?;
            let value = match domain {
                Domain::Integer { .. } => {
                    let i = v.as_i64().ok_or_else(|| format!("parameter '{name}' must be an integer, got {v}"))?;
                    if !domain.contains_integer(i) {
                        return Err(format!("parameter '{name}' = {i} is outside its domain, {}", domain.describe()));
                    }
                    Value::Integer(i)
                }
                Domain::Rational { .. } | Domain::Real { .. } => {
                    let r = match v {
                        serde_json::Value::String(s) => {
                            crate::reference::parse_rational(s).map_err(|e| format!("parameter '{name}': {e}"))?
                        }
                        serde_json::Value::Number(n) if n.is_i64() => Rational::from(n.as_i64().expect("checked")),
                        other => return Err(format!("parameter '{name}' must be an exact number written as a string, got {other}")),
                    };
                    if !domain.contains_rational(&r) {
                        return Err(format!("parameter '{name}' = {} is outside its domain, {}", format_rational(&r), domain.describe()));
                    }
                    if !super::granularity::on_grid(domain, &r) {
                        return Err(format!(
                            "parameter '{name}' = {} is finer than any instance the engine evaluates in {}: its denominator must be at most {} (256 × max_denominator × the span's denominator; see README, Budgets)",
                            format_rational(&r),
                            domain.describe(),
                            super::granularity::finest_denominator(domain).unwrap_or(0)
                        ));
                    }
                    Value::Number(r)
                }
                Domain::Set { .. } => {
                    let s = v.as_str().ok_or_else(|| format!("parameter '{name}' must be a string, got {v}"))?;
                    if !domain.contains_choice(s) {
                        return Err(format!("parameter '{name}' = '{s}' is not one of its values, {}", domain.describe()));
                    }
                    Value::Choice(s.to_string())
                }
            };
            instance.0.insert(name.clone(), value);
        }
        Ok(instance)
    }
}

impl fmt::Display for Instance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Integer(i) => write!(f, "{i}"),
            Value::Number(r) => f.write_str(&format_rational(r)),
            Value::Choice(s) => f.write_str(s),
        }
    }
}
