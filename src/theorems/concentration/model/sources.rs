//! Tiny history-dependent binary sources, enumerated over all strings.
//!
//! A source gives `P(X_k = 1 | X_1..X_{k−1})` from two rationals `a, b ∈ (0, 1)`:
//! - `markov`: `a` at the start and after a 0, `b` after a 1 (first order);
//! - `polya`: `(a + b·ones)/(1 + b·k)` after `k` symbols of which `ones` are 1 (depends on the
//!   whole history through its count, like a Pólya urn);
//! - `majority`: `a` while the ones are at least the zeros, `b` otherwise.

use crate::engine::{EvalError, Instance};
use rug::Rational;

/// One source.
#[derive(Clone, Debug)]
pub struct Source {
    kind: Kind,
    a: Rational,
    b: Rational,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Markov,
    Polya,
    Majority,
}

impl Source {
    pub fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let kind = match instance.choice("source")? {
            "markov" => Kind::Markov,
            "polya" => Kind::Polya,
            "majority" => Kind::Majority,
            other => return Err(EvalError::reference(format!("unknown source '{other}'"))),
        };
        Ok(Source { kind, a: instance.number("a")?.clone(), b: instance.number("b")?.clone() })
    }

    /// `P(next = 1)` after a history with `len` symbols, `ones` of them 1, ending in `last`.
    pub fn prob_one(&self, len: u32, ones: u32, last: Option<bool>) -> Rational {
        match self.kind {
            Kind::Markov => match last {
                Some(true) => self.b.clone(),
                _ => self.a.clone(),
            },
            Kind::Polya => (&self.a + Rational::from(&self.b * ones)) / (1 + Rational::from(&self.b * len)),
            Kind::Majority => {
                if 2 * ones >= len {
                    self.a.clone()
                } else {
                    self.b.clone()
                }
            }
        }
    }

    /// Visits every string of length `n` as `(P(string), [(p_k, x_k)])`, depth first.
    pub fn for_each_string(&self, n: u32, mut visit: impl FnMut(&Rational, &[(Rational, bool)])) {
        let mut path: Vec<(Rational, bool)> = Vec::with_capacity(n as usize);
        self.walk(n, Rational::from(1), 0, &mut path, &mut visit);
    }

    fn walk(
        &self,
        n: u32,
        prob: Rational,
        ones: u32,
        path: &mut Vec<(Rational, bool)>,
        visit: &mut impl FnMut(&Rational, &[(Rational, bool)]),
    ) {
        if path.len() as u32 == n {
            visit(&prob, path);
            return;
        }
        let p = self.prob_one(path.len() as u32, ones, path.last().map(|(_, x)| *x));
        for x in [false, true] {
            let q = if x { p.clone() } else { Rational::from(1 - &p) };
            if q == 0 {
                continue;
            }
            path.push((p.clone(), x));
            self.walk(n, Rational::from(&prob * &q), ones + u32::from(x), path, visit);
            path.pop();
        }
    }
}
