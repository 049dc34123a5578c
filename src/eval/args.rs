//! Typed reading of `eval` arguments, with errors that name the argument.

use super::EvalRequestError;
use crate::reference::parse_rational;
use rug::Rational;
use serde_json::{Map, Value as Json};

/// The largest number of trials the binomial functions accept: exact sums cost time and memory
/// that grow with `n`, and beyond this a request would stall the stream for minutes.
pub const MAX_TRIALS: u32 = 1_000_000;

/// The arguments of one request, read for one function.
pub struct Args<'a> {
    pub function: &'a str,
    pub map: &'a Map<String, Json>,
}

impl Args<'_> {
    fn error(&self, problem: String) -> EvalRequestError {
        EvalRequestError::Argument { function: self.function.to_string(), problem }
    }

    fn get(&self, name: &str) -> Result<&Json, EvalRequestError> {
        self.map.get(name).ok_or_else(|| self.error(format!("missing argument '{name}'")))
    }

    /// Refuses arguments the function does not take.
    pub fn only(&self, names: &[&str]) -> Result<(), EvalRequestError> {
        match self.map.keys().find(|k| !names.contains(&k.as_str())) {
            Some(k) => Err(self.error(format!("unknown argument '{k}' (takes {})", names.join(", ")))),
            None => Ok(()),
        }
    }

    /// A count: a JSON integer in `0..=u32::MAX`.
    pub fn count(&self, name: &str) -> Result<u32, EvalRequestError> {
        let v = self.get(name)?;
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.error(format!("'{name}' must be a non-negative JSON integer below 2^32, got {v}")))
    }

    /// An exact number: a string `"a/b"` or decimal, or a JSON integer.
    pub fn number(&self, name: &str) -> Result<Rational, EvalRequestError> {
        match self.get(name)? {
            Json::String(s) => parse_rational(s).map_err(|e| self.error(format!("'{name}': {e}"))),
            Json::Number(n) if n.is_i64() || n.is_u64() => {
                Ok(Rational::from(n.as_i64().map_or_else(|| rug::Integer::from(n.as_u64().unwrap_or(0)), rug::Integer::from)))
            }
            Json::Number(n) => {
                Err(self
                    .error(format!("'{name}' = {n} is a JSON float, which has been rounded to binary; pass it as a string, e.g. \"{n}\"")))
            }
            other => Err(self.error(format!("'{name}' must be a number written as a string, got {other}"))),
        }
    }

    /// A probability in `[0, 1]`.
    pub fn probability(&self, name: &str) -> Result<Rational, EvalRequestError> {
        let p = self.number(name)?;
        if !(0..=1).contains(&p) {
            return Err(self.error(format!("'{name}' = {} is outside [0, 1]", crate::reference::decimal::format_rational(&p))));
        }
        Ok(p)
    }

    /// A level in the open interval `(0, 1)`.
    pub fn open_unit(&self, name: &str) -> Result<Rational, EvalRequestError> {
        let d = self.number(name)?;
        if d <= 0 || d >= 1 {
            return Err(self.error(format!("'{name}' = {} is outside (0, 1)", crate::reference::decimal::format_rational(&d))));
        }
        Ok(d)
    }

    /// A count `n ≥ 1` and a count `k ≤ n`.
    pub fn trials_and_count(&self) -> Result<(u32, u32), EvalRequestError> {
        let n = self.count("n")?;
        let k = self.count("k")?;
        if n == 0 {
            return Err(self.error("'n' must be at least 1".into()));
        }
        if n > MAX_TRIALS {
            return Err(self.error(format!("'n' = {n} exceeds the supported maximum {MAX_TRIALS} (exact sums grow with n)")));
        }
        if k > n {
            return Err(self.error(format!("'k' = {k} exceeds 'n' = {n}")));
        }
        Ok((n, k))
    }

    pub fn wrap(&self, e: impl std::fmt::Display) -> EvalRequestError {
        self.error(e.to_string())
    }
}
